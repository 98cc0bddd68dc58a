package org.newslens.jobs.topics;

import java.io.Serializable;

/** Token counts of some shards, summed: word-topic, topic totals, and optionally the α histograms and an even-id half. */
final class GibbsCounts implements Serializable {

  private static final long serialVersionUID = 1L;

  final int[] wordTopic;
  final long[] topicTotals;
  /** {@code topicDocHist[t][n]}: documents with n tokens in topic t; null unless asked for. */
  final long[][] topicDocHist;
  /** {@code lengthHist[n]}: documents of n tokens (longer ones counted at the cap); null unless asked for. */
  final long[] lengthHist;
  /** Word-topic counts of the documents with an even id; null unless asked for. */
  final int[] evenWordTopic;

  GibbsCounts(int k, int vocab, int maxLength, boolean halves) {
    wordTopic = new int[vocab * k];
    topicTotals = new long[k];
    topicDocHist = maxLength < 0 ? null : new long[k][maxLength + 1];
    lengthHist = maxLength < 0 ? null : new long[maxLength + 1];
    evenWordTopic = halves ? new int[vocab * k] : null;
  }

  /** Adds {@code other} into this one and returns this one. */
  GibbsCounts add(GibbsCounts other) {
    add(wordTopic, other.wordTopic);
    for (int t = 0; t < topicTotals.length; t++) {
      topicTotals[t] += other.topicTotals[t];
    }
    if (topicDocHist != null) {
      addHistograms(other);
    }
    if (evenWordTopic != null) {
      add(evenWordTopic, other.evenWordTopic);
    }
    return this;
  }

  /** A copy of only this one's α histograms. */
  GibbsCounts histograms() {
    GibbsCounts c = new GibbsCounts(topicTotals.length, 0, lengthHist.length - 1, false);
    return c.addHistograms(this);
  }

  /** Adds {@code other}'s α histograms into this one's and returns this one. */
  GibbsCounts addHistograms(GibbsCounts other) {
    for (int t = 0; t < topicDocHist.length; t++) {
      add(topicDocHist[t], other.topicDocHist[t]);
    }
    add(lengthHist, other.lengthHist);
    return this;
  }

  private static void add(int[] into, int[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  private static void add(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }
}
