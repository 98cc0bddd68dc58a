package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.common.schema.TableSpec;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newslens tables}: the tables in the warehouse with rows, columns and location. */
@Command(name = "tables", description = "List the newslens tables: name, rows, columns, location.")
public final class TablesCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Override
  public Integer call() {
    var spark = job.session("tables");
    var warehouse = job.warehouse(spark);
    var tables = WarehouseCatalog.registerAll(spark, warehouse);
    if (tables.isEmpty()) {
      System.out.println("no newslens tables in " + warehouse.root() + " (run: bin/newslens run --input data-samples/corpus)");
      return 0;
    }
    System.out.printf("%-22s %12s %8s  %s%n", "table", "rows", "columns", "location");
    for (TableSpec t : tables) {
      long rows = spark.table(t.qualifiedName()).count();
      System.out.printf("%-22s %,12d %8d  %s%n", t.qualifiedName(), rows, t.schema().size(), warehouse.tableDir(t));
    }
    return 0;
  }
}
