package org.newslens.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded catalog: the warehouse folder is the catalog. Each session registers every
 * newslens table found under {@code <warehouse>/newslens.db/} as an external Parquet table with
 * its declared schema and partitions, so any new JVM sees the tables without a metastore or lock.
 */
public final class WarehouseCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseCatalog.class);

  private WarehouseCatalog() {}

  /** Registers (or re-points) every table present in the warehouse; returns their specs. */
  public static List<TableSpec> registerAll(SparkSession spark, Warehouse warehouse) {
    List<TableSpec> present = new ArrayList<>();
    for (TableSpec table : Tables.ALL) {
      new AtomicTableWriter(warehouse).recover(table);
      if (register(spark, warehouse, table)) {
        present.add(table);
      }
    }
    Views.register(spark);
    return List.copyOf(present);
  }

  /**
   * Registers every table and fails with a message naming the stage to run when {@code input}, the
   * table a job reads, is missing.
   */
  public static void registerRequiring(SparkSession spark, Warehouse warehouse, TableSpec input, String stageToRun) {
    registerAll(spark, warehouse);
    if (!warehouse.hasTable(input)) {
      throw new org.newslens.jobs.cli.UserException(
          "no " + input.name() + " in " + warehouse.root() + ": run " + stageToRun + " first");
    }
  }

  /**
   * Registers one table if its folder exists, replacing any earlier registration (which may point
   * at another warehouse or list partitions a newer version dropped); true if registered.
   */
  public static boolean register(SparkSession spark, Warehouse warehouse, TableSpec table) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Tables.DATABASE);
    spark.sql("DROP TABLE IF EXISTS " + table.qualifiedName());
    if (!warehouse.hasTable(table)) {
      return false;
    }
    String location = warehouse.tableDir(table).toString();
    String partitioned =
        table.partitionColumns().isEmpty()
            ? ""
            : " PARTITIONED BY (" + String.join(", ", table.partitionColumns()) + ")";
    spark.sql(
        "CREATE TABLE " + table.qualifiedName() + " (" + table.schema().toDDL() + ") USING parquet"
            + partitioned + " LOCATION '" + location.replace("'", "\\'") + "'");
    refresh(spark, table);
    LOG.debug("registered {} at {}", table.qualifiedName(), location);
    return true;
  }

  private static void refresh(SparkSession spark, TableSpec table) {
    if (!table.partitionColumns().isEmpty()) {
      spark.sql("ALTER TABLE " + table.qualifiedName() + " RECOVER PARTITIONS");
    }
    spark.catalog().refreshTable(table.qualifiedName());
  }
}
