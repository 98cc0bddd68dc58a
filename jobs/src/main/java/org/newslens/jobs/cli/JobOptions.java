package org.newslens.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.spark.Leftovers;
import org.newslens.jobs.spark.CatalogMode;
import org.newslens.jobs.spark.Progress;
import org.newslens.jobs.spark.SparkSettings;
import org.newslens.jobs.spark.Sessions;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseLock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes (DESIGN.md "common"). */
public final class JobOptions {

  /** Spark's loggers that repeat a failed task's stack trace; quiet in bin/newslens unless --verbose. */
  private static final List<String> TASK_FAILURE_LOGGERS = List.of("org.apache.spark.util.Utils",
      "org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager",
      "org.apache.spark.sql.execution.datasources.FileFormatWriter");

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

  @Option(names = "--quiet", description = "No progress lines on stderr while a stage runs (by default one every "
      + Progress.INTERVAL_SECONDS + " s once a stage has run that long: done/total, rate, time left).")
  boolean quiet;

  /** Default {@code --lock-timeout}: a second writer fails at once. */
  public static final long LOCK_TIMEOUT_DEFAULT = 0;

  @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "" + LOCK_TIMEOUT_DEFAULT,
      description = "Commands that write the warehouse: wait up to SECONDS for another job's lock on it "
          + "(default: ${DEFAULT-VALUE}, exit 3 at once naming the holder).")
  long lockTimeout;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /** The session for this command, with the warehouse's tables registered. */
  SparkSession session(String command) {
    applyVerbose();
    SparkSession spark = Sessions.getOrCreate(settings(command));
    if (!quiet) {
      Progress.enable(spark.sparkContext(), System.err);
    }
    return spark;
  }

  private void applyVerbose() {
    if (verbose) {
      org.apache.logging.log4j.core.config.Configurator.setLevel("org.newslens", org.apache.logging.log4j.Level.INFO);
      TASK_FAILURE_LOGGERS.forEach(l -> org.apache.logging.log4j.core.config.Configurator.setLevel(l, org.apache.logging.log4j.Level.WARN));
    }
  }

  /**
   * Opens the warehouse for a command that writes it, before its Spark session starts: prepares the
   * folder, takes the warehouse lock (waiting up to {@code --lock-timeout}) and clears up after
   * killed runs. The caller closes the lock when done.
   */
  WarehouseLock lockWarehouse() {
    if (lockTimeout < 0) {
      throw new UserException("--lock-timeout " + lockTimeout + " must be 0 or more seconds");
    }
    applyVerbose();
    Warehouse target = Warehouse.at(warehouse, Sessions.hadoopConfiguration(settings(mixee.name()))).prepareForWrite();
    WarehouseLock lock = WarehouseLock.acquire(target, commandLine(), Duration.ofSeconds(lockTimeout));
    try {
      Leftovers.cleanUp(target);
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** This command as typed, for the lock file: {@code newslens ingest --input ...}, cut at 300 characters. */
  private String commandLine() {
    String line = "newslens " + String.join(" ", mixee.commandLine().getParseResult().originalArgs());
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }

  private SparkSettings settings(String command) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UserException("--conf " + kv + ": expected KEY=VALUE");
      }
      settings.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new SparkSettings(localOrUri(), Optional.ofNullable(master), settings, "newslens " + command,
        CliNames.parse(CatalogMode.class, catalog, "--catalog " + catalog));
  }

  Warehouse warehouse(SparkSession spark) {
    return Warehouse.at(warehouse, spark.sparkContext().hadoopConfiguration());
  }

  private Path localOrUri() {
    return warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*") ? Path.of(".") : Path.of(warehouse);
  }
}
