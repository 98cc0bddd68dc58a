package org.newslens.jobs.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.SparkTestSession;
import scala.Tuple2;

/**
 * Guards the MLlib optimizer internals {@link SeededOnlineLda} relies on: on a corpus with two
 * word groups, seeding topic 1 with a word of group A makes topic 1 the group-A topic, and the
 * same seed gives the same model.
 */
class SeededOnlineLdaTest {

  private static JavaPairRDD<Long, Vector> corpus;

  @BeforeAll
  static void corpus() {
    var jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random r = new Random(3);
    List<Tuple2<Long, Vector>> docs = new ArrayList<>();
    for (long d = 0; d < 200; d++) {
      double[] counts = new double[10];
      int offset = d % 2 == 0 ? 0 : 5; // group A: words 0-4, group B: words 5-9
      for (int i = 0; i < 30; i++) {
        counts[offset + r.nextInt(5)]++;
      }
      docs.add(new Tuple2<>(d, Vectors.dense(counts)));
    }
    corpus = jsc.parallelizePairs(docs, 2).cache();
  }

  private static int topWord(LocalLDAModel model, int topic) {
    return model.describeTopics(1)[topic]._1()[0];
  }

  @Test
  void aSeedWordPullsItsTopicTowardsItsGroup() {
    for (int seedWord : new int[] {0, 7}) {
      LocalLDAModel m = SeededOnlineLda.fit(corpus, 2, 20, 11, 1.0, List.of(seedWord), 200);
      // the seeded topic is topic 0 (round-robin starts there) and its top word is in the seed's group
      assertThat(topWord(m, 0) < 5).isEqualTo(seedWord < 5);
    }
  }

  @Test
  void theSameSeedGivesTheSameTopics() {
    LocalLDAModel a = SeededOnlineLda.fit(corpus, 2, 10, 5, 0.5, List.of(1), 50);
    LocalLDAModel b = SeededOnlineLda.fit(corpus, 2, 10, 5, 0.5, List.of(1), 50);
    assertThat(Arrays.deepEquals(toArrays(a), toArrays(b))).isTrue();
  }

  private static double[][] toArrays(LocalLDAModel m) {
    var t = m.topicsMatrix();
    double[][] out = new double[t.numRows()][t.numCols()];
    for (int i = 0; i < t.numRows(); i++) {
      for (int j = 0; j < t.numCols(); j++) {
        out[i][j] = t.apply(i, j);
      }
    }
    return out;
  }
}
