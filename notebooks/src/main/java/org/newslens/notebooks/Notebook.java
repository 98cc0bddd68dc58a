package org.newslens.notebooks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.CatalogMode;
import org.newslens.jobs.spark.Sessions;
import org.newslens.jobs.spark.SparkSettings;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;

/**
 * A notebook's first cell: a local Spark session over the warehouse named by {@code
 * NEWSLENS_WAREHOUSE} (default {@code ../warehouse}, the quick start's, seen from this folder), with
 * the newslens tables and views registered as the CLI registers them.
 */
public final class Notebook {

  /** Environment variable naming the warehouse a notebook opens. */
  public static final String WAREHOUSE_ENV = "NEWSLENS_WAREHOUSE";

  /** Warehouse opened when {@link #WAREHOUSE_ENV} is not set. */
  public static final String WAREHOUSE_DEFAULT = "../warehouse";

  private static final Map<String, String> NOTEBOOK_CONF =
      Map.of(
          "spark.ui.enabled", "false",
          "spark.sql.shuffle.partitions", "4",
          "spark.driver.host", "127.0.0.1");

  private Notebook() {}

  /** The warehouse this notebook reads. */
  public static Path warehouse() {
    String location = Optional.ofNullable(System.getenv(WAREHOUSE_ENV)).filter(s -> !s.isBlank()).orElse(WAREHOUSE_DEFAULT);
    return Path.of(location).toAbsolutePath().normalize();
  }

  /** This kernel's session with the warehouse's tables registered; fails naming the folder if it is no warehouse. */
  public static SparkSession open() {
    // The kernel's JUL root logs at FINEST; Spark's bridge to SLF4J then fails formatting Janino's
    // debug messages and every generated class falls back to interpreted mode.
    java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
    Path location = warehouse();
    if (!location.resolve(Warehouse.MARKER).toFile().isFile()) {
      throw new IllegalStateException(
          WAREHOUSE_ENV + "=" + location + " is not a newslens warehouse (no " + Warehouse.MARKER + "); run: bin/newslens run --input data-samples/corpus --warehouse " + location);
    }
    SparkSession spark = Sessions.getOrCreate(new SparkSettings(location, Optional.of("local[2]"), NOTEBOOK_CONF, "newslens-notebook", CatalogMode.WAREHOUSE));
    Warehouse warehouse = Warehouse.at(location.toString(), spark.sparkContext().hadoopConfiguration());
    WarehouseCatalog.openForReading(spark, warehouse);
    return spark;
  }

  /** The first {@code limit} rows of a query as an HTML table: a cell ending with it shows the table. */
  public static String html(Dataset<Row> rows, int limit) {
    return HtmlTable.of(rows.limit(limit).collectAsList(), rows.columns());
  }
}
