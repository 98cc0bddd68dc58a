package org.newslens.jobs.topics;

import breeze.linalg.DenseMatrix;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.mllib.clustering.LDA;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.clustering.OnlineLDAOptimizer;
import org.apache.spark.mllib.linalg.Vector;

/**
 * Online LDA whose topics can be nudged towards seed words, on MLlib's RDD optimizer.
 *
 * <p>MLlib has no supported seeded LDA (topic concentration is a scalar; there is no initial
 * model). Its {@link OnlineLDAOptimizer} does expose, as public bytecode, {@code initialize},
 * {@code getLambda}/{@code setLambda}, {@code next} and {@code getLDAModel}: this class
 * initialises the variational topic-word matrix λ, adds {@code boost} at (topic, word) for each
 * seed word (seed words spread round-robin over the topics), and iterates. This leans on API that
 * Spark does not promise to keep; {@code SeededOnlineLdaTest} guards it.
 */
public final class SeededOnlineLda {

  private SeededOnlineLda() {}

  /**
   * Fits k topics on a cached corpus of (doc id, term counts).
   *
   * @param seedWords vocabulary indices of seed words, most important first (may be empty)
   */
  public static LocalLDAModel fit(JavaPairRDD<Long, Vector> corpus, int k, int iterations, long seed,
      double miniBatchFraction, List<Integer> seedWords, double boost) {
    LDA lda = new LDA().setK(k).setMaxIterations(iterations).setSeed(seed).setOptimizer("online");
    OnlineLDAOptimizer optimizer = new OnlineLDAOptimizer()
        .setMiniBatchFraction(miniBatchFraction)
        .setOptimizeDocConcentration(true);
    @SuppressWarnings({"unchecked", "rawtypes"})
    org.apache.spark.rdd.RDD<scala.Tuple2<Object, Vector>> docs = (org.apache.spark.rdd.RDD) corpus.rdd();
    optimizer.initialize(docs, lda);
    if (!seedWords.isEmpty() && boost > 0) {
      DenseMatrix<Object> lambda = optimizer.getLambda();
      double[] data = lambda.data$mcD$sp();
      for (int i = 0; i < seedWords.size(); i++) {
        data[lambda.linearIndex(i % k, seedWords.get(i))] += boost;
      }
      optimizer.setLambda(lambda);
    }
    double[] iterationSeconds = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      optimizer.next();
      iterationSeconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return (LocalLDAModel) optimizer.getLDAModel(iterationSeconds);
  }
}
