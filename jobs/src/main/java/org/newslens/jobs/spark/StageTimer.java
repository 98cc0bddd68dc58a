package org.newslens.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** Runs a job's stages under named Spark job groups (so the UI tells the story), times them and reports their {@link Progress}. */
public final class StageTimer {

  private final SparkSession spark;
  private final String job;
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public StageTimer(SparkSession spark, String job) {
    this.spark = spark;
    this.job = job;
    ResourceMeter.of(spark.sparkContext());
  }

  /** Runs one stage and records its wall time. */
  public <T> T time(String stage, Supplier<T> body) {
    String group = job + ":" + stage;
    String label = job + " " + stage;
    spark.sparkContext().setJobGroup(group, label, false);
    Progress.begin(spark.sparkContext(), group, label);
    long start = System.nanoTime();
    try {
      return body.get();
    } finally {
      seconds.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
      Progress.end(spark.sparkContext());
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Wall seconds per stage, in the order the stages ran. */
  public Map<String, Double> orderedSeconds() {
    return new LinkedHashMap<>(seconds);
  }
}
