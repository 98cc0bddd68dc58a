package org.newslens.jobs.ingest;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.jobs.spark.Warehouse;

/**
 * The periods of {@code documents} an incremental ingest ({@code --since}) rewrites: every period
 * from {@code since} on (and {@code unknown}, which sorts after every month), plus each older
 * period whose rows differ from the table's, as when a new copy joins a near-duplicate cluster that
 * began the month before, or a late record arrives. Rows are compared by a per-period fingerprint
 * (row count and XOR of a 64-bit hash of every column but run_id), collected to the driver: one
 * small row per period.
 */
final class ChangedPeriods {

  private ChangedPeriods() {}

  static Set<String> of(SparkSession spark, Warehouse warehouse, Dataset<Row> documents, String since) {
    Map<String, String> fresh = fingerprints(documents);
    Map<String, String> stored = warehouse.hasTable(DocumentsTable.SPEC)
        ? fingerprints(spark.table(DocumentsTable.SPEC.qualifiedName()))
        : Map.of();
    Set<String> periods = new TreeSet<>(fresh.keySet());
    periods.addAll(stored.keySet());
    periods.removeIf(p -> p.compareTo(since) < 0 && Objects.equals(fresh.get(p), stored.get(p)));
    return periods;
  }

  private static Map<String, String> fingerprints(Dataset<Row> documents) {
    Column[] content = Arrays.stream(DocumentsTable.SCHEMA.fieldNames())
        .filter(c -> !c.equals(DocumentsTable.RUN_ID) && !c.equals(DocumentsTable.PERIOD))
        .map(c -> col(c))
        .toArray(Column[]::new);
    Map<String, String> out = new HashMap<>();
    documents.groupBy(DocumentsTable.PERIOD)
        .agg(count(lit(1)), bit_xor(xxhash64(content)))
        .collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1) + ":" + r.getLong(2)));
    return out;
  }
}
