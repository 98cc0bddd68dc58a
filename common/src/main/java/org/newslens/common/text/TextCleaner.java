package org.newslens.common.text;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Turns raw article text into the cleaned text that {@code documents.text} holds: markup and
 * entities removed (paragraph breaks kept), Unicode NFC, control and invisible characters removed,
 * spaces collapsed within lines, blank-line runs collapsed to one paragraph break.
 */
public final class TextCleaner {

  private static final Pattern HTML_TAG =
      Pattern.compile("<(?:[a-zA-Z][a-zA-Z0-9]*(?:\\s[^>]*)?/?|/[a-zA-Z][a-zA-Z0-9]*\\s*|!--)>?");
  private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
  private static final Pattern SPACES = Pattern.compile("[ ]{2,}");
  private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
  private static final Pattern ANY_WHITESPACE = Pattern.compile("\\s+");
  private static final String DROP_ELEMENTS = "script, style, noscript, template, head, svg, iframe, object";

  /**
   * ANSI/VT escape sequences (ECMA-48), removed whole: CSI ({@code ESC [} or C1 {@code 0x9B},
   * parameters, intermediates, a final byte: colours, cursor moves); OSC, DCS, SOS, PM and APC
   * strings introduced by {@code ESC}, up to their terminator (BEL or ST; window titles,
   * hyperlinks); any other escape ({@code ESC (B}, {@code ESC 7}). A string without its terminator
   * within 4,096 characters loses only its introducer. The 8-bit string introducers (0x90, 0x98,
   * 0x9D-0x9F) are not honoured: in text mis-decoded from Windows-1252 they are letters ("ž",
   * "Ÿ"), and a string would swallow up to 4,096 characters of article; alone they are dropped
   * with the other control characters.
   */
  private static final Pattern TERMINAL_ESCAPES = Pattern.compile(
      "(?:\u001B\\[|\u009B)[0-?]*[ -/]*[@-~]"
          + "|\u001B[\\]PX^_][^\u0007\u001B\u009C]{0,4096}(?:\u0007|\u001B\\\\|\u009C)"
          + "|\u001B[ -/]*[0-~]?");

  private TextCleaner() {}

  /** Cleans a body of text; returns an empty string when nothing readable is left. */
  public static String cleanBody(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String s = removeTerminalEscapes(raw);
    if (looksLikeHtml(s)) {
      s = htmlToText(s);
    } else if (ENTITY.matcher(s).find()) {
      s = Parser.unescapeEntities(s, false);
    }
    s = Normalizer.normalize(s, Normalizer.Form.NFC);
    s = removeInvisibles(s);
    return normaliseWhitespace(s);
  }

  /** Cleans a one-line field (title, source): like {@link #cleanBody} with all whitespace collapsed. */
  public static String cleanLine(String raw) {
    return ANY_WHITESPACE.matcher(cleanBody(raw)).replaceAll(" ").trim();
  }

  /** The text without ANSI/VT escape sequences (see {@link #TERMINAL_ESCAPES}). */
  static String removeTerminalEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u001B' || c == '\u009B') {
        return TERMINAL_ESCAPES.matcher(s).replaceAll("");
      }
    }
    return s;
  }

  /** True when the text holds HTML tags or comments (not merely a stray '<'). */
  public static boolean looksLikeHtml(String s) {
    return s.indexOf('<') >= 0 && HTML_TAG.matcher(s).find();
  }

  private static final Pattern WHOLE_PAGE = Pattern.compile("(?i)<(?:html|body|nav|header|footer|aside)[\\s>]");

  /**
   * A whole page (html, body, nav, header, footer or aside tags) is reduced to its article as
   * {@link HtmlArticle} does; a fragment keeps all its text.
   */
  private static String htmlToText(String html) {
    var doc = Jsoup.parse(html);
    if (WHOLE_PAGE.matcher(html).find()) {
      return HtmlArticle.articleText(doc, null);
    }
    doc.select(DROP_ELEMENTS).remove();
    var out = new StringBuilder(html.length() / 2);
    doc.body().traverse(new HtmlArticle.Paragraphs(out, false));
    return out.toString();
  }

  /**
   * Maps line separators to '\n' and other whitespace controls to ' '; drops other control
   * characters, unpaired surrogates, zero-width spaces, soft hyphens, BOMs and bidi embedding
   * controls. Zero-width (non-)joiners stay: scripts such as Persian and Devanagari need them.
   */
  static String removeInvisibles(String s) {
    var out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        out.append('\n');
      } else if (c == '\t' || c == '\u000B' || c == '\f' || Character.getType(c) == Character.SPACE_SEPARATOR) {
        out.append(' ');
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        }
      } else if (!isInvisible(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isInvisible(char c) {
    return Character.isISOControl(c)
        || Character.isLowSurrogate(c)
        || c == '\u200B'
        || c == '\u2060'
        || c == '\uFEFF'
        || c == '\u00AD'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\uFFFE'
        || c == '\uFFFF';
  }

  private static String normaliseWhitespace(String s) {
    var out = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      out.append(SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
    }
    return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
  }
}
