package org.newslens.jobs.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.jobs.dedup.AnalysedDocuments;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.TopicTables;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.cli.UserException;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.TableCommit;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.SkippedDocuments;
import org.newslens.jobs.spark.StageTimer;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;
import scala.Tuple2;

/**
 * {@code topics}: canonical documents → doc_themes, topics, doc_topics, topic_trends,
 * topic_quality. One LDA model over all documents and one per theme; theme models are seeded with
 * their lexicon's terms in the vocabulary.
 */
public final class TopicsJob {

  public static final String NAME = "topics";
  /** Counter in {@code runs.counters}: documents the tokeniser skipped. */
  public static final String SKIPPED_DOCS = "skipped_documents";
  /** Counter in {@code runs.counters}: documents whose topic tokens were cut at {@link TopicTokens#MAX_DOC_TOKENS}. */
  public static final String TRUNCATED_DOCS = "topic_docs_truncated";
  static final int MIN_DOCS_PER_TOPIC = 2;

  /** What a run did; {@code counters} holds the documents skipped and those whose tokens were cut. */
  public record Result(String runId, long documents, int vocabulary, List<TopicModel.Fit> fits, Map<String, Balance> balance,
      Map<String, Long> themes, Map<String, Long> counters, Map<String, Double> stageSeconds) {}

  /**
   * How a model spreads its documents over its topics, each document counted in its heaviest topic.
   *
   * @param largestTopic the topic that is the heaviest of most documents
   * @param largestShare the share of the documents whose heaviest topic is {@code largestTopic}
   * @param smallTopics topics that are the heaviest of under {@link #SMALL_TOPIC_SHARE} of the documents
   */
  public record Balance(int largestTopic, double largestShare, int smallTopics) {

    /** A model that puts more than half of its documents in one topic has failed to separate them. */
    public boolean degenerate() {
      return largestShare > DEGENERATE_SHARE;
    }
  }

  static final double SMALL_TOPIC_SHARE = 0.005;
  static final double DEGENERATE_SHARE = 0.5;

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final TopicsOptions options;

