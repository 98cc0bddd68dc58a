package org.newslens.jobs.entities;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.newslens.common.entities.EntityType;
import org.newslens.common.entities.Mention;
import org.newslens.jobs.entities.EntityExtractor.Recogniser;

/**
 * Scores the recogniser stack on a CoNLL-format file (token per line, tag in the last column,
 * IOB1 or IOB2, blank lines between sentences, {@code -DOCSTART-} between documents): each
 * document is rebuilt as text (tokens joined by spaces, sentences by blank lines), recognised,
 * and predicted spans are compared with gold spans by exact character span and type.
 */
public final class NerEvaluation {

  /**
   * Precision, recall and F1 of one type (or of the micro-average) by exact span; lenient counts
   * predictions that overlap a gold span of the same type and gold spans so overlapped.
   */
  public record Score(String type, int gold, int predicted, int correct, int lenientPredicted, int lenientGold) {

    public double lenientF1() {
      double p = predicted == 0 ? 0 : (double) lenientPredicted / predicted;
      double r = gold == 0 ? 0 : (double) lenientGold / gold;
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    public double recall() {
      return gold == 0 ? 0 : (double) correct / gold;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /** A labelled span [begin, end) of a rebuilt document. */
  public record Span(int begin, int end, String type) {}

  /** A rebuilt document and its gold spans. */
  public record Doc(String text, List<Span> gold) {}

  /** The types reported; PER, ORG and LOC make the micro-average, as in CoNLL-2003. */
  public static final List<String> MICRO = List.of("PER", "ORG", "LOC");

  private NerEvaluation() {}

  /** Parses CoNLL lines into documents. */
  public static List<Doc> parse(List<String> lines) {
    List<Doc> docs = new ArrayList<>();
    var text = new StringBuilder();
    List<Span> gold = new ArrayList<>();
    String openType = null;
    int openBegin = -1;
    int lastEnd = -1;
    boolean sentenceStart = true;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("-DOCSTART-")) {
        closeSpan(gold, openType, openBegin, lastEnd);
        openType = null;
        if (text.length() > 0) {
          docs.add(new Doc(text.toString(), List.copyOf(gold)));
        }
        text.setLength(0);
        gold.clear();
        sentenceStart = true;
        continue;
      }
      if (line.isEmpty()) {
        closeSpan(gold, openType, openBegin, lastEnd);
        openType = null;
        sentenceStart = true;
        continue;
      }
      String[] cols = line.split("\\s+");
      String token = cols[0];
      String tag = cols.length > 1 ? cols[cols.length - 1] : "O";
      if (text.length() > 0) {
        text.append(sentenceStart ? "\n\n" : " ");
      }
      sentenceStart = false;
      int begin = text.length();
      text.append(token);
      int end = text.length();
      String type = tag.equals("O") ? null : goldType(tag.substring(2));
      boolean starts = tag.startsWith("B-") || openType == null || !openType.equals(type);
      if (type == null || starts) {
        closeSpan(gold, openType, openBegin, lastEnd);
        openType = type;
        openBegin = begin;
      }
      lastEnd = end;
    }
    closeSpan(gold, openType, openBegin, lastEnd);
    if (text.length() > 0) {
      docs.add(new Doc(text.toString(), List.copyOf(gold)));
    }
    return docs;
  }

  private static void closeSpan(List<Span> gold, String type, int begin, int end) {
    if (type != null && !type.isEmpty()) {
      gold.add(new Span(begin, end, type));
    }
  }

  /** CoNLL-2003 and re3d type names → the reported types; others are not scored (empty). */
  static String goldType(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "per", "person" -> "PER";
      case "org", "organisation", "organization" -> "ORG";
      case "loc", "location" -> "LOC";
      case "misc", "nationality" -> "MISC";
      case "weapon", "militaryplatform" -> "MILITARY_SYSTEM";
      default -> "";
    };
  }

