package org.newslens.jobs.topics;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.Warehouse;

/** {@code topics --sweep}: the quality of the all-documents model for several k, side by side. */
public final class TopicsSweep {

  private TopicsSweep() {}

  public static String run(SparkSession spark, Warehouse warehouse, TopicsOptions options, List<Integer> ks) {
    var out = new StringBuilder(String.format("%5s %10s %10s %10s %12s %9s%n", "k", "mean_npmi", "diversity", "stability", "perplexity", "seconds"));
    for (var result : new TopicsJob(spark, warehouse, options).sweep(ks)) {
      out.append(String.format("%5d %10.4f %10.4f %10s %12.1f %9.1f%n", result.k(), result.meanNpmi(), result.diversity(),
          result.stability() == null ? "-" : String.format("%.4f", result.stability()),
          result.perplexity() == null ? Double.NaN : result.perplexity(), result.seconds()));
    }
    return out.toString();
  }
}
