package org.newslens.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newslens sql}: run Spark SQL against the warehouse's tables. */
@Command(name = "sql", description = "Run SQL on the newslens tables, e.g. sql \"SELECT period, count(*) FROM newslens.documents GROUP BY period\".")
public final class SqlCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query (or use -e / -f).")
  String positional;

  @Option(names = "-e", paramLabel = "QUERY", description = "The query.")
  String query;

  @Option(names = "-f", paramLabel = "FILE", description = "A file of ';'-separated statements.")
  Path file;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Rows shown at most (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() throws Exception {
    List<String> statements = statements();
    if (!List.of("table", "csv", "json").contains(output)) {
      throw new UserException("--output " + output + " is not one of table, csv, json");
    }
    SparkSession spark = job.session("sql");
    var tables = WarehouseCatalog.registerAll(spark, job.warehouse(spark));
    for (String statement : statements) {
      Dataset<Row> result;
      try {
        result = spark.sql(statement);
      } catch (Exception e) { // Scala's AnalysisException is checked in Java but undeclared
        if (!(e instanceof AnalysisException analysis)) {
          throw e;
        }
        throw new UserException(analysis.getSimpleMessage() + "\nTables in " + job.warehouse + ": "
            + (tables.isEmpty() ? "none (run ingest first)" : String.join(", ", tables.stream().map(t -> t.qualifiedName()).toList())));
      }
      print(result);
    }
    return 0;
  }

  private List<String> statements() throws IOException {
    int given = (positional != null ? 1 : 0) + (query != null ? 1 : 0) + (file != null ? 1 : 0);
    if (given != 1) {
      throw new UserException("give exactly one query: sql \"QUERY\", sql -e \"QUERY\" or sql -f FILE");
    }
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new UserException("-f " + file + " does not exist or cannot be read");
      }
      return java.util.Arrays.stream(Files.readString(file).split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    return List.of(positional != null ? positional : query);
  }

  private void print(Dataset<Row> result) {
    Dataset<Row> shown = result.limit(limit);
    switch (output) {
      case "csv" -> {
        System.out.println(String.join(",", result.columns()));
        shown.collectAsList().forEach(r -> System.out.println(Csv.line(r)));
      }
      case "json" -> shown.toJSON().collectAsList().forEach(System.out::println);
      default -> shown.show(limit, 80, false);
    }
  }

  /** Minimal RFC 4180 quoting for CSV output. */
  static final class Csv {
    private Csv() {}

    static String line(Row r) {
      var cells = new java.util.ArrayList<String>();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        String s = v == null ? "" : String.valueOf(v);
        cells.add(s.matches(".*[\",\\n\\r].*") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
      }
      return String.join(",", cells);
    }
  }
}
