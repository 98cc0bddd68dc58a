package org.newslens.jobs.cooccur;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.EntityMentionsTable;
import org.newslens.common.schema.RunsTable;
import org.newslens.jobs.cli.UserException;
import org.newslens.jobs.dedup.AnalysedDocuments;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.TableCommit;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.StageTimer;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;

/** {@code cooccur}: {@code entity_mentions} of the analysed documents → {@code cooccurrences}. */
public final class CooccurJob {

  public static final String NAME = "cooccur";

  /** Default for {@code --min-count}: pairs seen in fewer windows are not kept. */
  public static final long MIN_COUNT_DEFAULT = 2;

  /** Default for {@code --max-entities-per-window}: the salience cap that bounds pairs per window. */
  public static final int MAX_PER_WINDOW_DEFAULT = 50;

  /**
   * The effective options.
   *
   * @param minCount pairs seen in fewer windows are not kept ({@code --min-count})
   * @param maxPerWindow salience cap per window ({@code --max-entities-per-window})
   * @param includeDuplicates count the windows of every near-duplicate copy ({@code --include-duplicates})
   * @param weightBySyndication fill {@code n_ab_syndicated} ({@code --weight-by-syndication})
   * @param periods incremental run: the months to count again, with {@code all} (empty: every period)
   */
  public record Options(long minCount, int maxPerWindow, boolean includeDuplicates, boolean weightBySyndication,
      Optional<Set<String>> periods) {
    public Options {
      periods = periods.map(Set::copyOf);
      if (includeDuplicates && weightBySyndication) {
        throw new UserException("--weight-by-syndication counts the copies of a canonical document; it cannot be used with --include-duplicates");
      }
      if (minCount < 1) {
        throw new UserException("--min-count " + minCount + " must be at least 1");
      }
      if (maxPerWindow < 2) {
        throw new UserException("--max-entities-per-window " + maxPerWindow + " must be at least 2");
      }
    }

    /** These options limited to the {@code changed} periods (and {@code all}). */
    public Options onlyPeriods(Set<String> changed) {
      return new Options(minCount, maxPerWindow, includeDuplicates, weightBySyndication, Optional.of(changed));
    }

    Map<String, Object> toConfig() {
      return Map.of("min_count", minCount, "max_entities_per_window", maxPerWindow,
          "include_duplicates", includeDuplicates, "weight_by_syndication", weightBySyndication,
          "periods", periods.map(p -> (Object) new java.util.TreeSet<>(p)).orElse("all"));
    }
  }

  /**
   * What a run did.
   *
   * @param cappedWindows windows over {@code --max-entities-per-window}, by window kind
   */
  public record Result(String runId, long mentions, long pairs, Map<String, Long> pairsByWindow, Map<String, Long> cappedWindows,
      Map<String, Double> stageSeconds) {}

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Options options;

  public CooccurJob(SparkSession spark, Warehouse warehouse, Options options) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    WarehouseCatalog.registerRequiring(spark, warehouse, EntityMentionsTable.SPEC, "entities");
    var timer = new StageTimer(spark, NAME);
    Column weight = options.weightBySyndication()
        ? col(DocumentsTable.SYNDICATION_COUNT).cast("long")
        : lit(null).cast("long");
    Dataset<Row> analysed = AnalysedDocuments.read(spark, options.includeDuplicates())
        .select(col(DocumentsTable.DOC_ID), weight.as(CooccurTransform.WEIGHT));
    Dataset<Row> mentions = spark.table(EntityMentionsTable.SPEC.qualifiedName())
        .join(analysed, EntityMentionsTable.DOC_ID)
        .select(EntityMentionsTable.DOC_ID, EntityMentionsTable.SENTENCE_IDX, EntityMentionsTable.BEGIN_CHAR,
            EntityMentionsTable.ENTITY_ID, EntityMentionsTable.PERIOD, CooccurTransform.WEIGHT);
    long mentionCount = mentions.count();
    String runId = RunLog.runId(NAME, options.toConfig(), RunLog.latestRunId(spark, "entities") + mentionCount);
    try (TableCommit commit = new AtomicTableWriter(warehouse).begin(NAME);
        CooccurTransform.Counting counting = CooccurTransform.countPairs(mentions, options.maxPerWindow(), options.minCount())) {
      timer.time("count pairs", () -> {
        Dataset<Row> counted = counting.pairs()
            .repartition(col(CooccurrencesTable.PERIOD))
            .sortWithinPartitions(CooccurrencesTable.PERIOD, CooccurrencesTable.WINDOW, CooccurrencesTable.ENTITY_A, CooccurrencesTable.ENTITY_B);
        if (options.periods().isPresent()) {
          Set<String> changed = new java.util.TreeSet<>(options.periods().get());
          changed.add(CooccurrencesTable.ALL);
          commit.replacePartitions(CooccurrencesTable.SPEC, counted.where(col(CooccurrencesTable.PERIOD).isin(changed.toArray())), changed);
        } else {
          commit.replace(CooccurrencesTable.SPEC, counted);
        }
        return null;
      });
      Dataset<Row> pairTable = commit.read(spark, CooccurrencesTable.SPEC);
      Map<String, Long> byWindow = new TreeMap<>();
      pairTable.where(col(CooccurrencesTable.PERIOD).equalTo(CooccurrencesTable.ALL))
          .groupBy(CooccurrencesTable.WINDOW).count().collectAsList().forEach(r -> byWindow.put(r.getString(0), r.getLong(1)));
      long pairs = pairTable.count();
      Map<String, Long> capped = timer.time("count capped windows", () -> counting.cappedWindows());
      var result = new Result(runId, mentionCount, pairs, byWindow, capped, timer.orderedSeconds());
      Map<String, Long> counters = new TreeMap<>();
      byWindow.forEach((k, v) -> counters.put("pairs_all." + k, v));
      capped.forEach((k, v) -> counters.put("windows_capped." + k, v));
      Map<String, Long> out = new LinkedHashMap<>();
      out.put(CooccurrencesTable.NAME, pairs);
      RunLog.append(commit, spark, new RunLog.Run(runId, NAME, "SUCCEEDED", started, Instant.now(), options.toConfig(),
          List.of(EntityMentionsTable.SPEC.qualifiedName()), mentionCount, out, 0, counters, result.stageSeconds()));
      commit.commit();
      WarehouseCatalog.register(spark, warehouse, CooccurrencesTable.SPEC);
      WarehouseCatalog.register(spark, warehouse, RunsTable.SPEC);
      return result;
    }
  }
}
