package org.newslens.jobs.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Spark standalone cluster on 127.0.0.1: a Master and one Worker from the Spark home's jars. */
final class LoopbackCluster implements AutoCloseable {

  private final Path dir;
  private final Process master;
  private final Process worker;
  private final String masterUrl;

  private LoopbackCluster(Path dir, Process master, Process worker, String masterUrl) {
    this.dir = dir;
    this.master = master;
    this.worker = worker;
    this.masterUrl = masterUrl;
  }

  /** Starts the cluster (logs and the worker's work folder under {@code dir}) and waits for the worker. */
  static LoopbackCluster start(Path dir) throws Exception {
    int port = freePort();
    int ui = freePort();
    String url = "spark://127.0.0.1:" + port;
    Process master = Processes.startDaemon("org.apache.spark.deploy.master.Master", dir.resolve("master.log"),
        "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(ui));
    Process worker = Processes.startDaemon("org.apache.spark.deploy.worker.Worker", dir.resolve("worker.log"),
        url, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
        "--webui-port", String.valueOf(freePort()), "--work-dir", Files.createDirectories(dir.resolve("work")).toString());
    var cluster = new LoopbackCluster(dir, master, worker, url);
    cluster.awaitAliveWorker(ui);
    return cluster;
  }

  String masterUrl() {
    return masterUrl;
  }

  /** The worker's folder for executors: one sub-folder per application, one below it per executor. */
  Path workDir() {
    return dir.resolve("work");
  }

  /** spark-submit options that run an application on this cluster in client mode. */
  List<String> submitOptions() {
    return List.of("--master", masterUrl, "--deploy-mode", "client", "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2");
  }

  /** The executor JVMs the worker runs now. */
  List<ProcessHandle> executors() {
    return worker.descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .toList();
  }

  String logs() throws IOException {
    return "--- master log:\n" + Files.readString(dir.resolve("master.log")) + "\n--- worker log:\n" + Files.readString(dir.resolve("worker.log"));
  }

  @Override
  public void close() throws Exception {
    Processes.stop(worker);
    Processes.stop(master);
  }

  private void awaitAliveWorker(int ui) throws Exception {
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
    throw new IllegalStateException("no worker registered with " + masterUrl + ";\n" + logs());
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
