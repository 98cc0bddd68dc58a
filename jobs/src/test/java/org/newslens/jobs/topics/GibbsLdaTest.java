package org.newslens.jobs.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.SparkTestSession;
import scala.Tuple2;

/**
 * {@link GibbsLda} on a corpus of three word groups (words 0-9, 10-19, 20-29), each document
 * drawn nine tokens in ten from its own group: the topics must be the groups, each document's
 * heaviest topic its group, whatever the number of partitions; a seed word pulls its group into
 * its seed topic; the same seed gives the same model; and the prior updates recover what
 * generated the counts.
 */
class GibbsLdaTest {

  static final int GROUPS = 3;
  static final int GROUP_WORDS = 10;
  static final int VOCAB = GROUPS * GROUP_WORDS;
  private static JavaSparkContext jsc;
  private static List<Tuple2<Long, Vector>> docs;

  @BeforeAll
  static void corpus() {
    jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random r = new Random(5);
    docs = new ArrayList<>();
    for (long d = 0; d < 300; d++) {
      double[] counts = new double[VOCAB];
      int group = (int) (d % GROUPS);
      for (int i = 0; i < 40; i++) {
        int g = r.nextInt(10) == 0 ? r.nextInt(GROUPS) : group;
        counts[g * GROUP_WORDS + r.nextInt(GROUP_WORDS)]++;
      }
      docs.add(new Tuple2<>(d, Vectors.dense(counts).compressed()));
    }
  }

  private static JavaPairRDD<Long, Vector> rdd(int partitions) {
    return jsc.parallelizePairs(docs, partitions).cache();
  }

  private static GibbsTopics fit(int partitions, long seed, List<Integer> seeds, int boost) {
    return GibbsLda.fit(rdd(partitions), VOCAB, GibbsLda.Settings.defaults(GROUPS, 60, seed).onEveryPartition(), seeds, boost);
  }

  /** The group of each topic, from its top-10 terms, which must all be of one group. */
  private static int[] groupOfTopics(GibbsTopics m) {
    return m.describe(GROUP_WORDS).stream().mapToInt(t -> {
      int[] groups = Arrays.stream(t.terms()).map(w -> w / GROUP_WORDS).distinct().toArray();
      assertThat(groups).as("top terms of one topic: %s", Arrays.toString(t.terms())).hasSize(1);
      return groups[0];
    }).toArray();
  }

  @Test
  void theTopicsAreTheWordGroupsAndEachDocumentsHeaviestTopicIsItsGroup() {
    for (int partitions : new int[] {1, 4}) {
      GibbsTopics m = fit(partitions, 1, List.of(), 0);
      int[] groupOf = groupOfTopics(m);
      assertThat(IntStream.of(groupOf).distinct().count()).as("%d partitions: one topic per group", partitions).isEqualTo(GROUPS);
      Map<Long, double[]> theta = m.docTopics().collectAsMap();
      assertThat(theta).hasSize(docs.size());
      for (var e : theta.entrySet()) {
        double[] t = e.getValue();
        assertThat(Arrays.stream(t).sum()).isCloseTo(1.0, within(1e-9));
        int heaviest = IntStream.range(0, GROUPS).reduce((a, b) -> t[a] >= t[b] ? a : b).orElseThrow();
        assertThat(groupOf[heaviest]).as("document %d", e.getKey()).isEqualTo((int) (e.getKey() % GROUPS));
      }
      assertThat(m.stability()).as("both halves of the documents read the same topics").isEqualTo(1.0);
      assertThat(m.perplexity()).as("three groups of ten words: about ten choices a token").isBetween(8.0, 16.0);
      m.release();
    }
  }

  @Test
  void theSameSeedGivesTheSameModelAndAnotherSeedAnotherSample() {
    GibbsTopics a = fit(2, 7, List.of(), 0);
    GibbsTopics b = fit(2, 7, List.of(), 0);
    GibbsTopics c = fit(2, 8, List.of(), 0);
    assertThat(weights(a)).isDeepEqualTo(weights(b));
    assertThat(a.docTopics().collectAsMap().get(17L)).isEqualTo(b.docTopics().collectAsMap().get(17L));
    assertThat(Arrays.deepEquals(weights(a), weights(c))).isFalse();
    List.of(a, b, c).forEach(GibbsTopics::release);
  }

