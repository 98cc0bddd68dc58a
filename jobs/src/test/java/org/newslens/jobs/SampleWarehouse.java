package org.newslens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newslens.jobs.cli.Main;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;

/**
 * The warehouse of {@code run} (every stage) on data-samples, with one extra gazetteer entry, made
 * once per test JVM and shared by the test classes that query it. {@link #open} re-registers its
 * tables, since other classes point the shared session's catalog at their own warehouses.
 */
public final class SampleWarehouse {

  private static Path root;

  private SampleWarehouse() {}

  /** The warehouse folder, running the pipeline on first use, with its tables registered. */
  public static synchronized Path open() throws IOException {
    if (root == null) {
      Path tmp = Files.createTempDirectory("newslens-sample-warehouse");
      Path extra = Files.writeString(tmp.resolve("extra.tsv"),
          "id\tcanonical_name\ttype\taliases\twikidata\ttheme\n"
              + "manekshaw-centre\tManekshaw Centre\tLOCATION\tManekshaw Centre\t\tdefence\n");
      Path wh = tmp.resolve("wh");
      assertThat(Main.run("run", "--input", Path.of("..", "data-samples", "corpus").toString(),
          "--warehouse", wh.toString(), "--gazetteer", extra.toString())).isZero();
      root = wh;
    }
    var spark = SparkTestSession.get();
    WarehouseCatalog.registerAll(spark, Warehouse.at(root.toString(), spark.sparkContext().hadoopConfiguration()));
    return root;
  }

  /** A copy of the sample warehouse at {@code target}, for tests that change or corrupt it. */
  public static Path copy(Path target) throws IOException {
    return copy(open(), target);
  }

  /** A copy of the warehouse (any folder) {@code source} at {@code target}. */
  public static Path copy(Path source, Path target) throws IOException {
    try (var paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /** The statements of every ```sql block of the README (the documented example queries). */
  public static java.util.List<String> readmeQueries() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    var blocks = java.util.regex.Pattern.compile("```sql\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(readme);
    java.util.List<String> queries = new java.util.ArrayList<>();
    while (blocks.find()) {
      queries.addAll(org.newslens.jobs.cli.SqlCommand.splitStatements(blocks.group(1)));
    }
    return queries;
  }

  /** Runs the command line and returns what it printed on standard output, asserting its exit code. */
  public static String stdout(int expectedExit, String... args) {
    var old = System.out;
    var out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run(args);
    } finally {
      System.setOut(old);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit of " + String.join(" ", args) + "; printed:\n" + printed).isEqualTo(expectedExit);
    return printed;
  }
}
