package org.newslens.jobs.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.jsoup.Jsoup;
import org.newslens.common.text.HtmlArticle;

/** Raw records from parsed reports and web pages: text, pages and metadata in the fields ingest knows. */
final class ReportRecords {

  /** Titles that authoring tools write in place of one ("Microsoft Word - draft3.docx", "untitled"). */
  private static final Pattern TOOL_TITLE =
      Pattern.compile("(?i)^(?:microsoft (?:word|powerpoint) - .*|untitled.*|.*\\.(?:docx?|pdf|odt|rtf|indd|qxd|tmp))$");

  private ReportRecords() {}

  /** A parsed report: pages joined by paragraph breaks, each page's start recorded for a paginated format. */
  static Row record(String file, String locator, ReportParser.Parsed parsed) {
    return record(file, locator, parsed, null, null);
  }

  /** As {@link #record(String, String, ReportParser.Parsed)}, with a url and a fallback date (a WARC record's). */
  static Row record(String file, String locator, ReportParser.Parsed parsed, String url, String date) {
    Map<Field, String> fields = new EnumMap<>(Field.class);
    List<String> pages = parsed.pages();
    var text = new StringBuilder();
    int[] starts = new int[pages.size()];
    for (int i = 0; i < pages.size(); i++) {
      if (i > 0) {
        text.append("\n\n");
      }
      starts[i] = text.length();
      text.append(plain(pages.get(i)));
    }
    fields.put(Field.TEXT, text.toString());
    parsed.title().filter(t -> !TOOL_TITLE.matcher(t.strip()).matches()).ifPresent(t -> fields.put(Field.TITLE, plain(t)));
    parsed.author().ifPresent(a -> fields.put(Field.AUTHOR, plain(a)));
    parsed.created().or(() -> Optional.ofNullable(date)).ifPresent(d -> fields.put(Field.DATE, d));
    if (url != null) {
      fields.put(Field.URL, url);
    }
    return RawRecords.of(file, locator, fields, parsed.paginated() ? starts : null);
  }

  /**
   * A web page reduced to its article, with its metadata; the url and date given (from a WARC
   * record) are used when the page names none. The charset is the HTTP header's, else detected
   * from the page's byte-order mark or meta tag, else UTF-8.
   */
  static Row page(String file, String locator, byte[] html, String charset, String url, String date) throws IOException {
    var doc = Jsoup.parse(new ByteArrayInputStream(html), knownCharset(charset), url == null ? "" : url);
    HtmlArticle.Page page = HtmlArticle.extract(doc);
    Map<Field, String> fields = new EnumMap<>(Field.class);
    fields.put(Field.TEXT, plain(page.text()));
    page.title().ifPresent(t -> fields.put(Field.TITLE, plain(t)));
    page.url().or(() -> Optional.ofNullable(url)).ifPresent(u -> fields.put(Field.URL, u));
    page.publisher().ifPresent(p -> fields.put(Field.SOURCE, plain(p)));
    page.author().ifPresent(a -> fields.put(Field.AUTHOR, plain(a)));
    page.published().or(() -> Optional.ofNullable(date)).ifPresent(d -> fields.put(Field.DATE, d));
    return RawRecords.of(file, locator, fields);
  }

  /**
   * Extracted text marked as plain for cleaning: '&' and '<' written as entities, which cleaning
   * decodes back, so a "<b" or "&nbsp;" the text itself contains is never read as markup.
   */
  static String plain(String text) {
    return text.indexOf('&') < 0 && text.indexOf('<') < 0 ? text : text.replace("&", "&amp;").replace("<", "&lt;");
  }

  /** The charset name when Java knows it, else null (detect from the page). */
  private static String knownCharset(String name) {
    try {
      return name != null && java.nio.charset.Charset.isSupported(name) ? name : null;
    } catch (java.nio.charset.IllegalCharsetNameException e) {
      return null;
    }
  }
}
