package org.newslens.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.ReasonCode;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.cli.Main;

/**
 * A folder of reports, a web page and a WARC crawl ({@link ReportCorpus}), ingested in one run and
 * then through entities: every file's fate, the metadata taken from the files, the page of
 * mentions, and the article text without the page's boilerplate.
 */
class ReportFormatsTest {

  private static final String REPORT_TITLE = "Energy Security Review 2026";

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static final Map<String, String> FATES = new TreeMap<>();

  @BeforeAll
  static void ingestTheFolder() throws Exception {
    spark = SparkTestSession.get();
    Path corpus = tmp.resolve("reports");
    ReportCorpus.writeAll(corpus);
    String warehouse = tmp.resolve("warehouse").toString();
    assertThat(Main.run("ingest", "--input", corpus.toString(), "--warehouse", warehouse, "--max-pages", "50")).isZero();
    assertThat(Main.run("entities", "--warehouse", warehouse)).isZero();
    for (Row r : sql("SELECT regexp_extract(input_file, '[^/]+$', 0), record_locator, 'document' FROM newslens.documents "
        + "UNION ALL SELECT regexp_extract(input_file, '[^/]+$', 0), record_locator, reason_code FROM newslens.quarantine")) {
      FATES.merge(r.getString(0) + (r.getString(1).equals("file") ? "" : " " + r.getString(1)), r.getString(2), (a, b) -> a + "," + b);
    }
  }

  private static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  private static Row document(String where) {
    List<Row> rows = sql("SELECT title, author, published_at, text, page_starts, url, source FROM newslens.documents WHERE " + where);
    assertThat(rows).as(where).hasSize(1);
    return rows.get(0);
  }

  private static Row document(String file, String orTitle) {
    return document("input_file LIKE '%/" + file + "'" + (orTitle == null ? "" : " OR title = '" + orTitle + "'"));
  }

  @Test
  void everyFileLandsInDocumentsOrQuarantineWithItsReason() {
    assertThat(FATES).containsEntry("memo.docx", "document")
        .containsEntry("brief.rtf", "document")
        .containsEntry("minutes.odt", "document")
        .containsEntry("book.epub", "document")
        .containsEntry("page.html", "document")
        .containsEntry("encrypted.pdf", ReasonCode.ENCRYPTED.name())
        .containsEntry("scan.pdf", ReasonCode.NO_TEXT_LAYER.name())
        .containsEntry("corrupt.pdf", ReasonCode.UNPARSEABLE_RECORD.name())
        .containsEntry("long.pdf", ReasonCode.TOO_LARGE.name())
        .containsEntry("bomb.docx", ReasonCode.TOO_LARGE.name());
    Map<String, String> warc = new TreeMap<>();
    FATES.forEach((k, v) -> {
      if (k.startsWith("crawl.warc.gz")) {
        warc.put(k, v);
      }
    });
    assertThat(warc.keySet()).hasSize(3).allMatch(k -> k.matches("crawl\\.warc\\.gz offset \\d+"));
    // the crawl's two pages are documents; its PDF is the same report as report.pdf, so one of the
    // two is a document and the other an exact duplicate; the DNS lookup, the 404, the redirect
    // and the image are not documents
    List<String> pdfAndCrawl = new java.util.ArrayList<>(warc.values());
    pdfAndCrawl.add(FATES.get("report.pdf"));
    assertThat(pdfAndCrawl).containsExactlyInAnyOrder("document", "document", "document", ReasonCode.EXACT_DUPLICATE.name());
    Row run = sql("SELECT rows_in, rows_out['documents'], quarantined FROM newslens.runs WHERE job = 'ingest'").get(0);
    assertThat(run.getLong(0)).isEqualTo(FATES.size()).isEqualTo(run.getLong(1) + run.getLong(2));
  }