  /** Our types → the reported ones; domain types other than weapons count as MISC. */
  public static String predictedType(EntityType t) {
    return switch (t) {
      case PERSON -> "PER";
      case ORG -> "ORG";
      case LOCATION -> "LOC";
      case MILITARY_SYSTEM -> "MILITARY_SYSTEM";
      default -> "MISC";
    };
  }

  /** Scores per type plus {@code micro(PER,ORG,LOC)}, from gold and predicted spans of all documents. */
  public static Map<String, Score> score(List<Span> gold, List<Span> predicted) {
    Map<String, int[]> counts = new TreeMap<>();
    Set<Span> goldSet = new HashSet<>(gold);
    for (Span g : gold) {
      int[] c = counts.computeIfAbsent(g.type(), k -> new int[5]);
      c[0]++;
      if (predicted.stream().anyMatch(p -> overlapsSameType(p, g))) {
        c[4]++;
      }
    }
    for (Span p : predicted) {
      int[] c = counts.computeIfAbsent(p.type(), k -> new int[5]);
      c[1]++;
      if (goldSet.contains(p)) {
        c[2]++;
      }
      if (gold.stream().anyMatch(g -> overlapsSameType(p, g))) {
        c[3]++;
      }
    }
    Map<String, Score> out = new java.util.LinkedHashMap<>();
    int[] micro = new int[5];
    counts.forEach((type, c) -> {
      out.put(type, new Score(type, c[0], c[1], c[2], c[3], c[4]));
      if (MICRO.contains(type)) {
        for (int i = 0; i < 5; i++) {
          micro[i] += c[i];
        }
      }
    });
    out.put("micro(PER,ORG,LOC)", new Score("micro(PER,ORG,LOC)", micro[0], micro[1], micro[2], micro[3], micro[4]));
    return out;
  }

  private static boolean overlapsSameType(Span a, Span b) {
    return a.type().equals(b.type()) && a.begin() < b.end() && b.begin() < a.end();
  }

  /** The stacks of the ablation table: the CRF alone, then each layer added, then all. */
  public static final List<Set<Recogniser>> ABLATION = List.of(
      EnumSet.of(Recogniser.CRF),
      EnumSet.of(Recogniser.CRF, Recogniser.RULES),
      EnumSet.of(Recogniser.CRF, Recogniser.RULES, Recogniser.GAZETTEER),
      EnumSet.of(Recogniser.CRF, Recogniser.RULES, Recogniser.PATTERNS),
      Recogniser.ALL);

  /** Runs the whole stack on each document. */
  public static Map<String, Score> evaluate(List<Doc> docs, EntityExtractor extractor) {
    return evaluate(docs, extractor, List.of(Recogniser.ALL)).get(Recogniser.ALL);
  }

  /**
   * Scores each stack of layers on the same documents; each document is tokenised and run through
   * the CRF once. Spans of different documents are made distinct by offset.
   */
  public static Map<Set<Recogniser>, Map<String, Score>> evaluate(List<Doc> docs, EntityExtractor extractor,
      List<Set<Recogniser>> stacks) {
    List<Span> gold = new ArrayList<>();
    Map<Set<Recogniser>, List<Span>> predicted = new LinkedHashMap<>();
    stacks.forEach(s -> predicted.put(s, new ArrayList<>()));
    int base = 0;
    for (Doc d : docs) {
      for (Span s : d.gold()) {
        gold.add(new Span(base + s.begin(), base + s.end(), s.type()));
      }
      var annotated = extractor.annotate(d.text());
      for (var stack : predicted.entrySet()) {
        for (Mention m : extractor.recognise(d.text(), annotated, stack.getKey())) {
          stack.getValue().add(new Span(base + m.begin(), base + m.end(), predictedType(m.type())));
        }
      }
      base += d.text().length() + 1;
    }
    Map<Set<Recogniser>, Map<String, Score>> out = new LinkedHashMap<>();
    predicted.forEach((stack, spans) -> out.put(stack, score(gold, spans)));
    return out;
  }
}
