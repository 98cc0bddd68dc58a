package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.types.StructField;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.spark.TableStats;
import org.newslens.jobs.spark.Views;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code newslens describe TABLE}: rows, size, partitions and the columns with their comments. */
@Command(name = "describe", description = "Describe a table or view: rows, size on disk, partitions, columns with comments.")
public final class DescribeCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Parameters(paramLabel = "TABLE", description = "A table or view, with or without 'newslens.'.")
  String name;

  @Override
  public Integer call() {
    String bare = name.strip().replaceFirst("(?i)^" + Tables.DATABASE + "\\.", "");
    var spark = job.session("describe");
    var warehouse = job.warehouse(spark);
    var tables = WarehouseCatalog.openForReading(spark, warehouse);
    var table = tables.stream().filter(t -> t.name().equalsIgnoreCase(bare)).findFirst();
    if (table.isPresent()) {
      describeTable(spark, warehouse, table.get());
      return 0;
    }
    var view = Views.present(spark).stream().filter(v -> v.name().equalsIgnoreCase(bare)).findFirst();
    if (view.isPresent()) {
      System.out.println("view " + view.get().qualifiedName() + " over " + String.join(", ", view.get().tables()));
      columns(spark.table(view.get().qualifiedName()).schema().fields());
      System.out.println("query:");
      System.out.println(view.get().sparkSql().indent(2).stripTrailing());
      return 0;
    }
    throw new UserException("no table or view " + name + " in " + warehouse.root() + "; tables: "
        + String.join(", ", tables.stream().map(TableSpec::name).toList())
        + "; views: " + String.join(", ", Views.present(spark).stream().map(Views.View::name).toList()));
  }

  private static void describeTable(org.apache.spark.sql.SparkSession spark, org.newslens.jobs.spark.Warehouse warehouse, TableSpec t) {
    var stats = TableStats.of(spark, warehouse, t);
    System.out.println("table      " + t.qualifiedName());
    System.out.println("location   " + warehouse.tableDir(t));
    System.out.printf("rows       %,d%n", stats.rows());
    System.out.printf("size       %s in %,d files%n", TableStats.human(stats.bytes()), stats.files());
    if (!t.partitionColumns().isEmpty()) {
      var parts = spark.sql("SHOW PARTITIONS " + t.qualifiedName()).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
      System.out.printf("partitions %,d by %s%s%n", stats.partitions(), String.join(", ", t.partitionColumns()),
          parts.isEmpty() ? "" : ": " + parts.get(0) + " … " + parts.get(parts.size() - 1));
    }
    columns(t.schema().fields());
  }

  private static void columns(StructField[] fields) {
    int width = java.util.Arrays.stream(fields).mapToInt(f -> f.name().length()).max().orElse(6);
    int typeWidth = java.util.Arrays.stream(fields).mapToInt(f -> f.dataType().simpleString().length()).max().orElse(4);
    System.out.println("columns:");
    for (StructField f : fields) {
      String comment = f.getComment().isDefined() ? f.getComment().get() : "";
      System.out.printf("  %-" + width + "s  %-" + typeWidth + "s  %-8s  %s%n", f.name(), f.dataType().simpleString(),
          f.nullable() ? "null" : "not null", comment);
    }
  }
}
