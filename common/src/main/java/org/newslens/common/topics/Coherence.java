package org.newslens.common.topics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topic quality measures. NPMI coherence of a topic is the mean over pairs of its top terms of
 * ln(P(a,b) / (P(a)P(b))) / −ln P(a,b), with P the share of documents holding the term(s); a pair
 * never seen together scores −1, a pair always together 1.
 */
public final class Coherence {

  private Coherence() {}

  /** Key of an unordered pair of term indices in {@code pairDocs}. */
  public static long pairKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | (hi & 0xffffffffL);
  }

  /** NPMI of one pair from document frequencies. */
  public static double npmi(long docsA, long docsB, long docsAb, long docs) {
    if (docsAb == 0) {
      return -1.0;
    }
    double pab = (double) docsAb / docs;
    if (pab >= 1.0) {
      return 1.0;
    }
    double pmi = Math.log(pab / (((double) docsA / docs) * ((double) docsB / docs)));
    return Math.max(-1.0, Math.min(1.0, pmi / -Math.log(pab)));
  }

  /** Mean NPMI over all pairs of the topic's terms (term indices). */
  public static double topicNpmi(int[] topTerms, Map<Integer, Long> termDocs, Map<Long, Long> pairDocs, long docs) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < topTerms.length; i++) {
      for (int j = i + 1; j < topTerms.length; j++) {
        sum += npmi(termDocs.getOrDefault(topTerms[i], 0L), termDocs.getOrDefault(topTerms[j], 0L),
            pairDocs.getOrDefault(pairKey(topTerms[i], topTerms[j]), 0L), docs);
        pairs++;
      }
    }
    return pairs == 0 ? 0 : sum / pairs;
  }

  /** Unique share of the topics' top terms: 1 when no two topics share a top term. */
  public static double diversity(List<int[]> topTermsPerTopic) {
    Set<Integer> unique = new HashSet<>();
    int total = 0;
    for (int[] terms : topTermsPerTopic) {
      for (int t : terms) {
        unique.add(t);
        total++;
      }
    }
    return total == 0 ? 0 : (double) unique.size() / total;
  }

  /** Mean over topics of a of the best Jaccard similarity of their top-term sets with any topic of b. */
  public static double stability(List<int[]> a, List<int[]> b) {
    double sum = 0;
    for (int[] ta : a) {
      double best = 0;
      for (int[] tb : b) {
        best = Math.max(best, jaccard(ta, tb));
      }
      sum += best;
    }
    return a.isEmpty() ? 0 : sum / a.size();
  }

  static double jaccard(int[] x, int[] y) {
    Set<Integer> sx = new HashSet<>();
    for (int v : x) {
      sx.add(v);
    }
    Set<Integer> union = new HashSet<>(sx);
    int inter = 0;
    for (int v : y) {
      if (sx.contains(v)) {
        inter++;
      }
      union.add(v);
    }
    return union.isEmpty() ? 0 : (double) inter / union.size();
  }
}
