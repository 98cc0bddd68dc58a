package org.newslens.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.common.schema.DocumentsTable;

/**
 * Connected components of the near-duplicate pairs by label propagation on DataFrames: every
 * document starts with its own canonical-order key and takes the smallest key among itself and its
 * neighbours until no label changes (as many rounds as the widest cluster's diameter, one or two
 * for syndicated copies). The smallest key of a component is its canonical document: earliest
 * published (undated last), then longest text, then smallest doc_id, so the outcome does not depend
 * on partitioning or input order. Only documents that have a pair take part; nothing is collected
 * to the driver but one count per round.
 */
final class Components {

  /** Output column: a document that has at least one near-duplicate. */
  static final String NODE = "node";

  /** Output column: the doc_id of its component's canonical document. */
  static final String CANONICAL = "canonical";

  private static final String LABEL = "label";

  private Components() {}

  /** {@code (node, canonical)} for every document in {@code pairs (a, b)}; {@code documents} gives the keys. */
  static Dataset<Row> canonical(Dataset<Row> pairs, Dataset<Row> documents) {
    Dataset<Row> edges = pairs.select("a", "b").localCheckpoint();
    Dataset<Row> links = edges.select(col("a").as("src"), col("b").as("dst"))
        .union(edges.select(col("b").as("src"), col("a").as("dst")));
    Dataset<Row> keys = documents.select(col(DocumentsTable.DOC_ID).as(NODE), canonicalOrder().as(LABEL));
    Dataset<Row> labels = links.select(col("src").as(NODE)).distinct().join(keys, NODE).localCheckpoint();
    while (true) {
      Dataset<Row> heard = links.join(labels, links.col("src").equalTo(labels.col(NODE)))
          .select(col("dst").as(NODE), col(LABEL));
      Dataset<Row> next = labels.union(heard).groupBy(NODE).agg(min(LABEL).as(LABEL)).localCheckpoint();
      long changed = next.join(labels.withColumnRenamed(LABEL, "old"), NODE)
          .where(col(LABEL).notEqual(col("old")))
          .count();
      labels = next;
      if (changed == 0) {
        return labels.select(col(NODE), col(LABEL + "." + DocumentsTable.DOC_ID).as(CANONICAL));
      }
    }
  }

  /** Sorts documents into canonical order: earliest published (undated last), longest, smallest id. */
  private static Column canonicalOrder() {
    return struct(
        isnull(col(DocumentsTable.PUBLISHED_AT)).as("undated"),
        col(DocumentsTable.PUBLISHED_AT),
        length(col(DocumentsTable.TEXT)).multiply(-1).as("shorter"),
        col(DocumentsTable.DOC_ID));
  }
}
