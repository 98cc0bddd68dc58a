package org.newslens.common.text;

import java.util.regex.Pattern;

/** Word tokens as newslens counts them: {@code n_tokens} and throughput figures. */
public final class Tokens {

  /**
   * A token is one CJK character (those scripts have no spaces) or a run of letters, marks and
   * digits, joined across inner hyphens, apostrophes and dots, so {@code S-400}, {@code don't}
   * and {@code U.S} are single tokens.
   */
  private static final Pattern TOKEN =
      Pattern.compile(
          "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]"
              + "|[\\p{L}\\p{M}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]+"
              + "(?:[-'’.][\\p{L}\\p{M}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]+)*");

  private Tokens() {}

  /** Number of word tokens in the text; 0 for null. */
  public static int count(String text) {
    if (text == null) {
      return 0;
    }
    var m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
