package org.newslens.jobs.entities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.newslens.common.entities.Mention;
import org.newslens.common.text.TextCleaner;
import org.newslens.jobs.entities.NerEvaluation.Score;
import org.newslens.jobs.entities.NerEvaluation.Span;

/**
 * A hand-checked gold set of whole paragraphs of report text (data-samples/eval/report-gold.jsonl):
 * each line names a document of the sample corpus, a paragraph of its cleaned text (paragraphs
 * are separated by blank lines) and that paragraph with every PERSON, ORG and LOCATION name marked
 * {@code [[surface|TYPE]]}; {@code [[surface|LOC/ORG]]} accepts either type (a plant named for its
 * site, say). Every document is recognised whole, as the job does, and the mentions inside the
 * judged paragraphs are scored against the marks.
 */
public final class ReportGold {

  /** A judged paragraph: where it is and its marked text. */
  public record Paragraph(String docId, int index, String marked) {

    /** The paragraph with the marks removed. */
    public String text() {
      return MARK.matcher(marked).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    /** The marked names, offsets into {@link #text()}; a type may be {@code A/B}. */
    public List<Span> gold() {
      List<Span> out = new ArrayList<>();
      Matcher m = MARK.matcher(marked);
      int removed = 0;
      while (m.find()) {
        int begin = m.start() - removed;
        out.add(new Span(begin, begin + m.group(1).length(), m.group(2)));
        removed += m.group().length() - m.group(1).length();
      }
      return out;
    }
  }

  /** The scores and, for reading, each paragraph's predicted marks. */
  public record Result(Map<String, Score> scores, List<Paragraph> predicted) {

