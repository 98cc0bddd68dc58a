package org.newslens.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextArticleTest {

  @Test
  void capturesTheTrailingSourceLineAndKeepsABodyWithoutHeadline() {
    var a = PlainTextArticle.parse("Defence Minister met his counterpart.\n\nSecond para.\n\nBased On India Today Video Report");
    assertThat(a.source()).contains("India Today");
    assertThat(a.title()).isEmpty();
    assertThat(a.body()).isEqualTo("Defence Minister met his counterpart.\n\nSecond para.");
  }

  @Test
  void takesAHeadlineFromAShortFirstLine() {
    var a = PlainTextArticle.parse("India and Russia discuss S-500\n\nThe talks began.\n\nSource: Reuters");
    assertThat(a.title()).contains("India and Russia discuss S-500");
    assertThat(a.source()).contains("Reuters");
    assertThat(a.body()).isEqualTo("The talks began.");
  }

  @Test
  void aSingleParagraphIsAllBody() {
    var a = PlainTextArticle.parse("Short note without a title");
    assertThat(a.title()).isEmpty();
    assertThat(a.source()).isEmpty();
    assertThat(a.body()).isEqualTo("Short note without a title");
  }

  @Test
  void anOrdinaryLastParagraphIsNotASource() {
    assertThat(PlainTextArticle.sourceLine("Based on the evidence, the court ruled at length in a way that many found surprising and worth a long explanation.")).isEmpty();
    assertThat(PlainTextArticle.sourceLine("The end.")).isEmpty();
  }
}