  private static double[][] weights(GibbsTopics m) {
    return m.describe(VOCAB).stream().map(FittedTopics.TopTerms::weights).toArray(double[][]::new);
  }

  @Test
  void afterEverySweepTheMergedCountsAreTheSumOfThePartitionsCounts() {
    int[] wordCounts = new int[VOCAB];
    for (Tuple2<Long, Vector> d : docs) {
      var v = d._2().toSparse();
      for (int i = 0; i < v.indices().length; i++) {
        wordCounts[v.indices()[i]] += (int) v.values()[i];
      }
    }
    List<Integer> rounds = new ArrayList<>();
    var settings = GibbsLda.Settings.defaults(GROUPS, 12, 3).onEveryPartition();
    GibbsTopics m = GibbsLda.fit(rdd(4), VOCAB, settings, List.of(), 0, (done, shards, merged) -> {
      List<GibbsCounts> parts = shards.map(s -> s.counts(VOCAB, 0, false, false)).collect();
      assertThat(parts).as("one count per partition").hasSize(4);
      GibbsCounts sum = new GibbsCounts(GROUPS, VOCAB, -1, false);
      parts.forEach(sum::add);
      assertThat(merged.wordTopic).as("sweep %d: word-topic counts", done).isEqualTo(sum.wordTopic);
      assertThat(merged.topicTotals).as("sweep %d: topic totals", done).isEqualTo(sum.topicTotals);
      for (int w = 0; w < VOCAB; w++) {
        int tokens = 0;
        for (int t = 0; t < GROUPS; t++) {
          tokens += merged.wordTopic[w * GROUPS + t];
        }
        assertThat(tokens).as("sweep %d: tokens of word %d", done, w).isEqualTo(wordCounts[w]);
      }
      rounds.add(done);
    });
    assertThat(rounds).as("a merge after every sweep").containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    m.release();
  }

  @Test
  void fittedOnASampleTheModelInfersTheGroupOfEveryDocumentWhateverThePartitions() {
    JavaPairRDD<Long, Vector> sample = jsc.parallelizePairs(docs.subList(0, 60), 2).cache();
    GibbsTopics m = GibbsLda.fit(sample, VOCAB, GibbsLda.Settings.defaults(GROUPS, 60, 1).onEveryPartition(), List.of(), 0);
    int[] groupOf = groupOfTopics(m);
    Map<Long, double[]> theta = m.infer(rdd(1), 9).collectAsMap();
    assertThat(theta).hasSize(docs.size());
    for (var e : theta.entrySet()) {
      double[] t = e.getValue();
      assertThat(Arrays.stream(t).sum()).isCloseTo(1.0, within(1e-9));
      int heaviest = IntStream.range(0, GROUPS).reduce((a, b) -> t[a] >= t[b] ? a : b).orElseThrow();
      assertThat(groupOf[heaviest]).as("document %d", e.getKey()).isEqualTo((int) (e.getKey() % GROUPS));
      assertThat(t[heaviest]).as("document %d: nine tokens in ten of its group", e.getKey()).isGreaterThan(0.7);
    }
    Map<Long, double[]> onFour = m.infer(rdd(4), 9).collectAsMap();
    theta.forEach((id, t) -> assertThat(onFour.get(id)).as("document %d on 4 partitions", id).isEqualTo(t));
    assertThat(m.infer(rdd(1), 10).collectAsMap().values().stream().anyMatch(t -> !Arrays.equals(t, theta.get(0L))))
        .as("another seed, another sample").isTrue();
    m.release();
  }

