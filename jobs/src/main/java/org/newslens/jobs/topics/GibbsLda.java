package org.newslens.jobs.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.storage.StorageLevel;
import org.newslens.common.topics.Coherence;

/**
 * Collapsed Gibbs sampling for LDA distributed over Spark partitions (approximate distributed
 * LDA, Newman et al. 2009): each partition samples its documents' topic assignments against the
 * corpus-wide word-topic counts of the last merge; after every sweep the partitions' counts are
 * summed and broadcast back. Merging less often is faster but lets the partitions' topics drift
 * apart (measured on Reuters-21578: every 10 sweeps cost 0.05 of mean NPMI). A merge costs a Spark
 * job (tens of milliseconds), which only pays when a partition's sweep takes longer than that: a
 * corpus of fewer than {@code minTokensPerPartition} tokens per partition is sampled by fewer
 * partitions, down to one, which samples {@link #SOLO_ROUND_SWEEPS} sweeps a job, exact sequential
 * Gibbs sampling. After {@code burnIn} sweeps, every {@code optimizeInterval} sweeps, the
 * asymmetric document-topic prior α and the topic-word prior β are re-estimated from the counts
 * (Minka's fixed point, as MALLET's {@code --optimize-interval}). Topic-word probabilities average
 * the counts of the samples taken over the last fifth of the sweeps.
 *
 * <p>Theme models are guided: each seed word's tokens start in its seed topic, and
 * {@code boost} pseudo-tokens of the word are added to that topic's counts throughout.
 */
public final class GibbsLda {

  /**
   * @param k topics
   * @param sweeps Gibbs sweeps over every token
   * @param alphaSum initial Σα (α_t = alphaSum / k)
   * @param beta initial β
   * @param burnIn sweeps before the first prior update
   * @param optimizeInterval sweeps between prior updates (0: priors stay fixed)
   * @param seed seed of every random choice
   * @param syncEvery sweeps between merges of the partitions' counts
   * @param minTokensPerPartition fewer partitions are used when they would hold fewer tokens each
   * @param optimizeBeta re-estimate β too, not only α
   */
  public record Settings(int k, int sweeps, double alphaSum, double beta, int burnIn, int optimizeInterval, long seed, int syncEvery,
      long minTokensPerPartition, boolean optimizeBeta) {

    public static Settings defaults(int k, int sweeps, long seed) {
      return new Settings(k, sweeps, ALPHA_SUM, BETA, Math.min(BURN_IN, sweeps / 4), OPTIMIZE_INTERVAL, seed, 1,
          MIN_TOKENS_PER_PARTITION, true);
    }

    /** The same settings on every partition of the corpus, however few tokens each holds. */
    public Settings onEveryPartition() {
      return new Settings(k, sweeps, alphaSum, beta, burnIn, optimizeInterval, seed, syncEvery, 0, optimizeBeta);
    }
  }

  static final double ALPHA_SUM = 5.0;
  static final double BETA = 0.01;
  static final int BURN_IN = 100;
  static final int OPTIMIZE_INTERVAL = 10;
  /** Sweeps a job when one partition samples the whole corpus (nothing to merge; priors updated between jobs). */
  static final int SOLO_ROUND_SWEEPS = 10;
  /** About where a partition's sweep (some 30 ns a token) outlasts a merge (some 40 ms on 2 cores). */
  static final long MIN_TOKENS_PER_PARTITION = 2_000_000;
  /** Rounds between lineage cuts (a long lineage overflows the task serializer's stack). */
  static final int CHECKPOINT_ROUNDS = 20;
  /** The share of sweeps, at the end, whose samples are averaged into the topic-word probabilities. */
  static final double AVERAGED_SHARE = 0.2;

  /** What the driver broadcasts each round. */
  private record Round(int[] wordTopic, int[] topicTotals, double[] alpha, double beta, int vocab, int sweeps, long seed)
      implements java.io.Serializable {}

  private GibbsLda() {}

  /**
   * Fits a model on a cached corpus of (doc id, term counts).
   *
   * @param seedWords vocabulary indices of seed words, most important first, spread round-robin over the topics (may be empty)
   * @param boost pseudo-tokens of each seed word kept in its topic
   */
  public static GibbsTopics fit(JavaPairRDD<Long, Vector> corpus, int vocab, Settings s, List<Integer> seedWords, int boost) {
    return fit(corpus, vocab, s, seedWords, boost, (sweeps, shards, merged) -> { });
  }

