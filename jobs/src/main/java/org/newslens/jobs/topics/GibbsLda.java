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
import org.apache.spark.util.LongAccumulator;
import org.newslens.common.topics.Coherence;
import org.newslens.jobs.spark.Progress;

/**
 * Collapsed Gibbs sampling for LDA distributed over Spark partitions (approximate distributed
 * LDA, Newman et al. 2009): each partition samples its documents' topic assignments against the
 * corpus-wide word-topic counts of the last merge; after every sweep the partitions' counts are
 * summed and broadcast back. Merging less often is faster but lets the partitions' topics drift
 * apart (measured on Reuters-21578: every 10 sweeps cost 0.05 of mean NPMI). A merge costs a Spark
 * job (tens of milliseconds), which only pays when a partition's sweep takes longer than that: a
 * corpus of fewer than {@code minTokensPerPartition} tokens per partition is sampled by fewer
 * partitions, down to one, which runs the whole fit in one task. However few the
 * partitions, each sweep samples at least {@link #BLOCKS} blocks of documents side by side, each
 * against the counts as of the sweep's start, so that one partition samples as two would (on
 * Reuters-21578, priors fixed, seeds 1-8, mean NPMI: exact sequential 0.214 ± 0.014, two blocks
 * 0.221 ± 0.009, two partitions 0.222 ± 0.007, MALLET 2.1.1 0.220 ± 0.007; the differences are
 * within the seeds' spread). By default the priors stay fixed at Σα 5 (MALLET's) and β 0.05
 * (see {@link #BETA}). With {@code optimizeInterval} above 0, after {@code burnIn} sweeps, every
 * {@code optimizeInterval} sweeps, the asymmetric document-topic prior α and the topic-word prior
 * β are re-estimated from the counts (Minka's fixed point, as MALLET's
 * {@code --optimize-interval}), α from the document-topic histograms sampled every
 * {@link #SAMPLE_INTERVAL} sweeps since the last update, as MALLET does. Topic-word probabilities
 * average the counts of the samples taken over the last fifth of the sweeps.
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
   * @param blocks each sweep samples at least this many blocks of documents side by side, each against the counts as
   *     of the sweep's start (a partition is a block; a partition samples {@code ceil(blocks / partitions)})
   */
  public record Settings(int k, int sweeps, double alphaSum, double beta, int burnIn, int optimizeInterval, long seed, int syncEvery,
      long minTokensPerPartition, boolean optimizeBeta, int blocks) implements java.io.Serializable {

    public static Settings defaults(int k, int sweeps, long seed) {
      return new Settings(k, sweeps, ALPHA_SUM, BETA, Math.min(BURN_IN, sweeps / 2), OPTIMIZE_INTERVAL, seed, 1,
          MIN_TOKENS_PER_PARTITION, true, BLOCKS);
    }

    /** The same settings on every partition of the corpus, however few tokens each holds. */
    public Settings onEveryPartition() {
      return new Settings(k, sweeps, alphaSum, beta, burnIn, optimizeInterval, seed, syncEvery, 0, optimizeBeta, blocks);
    }
  }

  static final double ALPHA_SUM = 5.0;
  /**
   * β, fixed. Measured on real news (k 20, mean NPMI, {@code bench/topics-bench.sh}, 2026-12-07),
   * against β 0.01 with α and β re-estimated every 50 sweeps after 200 (the previous default):
   * Reuters-21578 0.234 vs 0.224 (MALLET 0.221), its ModApte test split 0.267 vs 0.257 (MALLET
   * 0.266), BBC News 0.272 vs 0.270 (MALLET 0.252). Re-estimating the priors had driven Σα of
   * short stories down to about 1.3 (sparser document mixtures, less coherent topics); β 0.01 fixed
   * was lower on BBC (0.250), β 0.1 on the ModApte split (0.256), and β re-estimated from 0.01 after
   * the burn-in (to about 0.04) did not recover what a larger β from the start gives (0.257).
   */
  static final double BETA = 0.05;
  static final int BURN_IN = 200;
  /** Prior updates are off by default (see {@link #BETA}); the bench's variants switch them on. */
  static final int OPTIMIZE_INTERVAL = 0;
  /** Sweeps of a solo fit (one partition, fitted inside one task) between its rounds of prior updates and samples. */
  static final int SOLO_ROUND_SWEEPS = 10;
  /** Blocks of documents sampled side by side each sweep (see {@link Settings#blocks}). */
  static final int BLOCKS = 2;
  /** About where a partition's sweep (some 30 ns a token) outlasts a merge (some 40 ms on 2 cores). */
  static final long MIN_TOKENS_PER_PARTITION = 2_000_000;
  /** Rounds between lineage cuts (a long lineage overflows the task serializer's stack). */
  static final int CHECKPOINT_ROUNDS = 20;
  /** Sweeps between samples of α's statistics after burn-in (MALLET's {@code saveSampleInterval}). */
  static final int SAMPLE_INTERVAL = 10;
  /** The share of sweeps, at the end, whose samples are averaged into the topic-word probabilities. */
  static final double AVERAGED_SHARE = 0.2;

  /** What the driver broadcasts each round. */
  private record Round(int[] wordTopic, int[] topicTotals, double[] alpha, double beta, int vocab, int sweeps, int blocks, long seed)
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

  /** Sees, on the driver, the shards and their merged counts after every round of sweeps (when there are partitions to merge). */
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
    long seed = s.seed();
    long tokens = (long) corpus.values().map(v -> java.util.Arrays.stream(v.toSparse().values()).sum()).fold(0.0, Double::sum).doubleValue();
    int partitions = (int) Math.max(1, Math.min(corpus.getNumPartitions(),
        s.minTokensPerPartition() <= 0 ? Long.MAX_VALUE : tokens / s.minTokensPerPartition()));
    JavaPairRDD<Long, Vector> input = partitions < corpus.getNumPartitions() ? corpus.coalesce(partitions) : corpus;
    int blocksPerPartition = Math.max(1, (s.blocks() + partitions - 1) / partitions);
    Progress.Counter progress = Progress.counter(corpus.context(), "sweeps", s.sweeps());
    JavaRDD<GibbsShard> shards = input.mapPartitionsWithIndex((p, docs) ->
        List.of(GibbsShard.of(docs, k, seedTopic, new SplittableRandom(mix(seed, -1, p)))).iterator(), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    int maxLength = Math.max(1, shards.map(GibbsShard::maxLength).fold(0, Math::max));
    Schedule schedule;
    JavaRDD<GibbsShard> last;
    Runnable release;
    if (partitions == 1) {
      // nothing to merge: the whole fit in one task, without a Spark job per round
      LongAccumulator swept = progress.accumulator();
      JavaRDD<Solo> fitted = shards.map(shard -> Solo.fit(shard, pseudo, s, vocab, maxLength, blocksPerPartition, swept))
          .persist(StorageLevel.MEMORY_AND_DISK());
      schedule = fitted.map(Solo::schedule).first();
      // the fitted shard is cached; the initial one is rebuilt from the corpus if ever needed again
      shards.unpersist(false);
      last = fitted.map(Solo::shard);
      release = () -> fitted.unpersist(false);
    } else {
      schedule = new Schedule(s, vocab);
      Distributed d = distributed(sc, shards, pseudo, s, vocab, maxLength, Math.max(1, s.syncEvery()), blocksPerPartition, schedule,
          (done, fitted, merged) -> {
            progress.set(done);
            observer.merged(done, fitted, merged);
          });
      last = d.shards();
      release = d.release();
    }
    double[] averaged = schedule.phiCounts(pseudo);
    double stability = splitHalfStability(aggregate(last, vocab, maxLength, false, true), vocab, k);
    return new GibbsTopics(last, k, vocab, schedule.alpha, schedule.beta, averaged, stability, release);
  }

  /** The shards after the last round, and what frees them. */
  private record Distributed(JavaRDD<GibbsShard> shards, Runnable release) {}

  /** Rounds of sweeps on every partition, the partitions' counts merged on the driver and broadcast back after each. */
  private static Distributed distributed(JavaSparkContext sc, JavaRDD<GibbsShard> first, int[] pseudo, Settings s, int vocab,
      int maxLength, int roundSweeps, int blocksPerPartition, Schedule schedule, MergeObserver observer) {
    int k = s.k();
    boolean reliable = sc.getCheckpointDir().isPresent();
    JavaRDD<GibbsShard> shards = first;
    GibbsCounts counts = aggregate(shards, vocab, maxLength, false, false);
    int done = 0;
    JavaRDD<GibbsShard> kept = shards;
    // broadcasts of the rounds since the last cut and of the cut: their closures are still written into tasks
    List<Broadcast<Round>> sinceCut = new ArrayList<>();
    for (int round = 0; done < s.sweeps(); round++) {
      int sweeps = Math.min(roundSweeps, s.sweeps() - done);
      done += sweeps;
      Broadcast<Round> bc = sc.broadcast(new Round(plus(counts.wordTopic, pseudo), totals(counts.topicTotals, pseudo, k),
          schedule.alpha.clone(), schedule.beta, vocab, sweeps, blocksPerPartition, mix(s.seed(), round, 0)));
      JavaRDD<GibbsShard> next = shards.mapPartitionsWithIndex((p, it) -> {
        Round r = bc.value();
        List<GibbsShard> out = new ArrayList<>(1);
        while (it.hasNext()) {
          out.add(it.next().sample(r.wordTopic().clone(), r.topicTotals().clone(), r.alpha(), r.beta(), r.vocab(), r.sweeps(), r.blocks(),
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
      counts = aggregate(next, vocab, maxLength, schedule.histograms(done, sweeps), false);
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
      schedule.after(done, sweeps, counts);
    }
    JavaRDD<GibbsShard> keptCut = kept;
    JavaRDD<GibbsShard> lastShards = shards;
    // the broadcasts since the cut stay: what was derived from the shards (doc_topics) still writes their closures into
    // its tasks; Spark's context cleaner frees them once that lineage is gone
    return new Distributed(shards, () -> {
      lastShards.unpersist(false);
      keptCut.unpersist(false);
    });
  }

  /** A whole fit of a corpus that one partition samples, inside its task: the last shard and the schedule's state. */
  private record Solo(GibbsShard shard, Schedule schedule) implements java.io.Serializable {

    static Solo fit(GibbsShard first, int[] pseudo, Settings s, int vocab, int maxLength, int blocks, LongAccumulator swept) {
      Schedule schedule = new Schedule(s, vocab);
      GibbsShard shard = first;
      GibbsCounts counts = shard.counts(vocab, maxLength, false, false);
      int done = 0;
      for (int round = 0; done < s.sweeps(); round++) {
        int sweeps = Math.min(SOLO_ROUND_SWEEPS, s.sweeps() - done);
        done += sweeps;
        shard = shard.sample(plus(counts.wordTopic, pseudo), totals(counts.topicTotals, pseudo, s.k()), schedule.alpha.clone(),
            schedule.beta, vocab, sweeps, blocks, new SplittableRandom(mix(mix(s.seed(), round, 0), 0, 1)));
        counts = shard.counts(vocab, maxLength, schedule.histograms(done, sweeps), false);
        schedule.after(done, sweeps, counts);
        swept.add(sweeps);
      }
      return new Solo(shard, schedule);
    }
  }

  /**
   * The priors and the averaged topic-word counts as rounds of sweeps go by, the same on the driver
   * and inside a solo task: after burn-in, α's histograms are sampled every
   * {@link #SAMPLE_INTERVAL} sweeps and summed until each update; the counts of the last fifth
   * of the sweeps are averaged.
   */
  static final class Schedule implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Settings s;
    private final int vocab;
    private final int averageFrom;
    final double[] alpha;
    double beta;
    private final double[] averaged;
    private int samples;
    private GibbsCounts sampled;

    Schedule(Settings s, int vocab) {
      this.s = s;
      this.vocab = vocab;
      this.averageFrom = s.sweeps() - (int) Math.floor(s.sweeps() * AVERAGED_SHARE);
      this.alpha = new double[s.k()];
      Arrays.fill(alpha, s.alphaSum() / s.k());
      this.beta = s.beta();
      this.averaged = new double[vocab * s.k()];
    }

    private boolean tuning(int done) {
      return s.optimizeInterval() > 0 && done > s.burnIn() && done < s.sweeps();
    }

    private boolean optimizes(int done, int sweeps) {
      return tuning(done) && crossed(done, sweeps, s.optimizeInterval());
    }

    /** Whether the round of {@code sweeps} ending at {@code done} needs α's histograms counted. */
    boolean histograms(int done, int sweeps) {
      return tuning(done) && crossed(done, sweeps, Math.min(SAMPLE_INTERVAL, s.optimizeInterval())) || optimizes(done, sweeps);
    }

    /** Takes in the counts after the round of {@code sweeps} ending at {@code done}. */
    void after(int done, int sweeps, GibbsCounts counts) {
      if (histograms(done, sweeps)) {
        sampled = sampled == null ? counts.histograms() : sampled.addHistograms(counts);
      }
      if (optimizes(done, sweeps)) {
        DirichletOptimizer.updateAlpha(alpha, sampled.topicDocHist, sampled.lengthHist);
        sampled = null;
        if (s.optimizeBeta()) {
          beta = DirichletOptimizer.optimizeBeta(beta, counts.wordTopic, counts.topicTotals, vocab);
        }
      }
      if (done >= averageFrom) {
        for (int i = 0; i < averaged.length; i++) {
          averaged[i] += counts.wordTopic[i];
        }
        samples++;
      }
    }

    /** The averaged counts plus the seed words' pseudo-tokens (their topic's prior: part of the posterior mean of φ). */
    double[] phiCounts(int[] pseudo) {
      double[] out = new double[averaged.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = averaged[i] / Math.max(samples, 1) + pseudo[i];
      }
      return out;
    }
  }

  /** Whether the last {@code sweeps} sweeps, ending at {@code done}, passed a multiple of {@code interval}. */
  static boolean crossed(int done, int sweeps, int interval) {
    return done / interval > (done - sweeps) / interval;
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
