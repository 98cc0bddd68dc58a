package org.newslens.jobs.topics;

/**
 * Minka's fixed-point updates of the Dirichlet priors of collapsed Gibbs LDA from count
 * histograms (the digamma differences are sums of reciprocals), as MALLET's {@code Dirichlet}
 * does: an asymmetric document-topic prior α and a symmetric topic-word prior β.
 */
final class DirichletOptimizer {

  /** Gamma(shape, scale) hyper-prior on each α_k, as MALLET's (keeps a topic's α off zero). */
  static final double SHAPE = 1.001;
  static final double SCALE = 1.0;
  static final double MIN_ALPHA = 1e-6;

  private DirichletOptimizer() {}

  /**
   * One fixed-point step for α.
   *
   * @param alpha the current α, updated in place
   * @param topicDocHist {@code topicDocHist[k][n]}: documents with exactly n tokens in topic k (n ≥ 1)
   * @param lengthHist {@code lengthHist[n]}: documents of n tokens
   */
  static void updateAlpha(double[] alpha, long[][] topicDocHist, long[] lengthHist) {
    double sum = 0;
    for (double a : alpha) {
      sum += a;
    }
    double denominator = 0;
    double digammaDiff = 0;
    for (int n = 1; n < lengthHist.length; n++) {
      digammaDiff += 1.0 / (sum + n - 1);
      denominator += lengthHist[n] * digammaDiff;
    }
    denominator -= 1.0 / SCALE;
    for (int k = 0; k < alpha.length; k++) {
      double old = alpha[k];
      double numerator = 0;
      digammaDiff = 0;
      long[] hist = topicDocHist[k];
      for (int n = 1; n < hist.length; n++) {
        digammaDiff += 1.0 / (old + n - 1);
        numerator += hist[n] * digammaDiff;
      }
      alpha[k] = Math.max(MIN_ALPHA, old * (numerator + SHAPE) / denominator);
    }
  }

  /**
   * The symmetric topic-word β that maximises the likelihood of the counts (fixed-point steps).
   *
   * @param wordTopic real (word, topic) token counts, any layout
   * @param topicTotals tokens per topic
   * @param vocab terms in the vocabulary
   */
  static double optimizeBeta(double beta, int[] wordTopic, long[] topicTotals, int vocab) {
    java.util.TreeMap<Integer, Long> countHist = new java.util.TreeMap<>();
    for (int c : wordTopic) {
      if (c > 0) {
        countHist.merge(c, 1L, Long::sum);
      }
    }
    double b = beta;
    for (int iteration = 0; iteration < 20; iteration++) {
      double numerator = 0;
      for (var e : countHist.entrySet()) {
        numerator += e.getValue() * (digamma(b + e.getKey()) - digamma(b));
      }
      double denominator = 0;
      double vb = vocab * b;
      for (long n : topicTotals) {
        denominator += digamma(vb + n) - digamma(vb);
      }
      if (!(numerator > 0) || !(denominator > 0)) {
        return beta;
      }
      double next = b * numerator / (vocab * denominator);
      if (Math.abs(next - b) < 1e-7 * b) {
        return next;
      }
      b = next;
    }
    return b;
  }

  /** ψ(x) for x > 0: the recurrence up to 6, then the asymptotic series. */
  static double digamma(double x) {
    double shift = 0;
    while (x < 6) {
      shift -= 1 / x;
      x += 1;
    }
    double f = 1 / (x * x);
    return shift + Math.log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
  }
}
