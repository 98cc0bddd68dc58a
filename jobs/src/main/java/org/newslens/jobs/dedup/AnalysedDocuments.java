package org.newslens.jobs.dedup;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.DocumentsTable;

/** The documents that entities, cooccur and topics analyse: the canonical copy of each cluster, or all. */
public final class AnalysedDocuments {

  private AnalysedDocuments() {}

  /** {@code newslens.documents}, only its canonical rows unless {@code includeDuplicates}. */
  public static Dataset<Row> read(SparkSession spark, boolean includeDuplicates) {
    Dataset<Row> docs = spark.table(DocumentsTable.SPEC.qualifiedName());
    return includeDuplicates ? docs : docs.where(col(DocumentsTable.IS_CANONICAL));
  }
}
