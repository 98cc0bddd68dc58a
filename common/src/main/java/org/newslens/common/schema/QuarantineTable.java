package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code quarantine}: one rejected input record, with the reason it was rejected. */
public final class QuarantineTable {

  public static final String NAME = "quarantine";
  public static final String INPUT_FILE = "input_file";
  public static final String RECORD_LOCATOR = "record_locator";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON_DETAIL = "reason_detail";
  public static final String RAW_EXCERPT = "raw_excerpt";
  public static final String RUN_ID = "run_id";

  public static final StructType SCHEMA =
      new StructType()
          .add(INPUT_FILE, StringType, false, "File the record came from")
          .add(RECORD_LOCATOR, StringType, false, "Where in that file: line, byte offset, array index or row")
          .add(REASON_CODE, StringType, false, "Why it was rejected: see ReasonCode")
          .add(REASON_DETAIL, StringType, true, "Specifics: parser message, sizes, the kept duplicate")
          .add(RAW_EXCERPT, StringType, true, "First characters of the raw record, control characters escaped")
          .add(RUN_ID, StringType, false, "The ingest run that wrote this row");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of());

  private QuarantineTable() {}
}
