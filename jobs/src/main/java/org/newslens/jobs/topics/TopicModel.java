package org.newslens.jobs.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.mllib.clustering.DistributedLDAModel;
import org.apache.spark.mllib.clustering.LDA;
import org.apache.spark.mllib.linalg.Vector;
import org.newslens.common.topics.Coherence;
import scala.Tuple2;

/** One fitted topic model and its quality: NPMI coherence, diversity, stability, perplexity. */
public final class TopicModel {

  static final int TOP_TERMS = 25;
  static final int COHERENCE_TERMS = 10;

  /**
   * A fitted model and its measures.
   *
   * @param docTopics the topic distribution of every document of the model's corpus (fitted or inferred)
   * @param docs documents in the model's corpus
   * @param fitDocs of them, the documents the model was fitted on
   */
  public record Fit(String model, int k, FittedTopics topics, JavaPairRDD<Long, double[]> docTopics, List<int[]> topTerms,
      List<double[]> topWeights, double[] npmi, double diversity, Double stability, Double perplexity, long docs, long fitDocs,
      double seconds, String optimizer) {

    public double meanNpmi() {
      return Arrays.stream(npmi).average().orElse(0);
    }
  }

  /** A cached corpus of (document id, term counts) and its number of documents. */
  public record Corpus(JavaPairRDD<Long, Vector> rdd, long docs) {}

  private TopicModel() {}

  /** Fits k topics on the cached corpus and measures them. */
  public static Fit fit(String model, JavaPairRDD<Long, Vector> corpus, long docs, int k, TopicsOptions o,
      List<Integer> seedWords, int vocabSize, boolean withPerplexity) {
    Corpus all = new Corpus(corpus, docs);
    return fit(model, all, all, k, o, seedWords, vocabSize, withPerplexity);
  }

  /**
   * Fits k topics on {@code sample} (the corpus itself or a sample of its documents) and measures
   * them on the whole {@code corpus}: coherence is counted on it and the topics of the documents
   * outside the sample are inferred. Stability and perplexity are those of the fit.
   */
  public static Fit fit(String model, Corpus corpus, Corpus sample, int k, TopicsOptions o, List<Integer> seedWords, int vocabSize,
      boolean withPerplexity) {
    long start = System.nanoTime();
    FittedTopics fitted = train(sample.rdd(), sample.docs(), k, o, seedWords, vocabSize, o.seed());
    double seconds = (System.nanoTime() - start) / 1e9;
    List<int[]> terms = new ArrayList<>();
    List<double[]> weights = new ArrayList<>();
    for (FittedTopics.TopTerms t : fitted.describe(TOP_TERMS)) {
      terms.add(t.terms());
      weights.add(t.weights());
    }
    List<int[]> top10 = terms.stream().map(t -> Arrays.copyOf(t, Math.min(COHERENCE_TERMS, t.length))).toList();
    double[] npmi = coherence(corpus.rdd(), corpus.docs(), top10, vocabSize);
    Double stability = null;
    if (o.stability() && fitted instanceof GibbsTopics gibbs) {
      stability = gibbs.stability();
    } else if (o.stability()) {
      FittedTopics other = train(sample.rdd(), sample.docs(), k, o, seedWords, vocabSize, o.seed() + 1);
      List<int[]> otherTop = other.describe(COHERENCE_TERMS).stream().map(FittedTopics.TopTerms::terms).toList();
      other.release();
      stability = Coherence.stability(top10, otherTop);
    }
    Double perplexity = withPerplexity ? fitted.perplexity() : null;
    boolean sampled = sample.docs() < corpus.docs();
    JavaPairRDD<Long, double[]> docTopics = sampled ? fitted.infer(corpus.rdd(), o.seed()) : fitted.docTopics();
    return new Fit(model, k, fitted, docTopics, terms, weights, npmi, Coherence.diversity(terms), stability, perplexity, corpus.docs(),
        sample.docs(), seconds, o.optimizer());
  }

  static FittedTopics train(JavaPairRDD<Long, Vector> corpus, long docs, int k, TopicsOptions o, List<Integer> seedWords, int vocabSize,
      long seed) {
    return switch (o.optimizer()) {
      case TopicsOptions.GIBBS -> GibbsLda.fit(corpus, vocabSize, GibbsLda.Settings.defaults(k, o.iterations(), seed), seedWords,
          (int) Math.round(o.boost()));
      case TopicsOptions.EM -> new MllibTopics(((DistributedLDAModel) new LDA().setK(k).setMaxIterations(o.iterations()).setSeed(seed)
          .setOptimizer("em").run(corpus)).toLocal(), corpus);
      default -> new MllibTopics(SeededOnlineLda.fit(corpus, k, o.iterations(), seed, miniBatchFraction(docs), seedWords, o.boost()), corpus);
    };
  }

  /** Each iteration sees about a thousand documents, at least 5% and at most all of them. */
  static double miniBatchFraction(long docs) {
    return Math.max(0.05, Math.min(1.0, 1000.0 / Math.max(docs, 1)));
  }

  /** NPMI of each topic's top terms from document frequencies counted on the corpus. */
  public static double[] coherence(JavaPairRDD<Long, Vector> corpus, long docs, List<int[]> topTerms, int vocabSize) {
    boolean[] wanted = new boolean[vocabSize];
    topTerms.forEach(t -> Arrays.stream(t).forEach(i -> wanted[i] = true));
    Map<Long, Long> counts = new HashMap<>(corpus.flatMapToPair(doc -> {
      int[] present = Arrays.stream(doc._2().toSparse().indices()).filter(i -> wanted[i]).toArray();
      List<Tuple2<Long, Long>> out = new ArrayList<>();
      for (int i = 0; i < present.length; i++) {
        for (int j = i; j < present.length; j++) {
          out.add(new Tuple2<>(Coherence.pairKey(present[i], present[j]), 1L));
        }
      }
      return out.iterator();
    }).reduceByKey(Long::sum).collectAsMap());
    Map<Integer, Long> single = new HashMap<>();
    counts.forEach((key, n) -> {
      int lo = (int) (key >>> 32);
      if (lo == (int) (long) key) {
        single.put(lo, n);
      }
    });
    return topTerms.stream().mapToDouble(t -> Coherence.topicNpmi(t, single, counts, docs)).toArray();
  }
}
