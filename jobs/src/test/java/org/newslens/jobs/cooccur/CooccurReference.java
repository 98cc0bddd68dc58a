package org.newslens.jobs.cooccur;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.common.schema.EntityMentionsTable;

/**
 * The co-occurrence counts as the stage computed them before the per-document counting: every
 * (window, entity) row joined with itself per window, all keys strings. Kept as the reference the
 * faster {@link CooccurTransform} must equal.
 */
final class CooccurReference {

  private static final String WEIGHT = CooccurTransform.WEIGHT;
  private static final String WINDOW_ID = "window_id";
  private static final String MENTIONS = "mentions_in_window";
  private static final String FIRST = "first_char";
  private static final String[] KINDS = {CooccurrencesTable.SENTENCE, CooccurrencesTable.DOCUMENT};

  private CooccurReference() {}

  static Dataset<Row> cooccurrences(Dataset<Row> mentions, int maxPerWindow, long minCount) {
    return entityWindows(mentions, CooccurrencesTable.SENTENCE, maxPerWindow)
        .unionByName(entityWindows(mentions, CooccurrencesTable.DOCUMENT, maxPerWindow))
        .transform(w -> statistics(w, minCount));
  }

  /** Windows holding more than {@code maxPerWindow} distinct entities, by window kind, counted on the (window, entity) rows. */
  static Map<String, Long> cappedWindows(Dataset<Row> mentions, int maxPerWindow) {
    Map<String, Long> out = new TreeMap<>();
    for (String kind : KINDS) {
      out.put(kind, perEntity(mentions, kind).groupBy(WINDOW_ID).count().where(col("count").gt(maxPerWindow)).count());
    }
    return out;
  }

  /** One row per (window, entity) with its mentions in the window and first position. */
  static Dataset<Row> perEntity(Dataset<Row> mentions, String kind) {
    Column windowId = kind.equals(CooccurrencesTable.SENTENCE)
        ? concat_ws("#", col(EntityMentionsTable.DOC_ID), col(EntityMentionsTable.SENTENCE_IDX).cast("string"))
        : col(EntityMentionsTable.DOC_ID);
    return mentions
        .groupBy(windowId.as(WINDOW_ID), col(EntityMentionsTable.DOC_ID), col(EntityMentionsTable.PERIOD), col(WEIGHT), col(EntityMentionsTable.ENTITY_ID))
        .agg(count(lit(1)).as(MENTIONS), min(col(EntityMentionsTable.BEGIN_CHAR)).as(FIRST));
  }

  /** One row per (window, entity) kept under the cap, for one window kind, in its document's month. */
  static Dataset<Row> entityWindows(Dataset<Row> mentions, String kind, int maxPerWindow) {
    Dataset<Row> perEntity = perEntity(mentions, kind);
    var salience = Window.partitionBy(WINDOW_ID).orderBy(col(MENTIONS).desc(), col(FIRST).asc(), col(EntityMentionsTable.ENTITY_ID).asc());
    Dataset<Row> capped = perEntity.withColumn("rank", row_number().over(salience))
        .where(col("rank").leq(maxPerWindow))
        .select(col(WINDOW_ID), col(EntityMentionsTable.DOC_ID), col(EntityMentionsTable.PERIOD), col(WEIGHT), col(EntityMentionsTable.ENTITY_ID))
        .withColumn(CooccurrencesTable.WINDOW, lit(kind));
    return capped;
  }

