package org.newslens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.QuarantineTable;
import org.newslens.jobs.dedup.NearDuplicates;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.TableCommit;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.StageTimer;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ingest}: input files → {@code documents} + {@code quarantine}, one row in {@code runs}. */
public final class IngestJob {

  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  public static final String NAME = "ingest";

  /** What a run did, for the CLI summary and tests. */
  public record Result(
      String runId,
      int files,
      long inputBytes,
      long rowsIn,
      long documents,
      long quarantined,
      NearDuplicateCounts nearDuplicates,
      Map<String, Long> reasons,
      Map<String, Long> dateStatus,
      Map<String, Long> periods,
      Map<String, Long> languages,
      Set<String> rewrittenPeriods,
      Map<String, Double> stageSeconds) {}

  /** Counter in {@code runs.counters}: candidate pairs the near-duplicate LSH proposed and verified. */
  public static final String CANDIDATE_PAIRS = "near_duplicate_candidate_pairs";

  /**
   * Documents that are near-duplicates (not canonical), the clusters they fall in, and the
   * candidate pairs verified to find them.
   */
  public record NearDuplicateCounts(long copies, long clusters, long candidatePairs) {}

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final IngestOptions options;

  public IngestJob(SparkSession spark, Warehouse warehouse, IngestOptions options) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    var timer = new StageTimer(spark, NAME);
    var conf = spark.sparkContext().hadoopConfiguration();
    InputListing.Listing listing = timer.time("list", () -> InputListing.list(options.inputs(), options.format(), conf));
    String runId = RunLog.runId(NAME, options.toConfig(), listing.fingerprint());
    LOG.info("ingest {}: {} files, {} bytes", runId, listing.files(), listing.totalBytes());

    Dataset<Row> raw = new RawReader(conf, options.mapping(), options.maxRecordBytes(), options.reports()).read(spark, listing);
    Dataset<Row> cleaned =
        raw.mapPartitions(new CleanedRecords(options.maxTextChars()), org.apache.spark.sql.Encoders.row(CleanedRecords.SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rowsIn = timer.time("read+clean", cleaned::count);
      var split = IngestTransform.split(cleaned, runId);
      NearDuplicates.Assigned assigned = timer.time("near-duplicates", () -> NearDuplicates.assign(split.documents(), options.dedup()));
      Dataset<Row> documents = assigned.documents();
      Optional<Set<String>> changed = options.since().map(since -> ChangedPeriods.of(spark, warehouse, documents, since));
      try (TableCommit commit = new AtomicTableWriter(warehouse).begin(NAME)) {
        timer.time("write documents", () -> {
          Dataset<Row> sorted = documents.repartition(col(DocumentsTable.PERIOD))
              .sortWithinPartitions(DocumentsTable.PERIOD, DocumentsTable.DOC_ID);
          if (changed.isPresent()) {
            commit.replacePartitions(DocumentsTable.SPEC, sorted.where(col(DocumentsTable.PERIOD).isin(changed.get().toArray())), changed.get());
          } else {
            commit.replace(DocumentsTable.SPEC, sorted);
          }
          return null;
        });
        timer.time("write quarantine", () -> {
          commit.replace(QuarantineTable.SPEC, split.quarantine()
              .repartition(1)
              .sortWithinPartitions(QuarantineTable.INPUT_FILE, QuarantineTable.RECORD_LOCATOR, QuarantineTable.REASON_CODE));
          return null;
        });
        Dataset<Row> docs = commit.read(spark, DocumentsTable.SPEC);
        Dataset<Row> quarantine = commit.read(spark, QuarantineTable.SPEC);
        var result = timer.time("summarise", () -> {
          Map<String, Long> reasons = countBy(quarantine, QuarantineTable.REASON_CODE);
          Map<String, Long> periods = countBy(docs, DocumentsTable.PERIOD);
          return new Result(
              runId,
              listing.files(),
              listing.totalBytes(),
              rowsIn,
              sum(periods),
              sum(reasons),
              nearDuplicates(docs, assigned.candidatePairs()),
              reasons,
              countBy(cleaned.filter(col(CleanedRecords.ERROR_CODE).isNull()), CleanedRecords.DATE_STATUS),
              periods,
              countBy(docs, DocumentsTable.LANG),
              changed.orElse(periods.keySet()),
              Map.of());
        });
        if (result.documents() + result.quarantined() != rowsIn) {
          throw new IllegalStateException("counts do not reconcile: " + rowsIn + " records in, "
              + result.documents() + " documents + " + result.quarantined() + " quarantined");
        }
        Result timed = withSeconds(result, timer.orderedSeconds());
        logRun(commit, runId, started, timed);
        commit.commit();
        WarehouseCatalog.register(spark, warehouse, DocumentsTable.SPEC);
        WarehouseCatalog.register(spark, warehouse, QuarantineTable.SPEC);
        WarehouseCatalog.register(spark, warehouse, org.newslens.common.schema.RunsTable.SPEC);
        return timed;
      }
    } finally {
      cleaned.unpersist();
    }
  }

  private static Result withSeconds(Result r, Map<String, Double> seconds) {
    return new Result(r.runId(), r.files(), r.inputBytes(), r.rowsIn(), r.documents(), r.quarantined(),
        r.nearDuplicates(), r.reasons(), r.dateStatus(), r.periods(), r.languages(), r.rewrittenPeriods(), seconds);
  }

  private void logRun(TableCommit commit, String runId, Instant started, Result r) {
    Map<String, Long> counters = new TreeMap<>();
    r.reasons().forEach((k, v) -> counters.put("quarantine." + k, v));
    r.dateStatus().forEach((k, v) -> counters.put("date." + k.toLowerCase(java.util.Locale.ROOT), v));
    counters.put("files", (long) r.files());
    counters.put("near_duplicates", r.nearDuplicates().copies());
    counters.put("near_duplicate_clusters", r.nearDuplicates().clusters());
    counters.put(CANDIDATE_PAIRS, r.nearDuplicates().candidatePairs());
    counters.put("input_bytes", r.inputBytes());
    Map<String, Long> rowsOut = new LinkedHashMap<>();
    rowsOut.put(DocumentsTable.NAME, r.documents());
    rowsOut.put(QuarantineTable.NAME, r.quarantined());
    RunLog.append(commit, spark, new RunLog.Run(
        runId, NAME, "SUCCEEDED", started, Instant.now(), options.toConfig(), options.inputs(),
        r.rowsIn(), rowsOut, r.quarantined(), counters, r.stageSeconds()));
  }

  private static NearDuplicateCounts nearDuplicates(Dataset<Row> docs, long candidatePairs) {
    Row row = docs.where(not(col(DocumentsTable.IS_CANONICAL)))
        .agg(count(lit(1)), countDistinct(col(DocumentsTable.DUP_CLUSTER)))
        .first();
    return new NearDuplicateCounts(row.getLong(0), row.getLong(1), candidatePairs);
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> countBy(Dataset<Row> ds, String column) {
    Map<String, Long> out = new TreeMap<>();
    List<Row> rows = ds.groupBy(col(column)).count().collectAsList();
    rows.forEach(row -> out.put(String.valueOf(row.get(0)), row.getLong(1)));
    return out;
  }
}
