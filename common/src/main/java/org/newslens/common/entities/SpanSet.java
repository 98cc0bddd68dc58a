package org.newslens.common.entities;

import java.util.TreeMap;

/**
 * Non-overlapping character spans, with an overlap test in O(log n): the resolver's merge of a
 * document with tens of thousands of candidate mentions stays n log n instead of n².
 */
final class SpanSet {
  private final TreeMap<Integer, Integer> endByBegin = new TreeMap<>();

  /** Whether {@code m} overlaps a span of the set (as {@link Mention#overlaps} does). */
  boolean overlaps(Mention m) {
    var before = endByBegin.floorEntry(m.begin());
    if (before != null && before.getValue() > m.begin()) {
      return true;
    }
    var after = endByBegin.higherKey(m.begin());
    return after != null && after < m.end();
  }

  /** Adds {@code m}'s span if it overlaps none of the set; says whether it did. */
  boolean addIfFree(Mention m) {
    if (overlaps(m)) {
      return false;
    }
    endByBegin.put(m.begin(), m.end());
    return true;
  }
}
