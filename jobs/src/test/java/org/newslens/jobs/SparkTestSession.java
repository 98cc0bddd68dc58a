package org.newslens.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM: {@code local[2]}, UI off, UTC, few shuffle
 * partitions. Every test class shares it; it stops when the JVM exits.
 */
public final class SparkTestSession {

  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      Path warehouse;
      try {
        warehouse = Files.createTempDirectory("newslens-test-spark-warehouse");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("newslens tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
          .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
          .config("spark.sql.catalogImplementation", "in-memory")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