    /**
     * Every disagreement with the gold, one line each, paragraph by paragraph: {@code wrong}, a
     * predicted span and type the gold does not have (with the gold's reading of an overlapping
     * span, if any), and {@code missed}, a gold name no prediction has exactly.
     */
    public List<String> errors(List<Paragraph> gold) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < gold.size(); i++) {
        Paragraph g = gold.get(i);
        String text = g.text();
        List<Span> expected = g.gold();
        List<Span> got = predicted.get(i).gold();
        for (Span p : got) {
          if (expected.stream().noneMatch(e -> accepts(e, p))) {
            String overlapping = expected.stream().filter(e -> e.begin() < p.end() && p.begin() < e.end())
                .map(e -> text.substring(e.begin(), e.end()) + "|" + e.type()).findFirst().orElse("-");
            out.add(String.format("%s #%d  wrong   %-45s gold %s", g.docId(), g.index(), text.substring(p.begin(), p.end()) + "|" + p.type(),
                overlapping));
          }
        }
        for (Span e : expected) {
          if (got.stream().noneMatch(p -> accepts(e, p))) {
            out.add(String.format("%s #%d  missed  %s", g.docId(), g.index(), text.substring(e.begin(), e.end()) + "|" + e.type()));
          }
        }
      }
      return out;
    }
  }

  static final Pattern MARK = Pattern.compile("\\[\\[([^\\[\\]|]+)\\|([A-Z/]+)]]");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportGold() {}

  /** Reads the gold file: one JSON object per line with {@code doc_id}, {@code paragraph}, {@code marked}. */
  public static List<Paragraph> load(Path file) throws IOException {
    List<Paragraph> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        out.add(new Paragraph(n.path("doc_id").asText(), n.path("paragraph").asInt(), n.path("marked").asText()));
      }
    }
    return out;
  }

  /** The cleaned text of every record of the JSON Lines files under {@code corpus}, by {@code id}. */
  public static Map<String, String> corpus(Path corpus) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            JsonNode n = JSON.readTree(line);
            out.put(n.path("id").asText(), TextCleaner.cleanBody(n.path("text").asText()));
          }
        }
      }
    }
    return out;
  }

  /** The [begin, end) offsets of a cleaned text's paragraphs. */
  public static List<int[]> paragraphs(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = PARAGRAPH_BREAK.matcher(text);
    int begin = 0;
    while (m.find()) {
      out.add(new int[] {begin, m.start()});
      begin = m.end();
    }
    out.add(new int[] {begin, text.length()});
    return out;
  }

  /**
   * Recognises each document that holds a judged paragraph and scores the PER, ORG and LOC
   * mentions inside the judged paragraphs. A paragraph whose text no longer matches the corpus
   * fails: the judgement was of other text.
   */
  public static Result evaluate(List<Paragraph> gold, Map<String, String> corpus, EntityExtractor extractor) {
    return evaluate(gold, corpus, extractor, List.of(EntityExtractor.Recogniser.ALL)).get(EntityExtractor.Recogniser.ALL);
  }

  /**
   * {@link #evaluate(List, Map, EntityExtractor)} for each stack of recognisers (the ablation
   * table's, or one), on the same paragraphs; each document is run through the CRF once.
   */
  public static Map<Set<EntityExtractor.Recogniser>, Result> evaluate(List<Paragraph> gold, Map<String, String> corpus,
      EntityExtractor extractor, List<Set<EntityExtractor.Recogniser>> stacks) {
    Map<String, CrfNer.Annotated> annotated = new HashMap<>();
    Map<Set<EntityExtractor.Recogniser>, Result> out = new LinkedHashMap<>();
    for (var stack : stacks) {
      out.put(stack, evaluate(gold, corpus, docId -> extractor.recognise(corpus.get(docId),
          annotated.computeIfAbsent(docId, d -> extractor.annotate(corpus.get(d))), stack)));
    }
    return out;
  }

  /** Scores the mentions {@code mentionsOf} gives for each document (by id) against the judged paragraphs. */
  private static Result evaluate(List<Paragraph> gold, Map<String, String> corpus, java.util.function.Function<String, List<Mention>> mentionsOf) {
    Map<String, List<Mention>> byDoc = new HashMap<>();
    List<Span> goldSpans = new ArrayList<>();
    List<Span> predictedSpans = new ArrayList<>();
    List<Paragraph> predictedMarks = new ArrayList<>();
    int base = 0;
    for (Paragraph p : gold) {
      String text = corpus.get(p.docId());
      if (text == null) {
        throw new IllegalArgumentException("gold paragraph of " + p.docId() + ": no such document in the corpus");
      }
      List<int[]> paras = paragraphs(text);
      if (p.index() < 0 || p.index() >= paras.size()) {
        throw new IllegalArgumentException(p.docId() + " has no paragraph " + p.index());
      }
      int[] span = paras.get(p.index());
      String paragraph = text.substring(span[0], span[1]);
      if (!paragraph.equals(p.text())) {
        throw new IllegalArgumentException(p.docId() + " paragraph " + p.index() + " is not the judged text any more");
      }
      List<Span> predicted = new ArrayList<>();
      for (Mention m : byDoc.computeIfAbsent(p.docId(), mentionsOf)) {
        String type = NerEvaluation.predictedType(m.type());
        if (m.begin() >= span[0] && m.end() <= span[1] && NerEvaluation.MICRO.contains(type)) {
          predicted.add(new Span(m.begin() - span[0], m.end() - span[0], type));
        }
      }
      for (Span g : p.gold()) {
        goldSpans.add(new Span(base + g.begin(), base + g.end(), chooseType(g, predicted)));
      }
      for (Span s : predicted) {
        predictedSpans.add(new Span(base + s.begin(), base + s.end(), s.type()));
      }
      predictedMarks.add(new Paragraph(p.docId(), p.index(), mark(paragraph, predicted)));
      base += paragraph.length() + 1;
    }
    return new Result(NerEvaluation.score(goldSpans, predictedSpans), predictedMarks);
  }

  /** A gold span accepting several types takes the predicted one when a prediction has its span. */
  private static String chooseType(Span g, List<Span> predicted) {
    return predicted.stream()
        .filter(p -> accepts(g, p))
        .map(Span::type)
        .findFirst()
        .orElse(g.type().split("/")[0]);
  }

  /** True when the prediction has the gold span and one of its types (a gold type may be "ORG/LOCATION"). */
  static boolean accepts(Span gold, Span predicted) {
    return gold.begin() == predicted.begin() && gold.end() == predicted.end() && List.of(gold.type().split("/")).contains(predicted.type());
  }

  /** The paragraph with the given spans marked. */
  public static String mark(String paragraph, List<Span> spans) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Span s : spans.stream().sorted((a, b) -> Integer.compare(a.begin(), b.begin())).toList()) {
      if (s.begin() < at) {
        continue;
      }
      out.append(paragraph, at, s.begin()).append("[[").append(paragraph, s.begin(), s.end())
          .append('|').append(s.type()).append("]]");
      at = s.end();
    }
    return out.append(paragraph.substring(at)).toString();
  }

  /** One gold line for a paragraph. */
  public static String jsonLine(Paragraph p) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("doc_id", p.docId());
    o.put("paragraph", p.index());
    o.put("marked", p.marked());
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
