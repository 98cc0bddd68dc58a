package org.newslens.jobs.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built launcher and Spark's own entry points as separate JVMs, as a user would. */
final class Processes {

  /** Repository root (set by failsafe). */
  static final Path ROOT = Path.of(System.getProperty("newslens.root", "..")).toAbsolutePath().normalize();
  static final Path SPARK_HOME = ROOT.resolve("jobs/target/spark-home");
  static final Path LAUNCHER = ROOT.resolve("bin/newslens");

  /** What a finished process printed. */
  record Output(int exitCode, String stdout, String stderr) {}

  private Processes() {}

  /** Environment for every JVM that runs Spark here. */
  static Map<String, String> sparkEnv() {
    return Map.of("SPARK_LOCAL_IP", "127.0.0.1", "SPARK_HOME", SPARK_HOME.toString(), "SPARK_SCALA_VERSION", "2.13");
  }

  /** A launched process and the files its output goes to. */
  record Started(Process process, Path out, Path err) {
    /** Waits for the end (at most twenty minutes: a loaded 2-core machine) and returns what it printed. */
    Output await() throws IOException, InterruptedException {
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        kill();
        throw new IllegalStateException("timed out: " + process.info().commandLine().orElse(""));
      }
      return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Kills the process and its descendants at once (SIGKILL), as a crash would, and waits for it. */
    void kill() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Runs {@code bin/newslens args...} to completion. */
  static Output newslens(Path workDir, String... args) throws IOException, InterruptedException {
    return newslensStarted(workDir, args).await();
  }

  /** Starts {@code bin/newslens args...} and returns at once. */
  static Started newslensStarted(Path workDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(LAUNCHER.toString());
    cmd.addAll(List.of(args));
    return start(workDir, cmd);
  }

  static Output run(Path workDir, List<String> cmd) throws IOException, InterruptedException {
    return start(workDir, cmd).await();
  }

  private static Started start(Path workDir, List<String> cmd) throws IOException {
    Path out = Files.createTempFile("newslens-it", ".out");
    Path err = Files.createTempFile("newslens-it", ".err");
    var pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(sparkEnv());
    return new Started(pb.start(), out, err);
  }

  /** Starts a long-running Spark daemon class from the Spark home's jars, output to a log file. */
  static Process startDaemon(String mainClass, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", SPARK_HOME.resolve("conf") + ":" + SPARK_HOME.resolve("jars") + "/*"));
    cmd.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(sparkEnv());
    return pb.start();
  }

  static void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Records in the bundled sample corpus: one per JSONL line plus one per text file. */
  static long sampleRecords() throws IOException {
    long n = 0;
    try (var files = Files.list(ROOT.resolve("data-samples/corpus"))) {
      for (Path f : files.toList()) {
        n += f.toString().endsWith(".jsonl") ? Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count() : 1;
      }
    }
    return n;
  }
}
