package org.newslens.jobs.topics;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;

/** A model fitted by {@link GibbsLda}: the last sample's assignments, the priors, and the averaged topic-word counts. */
public final class GibbsTopics implements FittedTopics {

  private final JavaRDD<GibbsShard> shards;
  /** Frees the cached shards and the last cut of their lineage. */
  private final Runnable release;
  private final int k;
  private final int vocab;
  private final double[] alpha;
  private final double beta;
  /** Word-major averaged counts, {@code [w * k + t]}. */
  private final double[] wordTopic;
  private final double stability;

  GibbsTopics(JavaRDD<GibbsShard> shards, int k, int vocab, double[] alpha, double beta, double[] wordTopic, double stability,
      Runnable release) {
    this.shards = shards;
    this.release = release;
    this.k = k;
    this.vocab = vocab;
    this.alpha = alpha;
    this.beta = beta;
    this.wordTopic = wordTopic;
    this.stability = stability;
  }

  public double[] alpha() {
    return alpha.clone();
  }

  public double beta() {
    return beta;
  }

  /** Split-half stability of the fit (see {@link GibbsLda#splitHalfStability}). */
  public double stability() {
    return stability;
  }

  /** φ, word-major. */
  double[] phi() {
    double[] totals = new double[k];
    for (int i = 0; i < wordTopic.length; i++) {
      totals[i % k] += wordTopic[i];
    }
    double[] phi = new double[wordTopic.length];
    for (int i = 0; i < phi.length; i++) {
      phi[i] = (wordTopic[i] + beta) / (totals[i % k] + vocab * beta);
    }
    return phi;
  }

  @Override
  public List<TopTerms> describe(int n) {
    double[] phi = phi();
    List<TopTerms> out = new ArrayList<>(k);
    List<int[]> top = GibbsLda.topTerms(wordTopic, vocab, k, n);
    for (int t = 0; t < k; t++) {
      int[] terms = top.get(t);
      double[] weights = new double[terms.length];
      for (int i = 0; i < terms.length; i++) {
        weights[i] = phi[terms[i] * k + t];
      }
      out.add(new TopTerms(terms, weights));
    }
    return out;
  }

  @Override
  public JavaPairRDD<Long, double[]> docTopics() {
    double[] a = alpha;
    return shards.flatMapToPair(s -> s.docTopics(a).iterator());
  }

  @Override
  public JavaPairRDD<Long, double[]> infer(JavaPairRDD<Long, Vector> docs, long seed) {
    return GibbsInference.infer(docs, k, phi(), alpha.clone(), seed);
  }

  @Override
  public double perplexity() {
    Broadcast<double[]> phi = JavaSparkContext.fromSparkContext(shards.context()).broadcast(phi());
    double[] a = alpha;
    double[] ll = shards.map(s -> s.logLikelihood(a, phi.value())).reduce((x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
    phi.destroy();
    return Math.exp(-ll[0] / Math.max(ll[1], 1));
  }

  @Override
  public void release() {
    release.run();
  }
}
