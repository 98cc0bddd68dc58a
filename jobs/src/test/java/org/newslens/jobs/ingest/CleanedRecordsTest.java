package org.newslens.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.newslens.common.ids.StableIds;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.ReasonCode;

class CleanedRecordsTest {

  private final CleanedRecords cleaner = new CleanedRecords(10_000);

  private static Row raw(String id, String title, String text, String date, String source) {
    return new GenericRowWithSchema(
        new Object[] {"file:/in/a.jsonl", "line 1", id, title, text, date, "https://x.org/a", source, null, null, null, null, null},
        RawRecords.SCHEMA);
  }

  private Row clean(Row raw) {
    return new GenericRowWithSchema(rowValues(cleaner.clean(raw)), CleanedRecords.SCHEMA);
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  @Test
  void cleansADatedRecordIntoADocumentCandidate() {
    Row r = clean(raw(" a-1 ", "<b>India &amp; Russia</b>", "<p>Rajnath Singh met Andrei Belousov in New Delhi to discuss the S-400.</p>",
        "Tue, 24 Nov 2026 22:30:00 -0500", "India Today"));
    assertThat((String) r.getAs(CleanedRecords.ERROR_CODE)).isNull();
    assertThat((String) r.getAs(DocumentsTable.DOC_ID)).isEqualTo("a-1");
    assertThat((String) r.getAs(DocumentsTable.TITLE)).isEqualTo("India & Russia");
    assertThat((String) r.getAs(DocumentsTable.TEXT)).isEqualTo("Rajnath Singh met Andrei Belousov in New Delhi to discuss the S-400.");
    assertThat((Timestamp) r.getAs(DocumentsTable.PUBLISHED_AT)).isEqualTo(Timestamp.from(Instant.parse("2026-11-25T03:30:00Z")));
    assertThat((String) r.getAs(DocumentsTable.PERIOD)).isEqualTo("2026-11");
    assertThat((String) r.getAs(DocumentsTable.LANG)).isEqualTo("en");
    assertThat((Integer) r.getAs(DocumentsTable.N_TOKENS)).isEqualTo(12);
    assertThat((String) r.getAs(DocumentsTable.CONTENT_HASH)).isEqualTo(StableIds.contentHash((String) r.getAs(DocumentsTable.TEXT)));
  }

  @Test
  void recordsWithoutIdGetAStableHashOfSourceAndText() {
    Row a = clean(raw(null, null, "Same   text here.", null, "AP"));
    Row b = clean(raw("", null, "same text here.", null, "AP"));
    assertThat((String) a.getAs(DocumentsTable.DOC_ID)).hasSize(StableIds.DOC_ID_HEX).isEqualTo(b.getAs(DocumentsTable.DOC_ID));
    assertThat((String) a.getAs(DocumentsTable.PERIOD)).isEqualTo(DocumentsTable.UNKNOWN_PERIOD);
    assertThat((String) a.getAs(CleanedRecords.DATE_STATUS)).isEqualTo("MISSING");
  }

  @Test
  void badDatesAreKeptAsUnknownPeriodAndCounted() {
    assertThat((String) clean(raw("x", null, "Body text", "not a date", null)).getAs(CleanedRecords.DATE_STATUS)).isEqualTo("UNPARSEABLE");
    Row future = clean(raw("y", null, "Body text", "9999-12-31", null));
    assertThat((String) future.getAs(CleanedRecords.DATE_STATUS)).isEqualTo("IMPLAUSIBLE");
    assertThat((String) future.getAs(DocumentsTable.PERIOD)).isEqualTo(DocumentsTable.UNKNOWN_PERIOD);
    assertThat((Timestamp) future.getAs(DocumentsTable.PUBLISHED_AT)).isNull();
  }

  @Test
  void emptyMissingAndOversizedTextsAreRejectedWithReasons() {
    assertThat((String) clean(raw("1", null, null, null, null)).getAs(CleanedRecords.ERROR_CODE)).isEqualTo(ReasonCode.EMPTY_TEXT.name());
    assertThat((String) clean(raw("1", null, null, null, null)).getAs(CleanedRecords.ERROR_DETAIL)).contains("no text field");
    assertThat((String) clean(raw("2", null, " \n\t ", null, null)).getAs(CleanedRecords.ERROR_CODE)).isEqualTo(ReasonCode.EMPTY_TEXT.name());
    assertThat((String) clean(raw("3", null, "<script>x()</script>", null, null)).getAs(CleanedRecords.ERROR_DETAIL)).contains("nothing left");
    Row big = clean(raw("4", null, "word ".repeat(3000), null, null));
    assertThat((String) big.getAs(CleanedRecords.ERROR_CODE)).isEqualTo(ReasonCode.TOO_LARGE.name());
    assertThat((String) big.getAs(CleanedRecords.ERROR_DETAIL)).contains("--max-text-chars 10000");
  }

  @Test
  void readerErrorsPassThrough() {
    Row err = new GenericRowWithSchema(
        new Object[] {"f", "line 3", null, null, null, null, null, null, null, "NOT_UTF8", "invalid UTF-8 at byte 4", "ab\\u0000", null},
        RawRecords.SCHEMA);
    Row r = clean(err);
    assertThat((String) r.getAs(CleanedRecords.ERROR_CODE)).isEqualTo("NOT_UTF8");
    assertThat((String) r.getAs(DocumentsTable.RECORD_LOCATOR)).isEqualTo("line 3");
  }

  @Test
  void veryLongIdsAreHashed() {
    assertThat(CleanedRecords.docId("x".repeat(300), null, "t")).hasSize(StableIds.DOC_ID_HEX);
  }

  @Test
  void extractedReportTextIsNeverReadAsMarkupAndKeepsItsPageStarts() {
    var parsed = new ReportParser.Parsed(java.util.List.of("Page one: p<b and x <i>y</i> at AT&amp;T.", "", "Page three 😀 &lt; end."),
        true, java.util.Optional.of("A <b>bold</b> title"), java.util.Optional.empty(), java.util.Optional.empty());
    Row raw = ReportRecords.record("file:/r.pdf", "file", parsed);
    Row r = clean(new GenericRowWithSchema(rowValues(raw), RawRecords.SCHEMA));
    String text = r.getAs(DocumentsTable.TEXT);
    assertThat(text).isEqualTo("Page one: p<b and x <i>y</i> at AT&amp;T.\n\nPage three 😀 &lt; end.");
    assertThat((String) r.getAs(DocumentsTable.TITLE)).isEqualTo("A <b>bold</b> title");
    java.util.List<Integer> starts = r.getList(r.fieldIndex(DocumentsTable.PAGE_STARTS));
    // the empty second page starts where the third does
    assertThat(starts).containsExactly(0, 43, 43);
    assertThat(text.substring(text.offsetByCodePoints(0, starts.get(2)))).startsWith("Page three");
  }
}
