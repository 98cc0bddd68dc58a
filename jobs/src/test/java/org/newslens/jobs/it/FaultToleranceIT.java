package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * A real Spark standalone cluster on 127.0.0.1 (Master + 1 Worker from the Spark jars, jobs
 * submitted in client mode): {@code ingest} on it writes the same tables as a local run; then
 * faults while {@code entities} runs on it over the sample corpus: an
 * executor JVM killed mid-stage (Spark re-runs its tasks on a replacement executor; the tables
 * equal a clean local run's), and the driver killed while it writes {@code entity_mentions} (the
 * previous version stays whole and {@code check} passes; the next run equals a clean local run).
 */
class FaultToleranceIT {

  /** Executor CPU time after which it is surely inside the recognise stage (start-up and model load take less). */
  static final Duration BUSY_EXECUTOR_CPU = Duration.ofSeconds(15);

  @TempDir static Path tmp;
  private static LoopbackCluster cluster;
  /** The sample corpus ingested locally, in this JVM. */
  private static Path local;
  /** The same, then its entities recognised locally: what every run on the cluster must equal. */
  private static Path clean;
  /** The sample corpus ingested on the cluster. */
  private static Path clusterIngested;

  @BeforeAll
  static void cleanRun() throws Exception {
    cluster = LoopbackCluster.start(Files.createDirectories(tmp.resolve("cluster")));
    local = tmp.resolve("local");
    assertThat(Main.run("ingest", "--input", Processes.ROOT.resolve("data-samples/corpus").toString(), "--warehouse", local.toString()))
        .isZero();
    clean = SampleWarehouse.copy(local, tmp.resolve("clean"));
    assertThat(Main.run("entities", "--warehouse", clean.toString())).isZero();
    clusterIngested = tmp.resolve("cluster-ingested");
    List<String> ingest = new ArrayList<>(List.of("ingest"));
    ingest.addAll(cluster.submitOptions());
    ingest.addAll(List.of("--input", "data-samples/corpus", "--warehouse", clusterIngested.toString()));
    var ingested = Processes.newslens(Processes.ROOT, ingest.toArray(String[]::new));
    assertThat(ingested.exitCode()).as(ingested.stderr() + cluster.logs()).isZero();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  /** A copy of the locally ingested warehouse. */
  private static Path ingested(String name) throws Exception {
    return SampleWarehouse.copy(local, tmp.resolve(name));
  }

  @Test
  void ingestOnTheClusterWritesTheSameTablesAsALocalRun() throws Exception {
    var clusterDocs = SparkSubmitIT.documents(clusterIngested);
    assertThat(clusterDocs).hasSizeGreaterThan(400).isEqualTo(SparkSubmitIT.documents(local));
    try (var apps = Files.list(cluster.workDir())) {
      assertThat(apps.count()).as("the worker ran executors for the apps").isPositive();
    }
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
    int ui = LoopbackCluster.freePort();
    var job = Processes.newslensStarted(Processes.ROOT,
        entitiesOnCluster(wh, "--conf", "spark.ui.port=" + ui, "--conf", "spark.ui.enabled=true").toArray(String[]::new));
    ProcessHandle executor = awaitBusyExecutor(job, new DriverStatus(ui));
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

  /**
   * Waits until the only executor is past its start (CPU time) and, by the driver's own status,
   * runs tasks of a stage that is not finished: killing it then loses work the driver must re-run
   * elsewhere, so a replacement executor is the only way the job can end well.
   */
  private static ProcessHandle awaitBusyExecutor(Processes.Started job, DriverStatus driver) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline && job.process().isAlive()) {
      for (ProcessHandle e : cluster.executors()) {
        if (e.info().totalCpuDuration().orElse(Duration.ZERO).compareTo(BUSY_EXECUTOR_CPU) >= 0 && driver.runsUnfinishedStage()) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("entities ended (or never got busy) before an executor could be killed:\n" + job.await().stderr());
  }

  /** The driver's monitoring API (its UI port): which stages run now and how many of their tasks are left. */
  private record DriverStatus(int port) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** True when an active stage has tasks running now and at least two not yet complete. */
    boolean runsUnfinishedStage() {
      try {
        for (var app : get("")) {
          for (var stage : get("/" + app.get("id").asText() + "/stages?status=active")) {
            int left = stage.get("numTasks").asInt() - stage.get("numCompleteTasks").asInt();
            if (stage.get("numActiveTasks").asInt() > 0 && left >= 2) {
              System.err.println("killing the executor in stage " + stage.get("stageId") + " (" + stage.get("name").asText() + "): "
                  + left + " of " + stage.get("numTasks") + " tasks left");
              return true;
            }
          }
        }
      } catch (IOException notUpYet) {
        // the driver's UI is not serving yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
      var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/applications" + path))
          .timeout(Duration.ofSeconds(2)).build();
      return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
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
