package org.newslens.jobs.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the warehouse's tables in the session's catalog ({@link CatalogMode}). In the default
 * warehouse mode the folder is the catalog: each session registers every newslens table found under
 * {@code <warehouse>/newslens.db/} as an external Parquet table with its declared schema (and column
 * comments) and partitions, plus the {@link Views}, so any new JVM sees the tables without a
 * metastore or lock. In hive mode the same statements go to the Hive metastore, where they persist.
 */
public final class WarehouseCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseCatalog.class);

  /**
   * A swap journal older than this was left by a killed run; a younger one may belong to a job that
   * is between its two renames right now, so readers leave it alone.
   */
  static final Duration STALE_SWAP = Duration.ofMinutes(2);

  private WarehouseCatalog() {}

  /**
   * Registers (or re-points) every table present in the warehouse and the views over them; returns
   * the tables' specs. Finishes swaps that killed runs left half done, but never one that may still
   * be in progress, so a notebook or shell can open the warehouse while a job writes it.
   */
  public static List<TableSpec> registerAll(SparkSession spark, Warehouse warehouse) {
    long started = System.nanoTime();
    createDatabase(spark, warehouse);
    new AtomicTableWriter(warehouse).recoverIfStale(STALE_SWAP);
    List<TableSpec> present = new ArrayList<>();
    for (TableSpec table : Tables.ALL) {
      if (registerTable(spark, warehouse, table)) {
        present.add(table);
      }
    }
    var views = Views.register(spark);
    LOG.info("registered {} tables and {} views from {} in {} ms", present.size(), views.size(), warehouse.databaseDir(),
        (System.nanoTime() - started) / 1_000_000);
    return List.copyOf(present);
  }

  /**
   * The tables a reading command (sql, tables, describe, serve-sql, graph) sees. In warehouse mode
   * it registers them as {@link #registerAll} does; in hive mode it takes the metastore as it is
   * (jobs register their tables there) and writes nothing to it.
   */
  public static List<TableSpec> openForReading(SparkSession spark, Warehouse warehouse) {
    if (CatalogMode.of(spark) == CatalogMode.WAREHOUSE) {
      return registerAll(spark, warehouse);
    }
    return Tables.ALL.stream().filter(t -> spark.catalog().tableExists(Tables.DATABASE, t.name())).toList();
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
   * Registers one table a job has just written, replacing any earlier registration (which may point
   * at another warehouse or list partitions the new version dropped), and refreshes the views; true
   * if the table exists.
   */
  public static boolean register(SparkSession spark, Warehouse warehouse, TableSpec table) {
    createDatabase(spark, warehouse);
    boolean present = registerTable(spark, warehouse, table);
    Views.register(spark);
    return present;
  }

  private static void createDatabase(SparkSession spark, Warehouse warehouse) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Tables.DATABASE + " LOCATION " + literal(warehouse.databaseDir().toString()));
  }

  private static boolean registerTable(SparkSession spark, Warehouse warehouse, TableSpec table) {
    long started = System.nanoTime();
    spark.sql("DROP TABLE IF EXISTS " + table.qualifiedName());
    if (!warehouse.hasTable(table)) {
      return false;
    }
    String partitioned =
        table.partitionColumns().isEmpty()
            ? ""
            : " PARTITIONED BY (" + String.join(", ", table.partitionColumns()) + ")";
    spark.sql(
        "CREATE TABLE " + table.qualifiedName() + " (" + table.schema().toDDL() + ") USING parquet"
            + partitioned + " LOCATION " + literal(warehouse.tableDir(table).toString()));
    if (!table.partitionColumns().isEmpty()) {
      spark.sql("ALTER TABLE " + table.qualifiedName() + " RECOVER PARTITIONS");
    }
    LOG.debug("registered {} at {} in {} ms", table.qualifiedName(), warehouse.tableDir(table), (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
