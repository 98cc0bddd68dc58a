package org.newslens.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.jobs.SparkTestSession;

/**
 * Precision and recall of near-duplicate clustering on {@link LabelledNearDuplicates}, over all
 * pairs of the set: a pair is predicted a duplicate when both land in one {@code dup_cluster}, and
 * is one when both come from the same article. Prints a threshold sweep (how the default was
 * chosen) and holds the default to precision and recall of at least 0.95.
 */
class NearDuplicatesLabelledTest {

  private static final double[] SWEEP = {0.3, 0.4, 0.5, 0.6, 0.7};

  private static Dataset<Row> labelled;

  @BeforeAll
  static void build() {
    SparkSession spark = SparkTestSession.get();
    labelled = LabelledNearDuplicates.build(spark, 7).cache();
  }

  @AfterAll
  static void release() {
    labelled.unpersist();
  }

  @Test
  void defaultThresholdHasPrecisionAndRecallOfAtLeast95Percent() {
    var options = DedupOptions.of(DedupOptions.THRESHOLD_DEFAULT, 42);
    Dataset<Row> clustered = NearDuplicates.assign(labelled, options).documents();
    Score score = score(clustered);
    System.out.printf(Locale.ROOT, "near-duplicates, labelled set: %d documents, %d duplicate pairs; threshold %.2f:"
        + " precision %.4f, recall %.4f (tp %d, fp %d, fn %d)%n", labelled.count(), score.truePairs(),
        options.threshold(), score.precision(), score.recall(), score.tp(), score.fp(), score.fn());
    assertThat(score.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(score.recall()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void thresholdSweep() {
    Dataset<Row> pairs = NearDuplicates.similarPairs(labelled, DedupOptions.of(SWEEP[0], 42)).pairs().cache();
    Map<Double, Score> scores = new java.util.TreeMap<>();
    for (double t : SWEEP) {
      Dataset<Row> labels = Components.canonical(pairs.where(col("jaccard").geq(t)), labelled);
      Dataset<Row> clustered = labelled.join(labels, labelled.col(DocumentsTable.DOC_ID).equalTo(labels.col(Components.NODE)), "left")
          .withColumn(DocumentsTable.DUP_CLUSTER, org.apache.spark.sql.functions.coalesce(col(Components.CANONICAL), col(DocumentsTable.DOC_ID)));
      Score s = score(clustered);
      scores.put(t, s);
      System.out.printf(Locale.ROOT, "  threshold %.2f  precision %.4f  recall %.4f  (fp %d, fn %d)%n", t, s.precision(), s.recall(), s.fp(), s.fn());
    }
    pairs.unpersist();
    // Recall cannot rise with the threshold: a higher threshold keeps a subset of the pairs.
    assertThat(scores.get(SWEEP[0]).recall()).isGreaterThanOrEqualTo(scores.get(SWEEP[SWEEP.length - 1]).recall());
  }

  private record Score(long tp, long fp, long fn, long truePairs) {
    double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
      return truePairs == 0 ? 1 : (double) tp / truePairs;
    }
  }

  /** Pair counts from the (doc_id, origin, dup_cluster) of every document. */
  private static Score score(Dataset<Row> clustered) {
    List<Row> rows = clustered.select(LabelledNearDuplicates.ORIGIN, DocumentsTable.DUP_CLUSTER).collectAsList();
    Map<String, Long> byOrigin = new HashMap<>();
    Map<String, Long> byCluster = new HashMap<>();
    Map<String, Long> byBoth = new HashMap<>();
    for (Row r : rows) {
      byOrigin.merge(r.getString(0), 1L, Long::sum);
      byCluster.merge(r.getString(1), 1L, Long::sum);
      byBoth.merge(r.getString(0) + "\u0000" + r.getString(1), 1L, Long::sum);
    }
    long truePairs = pairs(byOrigin);
    long predicted = pairs(byCluster);
    long tp = pairs(byBoth);
    return new Score(tp, predicted - tp, truePairs - tp, truePairs);
  }

  private static long pairs(Map<String, Long> groups) {
    return groups.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
  }
}