  /** Sees, on the driver, the shards and their merged counts after every round of sweeps. */
  interface MergeObserver {
    void merged(int sweepsDone, JavaRDD<GibbsShard> shards, GibbsCounts merged);
  }

  static GibbsTopics fit(JavaPairRDD<Long, Vector> corpus, int vocab, Settings s, List<Integer> seedWords, int boost,
      MergeObserver observer) {
    int k = s.k();
    int[] seedTopic = new int[vocab];
    Arrays.fill(seedTopic, -1);
    int[] pseudo = new int[vocab * k];
    for (int i = 0; i < seedWords.size(); i++) {
      seedTopic[seedWords.get(i)] = i % k;
      pseudo[seedWords.get(i) * k + i % k] += boost;
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(corpus.context());
    boolean reliable = sc.getCheckpointDir().isPresent();
    long seed = s.seed();
    long tokens = (long) corpus.values().map(v -> java.util.Arrays.stream(v.toSparse().values()).sum()).fold(0.0, Double::sum).doubleValue();
    int partitions = (int) Math.max(1, Math.min(corpus.getNumPartitions(),
        s.minTokensPerPartition() <= 0 ? Long.MAX_VALUE : tokens / s.minTokensPerPartition()));
    JavaPairRDD<Long, Vector> input = partitions < corpus.getNumPartitions() ? corpus.coalesce(partitions) : corpus;
    int roundSweeps = partitions == 1 ? SOLO_ROUND_SWEEPS : Math.max(1, s.syncEvery());
    JavaRDD<GibbsShard> shards = input.mapPartitionsWithIndex((p, docs) ->
        List.of(GibbsShard.of(docs, k, seedTopic, new SplittableRandom(mix(seed, -1, p)))).iterator(), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    int maxLength = Math.max(1, shards.map(GibbsShard::maxLength).fold(0, Math::max));
    GibbsCounts counts = aggregate(shards, vocab, maxLength, false, false);

    double[] alpha = new double[k];
    Arrays.fill(alpha, s.alphaSum() / k);
    double beta = s.beta();
    double[] averaged = new double[vocab * k];
    int samples = 0;
    int averageFrom = s.sweeps() - (int) Math.floor(s.sweeps() * AVERAGED_SHARE);
    int done = 0;
    int lastOptimized = 0;
    JavaRDD<GibbsShard> kept = shards;
    // broadcasts of the rounds since the last cut and of the cut: their closures are still written into tasks
    List<Broadcast<Round>> sinceCut = new ArrayList<>();
    for (int round = 0; done < s.sweeps(); round++) {
      int sweeps = Math.min(roundSweeps, s.sweeps() - done);
      done += sweeps;
      boolean optimize = s.optimizeInterval() > 0 && done >= s.burnIn() && done - lastOptimized >= s.optimizeInterval() && done < s.sweeps();
      Broadcast<Round> bc = sc.broadcast(new Round(plus(counts.wordTopic, pseudo), totals(counts.topicTotals, pseudo, k),
          alpha.clone(), beta, vocab, sweeps, mix(seed, round, 0)));
      JavaRDD<GibbsShard> next = shards.mapPartitionsWithIndex((p, it) -> {
        Round r = bc.value();
        List<GibbsShard> out = new ArrayList<>(1);
        while (it.hasNext()) {
          out.add(it.next().sample(r.wordTopic().clone(), r.topicTotals().clone(), r.alpha(), r.beta(), r.vocab(), r.sweeps(),
              new SplittableRandom(mix(r.seed(), p, 1))));
        }
        return out.iterator();
      }, true);
      boolean cut = (round + 1) % CHECKPOINT_ROUNDS == 0;
      if (cut && reliable) {
        next.persist(StorageLevel.MEMORY_AND_DISK());
        next.checkpoint();
      } else if (cut) {
        next.rdd().localCheckpoint();
      } else {
        next.persist(StorageLevel.MEMORY_AND_DISK());
      }
      counts = aggregate(next, vocab, maxLength, optimize, false);
      observer.merged(done, next, counts);
      bc.unpersist(false);
      sinceCut.add(bc);
      if (shards != kept) {
        shards.unpersist(false);
      }
      if (cut) {
        if (kept != next) {
          kept.unpersist(false);
        }
        kept = next;
        // the cut RDD object itself, closure included, is still written into its children's tasks
        sinceCut.remove(bc);
        sinceCut.forEach(b -> b.destroy(false));
        sinceCut.clear();
        sinceCut.add(bc);
      }
      shards = next;
      if (optimize) {
        DirichletOptimizer.updateAlpha(alpha, counts.topicDocHist, counts.lengthHist);
        if (s.optimizeBeta()) {
          beta = DirichletOptimizer.optimizeBeta(beta, counts.wordTopic, counts.topicTotals, vocab);
        }
        lastOptimized = done;
      }
      if (done >= averageFrom) {
        for (int i = 0; i < averaged.length; i++) {
          averaged[i] += counts.wordTopic[i];
        }
        samples++;
      }
    }
    GibbsCounts last = aggregate(shards, vocab, maxLength, false, true);
    for (int i = 0; i < averaged.length; i++) {
      // a seed word's pseudo-tokens are its topic's prior: part of the posterior mean of φ
      averaged[i] = averaged[i] / Math.max(samples, 1) + pseudo[i];
    }
    double stability = splitHalfStability(last, vocab, k);
    JavaRDD<GibbsShard> keptCut = kept;
    JavaRDD<GibbsShard> lastShards = shards;
    // the broadcasts since the cut stay: what was derived from the shards (doc_topics) still writes their closures into
    // its tasks; Spark's context cleaner frees them once that lineage is gone
    Runnable release = () -> {
      lastShards.unpersist(false);
      keptCut.unpersist(false);
    };
    return new GibbsTopics(shards, k, vocab, alpha, beta, averaged, stability, release);
  }

  private static GibbsCounts aggregate(JavaRDD<GibbsShard> shards, int vocab, int maxLength, boolean histograms, boolean halves) {
    return shards.map(s -> s.counts(vocab, maxLength, histograms, halves)).treeReduce(GibbsCounts::add);
  }

  private static int[] plus(int[] a, int[] b) {
    int[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private static int[] totals(long[] topicTotals, int[] pseudo, int k) {
    int[] out = new int[k];
    for (int t = 0; t < k; t++) {
      out[t] = Math.toIntExact(topicTotals[t]);
    }
    for (int i = 0; i < pseudo.length; i++) {
      out[i % k] += pseudo[i];
    }
    return out;
  }

  /**
   * Split-half stability of one fit: the topics' top-10 terms counted on the documents with an
   * even id against those counted on the rest, mean best-match Jaccard. A topic that only a few
   * documents carry reads differently in the two halves.
   */
  static double splitHalfStability(GibbsCounts c, int vocab, int k) {
    int[] odd = new int[c.wordTopic.length];
    for (int i = 0; i < odd.length; i++) {
      odd[i] = c.wordTopic[i] - c.evenWordTopic[i];
    }
    return Coherence.stability(topTerms(c.evenWordTopic, vocab, k, TopicModel.COHERENCE_TERMS),
        topTerms(odd, vocab, k, TopicModel.COHERENCE_TERMS));
  }

  /** Per topic, the {@code n} words with the highest counts (ties: lower index first). */
  static List<int[]> topTerms(int[] wordTopic, int vocab, int k, int n) {
    double[] asDouble = new double[wordTopic.length];
    for (int i = 0; i < asDouble.length; i++) {
      asDouble[i] = wordTopic[i];
    }
    return topTerms(asDouble, vocab, k, n);
  }

  static List<int[]> topTerms(double[] wordTopic, int vocab, int k, int n) {
    List<int[]> out = new ArrayList<>(k);
    for (int t = 0; t < k; t++) {
      int topic = t;
      out.add(java.util.stream.IntStream.range(0, vocab).boxed()
          .sorted((a, b) -> {
            int c = Double.compare(wordTopic[b * k + topic], wordTopic[a * k + topic]);
            return c != 0 ? c : Integer.compare(a, b);
          })
          .limit(Math.min(n, vocab)).mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** A seed for (seed, round, partition) that differs in every part. */
  static long mix(long seed, long a, long b) {
    long h = seed * 0x9E3779B97F4A7C15L + a * 0xC2B2AE3D27D4EB4FL + b * 0x165667B19E3779F9L;
    h ^= h >>> 31;
    return h * 0x94D049BB133111EBL;
  }
}
