package org.newslens.jobs.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import scala.Tuple2;

/**
 * The documents of one Spark partition with a topic for each of their tokens: the state of
 * collapsed Gibbs sampling for LDA. A shard never changes: {@link #sample} returns the next one.
 * Counts are laid out word-major, {@code wordTopic[w * k + t]}.
 */
final class GibbsShard implements Serializable {

  private static final long serialVersionUID = 1L;

  final int k;
  final long[] ids;
  /** Tokens of document d are {@code words[start[d]] .. words[start[d + 1] - 1]}. */
  final int[] start;
  final int[] words;
  final int[] topics;

  private GibbsShard(int k, long[] ids, int[] start, int[] words, int[] topics) {
    this.k = k;
    this.ids = ids;
    this.start = start;
    this.words = words;
    this.topics = topics;
  }

  /**
   * The shard of a partition's documents (id, term counts), each token in a random topic, or in its
   * seed topic when {@code seedTopic[w] >= 0}. Token order within a document is shuffled.
   */
  static GibbsShard of(Iterator<Tuple2<Long, Vector>> docs, int k, int[] seedTopic, SplittableRandom random) {
    List<Long> ids = new ArrayList<>();
    List<int[]> tokenLists = new ArrayList<>();
    int total = 0;
    while (docs.hasNext()) {
      Tuple2<Long, Vector> doc = docs.next();
      int[] tokens = shuffledTokens(doc._2().toSparse(), random);
      ids.add(doc._1());
      tokenLists.add(tokens);
      total += tokens.length;
    }
    int[] start = new int[ids.size() + 1];
    int[] words = new int[total];
    int[] topics = new int[total];
    for (int d = 0; d < ids.size(); d++) {
      int[] tokens = tokenLists.get(d);
      System.arraycopy(tokens, 0, words, start[d], tokens.length);
      start[d + 1] = start[d] + tokens.length;
    }
    for (int i = 0; i < total; i++) {
      int seeded = seedTopic == null ? -1 : seedTopic[words[i]];
      topics[i] = seeded >= 0 ? seeded : random.nextInt(k);
    }
    return new GibbsShard(k, ids.stream().mapToLong(Long::longValue).toArray(), start, words, topics);
  }

