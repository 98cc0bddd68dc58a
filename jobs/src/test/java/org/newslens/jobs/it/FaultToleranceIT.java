package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.cli.Main;

/**
 * Faults on a loopback standalone cluster while {@code entities} runs on the sample corpus: an
 * executor JVM killed mid-stage (Spark re-runs its tasks on a replacement executor; the tables
 * equal a clean run's), and the driver killed while it writes {@code entity_mentions} (the previous
 * version stays whole and {@code check} passes; the next run equals a clean run).
 */
class FaultToleranceIT {

  /** Executor CPU time after which it is surely inside the recognise stage (start-up and model load take less). */
  static final Duration BUSY_EXECUTOR_CPU = Duration.ofSeconds(15);

  @TempDir static Path tmp;
  private static LoopbackCluster cluster;
  private static Path clean;

  @BeforeAll
  static void cleanRun() throws Exception {
    cluster = LoopbackCluster.start(Files.createDirectories(tmp.resolve("cluster")));
    clean = ingested("clean");
    var out = Processes.newslens(Processes.ROOT, entitiesOnCluster(clean).toArray(String[]::new));
    assertThat(out.exitCode()).as(out.stderr() + cluster.logs()).isZero();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  private static Path ingested(String name) {
    Path wh = tmp.resolve(name);
    assertThat(Main.run("ingest", "--input", Processes.ROOT.resolve("data-samples/corpus").toString(), "--warehouse", wh.toString())).isZero();
    return wh;
  }

  private static List<String> entitiesOnCluster(Path warehouse, String... options) {
    List<String> args = new ArrayList<>(List.of("entities"));
    args.addAll(cluster.submitOptions());
    args.addAll(List.of("--warehouse", warehouse.toString()));
    args.addAll(List.of(options));
    return args;
  }

  @Test
  void anExecutorKilledMidStageIsReplacedAndTheTablesEqualACleanRun() throws Exception {
    Path wh = ingested("executor-killed");
    var job = Processes.newslensStarted(Processes.ROOT, entitiesOnCluster(wh).toArray(String[]::new));
    ProcessHandle executor = awaitBusyExecutor(job);
    executor.destroyForcibly();
    var out = job.await();
    assertThat(out.exitCode()).as(out.stderr() + cluster.logs()).isZero();
    assertThat(executorsOfLatestApp()).as("a replacement executor was launched").isGreaterThanOrEqualTo(2);
    assertSameTables(wh);
  }

  @Test
  void aDriverKilledMidWriteLeavesThePreviousVersionWholeAndTheNextRunEqualsACleanRun() throws Exception {
    Path wh = SampleWarehouse.copy(clean, tmp.resolve("driver-killed"));
    List<Row> before = rows(wh, "entity_mentions");
    var job = Processes.newslensStarted(Processes.ROOT, entitiesOnCluster(wh, "--max-ner-chars", "300").toArray(String[]::new));
    awaitStaging(job, wh.resolve("newslens.db/.staging"), "entities-", "entity_mentions");
    job.kill();
    assertThat(rows(wh, "entity_mentions")).as("the previous version, whole").isEqualTo(before);
    assertThat(Main.run("check", "--warehouse", wh.toString())).isZero();

    var next = Processes.newslens(Processes.ROOT, entitiesOnCluster(wh).toArray(String[]::new));
    assertThat(next.exitCode()).as(next.stderr()).isZero();
    assertSameTables(wh);
  }

  private static ProcessHandle awaitBusyExecutor(Processes.Started job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline && job.process().isAlive()) {
      for (ProcessHandle e : cluster.executors()) {
        if (e.info().totalCpuDuration().orElse(Duration.ZERO).compareTo(BUSY_EXECUTOR_CPU) >= 0) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("entities ended (or never got busy) before an executor could be killed:\n" + job.await().stderr());
  }

  /** Waits until the job's commit (staged under {@code staging/<job>-<id>/}) has started writing {@code table}. */
  private static void awaitStaging(Processes.Started job, Path staging, String commitPrefix, String table) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline && job.process().isAlive()) {
      if (Files.isDirectory(staging)) {
        try (var commits = Files.list(staging)) {
          if (commits.anyMatch(c -> c.getFileName().toString().startsWith(commitPrefix) && Files.isDirectory(c.resolve(table)))) {
            return;
          }
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException gone) {
          // a commit folder vanished while listed: look again
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("entities never started writing " + table + " under " + staging + ":\n" + job.await().stderr());
  }

  private static long executorsOfLatestApp() throws Exception {
    try (var apps = Files.list(cluster.workDir())) {
      Path app = apps.max(Path::compareTo).orElseThrow();
      try (var executors = Files.list(app)) {
        return executors.filter(Files::isDirectory).count();
      }
    }
  }

  private static void assertSameTables(Path warehouse) {
    assertThat(rows(warehouse, "entity_mentions")).hasSizeGreaterThan(5000).isEqualTo(rows(clean, "entity_mentions"));
    assertThat(rows(warehouse, "entities")).isEqualTo(rows(clean, "entities"));
  }

  /** A table's rows in a total order (every column of a mention or an entity identifies it). */
  private static List<Row> rows(Path warehouse, String table) {
    var df = SparkTestSession.get().read().parquet(warehouse.resolve("newslens.db").resolve(table).toString());
    String[] keys = table.equals("entities") ? new String[] {"entity_id"} : new String[] {"doc_id", "begin_char", "end_char"};
    return df.orderBy(keys[0], java.util.Arrays.copyOfRange(keys, 1, keys.length)).collectAsList();
  }
}
