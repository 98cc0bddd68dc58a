package org.newslens.jobs.spark;

/**
 * Where the SQL catalog lives ({@code --catalog}).
 *
 * <ul>
 *   <li>{@link #WAREHOUSE}: the warehouse folder is the catalog. Each session registers {@code
 *       newslens.*} from {@code <warehouse>/newslens.db} in its own in-memory catalog: no
 *       metastore, no lock, so notebooks, shells and running jobs never block each other.
 *   <li>{@link #HIVE}: Spark's Hive metastore. Jobs register or refresh their tables there after
 *       each write, so the organisation's spark-sql, Thrift server or Trino see them. Without
 *       {@code spark.hadoop.hive.metastore.uris} the metastore is an embedded Derby database in
 *       {@code <warehouse>/metastore_db}, which admits one JVM at a time.
 * </ul>
 */
public enum CatalogMode {
  WAREHOUSE("in-memory"),
  HIVE("hive");

  private final String implementation;

  CatalogMode(String implementation) {
    this.implementation = implementation;
  }

  /** Value of {@code spark.sql.catalogImplementation}. */
  public String implementation() {
    return implementation;
  }

  /** The mode a running session uses. */
  public static CatalogMode of(org.apache.spark.sql.SparkSession spark) {
    return HIVE.implementation.equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory")) ? HIVE : WAREHOUSE;
  }
}
