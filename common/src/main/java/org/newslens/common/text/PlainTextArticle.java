package org.newslens.common.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a one-article plain-text file: an optional headline as the first paragraph, body
 * paragraphs, and an optional trailing source line ("Based On India Today Video Report",
 * "Source: Reuters") that is moved out of the body into {@code source}.
 */
public record PlainTextArticle(Optional<String> title, String body, Optional<String> source) {

  static final int MAX_TITLE_CHARS = 200;
  static final int MAX_SOURCE_LINE_CHARS = 120;
  static final int MAX_SOURCE_NAME_CHARS = 60;

  private static final Pattern SOURCE_LINE =
      Pattern.compile(
          "(?i)^(?:based on|source[s]?\\s*:|via|courtesy(?: of)?|credit\\s*:|reporting by|"
              + "originally published (?:by|in|on))\\s*(?:an?\\s+|the\\s+)?(.+?)"
              + "(?:\\s+(?:video|tv|television|radio|wire|news|online)?\\s*(?:report|story|reports|stories))?[.\\s]*$");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;,]['\"’”)]*$");

  /** Splits cleaned text (see {@link TextCleaner#cleanBody}) into title, body and source. */
  public static PlainTextArticle parse(String cleanedText) {
    List<String> paragraphs = new ArrayList<>(Arrays.asList(cleanedText.split("\n\n")));
    Optional<String> source = Optional.empty();
    if (paragraphs.size() > 1) {
      source = sourceLine(paragraphs.get(paragraphs.size() - 1));
      source.ifPresent(s -> paragraphs.remove(paragraphs.size() - 1));
    }
    Optional<String> title = Optional.empty();
    if (paragraphs.size() > 1 && isHeadline(paragraphs.get(0))) {
      title = Optional.of(paragraphs.remove(0));
    }
    return new PlainTextArticle(title, String.join("\n\n", paragraphs), source);
  }

  /** The publisher named by a source line, if the paragraph is one. */
  static Optional<String> sourceLine(String paragraph) {
    if (paragraph.length() > MAX_SOURCE_LINE_CHARS || paragraph.contains("\n")) {
      return Optional.empty();
    }
    var m = SOURCE_LINE.matcher(paragraph.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String name = m.group(1).strip();
    boolean nameLike = name.length() <= MAX_SOURCE_NAME_CHARS && name.indexOf(',') < 0;
    return nameLike ? Optional.of(name) : Optional.empty();
  }

  /** One short line of at least two words that does not end like a sentence. */
  static boolean isHeadline(String paragraph) {
    return paragraph.length() <= MAX_TITLE_CHARS
        && !paragraph.contains("\n")
        && paragraph.strip().contains(" ")
        && !SENTENCE_END.matcher(paragraph.strip()).find();
  }
}
