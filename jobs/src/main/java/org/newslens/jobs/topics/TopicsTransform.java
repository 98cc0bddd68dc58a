package org.newslens.jobs.topics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.TopicTables;

/** The I/O-free parts of the topics stage: themes, vocabulary, trends. */
public final class TopicsTransform {

  /** Decimal places of stored weights: equal inputs and seed give equal tables. */
  static final int DECIMALS = 6;

  private TopicsTransform() {}

  /**
   * {@code doc_themes}. A theme's lexicon takes a document with at least {@code minMatches} core
   * lexicon matches and at least {@code minScore} core and context matches per 100 tokens. A theme
   * with a trained classifier (its threshold in {@code classifiers}) takes a document whose
   * classifier score (column {@code <theme>_model}) is at least the threshold, or, with {@code
   * orLexicon}, one its lexicon takes; its score is the classifier's probability. A theme without
   * one is its lexicon's, scored by those matches per 100 tokens. A document in neither theme is
   * {@code other}. The matched terms are the lexicon's either way.
   */
  public static Dataset<Row> docThemes(Dataset<Row> tokens, int minMatches, double minScore, Map<String, Double> classifiers,
      boolean orLexicon) {
    Column n = greatest(size(col(TopicTokens.TOKENS)), lit(1)).cast("double");
    Column other = struct(lit(TopicTables.OTHER).as("theme"), lit(0.0).as("score"),
        lit(new String[0]).cast("array<string>").as("terms"), lit(true).as("in"));
    Column[] themes = org.newslens.common.topics.ThemeLexicon.THEMES.stream()
        .map(t -> theme(t, n, minMatches, minScore, classifiers.get(t), orLexicon)).toArray(Column[]::new);
    Column kept = filter(array(themes), x -> x.getField("in"));
    return tokens
        .select(col("doc_id"), explode(when(size(kept).gt(0), kept).otherwise(array(other))).as("t"))
        .select(col("doc_id").as(TopicTables.DOC_ID), col("t.theme").as(TopicTables.THEME),
            round(col("t.score"), DECIMALS).as(TopicTables.SCORE), col("t.terms").as(TopicTables.MATCHED_TERMS));
  }

  private static Column theme(String name, Column n, int minMatches, double minScore, Double classifierThreshold, boolean orLexicon) {
    Column terms = col(name + "_terms");
    Column matchesPer100 = col(name + "_matches").multiply(100.0).divide(n);
    Column lexiconIn = col(name + "_core").geq(minMatches).and(matchesPer100.geq(minScore));
    if (classifierThreshold == null) {
      return struct(lit(name).as("theme"), matchesPer100.as("score"), terms.as("terms"), lexiconIn.as("in"));
    }
    Column model = col(name + "_model");
    Column probability = lit(1.0).divide(lit(1.0).plus(org.apache.spark.sql.functions.exp(model.unary_$minus())));
    Column in = orLexicon ? model.geq(classifierThreshold).or(lexiconIn) : model.geq(classifierThreshold);
    return struct(lit(name).as("theme"), probability.as("score"), terms.as("terms"), in.as("in"));
  }

