package org.newslens.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.QuarantineTable;
import org.newslens.common.schema.ReasonCode;

/**
 * Splits cleaned records into {@code documents} and {@code quarantine}: errors go to quarantine;
 * of records sharing an id with different text, all but the first go to quarantine as
 * {@code DUPLICATE_ID_CONFLICT}; of records with the same normalised text, the first is kept with
 * the copies counted in {@code syndication_count} and the copies go to quarantine as
 * {@code EXACT_DUPLICATE}. "First" is earliest published, then by id, file and locator, so the
 * result does not depend on the order of the input. I/O free.
 */
public final class IngestTransform {

  /** The two outputs of ingest. */
  public record Result(Dataset<Row> documents, Dataset<Row> quarantine) {}

  private IngestTransform() {}

  public static Result split(Dataset<Row> cleaned, String runId) {
    Dataset<Row> failed = cleaned.filter(col(CleanedRecords.ERROR_CODE).isNotNull());
    Dataset<Row> good = cleaned.filter(col(CleanedRecords.ERROR_CODE).isNull());

    WindowSpec byId = Window.partitionBy(DocumentsTable.DOC_ID).orderBy(order(DocumentsTable.CONTENT_HASH));
    Dataset<Row> idChecked =
        good.withColumn("first_hash", first(col(DocumentsTable.CONTENT_HASH)).over(byId))
            .withColumn("first_where", first(where()).over(byId));
    Dataset<Row> conflicts =
        idChecked.filter(col(DocumentsTable.CONTENT_HASH).notEqual(col("first_hash")))
            .select(
                col(DocumentsTable.INPUT_FILE),
                col(DocumentsTable.RECORD_LOCATOR),
                lit(ReasonCode.DUPLICATE_ID_CONFLICT.name()).as(QuarantineTable.REASON_CODE),
                concat(lit("doc_id '"), col(DocumentsTable.DOC_ID), lit("' is already used by "), col("first_where"), lit(" with different text"))
                    .as(QuarantineTable.REASON_DETAIL),
                col(DocumentsTable.TEXT).substr(1, RawRecords.EXCERPT_CHARS).as(QuarantineTable.RAW_EXCERPT));

    WindowSpec byText = Window.partitionBy(DocumentsTable.CONTENT_HASH).orderBy(order(DocumentsTable.DOC_ID));
    WindowSpec wholeGroup = Window.partitionBy(DocumentsTable.CONTENT_HASH);
    Dataset<Row> ranked =
        idChecked.filter(col(DocumentsTable.CONTENT_HASH).equalTo(col("first_hash")))
            .withColumn("rank", row_number().over(byText))
            .withColumn("copies", count(lit(1)).over(wholeGroup).cast("int"))
            .withColumn("kept_id", first(col(DocumentsTable.DOC_ID)).over(byText))
            .withColumn("kept_where", first(where()).over(byText));
    Dataset<Row> duplicates =
        ranked.filter(col("rank").gt(1))
            .select(
                col(DocumentsTable.INPUT_FILE),
                col(DocumentsTable.RECORD_LOCATOR),
                lit(ReasonCode.EXACT_DUPLICATE.name()).as(QuarantineTable.REASON_CODE),
                concat(lit("same text as doc_id '"), col("kept_id"), lit("' ("), col("kept_where"), lit(")"))
                    .as(QuarantineTable.REASON_DETAIL),
                col(DocumentsTable.TEXT).substr(1, RawRecords.EXCERPT_CHARS).as(QuarantineTable.RAW_EXCERPT));

    Dataset<Row> documents =
        ranked.filter(col("rank").equalTo(1))
            .select(
                col(DocumentsTable.DOC_ID),
                col(DocumentsTable.SOURCE),
                col(DocumentsTable.URL),
                col(DocumentsTable.TITLE),
                col(DocumentsTable.PUBLISHED_AT),
                col(DocumentsTable.LANG),
                col(DocumentsTable.TEXT),
                col(DocumentsTable.N_TOKENS),
                col(DocumentsTable.CONTENT_HASH),
                col(DocumentsTable.CONTENT_HASH).as(DocumentsTable.DUP_CLUSTER),
                lit(true).as(DocumentsTable.IS_CANONICAL),
                col("copies").as(DocumentsTable.SYNDICATION_COUNT),
                col(DocumentsTable.INPUT_FILE),
                col(DocumentsTable.RECORD_LOCATOR),
                col(DocumentsTable.AUTHOR),
                col(DocumentsTable.PAGE_STARTS),
                lit(runId).as(DocumentsTable.RUN_ID),
                col(DocumentsTable.PERIOD));

    Dataset<Row> quarantine =
        failed.select(
                col(DocumentsTable.INPUT_FILE),
                col(DocumentsTable.RECORD_LOCATOR),
                col(CleanedRecords.ERROR_CODE).as(QuarantineTable.REASON_CODE),
                col(CleanedRecords.ERROR_DETAIL).as(QuarantineTable.REASON_DETAIL),
                col(CleanedRecords.RAW_EXCERPT).as(QuarantineTable.RAW_EXCERPT))
            .union(conflicts)
            .union(duplicates)
            .withColumn(QuarantineTable.RUN_ID, lit(runId));
    return new Result(documents, quarantine);
  }

  /** Earliest published first (undated last), then the tie-breaker column, file and locator. */
  private static Column[] order(String tieBreaker) {
    return new Column[] {
      col(DocumentsTable.PUBLISHED_AT).asc_nulls_last(),
      col(tieBreaker).asc(),
      col(DocumentsTable.INPUT_FILE).asc(),
      col(DocumentsTable.RECORD_LOCATOR).asc()
    };
  }

  private static Column where() {
    return concat(col(DocumentsTable.INPUT_FILE), lit(" "), coalesce(col(DocumentsTable.RECORD_LOCATOR), lit("")));
  }
}