  public TopicsJob(SparkSession spark, Warehouse warehouse, TopicsOptions options) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.options = options;
  }

  /** Tokens of the canonical documents, with entity mentions as {@code ent:} tokens when entities ran. */
  private Dataset<Row> tokens(ThemeLexicon lexicon, Map<String, ThemeClassifier> classifiers) {
    Dataset<Row> docs = AnalysedDocuments.read(spark, options.includeDuplicates())
        .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, DocumentsTable.TEXT, DocumentsTable.TITLE);
    Dataset<Row> input;
    if (warehouse.hasTable(EntityMentionsTable.SPEC) && warehouse.hasTable(EntitiesTable.SPEC)) {
      Dataset<Row> mentions = spark.table(EntityMentionsTable.SPEC.qualifiedName())
          .select(EntityMentionsTable.DOC_ID, EntityMentionsTable.BEGIN_CHAR, EntityMentionsTable.END_CHAR, EntityMentionsTable.ENTITY_ID)
          .join(spark.table(EntitiesTable.SPEC.qualifiedName()).select(EntitiesTable.ENTITY_ID, EntitiesTable.THEME), EntitiesTable.ENTITY_ID)
          .groupBy(EntityMentionsTable.DOC_ID)
          .agg(collect_list(struct(col(EntityMentionsTable.BEGIN_CHAR), col(EntityMentionsTable.END_CHAR),
              col(EntityMentionsTable.ENTITY_ID), col(EntitiesTable.THEME))).as("mentions"));
      input = docs.join(mentions, new String[] {DocumentsTable.DOC_ID}, "left")
          .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, DocumentsTable.TEXT, "mentions", DocumentsTable.TITLE);
    } else {
      input = docs.withColumn("mentions", org.apache.spark.sql.functions.lit(null).cast(
          "array<struct<begin_char:int,end_char:int,entity_id:string,theme:string>>"))
          .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, DocumentsTable.TEXT, "mentions", DocumentsTable.TITLE);
    }
    return input.mapPartitions(new TopicTokens(lexicon, classifiers), Encoders.row(TopicTokens.SCHEMA));
  }

  /** Fits the all-documents model once per k on one tokenisation, writing nothing (for --sweep). */
  public List<TopicModel.Fit> sweep(List<Integer> ks) {
    ThemeLexicon lexicon = ThemeLexicon.load(options.themesDir());
    Dataset<Row> tokens = prepare(lexicon, Map.of()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<String> vocab = vocabulary(tokens);
      Dataset<Row> members = features(tokens, vocab);
      JavaPairRDD<Long, Vector> corpus = corpus(members);
      long docs = corpus.count();
      List<TopicModel.Fit> fits = new ArrayList<>();
      TopicModel.Corpus all = new TopicModel.Corpus(corpus, docs);
      TopicModel.Corpus sample = fitCorpus(members, all);
      for (int k : ks) {
        TopicModel.Fit fit = TopicModel.fit(TopicTables.ALL, all, sample, k, options.withKAll(k), List.of(), vocab.size(), true);
        fit.topics().release();
        fits.add(fit);
      }
      corpus.unpersist();
      if (sample != all) {
        sample.rdd().unpersist();
      }
      return fits;
    } finally {
      tokens.unpersist();
    }
  }

  private Dataset<Row> prepare(ThemeLexicon lexicon, Map<String, ThemeClassifier> classifiers) {
    WarehouseCatalog.registerRequiring(spark, warehouse, DocumentsTable.SPEC, "ingest");
    return tokens(lexicon, classifiers);
  }

  private List<String> vocabulary(Dataset<Row> tokens) {
    List<String> vocab = TopicsTransform.vocabulary(tokens, options.minDf(), options.maxDf(), options.vocabSize());
    if (vocab.size() < 2) {
      throw new UserException("the corpus yields " + vocab.size() + " terms with --min-df " + options.minDf() + ": too few documents for topics");
    }
    return vocab;
  }

  private static Dataset<Row> features(Dataset<Row> tokens, List<String> vocab) {
    return new CountVectorizerModel(vocab.toArray(String[]::new))
        .setInputCol(TopicTokens.TOKENS).setOutputCol("features")
        .transform(tokens)
        .withColumn("id", xxhash64(col(DocumentsTable.DOC_ID)))
        .select("id", DocumentsTable.DOC_ID, DocumentsTable.PERIOD, "features");
  }

  public Result run() {
    Instant started = Instant.now();
    var timer = new StageTimer(spark, NAME);
    ThemeLexicon lexicon = ThemeLexicon.load(options.themesDir());
    Map<String, ThemeClassifier> classifiers = options.classifiers();
    Dataset<Row> analysed = prepare(lexicon, classifiers).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> tokens = analysed.where(col(SkippedDocuments.CODE).isNull());
    Dataset<Row> skipped = analysed.where(col(SkippedDocuments.CODE).isNotNull());
    try {
      timer.time("tokenise", analysed::count);
      long docCount = tokens.count();
      Map<String, Long> counters = new TreeMap<>();
      counters.put(SKIPPED_DOCS, skipped.count());
      counters.put(TRUNCATED_DOCS, tokens.where(col(TopicTokens.TRUNCATED)).count());
      Dataset<Row> docThemes = TopicsTransform.docThemes(tokens, options.themeMinMatches(), options.themeMinScore(),
          thresholds(classifiers), TopicsOptions.EITHER.equals(options.themeRule())).persist();
      List<String> vocab = timer.time("vocabulary", () -> vocabulary(tokens));
      Dataset<Row> features = features(tokens, vocab);
      String runId = RunLog.runId(NAME, options.toConfig(), String.valueOf(docCount) + vocab.hashCode());
      List<TopicModel.Fit> fits = new ArrayList<>();
      List<Dataset<Row>> weights = new ArrayList<>();
      List<JavaPairRDD<Long, Vector>> corpora = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Plan> plans = new ArrayList<>();
      for (String model : List.of(TopicTables.ALL, TopicTables.DEFENCE, TopicTables.ENERGY)) {
        Dataset<Row> members = model.equals(TopicTables.ALL) ? features
            : features.join(docThemes.where(col(TopicTables.THEME).equalTo(model)).select(TopicTables.DOC_ID), DocumentsTable.DOC_ID);
        JavaPairRDD<Long, Vector> corpus = corpus(members);
        long docs = corpus.count();
        int k = options.k(model);
        if (docs < (long) k * MIN_DOCS_PER_TOPIC) {
          corpus.unpersist();
          continue;
        }
        List<Integer> seeds = model.equals(TopicTables.ALL) ? List.of()
            : seedWords(vocab, lexicon.core(model), k * options.seedsPerTopic());
        corpora.add(corpus);
        plans.add(new Plan(model, members, new TopicModel.Corpus(corpus, docs), k, seeds));
      }
      fits.addAll(timer.time("fit", () -> fitAll(plans, corpora, vocab.size())));
      for (int i = 0; i < plans.size(); i++) {
        weights.add(docWeights(plans.get(i).model(), fits.get(i), plans.get(i).members()));
      }
      if (fits.isEmpty()) {
        throw new UserException(docCount + " documents are too few for " + options.kAll() + " topics");
      }
      Dataset<Row> allWeights = weights.stream().reduce(Dataset::unionByName).orElseThrow().persist();
      timer.time("doc topics", allWeights::count);
      fits.forEach(f -> f.topics().release());
      corpora.forEach(JavaPairRDD::unpersist);
      Map<String, Balance> balance = balance(allWeights, fits);
      try (TableCommit commit = new AtomicTableWriter(warehouse).begin(NAME)) {
        timer.time("write", () -> {
          write(commit, docThemes, vocab, lexicon, fits, balance, allWeights, runId);
          SkippedDocuments.write(commit, spark, warehouse, NAME, skipped, runId, Optional.empty());
          return null;
        });
        Map<String, Long> themes = new TreeMap<>();
        docThemes.groupBy(TopicTables.THEME).count().collectAsList().forEach(r -> themes.put(r.getString(0), r.getLong(1)));
        allWeights.unpersist();
        docThemes.unpersist();
        var result = new Result(runId, docCount, vocab.size(), fits, balance, themes, counters, timer.orderedSeconds());
        log(commit, started, result);
        commit.commit();
        for (TableSpec t : List.of(TopicTables.DOC_THEMES, TopicTables.TOPICS, TopicTables.TOPIC_QUALITY, TopicTables.DOC_TOPICS,
            TopicTables.TOPIC_TRENDS, org.newslens.common.schema.SkippedDocumentsTable.SPEC, org.newslens.common.schema.RunsTable.SPEC)) {
          WarehouseCatalog.register(spark, warehouse, t);
        }
        return result;
      }
    } finally {
      analysed.unpersist();
    }
  }

  /** A model to fit: its documents' features, their cached corpus, k and seed words. */
  private record Plan(String model, Dataset<Row> members, TopicModel.Corpus corpus, int k, List<Integer> seeds) {}

  /**
   * Fits the models side by side, as many at a time as the cluster has cores (at most one per
   * model): a fit of a corpus that one partition samples runs as one task, so fitted one after
   * the other the three models would leave all cores but one idle. Each fit has its own seeds, so
   * the models do not depend on the order their jobs run in; the fits are returned in plan order.
   */
  private List<TopicModel.Fit> fitAll(List<Plan> plans, List<JavaPairRDD<Long, Vector>> corpora, int vocabSize) {
    int threads = Math.max(1, Math.min(plans.size(), spark.sparkContext().defaultParallelism()));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "newslens-topics-fit");
      t.setDaemon(true);
      return t;
    });
    try {
      List<java.util.concurrent.Future<TopicModel.Fit>> futures = new ArrayList<>();
      for (Plan p : plans) {
        futures.add(pool.submit(() -> {
          TopicModel.Corpus sample = fitCorpus(p.members(), p.corpus());
          if (sample != p.corpus()) {
            corpora.add(sample.rdd());
          }
          return TopicModel.fit(p.model(), p.corpus(), sample, p.k(), options, p.seeds(), vocabSize, true);
        }));
      }
      List<TopicModel.Fit> out = new ArrayList<>();
      for (var f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting the topic models", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The corpus as MLlib wants it, non-empty documents only, partitioned and ordered deterministically. */
  private JavaPairRDD<Long, Vector> corpus(Dataset<Row> members) {
    int partitions = spark.sparkContext().defaultParallelism();
    return members.repartition(partitions, col("id")).sortWithinPartitions("id")
        .select("id", "features").javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getLong(0), Vectors.fromML(r.getAs(1))))
        .filter(t -> t._2().numNonzeros() > 0)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The documents to fit on: {@code all}, or a sample of at most --fit-docs of them drawn per month. */
  private TopicModel.Corpus fitCorpus(Dataset<Row> members, TopicModel.Corpus all) {
    if (options.fitDocs() <= 0 || all.docs() <= options.fitDocs()) {
      return all;
    }
    JavaPairRDD<Long, Vector> sample = corpus(TopicsTransform.fitSample(members, options.fitDocs(), options.seed()));
    return new TopicModel.Corpus(sample, sample.count());
  }

  private static Map<String, Double> thresholds(Map<String, ThemeClassifier> classifiers) {
    Map<String, Double> out = new TreeMap<>();
    classifiers.forEach((theme, c) -> out.put(theme, c.threshold()));
    return out;
  }

  /** The first {@code max} core lexicon terms of the vocabulary (which is ordered most frequent first). */
  static List<Integer> seedWords(List<String> vocab, Set<String> lexicon, int max) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < vocab.size() && out.size() < max; i++) {
      if (lexicon.contains(vocab.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  /** Each model's {@link Balance}, from every (doc_id, model, topic_id, weight). */
  static Map<String, Balance> balance(Dataset<Row> weights, List<TopicModel.Fit> fits) {
    Map<String, Map<Integer, Long>> heaviest = new HashMap<>();
    weights.groupBy(TopicTables.MODEL, TopicTables.DOC_ID)
        .agg(org.apache.spark.sql.functions.max(struct(col(TopicTables.WEIGHT), col(TopicTables.TOPIC_ID))).as("top"))
        .groupBy(col(TopicTables.MODEL), col("top." + TopicTables.TOPIC_ID)).count()
        .collectAsList()
        .forEach(r -> heaviest.computeIfAbsent(r.getString(0), m -> new HashMap<>()).put(r.getInt(1), r.getLong(2)));
    Map<String, Balance> out = new LinkedHashMap<>();
    for (TopicModel.Fit f : fits) {
      Map<Integer, Long> docs = heaviest.getOrDefault(f.model(), Map.of());
      long total = Math.max(1, docs.values().stream().mapToLong(Long::longValue).sum());
      int largest = java.util.stream.IntStream.range(0, f.k()).boxed()
          .max(java.util.Comparator.<Integer>comparingLong(t -> docs.getOrDefault(t, 0L)).thenComparing(t -> -t)).orElse(0);
      int small = (int) java.util.stream.IntStream.range(0, f.k()).filter(t -> docs.getOrDefault(t, 0L) < SMALL_TOPIC_SHARE * total).count();
      out.put(f.model(), new Balance(largest, (double) docs.getOrDefault(largest, 0L) / total, small));
    }
    return out;
  }

  /** Every topic weight of every document of the model: doc_id, period, model, topic_id, weight. */
  private Dataset<Row> docWeights(String model, TopicModel.Fit fit, Dataset<Row> members) {
    var rows = fit.docTopics().flatMap(t -> {
      double[] w = t._2();
      List<Row> out = new ArrayList<>(w.length);
      for (int i = 0; i < w.length; i++) {
        out.add(RowFactory.create(t._1(), model, i, Math.round(w[i] * 1e6) / 1e6));
      }
      return out.iterator();
    });
    var schema = new org.apache.spark.sql.types.StructType().add("id", "long").add(TopicTables.MODEL, "string")
        .add(TopicTables.TOPIC_ID, "int").add(TopicTables.WEIGHT, "double");
    Dataset<Row> result = spark.createDataFrame(rows, schema)
        .join(members.select("id", DocumentsTable.DOC_ID, DocumentsTable.PERIOD), "id")
        .select(DocumentsTable.DOC_ID, DocumentsTable.PERIOD, TopicTables.MODEL, TopicTables.TOPIC_ID, TopicTables.WEIGHT);
    return result;
  }

  private void write(TableCommit writer, Dataset<Row> docThemes, List<String> vocab, ThemeLexicon lexicon, List<TopicModel.Fit> fits,
      Map<String, Balance> balance, Dataset<Row> weights, String runId) {
    writer.replace(TopicTables.DOC_THEMES, docThemes.repartition(1).sortWithinPartitions(TopicTables.DOC_ID, TopicTables.THEME));
    Map<String, String> names = entityNames(vocab, fits);
    Map<String, Double> prevalence = new HashMap<>();
    weights.groupBy(TopicTables.MODEL, TopicTables.TOPIC_ID).avg(TopicTables.WEIGHT).collectAsList()
        .forEach(r -> prevalence.put(r.getString(0) + "/" + r.getInt(1), r.getDouble(2)));
    List<Row> topics = new ArrayList<>();
    List<Row> quality = new ArrayList<>();
    for (TopicModel.Fit f : fits) {
      for (int t = 0; t < f.k(); t++) {
        topics.add(TopicRows.topic(f, t, vocab, names, lexicon, prevalence.getOrDefault(f.model() + "/" + t, 0.0), runId));
      }
      quality.add(TopicRows.quality(f, balance.get(f.model()), vocab.size(), options));
    }
    writer.replace(TopicTables.TOPICS, spark.createDataFrame(topics, TopicTables.TOPICS_SCHEMA).repartition(1));
    writer.replace(TopicTables.TOPIC_QUALITY, spark.createDataFrame(quality, TopicTables.TOPIC_QUALITY_SCHEMA).repartition(1));
    writer.replace(TopicTables.DOC_TOPICS, weights.where(col(TopicTables.WEIGHT).geq(options.floor()))
        .select(TopicTables.DOC_ID, TopicTables.MODEL, TopicTables.TOPIC_ID, TopicTables.WEIGHT)
        .repartition(col(TopicTables.MODEL)).sortWithinPartitions(TopicTables.MODEL, TopicTables.DOC_ID, TopicTables.TOPIC_ID));
    writer.replace(TopicTables.TOPIC_TRENDS, TopicsTransform.trends(weights, options.floor())
        .repartition(1).sortWithinPartitions(TopicTables.MODEL, TopicTables.TOPIC_ID, TopicTables.PERIOD));
  }

  /** Canonical names of the entity tokens among the top terms, for labels. */
  private Map<String, String> entityNames(List<String> vocab, List<TopicModel.Fit> fits) {
    List<String> ids = new ArrayList<>();
    fits.forEach(f -> f.topTerms().forEach(t -> java.util.Arrays.stream(t).mapToObj(vocab::get)
        .filter(s -> s.startsWith("ent:")).forEach(s -> ids.add(s.substring(4)))));
    Map<String, String> out = new HashMap<>();
    if (!ids.isEmpty() && warehouse.hasTable(EntitiesTable.SPEC)) {
      spark.table(EntitiesTable.SPEC.qualifiedName()).where(col(EntitiesTable.ENTITY_ID).isin(ids.stream().distinct().toArray()))
          .select(EntitiesTable.ENTITY_ID, EntitiesTable.CANONICAL_NAME).collectAsList()
          .forEach(r -> out.put("ent:" + r.getString(0), r.getString(1)));
    }
    return out;
  }

  private void log(TableCommit commit, Instant started, Result r) {
    Map<String, Long> counters = new TreeMap<>();
    r.themes().forEach((k, v) -> counters.put("docs." + k, v));
    counters.put("vocabulary", (long) r.vocabulary());
    counters.putAll(r.counters());
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(TopicTables.TOPICS.name(), r.fits().stream().mapToLong(TopicModel.Fit::k).sum());
    out.put(TopicTables.TOPIC_QUALITY.name(), (long) r.fits().size());
    RunLog.append(commit, spark, new RunLog.Run(r.runId(), NAME, "SUCCEEDED", started, Instant.now(), options.toConfig(),
        List.of(DocumentsTable.SPEC.qualifiedName()), r.documents(), out, 0, counters, r.stageSeconds()));
  }
}