  /**
   * The vocabulary, deterministic: terms in at least {@code minDf} and at most {@code maxDf} of
   * the documents, most frequent first, ties by term, at most {@code vocabSize}.
   */
  public static List<String> vocabulary(Dataset<Row> tokens, long minDf, double maxDf, int vocabSize) {
    long docs = tokens.count();
    return tokens.select(explode(array_distinct(col(TopicTokens.TOKENS))).as("term"))
        .groupBy("term").agg(count(lit(1)).as("df"))
        .where(col("df").geq(minDf).and(col("df").leq(Math.max(minDf, (long) Math.floor(maxDf * docs)))))
        .orderBy(col("df").desc(), col("term").asc())
        .limit(vocabSize)
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /**
   * {@code topic_trends} from every (doc_id, period, model, topic_id, weight) of a model's
   * documents: per period, documents with the topic at or above the floor, the sum of weights, and
   * that sum over the period's documents in the model.
   */
  public static Dataset<Row> trends(Dataset<Row> weights, double floor) {
    Dataset<Row> periodDocs = weights.groupBy(TopicTables.MODEL, TopicTables.PERIOD)
        .agg(org.apache.spark.sql.functions.countDistinct(col(TopicTables.DOC_ID)).as("period_docs"));
    return weights.groupBy(TopicTables.MODEL, TopicTables.TOPIC_ID, TopicTables.PERIOD)
        .agg(sum(when(col(TopicTables.WEIGHT).geq(floor), 1L).otherwise(0L)).as(TopicTables.DOCS),
            sum(col(TopicTables.WEIGHT)).as(TopicTables.WEIGHT_SUM))
        .join(periodDocs, new String[] {TopicTables.MODEL, TopicTables.PERIOD})
        .select(col(TopicTables.MODEL), col(TopicTables.TOPIC_ID), col(TopicTables.PERIOD), col(TopicTables.DOCS),
            round(col(TopicTables.WEIGHT_SUM), DECIMALS).as(TopicTables.WEIGHT_SUM),
            round(col(TopicTables.WEIGHT_SUM).divide(col("period_docs")), DECIMALS).as(TopicTables.SHARE));
  }

  /**
   * Up to {@code max} of {@code docs} (doc_id, period, …) to fit a model on: each month's share of
   * the documents kept in proportion to its size (every month at least one, while there are fewer
   * months than {@code max}), the documents of a month taken in the order of a hash of their id
   * and the seed, so the same seed draws the same sample.
   */
  static Dataset<Row> fitSample(Dataset<Row> docs, long max, long seed) {
    Map<String, Long> counts = new TreeMap<>();
    docs.groupBy(DocumentsTable.PERIOD).count().collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    List<Row> quotas = new ArrayList<>();
    sampleQuotas(counts, max).forEach((period, n) -> quotas.add(RowFactory.create(period, n)));
    var schema = new org.apache.spark.sql.types.StructType().add(DocumentsTable.PERIOD, "string").add("quota", "long");
    var rank = org.apache.spark.sql.functions.row_number().over(Window.partitionBy(DocumentsTable.PERIOD)
        .orderBy(org.apache.spark.sql.functions.xxhash64(col(DocumentsTable.DOC_ID), lit(seed)), col(DocumentsTable.DOC_ID)));
    Dataset<Row> quota = docs.sparkSession().createDataFrame(quotas, schema);
    return docs.withColumn("sample_rank", rank)
        .join(org.apache.spark.sql.functions.broadcast(quota), DocumentsTable.PERIOD)
        .where(col("sample_rank").leq(col("quota")))
        .drop("sample_rank", "quota");
  }

  /**
   * How many documents of each month a sample of {@code max} takes: one of each month first (of
   * the largest months, when there are more months than {@code max}), the rest in proportion to
   * each month's remaining documents, largest remainders rounded up. All of them when there are at
   * most {@code max}.
   */
  static Map<String, Long> sampleQuotas(Map<String, Long> counts, long max) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> out = new TreeMap<>();
    if (total <= max) {
      out.putAll(counts);
      return out;
    }
    List<String> bySize = new ArrayList<>(counts.keySet());
    bySize.sort(Comparator.<String>comparingLong(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
    if (bySize.size() >= max) {
      bySize.subList(0, (int) max).forEach(p -> out.put(p, 1L));
      return out;
    }
    long rest = max - bySize.size();
    long spare = total - bySize.size();
    Map<String, Double> remainder = new TreeMap<>();
    long given = 0;
    for (String p : bySize) {
      double exact = (double) rest * (counts.get(p) - 1) / spare;
      long n = (long) Math.floor(exact);
      out.put(p, 1 + n);
      remainder.put(p, exact - n);
      given += n;
    }
    List<String> byRemainder = new ArrayList<>(bySize);
    byRemainder.sort(Comparator.<String>comparingDouble(remainder::get).reversed().thenComparing(Comparator.naturalOrder()));
    for (int i = 0; i < rest - given; i++) {
      out.merge(byRemainder.get(i), 1L, Long::sum);
    }
    return out;
  }
}
