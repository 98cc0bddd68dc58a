package org.newslens.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

  @Test
  void stripsTagsScriptsAndEntitiesButKeepsParagraphs() {
    String html =
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
            + "<script>var a = 1;</script><h1>Talks &amp; deals</h1>"
            + "<p>First&nbsp;para with <b>bold</b>.</p><p>Second<br>line</p></body></html>";
    assertThat(TextCleaner.cleanBody(html)).isEqualTo("Talks & deals\n\nFirst para with bold.\n\nSecond\nline");
  }

  @Test
  void decodesEntitiesInPlainText() {
    assertThat(TextCleaner.cleanBody("AT&amp;T &#8220;said&#8221; 5 &lt; 6")).isEqualTo("AT&T “said” 5 < 6");
  }

  @Test
  void aStrayLessThanIsNotHtml() {
    assertThat(TextCleaner.looksLikeHtml("5 < 6 and 7 > 3")).isFalse();
    assertThat(TextCleaner.cleanBody("5 < 6 and 7 > 3")).isEqualTo("5 < 6 and 7 > 3");
  }

  @Test
  void normalisesUnicodeToNfc() {
    String decomposed = "Mu\u0308nchen cafe\u0301";
    assertThat(TextCleaner.cleanBody(decomposed)).isEqualTo("M\u00fcnchen caf\u00e9");
  }

  @Test
  void removesTerminalEscapeSequencesWhole() {
    String csi = "\u001B[1;31mAlert\u001B[0m: \u001B[2J\u001B[10;20HThe navy \u009B32mtested\u009Bm a missile.";
    assertThat(TextCleaner.cleanBody(csi)).isEqualTo("Alert: The navy tested a missile.");
    String osc = "\u001B]0;window title\u0007Grid \u001B]8;;https://example.org\u001B\\link\u001B]8;;\u001B\\ fails.";
    assertThat(TextCleaner.cleanBody(osc)).isEqualTo("Grid link fails.");
    String other = "\u001B(BCharset \u001B7saved\u001B8 \u001BPq#0;2;0;0;0\u001B\\and \u001B_apc\u009C done.";
    assertThat(TextCleaner.cleanBody(other)).isEqualTo("Charset saved and done.");
    // An OSC that never ends loses its introducer only: the text after it stays.
    assertThat(TextCleaner.cleanBody("\u001B]0;unterminated title. The text stays.")).isEqualTo("0;unterminated title. The text stays.");
    assertThat(TextCleaner.cleanBody("no escapes [31m here")).isEqualTo("no escapes [31m here");
    // 8-bit string introducers are mis-decoded letters more often than terminal strings: only they go.
    assertThat(TextCleaner.cleanBody("Ko\u009Eeluh and Ma\u009Cstricht")).isEqualTo("Koeluh and Mastricht");
  }

  @Test
  void removesControlAndInvisibleCharactersKeepsJoiners() {
    String raw = "\uFEFFa\u0000b\u0007c\u200Bd\u00ADe\u202Ef \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
    assertThat(TextCleaner.cleanBody(raw)).isEqualTo("abcdef \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
  }

  @Test
  void normalisesWhitespaceAndLineEndings() {
    String raw = "  One \t two\u00A0 three  \r\n\r\n\r\n\r\nFour\rfive\n\n\n";
    assertThat(TextCleaner.cleanBody(raw)).isEqualTo("One two three\n\nFour\nfive");
  }

  @Test
  void dropsUnpairedSurrogatesKeepsEmoji() {
    assertThat(TextCleaner.cleanBody("ok \uD83D\uDE80 bad\uD800 end")).isEqualTo("ok \uD83D\uDE80 bad end");
  }

  @Test
  void htmlWithOnlyScriptsCleansToEmpty() {
    assertThat(TextCleaner.cleanBody("<script>alert(1)</script><style>.a{}</style>")).isEmpty();
    assertThat(TextCleaner.cleanBody(null)).isEmpty();
  }

  @Test
  void cleanLineCollapsesEverything() {
    assertThat(TextCleaner.cleanLine(" <b>Big</b>\n\n news ")).isEqualTo("Big news");
  }
}
