package org.newslens.jobs.cooccur;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The co-occurrence windows of one document, built from its mentions in one pass: the sentence
 * windows (the mentions of one sentence) or the one document window, each holding its distinct
 * entities, at most {@code maxPerWindow} of them by salience (mentions in the window, then first
 * position, then entity number). Entities are numbers of the run's dictionary, ordered as their ids.
 */
final class DocumentWindows {

  /**
   * @param windows each window's entities, ascending
   * @param capped how many windows held more than {@code maxPerWindow} entities (their least salient left out)
   */
  record Windows(List<long[]> windows, int capped) {}

  private DocumentWindows() {}

  /**
   * @param sentence each mention's sentence
   * @param begin each mention's first character
   * @param entity each mention's entity number
   * @param bySentence sentence windows (else the one document window)
   */
  static Windows windows(int[] sentence, int[] begin, long[] entity, boolean bySentence, int maxPerWindow) {
    Integer[] order = new Integer[entity.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Comparator<Integer> byWindow = Comparator.comparingInt(i -> bySentence ? sentence[i] : 0);
    Arrays.sort(order, byWindow.thenComparingLong(i -> entity[i]).thenComparingInt(i -> begin[i]));
    List<long[]> out = new ArrayList<>();
    int[] capped = {0};
    int from = 0;
    while (from < order.length) {
      int to = from;
      int key = bySentence ? sentence[order[from]] : 0;
      while (to < order.length && (bySentence ? sentence[order[to]] : 0) == key) {
        to++;
      }
      out.add(window(order, from, to, begin, entity, maxPerWindow, capped));
      from = to;
    }
    return new Windows(out, capped[0]);
  }

  /** One window from the mentions order[from..to), sorted by entity then position; counts it in {@code capped[0]} if capped. */
  private static long[] window(Integer[] order, int from, int to, int[] begin, long[] entity, int maxPerWindow, int[] capped) {
    List<long[]> entities = new ArrayList<>(); // {entity, mentions, first position}
    for (int i = from; i < to; i++) {
      int m = order[i];
      if (entities.isEmpty() || entities.get(entities.size() - 1)[0] != entity[m]) {
        entities.add(new long[] {entity[m], 1, begin[m]});
      } else {
        entities.get(entities.size() - 1)[1]++;
      }
    }
    if (entities.size() > maxPerWindow) {
      capped[0]++;
      entities.sort(Comparator.<long[]>comparingLong(e -> -e[1]).thenComparingLong(e -> e[2]).thenComparingLong(e -> e[0]));
      entities = entities.subList(0, maxPerWindow);
    }
    long[] ids = entities.stream().mapToLong(e -> e[0]).toArray();
    Arrays.sort(ids);
    return ids;
  }
}
