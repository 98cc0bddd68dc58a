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

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.common.schema.TopicTables;

/** The I/O-free parts of the topics stage: themes, vocabulary, trends. */
public final class TopicsTransform {

  /** Decimal places of stored weights: equal inputs and seed give equal tables. */
  static final int DECIMALS = 6;

  private TopicsTransform() {}

  /**
   * {@code doc_themes}: a document is in a theme when it has at least {@code minMatches} lexicon
   * matches and at least {@code minScore} matches per 100 tokens; in neither, it is {@code other}.
   */
  public static Dataset<Row> docThemes(Dataset<Row> tokens, int minMatches, double minScore) {
    Column n = greatest(size(col(TopicTokens.TOKENS)), lit(1)).cast("double");
    Column defence = theme(TopicTables.DEFENCE, col("defence_matches"), n, col("defence_terms"), minMatches, minScore);
    Column energy = theme(TopicTables.ENERGY, col("energy_matches"), n, col("energy_terms"), minMatches, minScore);
    Column other = struct(lit(TopicTables.OTHER).as("theme"), lit(0.0).as("score"),
        lit(new String[0]).cast("array<string>").as("terms"), lit(true).as("in"));
    Column kept = filter(array(defence, energy), x -> x.getField("in"));
    return tokens
        .select(col("doc_id"), explode(when(size(kept).gt(0), kept).otherwise(array(other))).as("t"))
        .select(col("doc_id").as(TopicTables.DOC_ID), col("t.theme").as(TopicTables.THEME),
            round(col("t.score"), DECIMALS).as(TopicTables.SCORE), col("t.terms").as(TopicTables.MATCHED_TERMS));
  }

  private static Column theme(String name, Column matches, Column n, Column terms, int minMatches, double minScore) {
    Column score = matches.multiply(100.0).divide(n);
    return struct(lit(name).as("theme"), score.as("score"), terms.as("terms"),
        matches.geq(minMatches).and(score.geq(minScore)).as("in"));
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
}
