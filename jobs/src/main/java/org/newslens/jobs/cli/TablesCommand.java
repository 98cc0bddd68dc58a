package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.common.schema.TableSpec;
import org.newslens.jobs.spark.TableStats;
import org.newslens.jobs.spark.Views;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newslens tables}: the tables in the warehouse with rows, size, files, partitions and columns, then the views. */
@Command(name = "tables", description = "List the newslens tables (rows, size on disk, files, partitions, columns) and views.")
public final class TablesCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Override
  public Integer call() {
    var spark = job.session("tables");
    var warehouse = job.warehouse(spark);
    var tables = WarehouseCatalog.openForReading(spark, warehouse);
    if (tables.isEmpty()) {
      System.out.println("no newslens tables in " + warehouse.root() + " (run: bin/newslens run --input data-samples/corpus)");
      return 0;
    }
    System.out.printf("%-26s %12s %10s %7s %10s %8s%n", "table", "rows", "size", "files", "partitions", "columns");
    for (TableSpec t : tables) {
      var stats = TableStats.of(spark, warehouse, t);
      System.out.printf("%-26s %,12d %10s %,7d %10s %8d%n", t.qualifiedName(), stats.rows(), TableStats.human(stats.bytes()),
          stats.files(), t.partitionColumns().isEmpty() ? "-" : String.format("%,d", stats.partitions()), t.schema().size());
    }
    System.out.println("views: " + String.join(", ", Views.present(spark).stream().map(Views.View::qualifiedName).toList()));
    System.out.println("location: " + warehouse.databaseDir() + "   (newslens describe TABLE for columns)");
    return 0;
  }
}
