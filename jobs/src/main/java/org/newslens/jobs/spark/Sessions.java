package org.newslens.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses. Never hard-codes the master: spark-submit's wins,
 * else {@code --master}, else {@code local[*]} so a laptop needs no setup.
 */
public final class Sessions {

  /** Default master when neither spark-submit nor {@code --master} names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** Settings every newslens session runs with (runtime SQL confs, so they also apply to a shared session). */
  static final Map<String, String> SQL_DEFAULTS =
      Map.of(
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.sources.partitionOverwriteMode", "dynamic",
          "spark.sql.parquet.compression.codec", "snappy",
          "spark.sql.adaptive.enabled", "true");

  private Sessions() {}

  /**
   * The session for these settings: this JVM's session if it has one (tests, notebooks), else a
   * new one; newslens' SQL settings are applied either way.
   */
  public static SparkSession getOrCreate(SparkSettings settings) {
    var existing = SparkSession.getDefaultSession();
    SparkSession spark = existing.isDefined() ? existing.get() : build(settings);
    SQL_DEFAULTS.forEach((k, v) -> spark.conf().set(k, v));
    settings.conf().entrySet().stream()
        .filter(e -> e.getKey().startsWith("spark.sql."))
        .forEach(e -> spark.conf().set(e.getKey(), e.getValue()));
    return spark;
  }

  private static SparkSession build(SparkSettings settings) {
    SparkConf submitted = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    if (!submitted.contains("spark.master")) {
      builder.master(settings.master().orElse(DEFAULT_MASTER));
    }
    builder.config("spark.sql.warehouse.dir", settings.warehouse().toUri().toString());
    builder.config("spark.sql.catalogImplementation", "in-memory");
    SQL_DEFAULTS.forEach(builder::config);
    settings.conf().forEach(builder::config);
    return builder.getOrCreate();
  }
}
