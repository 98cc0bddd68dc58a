package org.newslens.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.CatalogMode;
import org.newslens.jobs.spark.SparkSettings;
import org.newslens.jobs.spark.Sessions;
import org.newslens.jobs.spark.Warehouse;
import picocli.CommandLine.Option;

/** Options every command takes (DESIGN.md "common"). */
public final class JobOptions {

  /** Default warehouse: {@code ./warehouse}. */
  public static final String WAREHOUSE_DEFAULT = "warehouse";

  @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = WAREHOUSE_DEFAULT,
      description = "Warehouse folder or URI holding newslens.db (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when run without spark-submit (default: local[*]); bin/newslens passes it to spark-submit.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Spark setting when run without spark-submit; bin/newslens passes it to spark-submit.")
  List<String> conf = List.of();

  @Option(names = "--catalog", paramLabel = "warehouse|hive", defaultValue = "warehouse",
      description = "SQL catalog: warehouse (the folder is the catalog, no metastore) or hive (Spark's Hive metastore; "
          + "embedded Derby unless --conf spark.hadoop.hive.metastore.uris=thrift://... names a shared one). Default: ${DEFAULT-VALUE}.")
  String catalog;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--verbose", description = "Log progress and print stack traces of errors.")
  boolean verbose;

  /** The session for this command, with the warehouse's tables registered. */
  SparkSession session(String command) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UserException("--conf " + kv + ": expected KEY=VALUE");
      }
      settings.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if (verbose) {
      org.apache.logging.log4j.core.config.Configurator.setLevel("org.newslens", org.apache.logging.log4j.Level.INFO);
    }
    return Sessions.getOrCreate(new SparkSettings(localOrUri(), Optional.ofNullable(master), settings, "newslens " + command,
        CliNames.parse(CatalogMode.class, catalog, "--catalog " + catalog)));
  }

  Warehouse warehouse(SparkSession spark) {
    return Warehouse.at(warehouse, spark.sparkContext().hadoopConfiguration());
  }

  private Path localOrUri() {
    return warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*") ? Path.of(".") : Path.of(warehouse);
  }
}
