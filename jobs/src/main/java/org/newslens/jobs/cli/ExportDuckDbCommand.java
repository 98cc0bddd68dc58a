package org.newslens.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.newslens.jobs.spark.DuckDbExport;
import org.newslens.jobs.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code newslens export-duckdb}: a DuckDB file of views over the warehouse's Parquet tables, for
 * JDBC clients and BI tools with no server. Needs no Spark session.
 */
@Command(name = "export-duckdb", description = {
    "Write <warehouse>/newslens.duckdb: views over the Parquet tables and the newslens views in DuckDB's dialect,",
    "for DBeaver, Tableau, Superset, Python or any JDBC client (jdbc:duckdb:FILE), with no server."})
public final class ExportDuckDbCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Option(names = "--out", paramLabel = "FILE", description = "The DuckDB file (default: <warehouse>/newslens.duckdb).")
  Path out;

  @Override
  public Integer call() {
    Warehouse warehouse = Warehouse.at(job.warehouse, new Configuration());
    DuckDbExport export = DuckDbExport.of(warehouse);
    Path file = out != null ? OutputPaths.file("--out", out, warehouse) : Path.of(warehouse.root().toUri()).resolve("newslens.duckdb");
    if (org.newslens.common.schema.Tables.ALL.stream().noneMatch(warehouse::hasTable)) {
      throw new UserException("no newslens tables in " + warehouse.root() + " (run: bin/newslens run --input data-samples/corpus)");
    }
    var result = export.write(file);
    System.out.println("wrote " + result.file() + ": " + result.tables().size() + " tables, " + result.views().size() + " views");
    System.out.println("  tables: " + String.join(", ", result.tables()));
    System.out.println("  views:  " + String.join(", ", result.views()));
    System.out.println("  open:   jdbc:duckdb:" + result.file() + "   (query newslens.<table>; the file holds views, not data)");
    return 0;
  }
}
