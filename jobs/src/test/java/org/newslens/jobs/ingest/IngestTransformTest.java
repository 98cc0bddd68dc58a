package org.newslens.jobs.ingest;

import static org.junit.Assert.assertEquals;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.Test;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.QuarantineTable;
import org.newslens.jobs.SparkTestSession;

/**
 * The dedupe and conflict rules of {@link IngestTransform}, compared with spark-testing-base's
 * {@code assertDataFrameEquals} against hand-built expected tables (JUnit 4 base class).
 */
public class IngestTransformTest extends JavaDataFrameSuiteBase {

  private final SparkSession session = SparkTestSession.get();

  /** Use the JVM's shared session instead of the base class's own SparkContext. */
  @Override
  public void runBefore() {}

  private static Row candidate(String file, String loc, String id, String date, String text, String hash) {
    Timestamp ts = date == null ? null : Timestamp.valueOf(date + " 00:00:00");
    String period = date == null ? "unknown" : date.substring(0, 7);
    return RowFactory.create(file, loc, id, "src", null, null, ts, period, "en", text, 2, hash, null, null,
        date == null ? "MISSING" : "OK", null, null, null);
  }

  private static Row error(String file, String loc, String code) {
    return RowFactory.create(file, loc, null, null, null, null, null, null, null, null, null, null, null, null, null, code, "why", "raw");
  }

  private static List<Row> input() {
    return List.of(
        candidate("f1", "line 1", "a", "2026-11-02", "text one", "h1"),
        candidate("f1", "line 2", "b", "2026-11-01", "text one", "h1"),
        candidate("f2", "line 1", "c", null, "text one", "h1"),
        candidate("f2", "line 2", "a", "2026-11-03", "text two", "h2"),
        candidate("f2", "line 3", "d", "2026-10-15", "text three", "h3"),
        error("f3", "file", "BINARY_CONTENT"));
  }

  private IngestTransform.Result split(List<Row> rows) {
    return IngestTransform.split(session.createDataFrame(rows, CleanedRecords.SCHEMA), "run-1");
  }

  @Test
  public void keepsTheEarliestCopyAndQuarantinesTheRest() {
    var result = split(input());
    Dataset<Row> expectedDocs = session.createDataFrame(List.of(
        RowFactory.create("b", "src", null, null, Timestamp.valueOf("2026-11-01 00:00:00"), "en", "text one", 2, "h1", "h1", true, 3, "f1", "line 2", null, null, "run-1", "2026-11"),
        RowFactory.create("d", "src", null, null, Timestamp.valueOf("2026-10-15 00:00:00"), "en", "text three", 2, "h3", "h3", true, 1, "f2", "line 3", null, null, "run-1", "2026-10")),
        result.documents().schema());
    // Same columns, in the table's order; the files may mark more columns nullable than the contract.
    assertEquals(List.of(DocumentsTable.SCHEMA.fieldNames()), List.of(result.documents().columns()));
    assertDataFrameEquals(expectedDocs, result.documents().orderBy(DocumentsTable.DOC_ID));

    Dataset<Row> expectedQuarantine = session.createDataFrame(List.of(
        RowFactory.create("f1", "line 1", "EXACT_DUPLICATE", "same text as doc_id 'b' (f1 line 2)", "text one", "run-1"),
        RowFactory.create("f2", "line 1", "EXACT_DUPLICATE", "same text as doc_id 'b' (f1 line 2)", "text one", "run-1"),
        RowFactory.create("f2", "line 2", "DUPLICATE_ID_CONFLICT", "doc_id 'a' is already used by f1 line 1 with different text", "text two", "run-1"),
        RowFactory.create("f3", "file", "BINARY_CONTENT", "why", "raw", "run-1")),
        result.quarantine().schema());
    assertEquals(List.of(QuarantineTable.SCHEMA.fieldNames()), List.of(result.quarantine().columns()));
    assertDataFrameEquals(expectedQuarantine, result.quarantine().orderBy(QuarantineTable.INPUT_FILE, QuarantineTable.RECORD_LOCATOR));
  }

  @Test
  public void theResultDoesNotDependOnInputOrder() {
    List<Row> shuffled = new ArrayList<>(input());
    Collections.reverse(shuffled);
    assertDataFrameEquals(split(input()).documents().orderBy(DocumentsTable.DOC_ID),
        split(shuffled).documents().orderBy(DocumentsTable.DOC_ID));
    assertEquals(6, split(shuffled).documents().count() + split(shuffled).quarantine().count());
  }
}
