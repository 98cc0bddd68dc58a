package org.newslens.jobs.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import scala.Tuple2;

/**
 * The topics of documents a model was not fitted on: Gibbs sampling of each document's token
 * topics against the model's fixed topic-word probabilities φ and prior α (as MALLET's
 * {@code TopicInferencer}). Each document is sampled on its own with a random stream derived from
 * the seed and its id, so its topics do not depend on how the corpus is partitioned.
 */
final class GibbsInference {

  /** Sweeps over each document's tokens (a document's tokens start near their topics, see {@link #theta}). */
  static final int SWEEPS = 30;
  /** Sweeps before the document-topic counts are averaged (as MALLET's inferencer). */
  static final int BURN_IN = 10;

  /** What every task needs: φ word-major ({@code [w * k + t]}) and α. */
  private record Model(int k, double[] phi, double[] alpha) implements Serializable {}

  private GibbsInference() {}

  /** θ of every document of {@code docs}, by id. */
  static JavaPairRDD<Long, double[]> infer(JavaPairRDD<Long, Vector> docs, int k, double[] phi, double[] alpha, long seed) {
    Broadcast<Model> model = JavaSparkContext.fromSparkContext(docs.context()).broadcast(new Model(k, phi, alpha));
    // the broadcast stays until the caller's lineage is gone (Spark's context cleaner frees it)
    return docs.mapToPair(d -> new Tuple2<>(d._1(), theta(model.value(), d._2(), new SplittableRandom(GibbsLda.mix(seed, d._1(), 2)))));
  }

  /** θ of one document: (mean n_dt over the sweeps after burn-in + α_t) / (n_d + Σα). */
  static double[] theta(Model m, Vector counts, SplittableRandom random) {
    int k = m.k();
    int[] words = GibbsShard.shuffledTokens(counts.toSparse(), random);
    int[] z = new int[words.length];
    int[] docTopic = new int[k];
    double[] p = new double[k];
    for (int i = 0; i < words.length; i++) {
      // start each token in a topic drawn from α_t φ_tw: fewer sweeps to settle than a uniform start
      z[i] = draw(m, words[i], docTopic, p, random, true);
      docTopic[z[i]]++;
    }
    double[] mean = new double[k];
    int kept = 0;
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (int i = 0; i < words.length; i++) {
        docTopic[z[i]]--;
        z[i] = draw(m, words[i], docTopic, p, random, false);
        docTopic[z[i]]++;
      }
      if (sweep >= BURN_IN) {
        for (int t = 0; t < k; t++) {
          mean[t] += docTopic[t];
        }
        kept++;
      }
    }
    double alphaSum = 0;
    for (double a : m.alpha()) {
      alphaSum += a;
    }
    double n = words.length + alphaSum;
    for (int t = 0; t < k; t++) {
      mean[t] = (mean[t] / Math.max(kept, 1) + m.alpha()[t]) / n;
    }
    return mean;
  }

  private static int draw(Model m, int w, int[] docTopic, double[] cumulative, SplittableRandom random, boolean priorOnly) {
    int k = m.k();
    int base = w * k;
    double sum = 0;
    for (int t = 0; t < k; t++) {
      sum += (priorOnly ? m.alpha()[t] : docTopic[t] + m.alpha()[t]) * m.phi()[base + t];
      cumulative[t] = sum;
    }
    double u = random.nextDouble() * sum;
    int chosen = 0;
    while (chosen < k - 1 && cumulative[chosen] <= u) {
      chosen++;
    }
    return chosen;
  }
}