  @Test
  void aPdfKeepsItsPagesAndMetadata() {
    Row pdf = document("report.pdf", REPORT_TITLE);
    assertThat(pdf.getString(0)).isEqualTo(REPORT_TITLE);
    assertThat(pdf.getString(1)).isEqualTo("Jane Analyst");
    assertThat(pdf.getTimestamp(2).toInstant()).hasToString("2026-03-14T09:00:00Z");
    String text = pdf.getString(3);
    List<Integer> starts = pdf.getList(4);
    assertThat(starts).hasSize(3).startsWith(0);
    for (int page = 0; page < 3; page++) {
      int from = starts.get(page);
      int to = page + 1 < 3 ? starts.get(page + 1) : text.codePointCount(0, text.length());
      String pageText = text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to));
      assertThat(pageText).as("page %d", page + 1).contains(ReportCorpus.REPORT_PAGES.get(page).get(1));
    }
  }

  @Test
  void mentionsCarryTheirPage() {
    Map<String, Integer> pages = new TreeMap<>();
    sql("SELECT m.surface, m.page FROM newslens.entity_mentions m JOIN newslens.documents d USING (doc_id) "
        + "WHERE d.title = '" + REPORT_TITLE + "'").forEach(r -> pages.put(r.getString(0), r.isNullAt(1) ? null : r.getInt(1)));
    assertThat(pages).containsEntry("Moscow", 2).containsEntry("Brussels", 3).containsEntry("Europe", 1);
    // the evidence view cites the page: "report X, page 2"
    assertThat(sql("SELECT DISTINCT page, sentence FROM newslens.doc_context WHERE surface = 'Moscow' AND title = '" + REPORT_TITLE + "'"))
        .singleElement().satisfies(r -> {
          assertThat(r.getInt(0)).isEqualTo(2);
          assertThat(r.getString(1)).contains("Vladimir Putin met energy ministers in Moscow");
        });
    assertThat(sql("SELECT count(*) FROM newslens.entity_mentions m JOIN newslens.documents d USING (doc_id) "
        + "WHERE d.input_file LIKE '%/page.html' AND m.page IS NOT NULL").get(0).getLong(0)).isZero();
  }

  @Test
  void aWordDocumentGivesItsTitleAuthorAndDate() {
    Row docx = document("memo.docx", null);
    assertThat(docx.getString(0)).isEqualTo("Offshore wind memorandum");
    assertThat(docx.getString(1)).isEqualTo("Policy Unit");
    assertThat(docx.getTimestamp(2).toInstant()).hasToString("2025-11-02T12:00:00Z");
    assertThat(docx.getString(3)).contains("Department of Energy approved funding").contains("Orsted and Equinor");
    assertThat(docx.isNullAt(4)).as("a Word file has no fixed pages").isTrue();
  }

  @Test
  void rtfOpenDocumentAndEpubGiveTheirTextAndMetadata() {
    Row rtf = document("brief.rtf", null);
    assertThat(rtf.getString(3)).contains(ReportCorpus.RTF_SENTENCE);
    assertThat(rtf.getString(0)).isEqualTo("Reserve brief");
    assertThat(rtf.getString(1)).isEqualTo("Energy Desk");
    Row odt = document("minutes.odt", null);
    assertThat(odt.getString(3)).contains(ReportCorpus.ODT_SENTENCE);
    assertThat(odt.getString(0)).isEqualTo("Reactor minutes");
    assertThat(odt.getString(1)).isEqualTo("Board Secretary");
    assertThat(odt.getTimestamp(2).toInstant()).hasToString("2025-09-12T10:00:00Z");
    Row epub = document("book.epub", null);
    assertThat(epub.getString(3)).contains(ReportCorpus.EPUB_SENTENCE);
    assertThat(epub.getString(0)).isEqualTo("Fleet review");
    assertThat(epub.getString(1)).isEqualTo("Defence Committee");
  }

  @Test
  void aWebPageIsItsArticleWithoutBoilerplate() {
    Row page = document("page.html", null);
    assertThat(page.getString(0)).isEqualTo("Frigate sails for the Gulf");
    assertThat(page.getString(1)).isEqualTo("Sam Reporter");
    assertThat(page.getTimestamp(2).toInstant()).hasToString("2026-02-03T08:15:00Z");
    assertThat(page.getString(5)).isEqualTo("https://gazette.example/world/frigate");
    assertThat(page.getString(6)).isEqualTo("Harbour Gazette");
    String text = page.getString(3);
    assertThat(text).contains(ReportCorpus.ARTICLE_SENTENCE).contains("escorting tankers").contains("at least six months");
    assertThat(text).doesNotContain("World news menu", "since 1901", "Share this story", "Related stories", "Celebrity chef",
        "Reader comment", "Subscribe", "All rights reserved");
  }

  @Test
  void crawledPagesTakeTheirUrlAndArticle() {
    List<Row> rows = sql("SELECT url, title, text FROM newslens.documents WHERE input_file LIKE '%/crawl.warc.gz' AND title <> '"
        + REPORT_TITLE + "' ORDER BY title");
    assertThat(rows).extracting(r -> r.getString(1)).containsExactly("Grid operator warns of winter shortfall", "Tanker seized near Hormuz");
    assertThat(rows).extracting(r -> r.getString(0)).containsExactly("https://port.example/news/2", "https://port.example/news/1");
    assertThat(rows.get(0).getString(2)).contains("National Grid warned").doesNotContain("Subscribe", "Celebrity chef");
    assertThat(rows.get(1).getString(2)).contains("Revolutionary Guard seized a tanker");
  }

  @Test
  void aParseOverItsTimeLimitIsAbandoned() throws Exception {
    byte[] pdf = ReportCorpus.pdf(ReportCorpus.manyPages(400), "Slow", "X", null);
    var parser = new ReportParser(1 << 24, 5_000, Duration.ofMillis(1));
    try {
      parser.parse(new ByteArrayInputStream(pdf), "slow.pdf");
      throw new AssertionError("expected a timeout");
    } catch (ReportParser.Failure f) {
      assertThat(f.reason).isEqualTo(ReasonCode.PARSE_TIMEOUT);
    }
    var patient = new ReportParser(1 << 24, 5_000, Duration.ofSeconds(60));
    assertThat(patient.parse(new ByteArrayInputStream(pdf), "slow.pdf").pages()).hasSize(400);
  }
}