  @Test
  void aModelFittedOnASampleIsMeasuredOnTheWholeCorpus() {
    JavaPairRDD<Long, Vector> all = rdd(2);
    JavaPairRDD<Long, Vector> sample = all.filter(d -> d._1() < 90).cache();
    var options = new TopicsOptions(GROUPS, 2, 2, 60, TopicsOptions.GIBBS, 1, 1, 1.0, VOCAB, 0.1, 0, 0, 3, 1.0,
        java.util.Optional.empty(), true, false, 90, TopicsOptions.EITHER);
    TopicModel.Fit fit = TopicModel.fit("all", new TopicModel.Corpus(all, 300), new TopicModel.Corpus(sample, 90), GROUPS, options,
        List.of(), VOCAB, true);
    assertThat(fit.docs()).isEqualTo(300);
    assertThat(fit.fitDocs()).isEqualTo(90);
    assertThat(fit.docTopics().keys().collect()).as("every document has its topics").hasSize(300);
    assertThat(FittedTopics.heaviestTopicDocs(fit.docTopics(), GROUPS)).as("a hundred documents a group").containsOnly(100L);
    assertThat(fit.meanNpmi()).as("the topics are the groups").isGreaterThan(0.3);
    fit.topics().release();
  }

  @Test
  void aSeedWordPullsItsGroupIntoItsSeedTopic() {
    for (int group = 0; group < GROUPS; group++) {
      // seeds are spread round-robin: the third seed word goes to topic 2
      List<Integer> seeds = List.of(group * GROUP_WORDS, ((group + 1) % GROUPS) * GROUP_WORDS, ((group + 2) % GROUPS) * GROUP_WORDS);
      GibbsTopics m = fit(2, 3, seeds, 50);
      int[] groupOf = groupOfTopics(m);
      assertThat(groupOf).as("seeded with group %d first", group).containsExactly(group, (group + 1) % GROUPS, (group + 2) % GROUPS);
      m.release();
    }
  }

  @Test
  void sampledInBlocksASweepLeavesTheCountsOfTheAssignmentsItMade() {
    double[] alpha = {0.25, 0.25, 0.25};
    for (int blocks : new int[] {1, 2, 7}) {
      GibbsShard shard = GibbsShard.of(docs.iterator(), GROUPS, null, new SplittableRandom(blocks));
      GibbsCounts before = shard.counts(VOCAB, 0, false, false);
      int[] wordTopic = before.wordTopic.clone();
      int[] totals = Arrays.stream(before.topicTotals).mapToInt(Math::toIntExact).toArray();
      GibbsShard next = shard.sample(wordTopic, totals, alpha, 0.01, VOCAB, 3, blocks, new SplittableRandom(9));
      GibbsCounts after = next.counts(VOCAB, 0, false, false);
      assertThat(next.topics).as("%d blocks: tokens moved", blocks).isNotEqualTo(shard.topics);
      assertThat(wordTopic).as("%d blocks: word-topic counts", blocks).isEqualTo(after.wordTopic);
      assertThat(Arrays.stream(totals).asLongStream().toArray()).as("%d blocks: topic totals", blocks).isEqualTo(after.topicTotals);
    }
  }

  @Test
  void twoBlocksSampleAsTwoShardsEachAgainstTheCountsOfTheSweepsStart() {
    double[] alpha = {0.25, 0.25, 0.25};
    GibbsShard shard = GibbsShard.of(docs.iterator(), GROUPS, null, new SplittableRandom(4));
    GibbsCounts start = shard.counts(VOCAB, 0, false, false);
    int[] totals = Arrays.stream(start.topicTotals).mapToInt(Math::toIntExact).toArray();
    GibbsShard blocked = shard.sample(start.wordTopic.clone(), totals.clone(), alpha, 0.01, VOCAB, 1, 2, new SplittableRandom(9));
    int half = docs.size() / 2;
    SplittableRandom random = new SplittableRandom(9);
    int[] first = shard.slice(0, half).sample(start.wordTopic.clone(), totals.clone(), alpha, 0.01, VOCAB, 1, 1, random).topics;
    int[] second = shard.slice(half, docs.size()).sample(start.wordTopic.clone(), totals.clone(), alpha, 0.01, VOCAB, 1, 1, random).topics;
    int[] apart = IntStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray();
    assertThat(blocked.topics).as("the second block does not see the first block's moves").isEqualTo(apart);
    GibbsShard sequential = shard.sample(start.wordTopic.clone(), totals.clone(), alpha, 0.01, VOCAB, 1, 1, new SplittableRandom(9));
    assertThat(sequential.topics).as("one block sees them").isNotEqualTo(blocked.topics);
  }

