package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.TableSpec;

/** What {@code tables} and {@code describe} report of a registered table: rows, bytes and files on disk, partitions. */
public record TableStats(long rows, long bytes, long files, long partitions) {

  /** Reads the stats of a table registered in {@code spark} from {@code warehouse}. */
  public static TableStats of(SparkSession spark, Warehouse warehouse, TableSpec table) {
    try {
      ContentSummary summary = warehouse.fs().getContentSummary(warehouse.tableDir(table));
      long partitions = table.partitionColumns().isEmpty()
          ? 0
          : spark.sql("SHOW PARTITIONS " + table.qualifiedName()).count();
      long dataFiles = java.util.Arrays.stream(warehouse.fs().globStatus(new org.apache.hadoop.fs.Path(
              warehouse.tableDir(table), table.partitionColumns().isEmpty() ? "part-*" : "*=*/part-*")))
          .count();
      return new TableStats(spark.table(table.qualifiedName()).count(), summary.getLength(), dataFiles, partitions);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + warehouse.tableDir(table) + " failed", e);
    }
  }

  /** Bytes as B, KB, MB, GB with one decimal. */
  public static String human(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
