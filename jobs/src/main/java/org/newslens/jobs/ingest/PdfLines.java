package org.newslens.jobs.ingest;

import java.util.Arrays;

/**
 * Rejoins the lines a PDF's layout wrapped. Text extracted from a PDF keeps every visual line
 * break, so a name or a number split over two lines ("Donald" / "Trump", "uranium-" / "235")
 * would be two pieces: a line that reaches near the page's usual line width was wrapped by the
 * layout and is joined to the next with a space (with nothing after a trailing hyphen, which is
 * kept: reports set from word processors break at real hyphens); a shorter line (a heading, a
 * caption, the last line of a paragraph, a list item) keeps its break.
 */
final class PdfLines {

  /** A line at least this share of the page's usual width was wrapped by the layout. */
  static final double WRAPPED = 0.7;

  /** Lines looked at, at the top and at the bottom of each page, for running headers and footers. */
  static final int EDGE_LINES = 3;

  private PdfLines() {}

  /**
   * The pages without their running headers and footers: a line among the first or last
   * {@link #EDGE_LINES} of a page whose shape (digits ignored, so "Page 3 of 10" and "CRS-4"
   * match across pages) recurs at the edge of at least half the pages, and at least three; and an
   * edge line that is only a page number. Documents of fewer than three pages, and pages that
   * would be left without a word, are left as they are.
   */
  static java.util.List<String> withoutRunningLines(java.util.List<String> pages) {
    if (pages.size() < 3) {
      return pages;
    }
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (String page : pages) {
      edgeLines(page.split("\n", -1)).stream().map(PdfLines::shape).distinct().forEach(k -> seen.merge(k, 1, Integer::sum));
    }
    int needed = Math.max(3, (pages.size() + 1) / 2);
    java.util.List<String> out = new java.util.ArrayList<>(pages.size());
    for (String page : pages) {
      String[] lines = page.split("\n", -1);
      java.util.Set<Integer> edges = edgeIndexes(lines);
      var kept = new StringBuilder(page.length());
      for (int i = 0; i < lines.length; i++) {
        String key = shape(lines[i]);
        boolean running = edges.contains(i) && (seen.getOrDefault(key, 0) >= needed || lines[i].strip().matches("(?i)(page\\s*)?\\d{1,4}"));
        if (!running) {
          kept.append(lines[i]).append('\n');
        }
      }
      String rest = kept.length() == 0 ? "" : kept.substring(0, kept.length() - 1);
      // a page made only of recurring lines is a page of content (an annex of one-line entries)
      out.add(rest.codePoints().anyMatch(Character::isLetterOrDigit) ? rest : page);
    }
    return out;
  }

  private static java.util.List<String> edgeLines(String[] lines) {
    return edgeIndexes(lines).stream().map(i -> lines[i]).toList();
  }

  /** Indexes of the first and last {@link #EDGE_LINES} non-blank lines. */
  private static java.util.Set<Integer> edgeIndexes(String[] lines) {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (int i = 0, n = 0; i < lines.length && n < EDGE_LINES; i++) {
      if (!lines[i].isBlank()) {
        out.add(i);
        n++;
      }
    }
    for (int i = lines.length - 1, n = 0; i >= 0 && n < EDGE_LINES; i--) {
      if (!lines[i].isBlank()) {
        out.add(i);
        n++;
      }
    }
    return out;
  }

  private static String shape(String line) {
    return line.strip().replaceAll("\\d+", "#").replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }

  static String reflow(String page) {
    String[] lines = page.split("\n", -1);
    int width = usualWidth(lines);
    if (width == 0) {
      return page;
    }
    var out = new StringBuilder(page.length());
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    while (i < lines.length) {
      String line = lines[i];
      int next = i + 1;
      while (next < lines.length && lines[next].isBlank()) {
        next++;
      }
      out.append(line);
      if (next >= lines.length) {
        break;
      }
      // some PDFs set every line as a paragraph of its own: a wrapped line joins the next one
      // whether a blank line separates them or not
      String trimmed = line.strip();
      if (trimmed.length() >= WRAPPED * width) {
        if (!trimmed.endsWith("-")) {
          out.append(' ');
        }
      } else {
        out.append(next - i == 1 ? "\n" : "\n\n");
      }
      i = next;
    }
    return out.toString();
  }

  /** The 90th percentile of the page's non-blank line lengths (0 for fewer than three lines). */
  static int usualWidth(String[] lines) {
    int[] lengths = Arrays.stream(lines).map(String::strip).filter(l -> !l.isEmpty()).mapToInt(String::length).sorted().toArray();
    return lengths.length < 3 ? 0 : lengths[(int) Math.floor(0.9 * (lengths.length - 1))];
  }
}
