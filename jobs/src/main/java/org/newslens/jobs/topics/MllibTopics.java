package org.newslens.jobs.topics;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.mllib.clustering.LocalLDAModel;
import org.apache.spark.mllib.linalg.Vector;

/** A model fitted by MLlib's LDA (online or EM) on {@code corpus}. */
record MllibTopics(LocalLDAModel lda, JavaPairRDD<Long, Vector> corpus) implements FittedTopics {

  @Override
  public List<TopTerms> describe(int n) {
    return Arrays.stream(lda.describeTopics(n)).map(t -> new TopTerms(t._1(), t._2())).toList();
  }

  @Override
  public JavaPairRDD<Long, double[]> docTopics() {
    return infer(corpus, 0);
  }

  @Override
  public JavaPairRDD<Long, double[]> infer(JavaPairRDD<Long, Vector> docs, long seed) {
    return lda.topicDistributions(docs).mapValues(Vector::toArray);
  }

  @Override
  public double perplexity() {
    return Math.exp(lda.logPerplexity(corpus));
  }

  @Override
  public void release() {
    // the corpus belongs to the caller
  }
}