  /** The document's tokens (vocabulary indices, each as often as it occurs) in a random order. */
  static int[] shuffledTokens(SparseVector v, SplittableRandom random) {
    int n = 0;
    for (double c : v.values()) {
      n += (int) c;
    }
    int[] tokens = new int[n];
    int at = 0;
    for (int i = 0; i < v.indices().length; i++) {
      for (int c = 0; c < (int) v.values()[i]; c++) {
        tokens[at++] = v.indices()[i];
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = tokens[i];
      tokens[i] = tokens[j];
      tokens[j] = t;
    }
    return tokens;
  }

  /** Documents {@code from .. to - 1} of this shard, with their tokens in the same order and in the same topics. */
  GibbsShard slice(int from, int to) {
    int[] sliceStart = new int[to - from + 1];
    for (int d = from; d <= to; d++) {
      sliceStart[d - from] = start[d] - start[from];
    }
    return new GibbsShard(k, java.util.Arrays.copyOfRange(ids, from, to), sliceStart,
        java.util.Arrays.copyOfRange(words, start[from], start[to]), java.util.Arrays.copyOfRange(topics, start[from], start[to]));
  }

  /** Tokens of the longest document. */
  int maxLength() {
    int max = 0;
    for (int d = 0; d < ids.length; d++) {
      max = Math.max(max, start[d + 1] - start[d]);
    }
    return max;
  }

  /**
   * {@code sweeps} Gibbs sweeps over this shard's tokens against {@code wordTopic} and
   * {@code topicTotals} (the whole corpus's counts as of the last merge, this shard's included;
   * both are changed as tokens move). With {@code blocks} above 1, each sweep samples the
   * documents in that many contiguous blocks, each against the counts as of the sweep's start plus
   * its own moves, and then adds up the blocks' moves: what {@code blocks} partitions merged after
   * every sweep would do (AD-LDA), without a Spark job per sweep.
   */
  GibbsShard sample(int[] wordTopic, int[] topicTotals, double[] alpha, double beta, int vocab, int sweeps, int blocks,
      SplittableRandom random) {
    int[] z = topics.clone();
    Sweep sweep = new Sweep(k, alpha, beta, vocab, random);
    int n = ids.length;
    int b = Math.max(1, Math.min(blocks, n));
    // each token's topic at the sweep's start: a block's moves are taken back before the next block samples, and all
    // blocks' moves made again at the end (time in tokens, not in vocabulary x topics)
    int[] before = b == 1 ? null : new int[z.length];
    for (int s = 0; s < sweeps; s++) {
      if (b == 1) {
        sweep.documents(0, n, z, wordTopic, topicTotals);
        continue;
      }
      System.arraycopy(z, 0, before, 0, z.length);
      for (int block = 0; block < b; block++) {
        int from = (int) ((long) n * block / b);
        int to = (int) ((long) n * (block + 1) / b);
        sweep.documents(from, to, z, wordTopic, topicTotals);
        if (block < b - 1) {
          move(start[from], start[to], z, before, wordTopic, topicTotals);
        }
      }
      move(0, start[(int) ((long) n * (b - 1) / b)], before, z, wordTopic, topicTotals);
    }
    return new GibbsShard(k, ids, start, words, z);
  }

  /** Moves the counts of tokens {@code first .. last - 1} from their topic in {@code fromTopics} to that in {@code toTopics}. */
  private void move(int first, int last, int[] fromTopics, int[] toTopics, int[] wordTopic, int[] topicTotals) {
    for (int i = first; i < last; i++) {
      int was = fromTopics[i];
      int now = toTopics[i];
      if (was != now) {
        int base = words[i] * k;
        wordTopic[base + was]--;
        wordTopic[base + now]++;
        topicTotals[was]--;
        topicTotals[now]++;
      }
    }
  }

  /** One pass of collapsed Gibbs sampling over a range of this shard's documents, with its scratch arrays. */
  private final class Sweep {
    private final double[] alpha;
    private final double beta;
    private final double vBeta;
    private final SplittableRandom random;
    private final int[] docTopic;
    private final double[] coef;
    private final double[] cumulative;

    Sweep(int k, double[] alpha, double beta, int vocab, SplittableRandom random) {
      this.alpha = alpha;
      this.beta = beta;
      this.vBeta = vocab * beta;
      this.random = random;
      this.docTopic = new int[k];
      this.coef = new double[k];
      this.cumulative = new double[k];
    }

    /** Resamples the topic of every token of documents {@code from .. to - 1}, moving the counts with it. */
    void documents(int from, int to, int[] z, int[] wordTopic, int[] topicTotals) {
      for (int d = from; d < to; d++) {
        java.util.Arrays.fill(docTopic, 0);
        for (int i = start[d]; i < start[d + 1]; i++) {
          docTopic[z[i]]++;
        }
        for (int t = 0; t < k; t++) {
          coef[t] = (docTopic[t] + alpha[t]) / (topicTotals[t] + vBeta);
        }
        for (int i = start[d]; i < start[d + 1]; i++) {
          int w = words[i];
          int old = z[i];
          int base = w * k;
          docTopic[old]--;
          wordTopic[base + old]--;
          topicTotals[old]--;
          coef[old] = (docTopic[old] + alpha[old]) / (topicTotals[old] + vBeta);
          double sum = 0;
          for (int t = 0; t < k; t++) {
            sum += coef[t] * (wordTopic[base + t] + beta);
            cumulative[t] = sum;
          }
          double u = random.nextDouble() * sum;
          int chosen = 0;
          while (chosen < k - 1 && cumulative[chosen] <= u) {
            chosen++;
          }
          z[i] = chosen;
          docTopic[chosen]++;
          wordTopic[base + chosen]++;
          topicTotals[chosen]++;
          coef[chosen] = (docTopic[chosen] + alpha[chosen]) / (topicTotals[chosen] + vBeta);
        }
      }
    }
  }

  /** This shard's counts; histograms for the α update when {@code histograms}; even-id half counts when {@code halves}. */
  GibbsCounts counts(int vocab, int maxLength, boolean histograms, boolean halves) {
    GibbsCounts c = new GibbsCounts(k, vocab, histograms ? maxLength : -1, halves);
    int[] docTopic = new int[k];
    for (int d = 0; d < ids.length; d++) {
      java.util.Arrays.fill(docTopic, 0);
      boolean even = (ids[d] & 1) == 0;
      for (int i = start[d]; i < start[d + 1]; i++) {
        int t = topics[i];
        docTopic[t]++;
        c.wordTopic[words[i] * k + t]++;
        c.topicTotals[t]++;
        if (halves && even) {
          c.evenWordTopic[words[i] * k + t]++;
        }
      }
      if (histograms) {
        int length = Math.min(start[d + 1] - start[d], maxLength);
        c.lengthHist[length]++;
        for (int t = 0; t < k; t++) {
          if (docTopic[t] > 0) {
            c.topicDocHist[t][Math.min(docTopic[t], maxLength)]++;
          }
        }
      }
    }
    return c;
  }

  /** θ of each document, (n_dt + α_t) / (n_d + Σα). */
  List<Tuple2<Long, double[]>> docTopics(double[] alpha) {
    double alphaSum = java.util.Arrays.stream(alpha).sum();
    List<Tuple2<Long, double[]>> out = new ArrayList<>(ids.length);
    for (int d = 0; d < ids.length; d++) {
      out.add(new Tuple2<>(ids[d], theta(d, alpha, alphaSum)));
    }
    return out;
  }

  private double[] theta(int d, double[] alpha, double alphaSum) {
    double[] theta = new double[k];
    for (int i = start[d]; i < start[d + 1]; i++) {
      theta[topics[i]]++;
    }
    double n = start[d + 1] - start[d] + alphaSum;
    for (int t = 0; t < k; t++) {
      theta[t] = (theta[t] + alpha[t]) / n;
    }
    return theta;
  }

  /** Σ over tokens of log Σ_t θ_dt φ_tw (φ word-major), and the number of tokens. */
  double[] logLikelihood(double[] alpha, double[] phi) {
    double alphaSum = java.util.Arrays.stream(alpha).sum();
    double ll = 0;
    for (int d = 0; d < ids.length; d++) {
      double[] theta = theta(d, alpha, alphaSum);
      for (int i = start[d]; i < start[d + 1]; i++) {
        int base = words[i] * k;
        double p = 0;
        for (int t = 0; t < k; t++) {
          p += theta[t] * phi[base + t];
        }
        ll += Math.log(p);
      }
    }
    return new double[] {ll, words.length};
  }
}
