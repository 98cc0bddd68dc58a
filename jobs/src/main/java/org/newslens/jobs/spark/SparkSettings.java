package org.newslens.jobs.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a command wants its session: the warehouse, and, for runs outside spark-submit, the master
 * and extra Spark settings. Under spark-submit the master and {@code --conf} come from
 * spark-submit itself and {@code master} stays empty.
 */
public record SparkSettings(Path warehouse, Optional<String> master, Map<String, String> conf, String appName, CatalogMode catalog) {

  public SparkSettings {
    Objects.requireNonNull(warehouse, "warehouse");
    warehouse = warehouse.toAbsolutePath().normalize();
    master = Objects.requireNonNull(master, "master");
    conf = Map.copyOf(conf);
    catalog = Objects.requireNonNull(catalog, "catalog");
  }
}
