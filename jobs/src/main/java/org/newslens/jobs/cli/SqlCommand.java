package org.newslens.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.Views;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newslens sql}, like {@code spark-sql}: one query ({@code "QUERY"} or {@code -e}), a file of
 * statements ({@code -f}), statements on standard input, or an interactive prompt with history when
 * standard input is a terminal.
 */
@Command(name = "sql", description = {
    "Run SQL on the newslens tables and views, e.g. sql \"SELECT period, count(*) FROM newslens.documents GROUP BY period\".",
    "With no query: an interactive prompt (history in ~/.newslens_history) when stdin is a terminal, else statements read from stdin."})
public final class SqlCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query (or use -e / -f).")
  String positional;

  @Option(names = "-e", paramLabel = "QUERY", description = "The query.")
  String query;

  @Option(names = "-f", paramLabel = "FILE", description = "A file of ';'-separated statements.")
  Path file;

  @Option(names = "--limit", paramLabel = "N", description = "Rows printed at most (default: 1000; parquet output writes every row unless given).")
  Integer limit;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv, json or parquet:PATH (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() throws Exception {
    QueryOutput out = QueryOutput.parse(output);
    if (limit != null && limit < 0) {
      throw new UserException("--limit " + limit + " must be 0 or more");
    }
    List<String> statements = givenStatements();
    SparkSession spark = job.session("sql");
    if (out.kind() == QueryOutput.Kind.PARQUET) {
      job.warehouse(spark).refuseInsideTables("--output parquet:", out.path());
    }
    var tables = WarehouseCatalog.openForReading(spark, job.warehouse(spark));
    String known = tables.isEmpty()
        ? "none in " + job.warehouse + " (run: bin/newslens run --input data-samples/corpus)"
        : String.join(", ", tables.stream().map(t -> t.qualifiedName()).toList())
            + "; views: " + String.join(", ", Views.present(spark).stream().map(Views.View::qualifiedName).toList());
    if (statements == null) {
      return System.console() != null ? new Prompt(spark, out, known).loop() : runAll(spark, splitStatements(stdin()), out, known);
    }
    return runAll(spark, statements, out, known);
  }

  private int runAll(SparkSession spark, List<String> statements, QueryOutput out, String known) {
    for (String statement : statements) {
      long started = System.nanoTime();
      out.emit(execute(spark, statement, known), limit, System.out);
      System.err.printf("Time taken: %.3f s%n", (System.nanoTime() - started) / 1e9);
    }
    return 0;
  }

  /** Plans the statement; an analysis error (unknown table, column, function) becomes the user's error. */
  static Dataset<Row> execute(SparkSession spark, String statement, String known) {
    try {
      return spark.sql(statement);
    } catch (Exception e) { // Scala's checked exceptions are undeclared in Java
      if (e instanceof AnalysisException analysis) {
        throw new UserException(analysis.getSimpleMessage() + "\nTables: " + known, e);
      }
      if (e instanceof org.apache.spark.sql.catalyst.parser.ParseException parse) {
        throw new UserException(parse.getMessage(), e);
      }
      throw e;
    }
  }

  /** The statements given on the command line, or null when none were (read stdin or prompt). */
  private List<String> givenStatements() throws IOException {
    int given = (positional != null ? 1 : 0) + (query != null ? 1 : 0) + (file != null ? 1 : 0);
    if (given > 1) {
      throw new UserException("give one of: sql \"QUERY\", sql -e \"QUERY\", sql -f FILE (or none for a prompt)");
    }
    if (file != null) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new UserException("-f " + file + " does not exist or cannot be read");
      }
      return splitStatements(Files.readString(file));
    }
    if (given == 0) {
      return null;
    }
    String q = positional != null ? positional : query;
    if (q.isBlank()) {
      throw new UserException("the query is empty");
    }
    return splitStatements(q);
  }

  private static String stdin() throws IOException {
    return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Splits a script at the semicolons that end statements: not inside quotes, backticks or
   * comments. Comment-only statements are dropped.
   */
  public static List<String> splitStatements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      char next = i + 1 < script.length() ? script.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
        continue;
      } else if (quote != 0) {
        if (c == '\\' && quote != '`' && next != 0) {
          current.append(c).append(next);
          i++;
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        lineComment = true;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
        continue;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == ';') {
        add(out, current);
        continue;
      }
      if (!lineComment) {
        current.append(c);
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    statement.setLength(0);
  }

  /** The interactive prompt: line editing and history from JLine (bundled with Spark), errors shown and survived. */
  private final class Prompt {
    private final SparkSession spark;
    private final QueryOutput out;
    private final String known;

    Prompt(SparkSession spark, QueryOutput out, String known) {
      this.spark = spark;
      this.out = out;
      this.known = known;
    }

    int loop() throws IOException {
      System.out.println("newslens sql: statements end with ';'. Tables: " + known + ". quit; to leave.");
      jline.console.ConsoleReader reader = new jline.console.ConsoleReader();
      var history = new jline.console.history.FileHistory(Path.of(System.getProperty("user.home"), ".newslens_history").toFile());
      reader.setHistory(history);
      reader.setExpandEvents(false);
      StringBuilder pending = new StringBuilder();
      try {
        String line;
        while ((line = reader.readLine(pending.length() == 0 ? "newslens> " : "        > ")) != null) {
          pending.append(line).append('\n');
          if (!line.strip().endsWith(";")) {
            continue;
          }
          List<String> statements = splitStatements(pending.toString());
          pending.setLength(0);
          for (String statement : statements) {
            if (statement.equalsIgnoreCase("quit") || statement.equalsIgnoreCase("exit")) {
              return 0;
            }
            runOne(statement);
          }
        }
        return 0;
      } finally {
        history.flush();
      }
    }

    private void runOne(String statement) {
      long started = System.nanoTime();
      try {
        out.emit(execute(spark, statement, known), limit, System.out);
        System.out.printf("Time taken: %.2f s%n", (System.nanoTime() - started) / 1e9);
      } catch (UserException e) {
        System.out.println("Error: " + e.getMessage());
      } catch (RuntimeException e) {
        System.out.println("Error: " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
    }
  }
}
