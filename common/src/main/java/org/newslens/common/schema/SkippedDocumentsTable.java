package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * {@code skipped_documents}: a document of {@code documents} that one stage could not analyse
 * (its per-document code failed), so that stage left it out and went on. Each stage replaces its
 * own partition.
 */
public final class SkippedDocumentsTable {

  public static final String NAME = "skipped_documents";
  public static final String DOC_ID = "doc_id";
  public static final String PERIOD = "period";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON_DETAIL = "reason_detail";
  public static final String RUN_ID = "run_id";
  public static final String STAGE = "stage";

  /** The document's analysis ran out of heap. */
  public static final String OUT_OF_MEMORY = "OUT_OF_MEMORY";
  /** The document's analysis recursed too deep. */
  public static final String STACK_OVERFLOW = "STACK_OVERFLOW";
  /** Any other error of the stage's per-document code. */
  public static final String FAILED = "FAILED";

  public static final StructType SCHEMA =
      new StructType()
          .add(DOC_ID, StringType, false, "The document (documents.doc_id)")
          .add(PERIOD, StringType, false, "Its period (yyyy-MM or unknown)")
          .add(REASON_CODE, StringType, false, "OUT_OF_MEMORY, STACK_OVERFLOW or FAILED")
          .add(REASON_DETAIL, StringType, false, "The error's class and first line of its message")
          .add(RUN_ID, StringType, false, "The run that skipped it")
          .add(STAGE, StringType, false, "The stage that skipped it: entities or topics (partition)");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of(STAGE));

  private SkippedDocumentsTable() {}
}
