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
 * The hand-checked report-text gold sets (data-samples/eval/report-gold-dev.jsonl and
 * report-gold-dev2.jsonl, tuned on; report-gold-test.jsonl, seen; report-gold-heldout.jsonl, scored
 * once after each round of rules) against the full stack.
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
  void errorsListWrongAndMissedNamesWithTheGoldReading() {
    var gold = List.of(new ReportGold.Paragraph("d", 3, "[[Jane Roe|PER]] met the [[NRC|ORG]] in [[Ohio|LOC]]."));
    var predicted = List.of(new ReportGold.Paragraph("d", 3, "[[Jane|PER]] Roe met the [[NRC|ORG]] in [[Ohio|ORG]]."));
    var errors = new ReportGold.Result(Map.of(), predicted).errors(gold);
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0)).startsWith("d #3  wrong").contains("Jane|PER").endsWith("gold Jane Roe|PER");
    assertThat(errors.get(1)).contains("wrong").contains("Ohio|ORG").endsWith("gold Ohio|LOC");
    assertThat(errors.get(2)).contains("missed").endsWith("Jane Roe|PER");
    assertThat(errors.get(3)).contains("missed").endsWith("Ohio|LOC");
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
    List<ReportGold.Paragraph> gold = new ArrayList<>();
    for (String set : List.of("dev", "test", "heldout", "dev2")) {
      gold.addAll(ReportGold.load(EVAL.resolve("report-gold-" + set + ".jsonl")));
    }
    assertThat(gold).hasSizeGreaterThanOrEqualTo(450);
    var crf = java.util.EnumSet.of(EntityExtractor.Recogniser.CRF);
    var byStack = ReportGold.evaluate(gold, corpus, extractor, List.of(crf, EntityExtractor.Recogniser.ALL));
    var scores = byStack.get(EntityExtractor.Recogniser.ALL).scores();
    // the baseline beside it: the CRF alone takes headings, captions and list words for organisations
    // (micro precision about 0.5 on the four sets)
    assertThat(byStack.get(crf).scores().get("micro(PER,ORG,LOC)").precision())
        .isLessThan(scores.get("micro(PER,ORG,LOC)").precision() - 0.2);
    assertThat(scores.get("micro(PER,ORG,LOC)").predicted()).isGreaterThanOrEqualTo(300);
    // Issue 16 asks for 0.90 per type; places meet it, organisations do not (measured on the four
    // sets 0.817, held out alone 0.714; 0.28-0.39 before the report-text rules), and the sets hold
    // only 33 people, too few to bound. These floors sit under the measured values
    // (places 0.955, micro precision 0.870, recall 0.891) and fail on any real regression.
    assertThat(scores.get("LOC").precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(scores.get("ORG").precision()).isGreaterThanOrEqualTo(0.78);
    assertThat(scores.get("micro(PER,ORG,LOC)").precision()).isGreaterThanOrEqualTo(0.84);
    assertThat(scores.get("micro(PER,ORG,LOC)").recall()).isGreaterThanOrEqualTo(0.84);
  }
}
