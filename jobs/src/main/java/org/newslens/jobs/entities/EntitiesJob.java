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
import org.newslens.common.schema.SkippedDocumentsTable;
import org.newslens.jobs.cli.UserException;
import org.newslens.jobs.dedup.AnalysedDocuments;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.TableCommit;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.SkippedDocuments;
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

  /**
   * What a run did: documents read, mentions and entities written, and the recognisers' counters
   * (tokens, documents the CRF read only the start of, over-long runs skipped, over-long sentences
   * cut, documents skipped), and for an incremental run the periods of entity_mentions it rewrote:
   * those it recognised again and those whose ids a merge across documents changed.
   */
  public record Result(String runId, long documents, long mentions, long entities, Map<String, Long> counters,
      Map<String, Long> byType, Map<String, Double> stageSeconds, Optional<Set<String>> rewrittenPeriods) {

    public long tokens() {
      return counters.get(TOKENS);
    }

    public long truncatedDocs() {
      return counters.get(TRUNCATED_DOCS);
    }

    public long skippedDocs() {
      return counters.get(SKIPPED_DOCS);
    }
  }

  // Keys of runs.counters: tokens, documents the CRF read only the start of, runs of over
  // CrfNer.MAX_TOKEN_CHARS characters not tokenised, sentences cut, sentences the CRF did not need to
  // read, documents skipped.
  static final String TOKENS = "tokens";
  static final String TRUNCATED_DOCS = "ner_truncated_docs";
  public static final String SKIPPED_TOKENS = "ner_long_tokens_skipped";
  public static final String SPLIT_SENTENCES = "ner_long_sentences_split";
  /** Counter: sentences the CRF did not label, having no token that could begin a name. */
  public static final String NAMELESS_SENTENCES = "ner_nameless_sentences";
  static final String SKIPPED_DOCS = "skipped_documents";

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
        .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, DocumentsTable.PUBLISHED_AT, DocumentsTable.TEXT, DocumentsTable.PAGE_STARTS);
    long docCount = docs.count();
    String runId = RunLog.runId(NAME, options.toConfig(), RunLog.latestRunId(spark, "ingest") + docCount);
    var sc = spark.sparkContext();
    var counters = new MentionRows.Counters(sc.longAccumulator(TOKENS), sc.longAccumulator(TRUNCATED_DOCS),
        sc.longAccumulator(SKIPPED_TOKENS), sc.longAccumulator(SPLIT_SENTENCES), sc.longAccumulator(NAMELESS_SENTENCES),
        sc.longAccumulator(SKIPPED_DOCS));
    int partitions = Math.max(spark.sparkContext().defaultParallelism() * 4, (int) Math.min(docCount / 500, 2000));
    Dataset<Row> analysedRows = docs.repartition(partitions, col(DocumentsTable.DOC_ID))
        .mapPartitions(new MentionRows(options.gazetteerContents(), options.maxNerChars(), counters), Encoders.row(MentionRows.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> rows = analysedRows.where(col(SkippedDocuments.CODE).isNull());
    try {
      timer.time("recognise", analysedRows::count);
      long mentionCount = rows.count();
      try (TableCommit commit = new AtomicTableWriter(warehouse).begin(NAME)) {
        timer.time("write skipped_documents", () -> {
          SkippedDocuments.write(commit, spark, warehouse, NAME, analysedRows.where(col(SkippedDocuments.CODE).isNotNull()), runId, options.periods());
          return null;
        });
        Dataset<Row> fresh = EntitiesTransform.mentions(rows);
        Set<String> rewritten = new java.util.TreeSet<>();
        Optional<Dataset<Row>> kept = keptMentions();
        Dataset<Row> aliases = timer.time("merge aliases",
            () -> MentionAliases.mapping(spark, kept.map(fresh::unionByName).orElse(fresh)));
        timer.time("write entity_mentions", () -> {
          if (options.periods().isPresent()) {
            // The new periods, and the old ones whose rows a merge made or undone changes.
            Set<String> periods = new java.util.TreeSet<>(options.periods().get());
            kept.ifPresent(k -> periods.addAll(MentionAliases.changedPeriods(k, aliases)));
            rewritten.addAll(periods);
            Dataset<Row> touched = kept.map(k -> fresh.unionByName(k.where(col(EntityMentionsTable.PERIOD).isin(periods.toArray())))).orElse(fresh);
            commit.replacePartitions(EntityMentionsTable.SPEC, sortedForWrite(MentionAliases.apply(touched, aliases)), periods);
          } else {
            commit.replace(EntityMentionsTable.SPEC, sortedForWrite(MentionAliases.apply(fresh, aliases)));
          }
          return null;
        });
        Dataset<Row> allMentions = commit.read(spark, EntityMentionsTable.SPEC);
        timer.time("write entities", () -> {
          // From the whole table as committed, so an incremental run aggregates its new periods with the old ones.
          // read and joined once: the aggregation scans it three times (totals, names, types)
          Dataset<Row> all = allMentions.join(analysed.select(DocumentsTable.DOC_ID, DocumentsTable.PUBLISHED_AT), EntityMentionsTable.DOC_ID)
              .persist(StorageLevel.MEMORY_AND_DISK());
          try {
            commit.replace(EntitiesTable.SPEC, EntitiesTransform.entities(all, MentionAliases.names(aliases))
                .repartition(1).sortWithinPartitions(EntitiesTable.ENTITY_ID));
          } finally {
            all.unpersist();
          }
          return null;
        });
        long entityCount = commit.read(spark, EntitiesTable.SPEC).count();
        Map<String, Long> byType = new TreeMap<>();
        allMentions.groupBy(EntityMentionsTable.ENTITY_TYPE).count()
            .collectAsList().forEach(r -> byType.put(r.getString(0), r.getLong(1)));
        Map<String, Long> counted = new TreeMap<>();
        for (var a : List.of(counters.tokens(), counters.truncatedDocs(), counters.skippedTokens(), counters.splitSentences(), counters.namelessSentences(),
            counters.skippedDocs())) {
          counted.put(a.name().get(), a.value());
        }
        var result = new Result(runId, docCount, mentionCount, entityCount, counted, byType, timer.orderedSeconds(),
            options.periods().map(p -> Set.copyOf(rewritten)));
        log(commit, started, result);
        commit.commit();
        for (var t : List.of(SkippedDocumentsTable.SPEC, EntityMentionsTable.SPEC, EntitiesTable.SPEC, RunsTable.SPEC)) {
          WarehouseCatalog.register(spark, warehouse, t);
        }
        return result;
      }
    } finally {
      analysedRows.unpersist();
    }
  }

  /**
   * For an incremental run, the committed mentions of the periods it does not recognise again
   * (tables written before local_entity_id existed read it as their entity_id).
   */
  private Optional<Dataset<Row>> keptMentions() {
    if (options.periods().isEmpty() || !warehouse.hasTable(EntityMentionsTable.SPEC)) {
      return Optional.empty();
    }
    Dataset<Row> table = spark.read().schema(EntityMentionsTable.SCHEMA).parquet(warehouse.tableDir(EntityMentionsTable.SPEC).toString());
    return Optional.of(table.where(org.apache.spark.sql.functions.not(col(EntityMentionsTable.PERIOD).isin(options.periods().get().toArray())))
        .withColumn(EntityMentionsTable.LOCAL_ENTITY_ID,
            org.apache.spark.sql.functions.coalesce(col(EntityMentionsTable.LOCAL_ENTITY_ID), col(EntityMentionsTable.ENTITY_ID))));
  }

  private static Dataset<Row> sortedForWrite(Dataset<Row> mentions) {
    return mentions.repartition(col(EntityMentionsTable.PERIOD))
        .sortWithinPartitions(EntityMentionsTable.PERIOD, EntityMentionsTable.DOC_ID, EntityMentionsTable.BEGIN_CHAR);
  }

  private void log(TableCommit commit, Instant started, Result r) {
    Map<String, Long> counters = new TreeMap<>();
    r.byType().forEach((k, v) -> counters.put("mentions." + k, v));
    counters.putAll(r.counters());
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(EntityMentionsTable.NAME, r.mentions());
    out.put(EntitiesTable.NAME, r.entities());
    RunLog.append(commit, spark, new RunLog.Run(r.runId(), NAME, "SUCCEEDED", started, Instant.now(), options.toConfig(),
        List.of(DocumentsTable.SPEC.qualifiedName()), r.documents(), out, 0, counters, r.stageSeconds()));
  }
}