  /**
   * The counts per month, then over {@code all} by adding up the months: a window lies in one
   * document and a document in one month, so every count of {@code all} is the sum of the months'
   * and its five smallest example doc_ids are among the months' five smallest. Building {@code all}
   * from the monthly aggregates instead of from a second copy of every window halved the pairs
   * joined and aggregated.
   */
  static Dataset<Row> statistics(Dataset<Row> windows, long minCount) {
    String w = CooccurrencesTable.WINDOW;
    String p = CooccurrencesTable.PERIOD;
    String e = EntityMentionsTable.ENTITY_ID;
    String ex = CooccurrencesTable.EXAMPLE_DOC_IDS;
    Column all = lit(CooccurrencesTable.ALL).as(p);
    Dataset<Row> monthlyTotals = windows.groupBy(w, p).agg(countDistinct(col(WINDOW_ID)).as(CooccurrencesTable.N_WINDOWS));
    Dataset<Row> totals = monthlyTotals.unionByName(monthlyTotals.groupBy(col(w), all)
        .agg(sum(col(CooccurrencesTable.N_WINDOWS)).as(CooccurrencesTable.N_WINDOWS)));
    Dataset<Row> monthlySingles = windows.groupBy(w, p, e).agg(count(lit(1)).as("n"));
    Dataset<Row> singles = monthlySingles.unionByName(monthlySingles.groupBy(col(w), all, col(e)).agg(sum(col("n")).as("n")));
    Dataset<Row> a = windows.select(col(w), col(p), col(WINDOW_ID), col(EntityMentionsTable.DOC_ID), col(WEIGHT), col(e).as(CooccurrencesTable.ENTITY_A));
    Dataset<Row> b = windows.select(col(w).as("w_b"), col(p).as("p_b"), col(WINDOW_ID).as("id_b"), col(e).as(CooccurrencesTable.ENTITY_B));
    Dataset<Row> pairWindows = a.join(b, col(w).equalTo(col("w_b")).and(col(p).equalTo(col("p_b")))
            .and(col(WINDOW_ID).equalTo(col("id_b"))).and(col(CooccurrencesTable.ENTITY_A).lt(col(CooccurrencesTable.ENTITY_B))))
        .select(w, p, EntityMentionsTable.DOC_ID, WEIGHT, CooccurrencesTable.ENTITY_A, CooccurrencesTable.ENTITY_B);
    Dataset<Row> monthlyPairs = pairWindows
        .groupBy(w, p, CooccurrencesTable.ENTITY_A, CooccurrencesTable.ENTITY_B)
        .agg(count(lit(1)).as(CooccurrencesTable.N_AB),
            sum(col(WEIGHT)).as(CooccurrencesTable.N_AB_SYNDICATED),
            slice(array_sort(collect_set(col(EntityMentionsTable.DOC_ID))), 1, 5).as(ex));
    Dataset<Row> allPairs = monthlyPairs
        .groupBy(col(w), all, col(CooccurrencesTable.ENTITY_A), col(CooccurrencesTable.ENTITY_B))
        .agg(sum(col(CooccurrencesTable.N_AB)).as(CooccurrencesTable.N_AB),
            sum(col(CooccurrencesTable.N_AB_SYNDICATED)).as(CooccurrencesTable.N_AB_SYNDICATED),
            slice(array_sort(flatten(collect_list(col(ex)))), 1, 5).as(ex));
    Dataset<Row> pairs = monthlyPairs.unionByName(allPairs).where(col(CooccurrencesTable.N_AB).geq(minCount));
    Dataset<Row> withCounts = pairs
        .join(singles.withColumnRenamed(e, CooccurrencesTable.ENTITY_A).withColumnRenamed("n", CooccurrencesTable.N_A),
            new String[] {w, p, CooccurrencesTable.ENTITY_A})
        .join(singles.withColumnRenamed(e, CooccurrencesTable.ENTITY_B).withColumnRenamed("n", CooccurrencesTable.N_B),
            new String[] {w, p, CooccurrencesTable.ENTITY_B})
        .join(totals, new String[] {w, p});
    return withCounts
        .withColumn(CooccurrencesTable.PMI, CooccurTransform.pmi())
        .withColumn(CooccurrencesTable.NPMI, CooccurTransform.npmi())
        .withColumn(CooccurrencesTable.LLR, CooccurTransform.llr())
        .select(Arrays.stream(CooccurrencesTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

}
