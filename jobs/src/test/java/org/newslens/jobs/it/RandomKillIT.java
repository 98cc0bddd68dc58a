package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.RunsTable;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.cli.Main;

/**
 * The fault suite's random kills: {@code run} on four files of the sample corpus, over a warehouse
 * that holds a previous run of three of them, is killed with SIGKILL at five random moments spread
 * over a clean run's duration (so across all its stages), each time in a fresh re-run. After each kill
 * {@code check} passes; the re-run that is let finish leaves no staging, trash or lock behind and
 * writes tables equal to a clean run's. The moments come from {@code -Dnewslens.killSeed} (default:
 * the clock), printed so a failure can be replayed.
 */
class RandomKillIT {

  static final int KILLS = 5;

  @TempDir static Path tmp;

  private static List<String> run(Path input, Path warehouse) {
    return List.of("run", "--input", input.toString(), "--warehouse", warehouse.toString(), "--master", "local[2]",
        "--seed", "3", "--k-all", "6", "--k-defence", "3", "--k-energy", "3", "--iterations", "25", "--no-stability");
  }

  @Test
  void aRunKilledAtRandomMomentsLeavesACheckedWarehouseAndTheNextRunEqualsACleanOne() throws Exception {
    // Part of the sample corpus: every stage has work (reports, contract notices, a wire story, a
    // Wikinews page: 250 documents, both themes), and each run takes about 70 % of a whole-sample
    // run, which the seven runs here multiply.
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (String f : List.of("crs-reports-2026.jsonl", "dod-contracts-2018.jsonl", "seed-article.txt", "wikinews-2015-korea.jsonl")) {
      Files.copy(Processes.ROOT.resolve("data-samples/corpus").resolve(f), corpus.resolve(f));
    }
    Path clean = tmp.resolve("clean");
    long started = System.nanoTime();
    var reference = Processes.newslens(Processes.ROOT, run(corpus, clean).toArray(String[]::new));
    Duration cleanRun = Duration.ofNanos(System.nanoTime() - started);
    assertThat(reference.exitCode()).as(reference.stderr()).isZero();

    Path warehouse = tmp.resolve("killed");
    Path part = Files.createDirectories(tmp.resolve("part"));
    for (String f : List.of("crs-reports-2026.jsonl", "seed-article.txt", "wikinews-2015-korea.jsonl")) {
      Files.copy(corpus.resolve(f), part.resolve(f));
    }
    assertThat(Main.run(run(part, warehouse).toArray(String[]::new))).as("the previous version").isZero();

    long seed = Long.getLong("newslens.killSeed", System.currentTimeMillis());
    var random = new Random(seed);
    for (int i = 0; i < KILLS; i++) {
      long slice = cleanRun.toMillis() / KILLS;
      long at = i * slice + random.nextInt((int) Math.max(1, slice));
      System.out.printf("kill %d of %d at %d ms of a %d ms run (seed %d)%n", i + 1, KILLS, at, cleanRun.toMillis(), seed);
      var job = Processes.newslensStarted(Processes.ROOT, run(corpus, warehouse).toArray(String[]::new));
      boolean finished = job.process().waitFor(at, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (!finished) {
        job.kill();
      }
      assertThat(Main.run("check", "--warehouse", warehouse.toString())).as("check after kill %d at %d ms (seed %d)", i + 1, at, seed).isZero();
    }

    var last = Processes.newslens(Processes.ROOT, run(corpus, warehouse).toArray(String[]::new));
    assertThat(last.exitCode()).as(last.stderr()).isZero();
    Path db = warehouse.resolve(Tables.DATABASE_DIR);
    for (String leftover : List.of(".staging", ".trash")) {
      if (Files.isDirectory(db.resolve(leftover))) {
        try (var entries = Files.list(db.resolve(leftover))) {
          assertThat(entries.toList()).as("%s after the finished re-run", leftover).isEmpty();
        }
      }
    }
    try (var entries = Files.list(db)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).as("no lock or journal left").noneMatch(n -> n.contains("lock") || n.endsWith(".swap"));
    }
    for (TableSpec t : Tables.ALL) {
      if (!t.equals(RunsTable.SPEC)) {
        assertSameRows(t, clean, warehouse);
      }
    }
  }

  /** The same rows in both warehouses' {@code spec}, read with its schema (a table may have no rows, so no file to infer from). */
  private static void assertSameRows(TableSpec spec, Path expected, Path actual) {
    var spark = SparkTestSession.get();
    String table = spec.name();
    assertThat(Files.isDirectory(actual.resolve(Tables.DATABASE_DIR).resolve(table))).as("%s written", table)
        .isEqualTo(Files.isDirectory(expected.resolve(Tables.DATABASE_DIR).resolve(table)));
    if (!Files.isDirectory(expected.resolve(Tables.DATABASE_DIR).resolve(table))) {
      return;
    }
    Dataset<Row> e = spark.read().schema(spec.schema()).parquet(expected.resolve(Tables.DATABASE_DIR).resolve(table).toString());
    Dataset<Row> a = spark.read().schema(spec.schema()).parquet(actual.resolve(Tables.DATABASE_DIR).resolve(table).toString());
    assertThat(a.count()).as("rows of %s", table).isEqualTo(e.count());
    List<Row> missing = new ArrayList<>(e.exceptAll(a).limit(3).collectAsList());
    List<Row> extra = a.exceptAll(e).limit(3).collectAsList();
    assertThat(missing).as("rows of %s only in the clean run", table).isEmpty();
    assertThat(extra).as("rows of %s only after the kills", table).isEmpty();
  }
}
