package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.cli.Main;

/**
 * A real Spark standalone cluster on 127.0.0.1 (Master + 1 Worker from the Spark jars), the
 * ingest job submitted to it in client mode, and the same tables as a local run.
 */
class StandaloneClusterIT {

  @TempDir static Path tmp;
  private static Process master;
  private static Process worker;
  private static String masterUrl;

  @BeforeAll
  static void startCluster() throws Exception {
    int port = freePort();
    int ui = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    master = Processes.startDaemon("org.apache.spark.deploy.master.Master", tmp.resolve("master.log"),
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(ui));
    worker = Processes.startDaemon("org.apache.spark.deploy.worker.Worker", tmp.resolve("worker.log"),
        masterUrl, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
        "--webui-port", String.valueOf(freePort()), "--work-dir", Files.createDirectories(tmp.resolve("work")).toString());
    awaitAliveWorker(ui);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Processes.stop(worker);
    Processes.stop(master);
  }

  @Test
  void ingestOnTheClusterWritesTheSameTablesAsALocalRun() throws Exception {
    Path clusterWarehouse = tmp.resolve("cluster-warehouse");
    var out = Processes.newslens(Processes.ROOT, "ingest", "--master", masterUrl, "--deploy-mode", "client",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
        "--input", "data-samples/corpus", "--warehouse", clusterWarehouse.toString());
    assertThat(out.exitCode()).as(out.stderr() + "\n--- worker log:\n" + Files.readString(tmp.resolve("worker.log"))).isZero();

    Path localWarehouse = tmp.resolve("local-warehouse");
    assertThat(Main.run("ingest", "--input", Processes.ROOT.resolve("data-samples/corpus").toString(),
        "--warehouse", localWarehouse.toString())).isZero();
    var clusterDocs = SparkSubmitIT.documents(clusterWarehouse);
    assertThat(clusterDocs).hasSizeGreaterThan(400).isEqualTo(SparkSubmitIT.documents(localWarehouse));
    assertThat(Files.list(tmp.resolve("work")).count()).as("the worker ran an executor for the app").isPositive();
  }

  private static void awaitAliveWorker(int ui) throws Exception {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (body.replace(" ", "").contains("\"aliveworkers\":1")) {
          return;
        }
      } catch (IOException e) {
        // master not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no worker registered with " + masterUrl + "; master log:\n"
        + Files.readString(tmp.resolve("master.log")) + "\nworker log:\n" + Files.readString(tmp.resolve("worker.log")));
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
