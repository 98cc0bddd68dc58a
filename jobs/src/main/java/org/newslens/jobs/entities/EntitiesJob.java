package org.newslens.jobs.entities;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;
import org.newslens.common.schema.RunsTable;
import org.newslens.jobs.cli.UserException;
import org.newslens.jobs.dedup.AnalysedDocuments;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.StageTimer;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;

/** {@code entities}: canonical {@code documents} → {@code entity_mentions} + {@code entities}. */
public final class EntitiesJob {

  public static final String NAME = "entities";

  /** Default for {@code --max-ner-chars}: characters of a document the CRF reads. */
  public static final int MAX_NER_CHARS_DEFAULT = 200_000;

  /**
   * The effective options: extra gazetteer file contents, the NER character cap, whether copies
   * are analysed, and for incremental runs the periods to recognise again (empty: all).
   */
  public record Options(List<String> gazetteerFiles, List<String> gazetteerContents, int maxNerChars, boolean includeDuplicates,
      Optional<Set<String>> periods) {
    public Options {
      periods = periods.map(Set::copyOf);
      gazetteerFiles = List.copyOf(gazetteerFiles);
      gazetteerContents = List.copyOf(gazetteerContents);
      if (maxNerChars < 1) {
        throw new UserException("--max-ner-chars " + maxNerChars + " must be positive");
      }
    }

    /** These options limited to documents of {@code changed} periods. */
    public Options onlyPeriods(Set<String> changed) {
      return new Options(gazetteerFiles, gazetteerContents, maxNerChars, includeDuplicates, Optional.of(changed));
    }

    Map<String, Object> toConfig() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("gazetteer", gazetteerFiles);
      c.put("gazetteer_sha256", org.newslens.common.ids.StableIds.sha256Hex(gazetteerContents.toArray(String[]::new)));
      c.put("max_ner_chars", maxNerChars);
      c.put("include_duplicates", includeDuplicates);
      c.put("periods", periods.map(p -> (Object) new java.util.TreeSet<>(p)).orElse("all"));
      return c;
    }
  }

  /** What a run did. */
  public record Result(String runId, long documents, long mentions, long entities, long tokens, long truncatedDocs,
      Map<String, Long> byType, Map<String, Double> stageSeconds) {}

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final Options options;

  public EntitiesJob(SparkSession spark, Warehouse warehouse, Options options) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    WarehouseCatalog.registerRequiring(spark, warehouse, DocumentsTable.SPEC, "ingest");
    var timer = new StageTimer(spark, NAME);
    Dataset<Row> analysed = AnalysedDocuments.read(spark, options.includeDuplicates());
    Dataset<Row> docs = options.periods().map(p -> analysed.where(col(DocumentsTable.PERIOD).isin(p.toArray()))).orElse(analysed)
        .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, DocumentsTable.PUBLISHED_AT, DocumentsTable.TEXT);
    long docCount = docs.count();
    String runId = RunLog.runId(NAME, options.toConfig(), RunLog.latestRunId(spark, "ingest") + docCount);
    var tokens = spark.sparkContext().longAccumulator("tokens");
    var truncated = spark.sparkContext().longAccumulator("ner_truncated_docs");
    int partitions = Math.max(spark.sparkContext().defaultParallelism() * 4, (int) Math.min(docCount / 500, 2000));
    Dataset<Row> rows = docs.repartition(partitions, col(DocumentsTable.DOC_ID))
        .mapPartitions(new MentionRows(options.gazetteerContents(), options.maxNerChars(), tokens, truncated), Encoders.row(MentionRows.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long mentionCount = timer.time("recognise", rows::count);
      var writer = new AtomicTableWriter(warehouse);
      timer.time("write entity_mentions", () -> {
        Dataset<Row> mentions = EntitiesTransform.mentions(rows)
            .repartition(col(EntityMentionsTable.PERIOD))
            .sortWithinPartitions(EntityMentionsTable.PERIOD, EntityMentionsTable.DOC_ID, EntityMentionsTable.BEGIN_CHAR);
        if (options.periods().isPresent()) {
          writer.replacePartitions(EntityMentionsTable.SPEC, mentions, options.periods().get());
        } else {
          writer.replace(EntityMentionsTable.SPEC, mentions);
        }
        return null;
      });
      WarehouseCatalog.register(spark, warehouse, EntityMentionsTable.SPEC);
      timer.time("write entities", () -> {
        // From the whole table, so an incremental run aggregates its new periods with the old ones.
        Dataset<Row> all = spark.table(EntityMentionsTable.SPEC.qualifiedName())
            .join(analysed.select(DocumentsTable.DOC_ID, DocumentsTable.PUBLISHED_AT), EntityMentionsTable.DOC_ID);
        writer.replace(EntitiesTable.SPEC, EntitiesTransform.entities(all).repartition(1).sortWithinPartitions(EntitiesTable.ENTITY_ID));
        return null;
      });
      WarehouseCatalog.register(spark, warehouse, EntitiesTable.SPEC);
      long entityCount = spark.table(EntitiesTable.SPEC.qualifiedName()).count();
      Map<String, Long> byType = new TreeMap<>();
      spark.table(EntityMentionsTable.SPEC.qualifiedName()).groupBy(EntityMentionsTable.ENTITY_TYPE).count()
          .collectAsList().forEach(r -> byType.put(r.getString(0), r.getLong(1)));
      var result = new Result(runId, docCount, mentionCount, entityCount, tokens.value(), truncated.value(), byType, timer.orderedSeconds());
      log(started, result);
      return result;
    } finally {
      rows.unpersist();
    }
  }

  private void log(Instant started, Result r) {
    Map<String, Long> counters = new TreeMap<>();
    r.byType().forEach((k, v) -> counters.put("mentions." + k, v));
    counters.put("tokens", r.tokens());
    counters.put("ner_truncated_docs", r.truncatedDocs());
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(EntityMentionsTable.NAME, r.mentions());
    out.put(EntitiesTable.NAME, r.entities());
    RunLog.append(spark, warehouse, new RunLog.Run(r.runId(), NAME, "SUCCEEDED", started, Instant.now(), options.toConfig(),
        List.of(DocumentsTable.SPEC.qualifiedName()), r.documents(), out, 0, counters, r.stageSeconds()));
    WarehouseCatalog.register(spark, warehouse, RunsTable.SPEC);
  }
}
