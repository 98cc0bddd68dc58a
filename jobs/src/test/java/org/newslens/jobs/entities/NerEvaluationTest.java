package org.newslens.jobs.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.NerEvaluation.Span;

class NerEvaluationTest {

  @Test
  void scoresExactSpanAndTypeMatchesAgainstHandComputedValues() {
    List<Span> gold = List.of(new Span(0, 5, "PER"), new Span(10, 15, "LOC"), new Span(20, 25, "ORG"), new Span(30, 33, "MISC"));
    List<Span> predicted = List.of(new Span(0, 5, "PER"), new Span(10, 14, "LOC"), new Span(20, 25, "LOC"), new Span(30, 33, "MISC"));
    var scores = NerEvaluation.score(gold, predicted);
    assertThat(scores.get("PER").f1()).isEqualTo(1.0);
    assertThat(scores.get("LOC").precision()).isEqualTo(0.0);
    assertThat(scores.get("ORG").recall()).isEqualTo(0.0);
    var micro = scores.get("micro(PER,ORG,LOC)");
    assertThat(micro.gold()).isEqualTo(3);
    assertThat(micro.predicted()).isEqualTo(3);
    assertThat(micro.correct()).isEqualTo(1);
    assertThat(micro.f1()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(scores.get("MISC").f1()).isEqualTo(1.0);
    // the LOC prediction [10,14) overlaps the gold LOC [10,15): lenient counts it on both sides
    assertThat(scores.get("LOC").lenientF1()).isEqualTo(2.0 * (1.0 / 2) * 1.0 / (1.0 / 2 + 1.0));
  }

  @Test
  void parsesIob2AndIob1IntoCharacterSpansOfTheRebuiltText() {
    var docs = NerEvaluation.parse(List.of("-DOCSTART- O", "", "Rajnath B-PER", "Singh I-PER", "met O", "Belousov I-PER", ".", "",
        "New I-LOC", "Delhi I-LOC"));
    assertThat(docs).hasSize(1);
    var doc = docs.get(0);
    assertThat(doc.text()).isEqualTo("Rajnath Singh met Belousov .\n\nNew Delhi");
    assertThat(doc.gold()).extracting(s -> doc.text().substring(s.begin(), s.end()) + "/" + s.type())
        .containsExactly("Rajnath Singh/PER", "Belousov/PER", "New Delhi/LOC");
  }

  @Test
  void theRecogniserStackFindsTheNamesOfAHandMadeFile() throws Exception {
    var docs = NerEvaluation.parse(Files.readAllLines(Path.of("src/test/resources/conll/handmade.conll")));
    var scores = NerEvaluation.evaluate(docs, new EntityExtractor(Gazetteer.load(List.of()), 100_000));
    // Gold: 3 PER (one, "Defence", deliberately wrong), 3 LOC, 2 ORG.
    assertThat(scores.get("PER").gold()).isEqualTo(3);
    assertThat(scores.get("PER").correct()).isEqualTo(2);
    assertThat(scores.get("LOC").recall()).isEqualTo(1.0);
    assertThat(scores.get("ORG").recall()).isEqualTo(1.0);
    assertThat(scores.get("micro(PER,ORG,LOC)").f1()).isGreaterThan(0.85);
  }
}
