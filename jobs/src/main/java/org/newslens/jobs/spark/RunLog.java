package org.newslens.jobs.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.ids.StableIds;
import org.newslens.common.schema.RunsTable;

/** Appends one row per job execution to {@code runs}. */
public final class RunLog {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** One execution of a job, as recorded in {@code runs}. */
  public record Run(
      String runId,
      String job,
      String status,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Object> config,
      List<String> inputs,
      long rowsIn,
      Map<String, Long> rowsOut,
      long quarantined,
      Map<String, Long> counters,
      Map<String, Double> stageSeconds) {}

  private RunLog() {}

  /**
   * The run id: a hash of the job, its effective config and its input fingerprint, so that
   * re-running on the same input and config writes identical tables.
   */
  public static String runId(String job, Map<String, Object> config, String inputFingerprint) {
    return job + "-" + StableIds.sha256Hex(job, toJson(config), inputFingerprint).substring(0, 12);
  }

  /** The run id of the latest run of {@code job} in the registered {@code runs} table, or "none". */
  public static String latestRunId(SparkSession spark, String job) {
    var rows = spark.table(RunsTable.SPEC.qualifiedName())
        .where(org.apache.spark.sql.functions.col(RunsTable.JOB).equalTo(job))
        .orderBy(org.apache.spark.sql.functions.col(RunsTable.STARTED_AT).desc())
        .select(RunsTable.RUN_ID).limit(1).collectAsList();
    return rows.isEmpty() ? "none" : rows.get(0).getString(0);
  }

  /** The newslens version in the job jar's manifest, or "dev" when run from classes. */
  public static String appVersion() {
    String v = RunLog.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static String toJson(Map<String, Object> config) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(config));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not serialisable as JSON", e);
    }
  }

  /** The run's counters and what its stages cost the executors ({@link ResourceMeter}). */
  private static Map<String, Long> withResources(Run run) {
    SparkContext sc = SparkContext.getOrCreate();
    Map<String, Long> counters = new TreeMap<>(ResourceMeter.of(sc).drain(sc, run.job()));
    counters.putAll(run.counters());
    return counters;
  }

  /** Stages the run's row in {@code commit}, so that it appears in {@code runs} with the tables it wrote. */
  public static void append(TableCommit commit, SparkSession spark, Run run) {
    Row row =
        RowFactory.create(
            run.runId(),
            run.job(),
            run.status(),
            Timestamp.from(run.startedAt()),
            Timestamp.from(run.finishedAt()),
            appVersion(),
            SparkContext.getOrCreate().version(),
            toJson(run.config()),
            run.inputs(),
            run.rowsIn(),
            run.rowsOut(),
            run.quarantined(),
            withResources(run),
            run.stageSeconds());
    commit.append(RunsTable.SPEC, spark.createDataFrame(List.of(row), RunsTable.SCHEMA));
  }
}
