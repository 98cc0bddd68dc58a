package org.newslens.jobs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.SkippedDocumentsTable;

/**
 * Documents a stage could not analyse. A stage's per-document code (the recognisers, the topic
 * tokeniser) catches what one document throws, emits a marker row for it with {@link #CODE} and
 * {@link #DETAIL} set, and goes on; the job writes those rows to its partition of
 * {@code skipped_documents}. Out-of-memory and stack-overflow errors are caught too: thrown by one
 * document's analysis, they leave its garbage collectable once unwound.
 */
public final class SkippedDocuments {

  /** Column of a stage's per-document output: the failure's reason code, null when the document was analysed. */
  public static final String CODE = "skip_code";

  /** Column of a stage's per-document output: the failure's class and message, null when analysed. */
  public static final String DETAIL = "skip_detail";

  private static final int MAX_DETAIL_CHARS = 300;

  private SkippedDocuments() {}

  /** The reason code of a document's failure. */
  public static String code(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return SkippedDocumentsTable.OUT_OF_MEMORY;
    }
    return t instanceof StackOverflowError ? SkippedDocumentsTable.STACK_OVERFLOW : SkippedDocumentsTable.FAILED;
  }

  /** The failure's class and the first line of its message, at most 300 characters (never the document's text). */
  public static String detail(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
    String detail = t.getClass().getName() + message;
    return detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail;
  }

  /**
   * Stages in {@code commit} {@code stage}'s partition of {@code skipped_documents}: the marker rows of
   * {@code skipped} (doc_id, period, {@link #CODE}, {@link #DETAIL}). An incremental run (only
   * {@code periods}) keeps the stage's rows of the other periods.
   */
  public static void write(TableCommit commit, SparkSession spark, Warehouse warehouse, String stage, Dataset<Row> skipped, String runId,
      Optional<Set<String>> periods) {
    var t = SkippedDocumentsTable.SPEC;
    Dataset<Row> rows = skipped.select(col(SkippedDocumentsTable.DOC_ID), col(SkippedDocumentsTable.PERIOD),
        col(CODE).as(SkippedDocumentsTable.REASON_CODE), col(DETAIL).as(SkippedDocumentsTable.REASON_DETAIL),
        lit(runId).as(SkippedDocumentsTable.RUN_ID), lit(stage).as(SkippedDocumentsTable.STAGE));
    if (periods.isPresent() && warehouse.hasTable(t)) {
      Dataset<Row> kept = spark.read().schema(t.schema()).parquet(warehouse.tableDir(t).toString())
          .where(col(SkippedDocumentsTable.STAGE).equalTo(stage)
              .and(not(col(SkippedDocumentsTable.PERIOD).isin(periods.get().toArray()))));
      rows = rows.unionByName(kept);
    }
    commit.replacePartitions(t,
        rows.repartition(1).sortWithinPartitions(SkippedDocumentsTable.PERIOD, SkippedDocumentsTable.DOC_ID), Set.of(stage));
  }
}
