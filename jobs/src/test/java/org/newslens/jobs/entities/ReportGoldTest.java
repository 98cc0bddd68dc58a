package org.newslens.jobs.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.NerEvaluation.Span;

/**
 * The hand-checked report-text gold sets (data-samples/eval/report-gold-dev.jsonl, tuned on, and
 * report-gold-test.jsonl, judged after the rules were written) against the full recogniser stack.
 */
class ReportGoldTest {

  private static final Path EVAL = Path.of("..", "data-samples", "eval");
  private static Map<String, String> corpus;
  private static EntityExtractor extractor;

  @BeforeAll
  static void load() throws Exception {
    corpus = ReportGold.corpus(Path.of("..", "data-samples", "corpus"));
    extractor = new EntityExtractor(Gazetteer.load(List.of()), EntitiesJob.MAX_NER_CHARS_DEFAULT);
  }

  @Test
  void marksBecomeSpansOfTheUnmarkedText() {
    var p = new ReportGold.Paragraph("d", 0, "[[WBN|LOC/ORG]] [[[Watts Bar|LOC/ORG]]] told the [[NRC|ORG]].");
    assertThat(p.text()).isEqualTo("WBN [Watts Bar] told the NRC.");
    assertThat(p.gold()).containsExactly(new Span(0, 3, "LOC/ORG"), new Span(5, 14, "LOC/ORG"), new Span(25, 28, "ORG"));
  }

  @Test
  void aJudgementOfOtherTextFails() {
    String id = corpus.keySet().stream().filter(k -> k.startsWith("nrc-")).findFirst().orElseThrow();
    var stale = new ReportGold.Paragraph(id, 0, "Not the text of this paragraph.");
    assertThatThrownBy(() -> ReportGold.evaluate(List.of(stale), corpus, extractor))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the judged text");
  }

  @Test
  void reportTextPrecisionStaysAtItsMeasuredFloor() throws Exception {
    List<ReportGold.Paragraph> gold = new ArrayList<>(ReportGold.load(EVAL.resolve("report-gold-dev.jsonl")));
    gold.addAll(ReportGold.load(EVAL.resolve("report-gold-test.jsonl")));
    assertThat(gold).hasSizeGreaterThanOrEqualTo(200);
    var scores = ReportGold.evaluate(gold, corpus, extractor).scores();
    assertThat(scores.get("micro(PER,ORG,LOC)").predicted()).isGreaterThanOrEqualTo(300);
    // Issue 16 asks for 0.90 per type; places meet it, organisations do not yet (0.833 measured on
    // both sets, 0.803 on the held-out one; 0.36-0.39 before the report-text rules), and the sets
    // hold only 8 people, too few to bound. These floors fail on any real regression.
    assertThat(scores.get("LOC").precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(scores.get("ORG").precision()).isGreaterThanOrEqualTo(0.80);
    assertThat(scores.get("micro(PER,ORG,LOC)").precision()).isGreaterThanOrEqualTo(0.85);
    assertThat(scores.get("micro(PER,ORG,LOC)").recall()).isGreaterThanOrEqualTo(0.83);
  }
}
