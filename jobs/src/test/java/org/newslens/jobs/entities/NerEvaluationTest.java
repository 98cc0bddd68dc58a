package org.newslens.jobs.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.EntityExtractor.Recogniser;
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

  @Test
  void theAblationShowsWhatEachLayerAddsOnTheSameDocuments() {
    // "Triumf" is only in the gazetteer (an alias of the S-400), "Hwasong-99" only a designation pattern.
    var docs = NerEvaluation.parse(conll("India B-LOC bought O the O Triumf B-weapon and O tested O a O Hwasong-99 B-weapon , O"
        + " officials O in O New B-LOC Delhi I-LOC said O . O"));
    var extractor = new EntityExtractor(Gazetteer.load(List.of()), 100_000);
    var scores = NerEvaluation.evaluate(docs, extractor, NerEvaluation.ABLATION);
    assertThat(scores.keySet()).containsExactlyElementsOf(NerEvaluation.ABLATION);
    var crf = scores.get(Set.of(Recogniser.CRF));
    var gazetteer = scores.get(Set.of(Recogniser.CRF, Recogniser.RULES, Recogniser.GAZETTEER));
    var patterns = scores.get(Set.of(Recogniser.CRF, Recogniser.RULES, Recogniser.PATTERNS));
    var all = scores.get(Recogniser.ALL);
    assertThat(crf.get("MILITARY_SYSTEM").correct()).isZero();
    assertThat(gazetteer.get("MILITARY_SYSTEM").correct()).isEqualTo(1);
    assertThat(patterns.get("MILITARY_SYSTEM").correct()).isEqualTo(1);
    assertThat(all.get("MILITARY_SYSTEM").correct()).isEqualTo(2);
    assertThat(crf.get("LOC").correct()).isEqualTo(2);
    // the whole stack scored in the ablation is the stack the job runs
    assertThat(all.get("micro(PER,ORG,LOC)")).isEqualTo(NerEvaluation.evaluate(docs, extractor).get("micro(PER,ORG,LOC)"));
  }

  @Test
  void recogniserListsParseAndNameTheirLayers() {
    assertThat(Recogniser.parse("crf, rules")).containsExactly(Recogniser.CRF, Recogniser.RULES);
    assertThat(Recogniser.parse("all")).isEqualTo(Recogniser.ALL);
    assertThat(Recogniser.label(Recogniser.parse("patterns,crf"))).isEqualTo("crf+patterns");
    assertThatThrownBy(() -> Recogniser.parse("crf,regexner")).hasMessageContaining("unknown recogniser 'regexner'");
  }

  /** "token tag token tag ..." as CoNLL lines, one document. */
  private static List<String> conll(String pairs) {
    String[] t = pairs.split(" ");
    List<String> lines = new java.util.ArrayList<>(List.of("-DOCSTART- O", ""));
    for (int i = 0; i + 1 < t.length; i += 2) {
      lines.add(t[i] + " " + t[i + 1]);
    }
    return lines;
  }
}