  @Test
  void theAlphaStatisticsOfSeveralSamplesAddUp() {
    GibbsShard shard = GibbsShard.of(docs.iterator(), GROUPS, null, new SplittableRandom(3));
    GibbsCounts one = shard.counts(VOCAB, 40, true, false);
    GibbsCounts two = one.histograms().addHistograms(one);
    assertThat(two.lengthHist[40]).isEqualTo(2 * one.lengthHist[40]).isPositive();
    for (int t = 0; t < GROUPS; t++) {
      for (int n = 0; n <= 40; n++) {
        assertThat(two.topicDocHist[t][n]).isEqualTo(2 * one.topicDocHist[t][n]);
      }
    }
    assertThat(one.lengthHist[40]).as("the copy, not the original, took the sum").isEqualTo(docs.size());
  }

  @Test
  void theAlphaUpdateFavoursTheTopicThatMoreDocumentsUse() {
    // topic 0 in 80 documents of 10 tokens, topic 1 in 20: α_0 must grow past α_1
    long[][] topicDocHist = new long[2][11];
    topicDocHist[0][10] = 80;
    topicDocHist[1][10] = 20;
    long[] lengthHist = new long[11];
    lengthHist[10] = 100;
    double[] alpha = {0.5, 0.5};
    for (int i = 0; i < 50; i++) {
      DirichletOptimizer.updateAlpha(alpha, topicDocHist, lengthHist);
    }
    assertThat(alpha[0]).isGreaterThan(alpha[1] * 2);
    assertThat(alpha[1]).isPositive();
  }

  @Test
  void theBetaUpdateRecoversTheConcentrationThatGeneratedTheCounts() {
    Random r = new Random(11);
    int vocab = 500;
    int k = 20;
    for (double truth : new double[] {0.05, 0.5}) {
      int[] counts = new int[vocab * k];
      long[] totals = new long[k];
      for (int t = 0; t < k; t++) {
        double[] phi = dirichlet(r, truth, vocab);
        for (int n = 0; n < 20_000; n++) {
          counts[draw(r, phi) * k + t]++;
          totals[t]++;
        }
      }
      double estimate = DirichletOptimizer.optimizeBeta(0.01, counts, totals, vocab);
      for (int i = 0; i < 20; i++) {
        estimate = DirichletOptimizer.optimizeBeta(estimate, counts, totals, vocab);
      }
      assertThat(estimate).as("β that generated the counts: %s", truth).isCloseTo(truth, within(truth * 0.25));
    }
  }

  @Test
  void digammaMatchesKnownValues() {
    assertThat(DirichletOptimizer.digamma(1)).isCloseTo(-0.5772156649015329, within(1e-10));
    assertThat(DirichletOptimizer.digamma(0.5)).isCloseTo(-1.9635100260214235, within(1e-10));
    assertThat(DirichletOptimizer.digamma(0.01)).isCloseTo(-100.56088545786867, within(1e-8));
    assertThat(DirichletOptimizer.digamma(1000)).isCloseTo(6.907255195648812, within(1e-10));
  }

  private static double[] dirichlet(Random r, double a, int n) {
    double[] x = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      x[i] = gamma(r, a);
      sum += x[i];
    }
    for (int i = 0; i < n; i++) {
      x[i] /= sum;
    }
    return x;
  }

  /** Marsaglia and Tsang, with the shape-below-one boost. */
  private static double gamma(Random r, double shape) {
    if (shape < 1) {
      return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(r.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static int draw(Random r, double[] p) {
    double u = r.nextDouble();
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += p[i];
      if (u < sum) {
        return i;
      }
    }
    return p.length - 1;
  }
}
