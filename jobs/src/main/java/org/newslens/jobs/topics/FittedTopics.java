package org.newslens.jobs.topics;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.mllib.linalg.Vector;

/** A fitted topic model, whichever engine fitted it. */
public interface FittedTopics {

  /** Per topic, the {@code n} most probable terms (vocabulary indices) with their probabilities, most probable first. */
  List<TopTerms> describe(int n);

  /** The topic distribution of every document the model was fitted on, by document id. */
  JavaPairRDD<Long, double[]> docTopics();

  /** The topic distribution of any documents (id, term counts) under the fitted model, by document id. */
  JavaPairRDD<Long, double[]> infer(JavaPairRDD<Long, Vector> docs, long seed);

  /** Per topic, the documents whose heaviest topic it is (ties: the lower topic). */
  default long[] heaviestTopicDocs(int k) {
    return heaviestTopicDocs(docTopics(), k);
  }

  /** Per topic, the documents of {@code docTopics} whose heaviest topic it is (ties: the lower topic). */
  static long[] heaviestTopicDocs(JavaPairRDD<Long, double[]> docTopics, int k) {
    long[] out = new long[k];
    docTopics.values().map(w -> {
      int best = 0;
      for (int t = 1; t < w.length; t++) {
        if (w[t] > w[best]) {
          best = t;
        }
      }
      return best;
    }).countByValue().forEach((t, n) -> out[t] = n);
    return out;
  }

  /** exp of minus the mean log-likelihood of a token of the fitted documents. */
  double perplexity();

  /** Frees what the model keeps cached. */
  void release();

  /** One topic's top terms and their probabilities. */
  record TopTerms(int[] terms, double[] weights) {}
}
