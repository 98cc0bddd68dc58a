package org.newslens.jobs.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.Mention;

/** The CRF's work per document is bounded, and the bounds keep offsets and mentions right. */
class CrfNerBoundsTest {

  private static final String NAMES = "Vladimir Putin met Narendra Modi in New Delhi on Monday.";

  private static List<String> surfaces(String text, CrfNer.Annotated a) {
    a.mentions().forEach(m -> assertThat(text.substring(m.begin(), m.end())).isEqualTo(m.surface()));
    return a.mentions().stream().map(Mention::surface).toList();
  }

  @Test
  void hyphenatedWordsStayOneTokenSoTheCrfSeesWholeNames() {
    // Split at the hyphen, the CRF labelled "Lucy Tyler" and "Aqsa" (PERSON) and never saw "S-400".
    String text = "Lucy Tyler-Sharman of Australia beat Anne-Gaelle Sidot in Paris.";
    assertThat(surfaces(text, CrfNer.annotate(text, 100_000))).contains("Lucy Tyler-Sharman", "Anne-Gaelle Sidot");
  }

  @Test
  void sentencesThatCannotHoldANameAreNotLabelledAndTheOthersAre() {
    // "The" is written in lower case elsewhere, "Putin" is not; "it rained" has no capital at all.
    String text = "The talks ended late. Putin said nothing. it rained on the square. They bought s-400 systems.";
    var a = CrfNer.annotate(text, 100_000);
    assertThat(a.namelessSentences()).isEqualTo(2);
    assertThat(surfaces(text, a)).contains("Putin");
    assertThat(CrfNer.lowerCaseWords(text)).contains("the", "talks", "s").doesNotContain("The", "Putin", "They");
  }

  @Test
  void noMentionCrossesALineBreak() {
    String text = "Defense Logistics Agency\nArmy Materiel Command awarded the contract to Lockheed Martin.\n";
    var surfaces = surfaces(text, CrfNer.annotate(text, 100_000));
    assertThat(surfaces).isNotEmpty().noneMatch(s -> s.contains("\n"));
    assertThat(surfaces).contains("Defense Logistics Agency", "Lockheed Martin");
  }

  @Test
  void aLongRunIsBlankedInPlaceAndCounted() {
    String text = "ab " + "x".repeat(100) + " cd " + "y".repeat(80);
    CrfNer.Blanked blanked = CrfNer.blankLongRuns(text, 80);
    assertThat(blanked.text()).hasSameSizeAs(text).startsWith("ab  ").endsWith(" cd " + "y".repeat(80)).doesNotContain("x");
    assertThat(blanked.runs()).isEqualTo(1);
  }

  @Test
  void chunksEndAtAParagraphBreakThenAnySpaceThenTheLimit() {
    String paragraphs = "a".repeat(14_000) + "\n\n" + "b ".repeat(5_000);
    assertThat(CrfNer.chunkEnd(paragraphs, 0, 20_000)).isEqualTo(14_002);
    String words = "word ".repeat(5_000);
    assertThat(CrfNer.chunkEnd(words, 0, 20_000)).isEqualTo(20_000);
    String sentences = "Two words. ".repeat(2_000);
    assertThat(CrfNer.chunkEnd(sentences, 0, 20_000)).isEqualTo(19_998);
    assertThat(CrfNer.chunkEnd(words, 3, 20_000)).isEqualTo(20_000);
    assertThat(CrfNer.chunkEnd("z".repeat(19_999) + "\ud83d\ude80" + "z".repeat(100), 0, 20_000)).isEqualTo(19_999);
    assertThat(CrfNer.chunkEnd(words, 10, 30_000)).isEqualTo(words.length());
  }

  @Test
  void aTwoHundredThousandCharacterTokenIsSkippedAndTheNamesAroundItFound() {
    String text = NAMES + " " + "x".repeat(200_000) + " " + NAMES;
    CrfNer.Annotated a = CrfNer.annotate(text, 1_000_000);
    assertThat(a.skippedTokens()).isEqualTo(1);
    assertThat(surfaces(text, a)).containsExactly("Vladimir Putin", "Narendra Modi", "New Delhi", "Vladimir Putin", "Narendra Modi", "New Delhi");
  }

  @Test
  void aSentenceOfThousandsOfWordsIsCutIntoSentencesOfAtMostTheLimit() {
    String text = "alpha bravo ".repeat(700) + NAMES;
    CrfNer.Annotated a = CrfNer.annotate(text, 1_000_000);
    assertThat(a.splitSentences()).isEqualTo(1);
    assertThat(a.sentenceBegins()).hasSize((1_400 + 11 + CrfNer.MAX_SENTENCE_TOKENS - 1) / CrfNer.MAX_SENTENCE_TOKENS);
    assertThat(a.tokens()).isEqualTo(1_400 + 11);
    assertThat(surfaces(text, a)).contains("Vladimir Putin", "Narendra Modi");
    for (int i = 1; i < a.sentenceBegins().length; i++) {
      assertThat(a.sentenceBegins()[i]).isGreaterThanOrEqualTo(a.sentenceEnds()[i - 1]);
    }
  }

  @Test
  void aLongTextIsTokenisedInChunksWithOffsetsIntoTheWholeText() {
    String paragraph = (NAMES + " The talks went on. ").repeat(300).strip();
    String text = String.join("\n\n", paragraph, paragraph, paragraph);
    assertThat(text.length()).isGreaterThan(2 * CrfNer.CHUNK_CHARS);
    CrfNer.Annotated a = CrfNer.annotate(text, 1_000_000);
    assertThat(surfaces(text, a)).hasSize(3 * 300 * 3).containsOnly("Vladimir Putin", "Narendra Modi", "New Delhi");
    assertThat(a.skippedTokens()).isZero();
    assertThat(a.sentenceEnds()[a.sentenceEnds().length - 1]).isEqualTo(text.length());
  }
}
