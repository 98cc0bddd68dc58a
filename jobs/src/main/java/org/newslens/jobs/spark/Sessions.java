package org.newslens.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses. Never hard-codes the master: spark-submit's wins,
 * else {@code --master}, else {@code local[*]} so a laptop needs no setup.
 */
public final class Sessions {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sessions.class);

  /** Default master when neither spark-submit nor {@code --master} names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** Settings every newslens session runs with (runtime SQL confs, so they also apply to a shared session). */
  static final Map<String, String> SQL_DEFAULTS =
      Map.of(
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.sources.partitionOverwriteMode", "dynamic",
          "spark.sql.parquet.compression.codec", "snappy",
          "spark.sql.adaptive.enabled", "true",
          // without it a cached Dataset made by a join or aggregation keeps spark.sql.shuffle.partitions (200) partitions,
          // AQE's coalescing being off for cached plans, and every later read of it runs 200 tasks (topics' write of
          // 100k documents: 1,200 tasks for some 3 million rows)
          "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");

  private Sessions() {}

  /**
   * The session for these settings: this JVM's session if it has one (tests, notebooks), else a
   * new one; newslens' SQL settings are applied either way.
   */
  public static SparkSession getOrCreate(SparkSettings settings) {
    var existing = SparkSession.getDefaultSession();
    SparkSession spark = existing.isDefined() ? existing.get() : build(settings);
    if (CatalogMode.of(spark) != settings.catalog()) {
      LOG.warn("this JVM's Spark session uses the {} catalog; --catalog {} applies to new JVMs only",
          CatalogMode.of(spark).name().toLowerCase(java.util.Locale.ROOT), settings.catalog().name().toLowerCase(java.util.Locale.ROOT));
    }
    SQL_DEFAULTS.forEach((k, v) -> spark.conf().set(k, v));
    settings.conf().entrySet().stream()
        .filter(e -> e.getKey().startsWith("spark.sql."))
        .forEach(e -> spark.conf().set(e.getKey(), e.getValue()));
    return spark;
  }

  /**
   * The Hadoop settings of the session for {@code settings}, without starting one (a writer takes
   * the warehouse lock before Spark starts): this JVM's session's if it has one, else the site
   * files on the class path plus the {@code spark.hadoop.*} settings of spark-submit and
   * {@code --conf}, as Spark would apply them.
   */
  public static Configuration hadoopConfiguration(SparkSettings settings) {
    var existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      return existing.get().sparkContext().hadoopConfiguration();
    }
    Map<String, String> spark = new LinkedHashMap<>();
    for (var kv : new SparkConf().getAll()) {
      spark.put(kv._1(), kv._2());
    }
    spark.putAll(settings.conf());
    Configuration conf = new Configuration();
    String prefix = "spark.hadoop.";
    spark.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        conf.set(k.substring(prefix.length()), v);
      }
    });
    return conf;
  }

  private static SparkSession build(SparkSettings settings) {
    SparkConf submitted = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    if (!submitted.contains("spark.master")) {
      builder.master(settings.master().orElse(DEFAULT_MASTER));
    }
    builder.config("spark.sql.warehouse.dir", settings.warehouse().toUri().toString());
    if (!submitted.contains("spark.ui.showConsoleProgress")) {
      // newslens prints its own progress lines (Progress); Spark's bar would interleave with them
      builder.config("spark.ui.showConsoleProgress", "false");
    }
    builder.config("spark.sql.catalogImplementation", settings.catalog().implementation());
    if (settings.catalog() == CatalogMode.HIVE && !submitted.contains("spark.hadoop.hive.metastore.uris")
        && !settings.conf().containsKey("spark.hadoop.hive.metastore.uris")) {
      // Embedded Derby beside the tables (one JVM at a time), not in whatever folder the job started in.
      String db = settings.warehouse().resolve("metastore_db").toString();
      builder.config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + db + ";create=true");
      System.setProperty("derby.stream.error.file", settings.warehouse().resolve("derby.log").toString());
    }
    SQL_DEFAULTS.forEach(builder::config);
    settings.conf().forEach(builder::config);
    return builder.getOrCreate();
  }
}
