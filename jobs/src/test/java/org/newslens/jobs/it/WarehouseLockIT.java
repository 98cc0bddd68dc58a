package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.Stories;
import org.newslens.jobs.cli.Main;
import org.newslens.jobs.spark.WarehouseLock;

/**
 * Issue 17's report, in separate JVMs: two {@code bin/newslens ingest} of 300 stories each started
 * together on one warehouse. With the lock exactly one writes and the other exits 3 naming it; a
 * third started while the first runs, with {@code --lock-timeout}, waits and then writes. Ingest
 * replaces {@code documents} with its input's, so the warehouse ends as the last writer left it,
 * with both successful runs in {@code runs}, and {@code check} passes.
 */
class WarehouseLockIT {

  @TempDir static Path tmp;

  @Test
  void twoIngestsStartedTogetherWriteOneAtATime() throws Exception {
    Path wh = tmp.resolve("wh");
    Path a = Stories.write(tmp.resolve("a/stories.jsonl"), "a", 300).getParent();
    Path b = Stories.write(tmp.resolve("b/stories.jsonl"), "b", 300).getParent();
    Path c = Stories.write(tmp.resolve("c/stories.jsonl"), "c", 300).getParent();
    long started = System.nanoTime();
    var first = ingest(wh, a);
    var second = ingest(wh, b);
    awaitLockFile(wh.resolve("newslens.db").resolve(WarehouseLock.FILE), first);
    var waiting = ingest(wh, c, "--lock-timeout", "1200");

    var outFirst = first.await();
    var outSecond = second.await();
    var outWaiting = waiting.await();
    System.out.printf("WarehouseLockIT: three ingest JVMs in %.1f s%n", (System.nanoTime() - started) / 1e9);

    assertThat(List.of(outFirst.exitCode(), outSecond.exitCode())).as(outFirst.stderr() + outSecond.stderr())
        .containsExactlyInAnyOrder(0, Main.WAREHOUSE_LOCKED);
    boolean firstWon = outFirst.exitCode() == 0;
    Processes.Started winner = firstWon ? first : second;
    Processes.Output lost = firstWon ? outSecond : outFirst;
    assertThat(lost.stderr()).doesNotContain("\tat ");
    assertThat(lost.stderr().strip().lines().reduce((x, y) -> y).orElse(""))
        .startsWith("newslens ingest: the warehouse " + wh + " is locked by another job: newslens ingest --input " + (firstWon ? a : b))
        .contains("(pid " + winner.process().pid() + " on host " + WarehouseLock.Holder.ofThisProcess("x").host() + ", started 20");

    assertThat(outWaiting.exitCode()).as(outWaiting.stderr()).isZero();
    assertThat(outWaiting.stderr()).contains("is locked by newslens ingest --input " + (firstWon ? a : b)).contains("waiting up to 1200 s");
    assertWrittenByTheLastRun(wh);
  }

  private static Processes.Started ingest(Path wh, Path input, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("ingest", "--input", input.toString(), "--warehouse", wh.toString(),
        "--master", "local[2]", "--driver-memory", "1g"));
    args.addAll(List.of(more));
    return Processes.newslensStarted(Processes.ROOT, args.toArray(String[]::new));
  }

  private static void awaitLockFile(Path lock, Processes.Started job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!Files.exists(lock)) {
      if (System.nanoTime() > deadline || !job.process().isAlive()) {
        throw new AssertionError("no lock was taken:\n" + job.await().stderr());
      }
      Thread.sleep(20);
    }
  }

  /** Ingest replaces documents: the waiting run's 300 stories, and both successful runs in runs. */
  private static void assertWrittenByTheLastRun(Path wh) {
    SparkSession spark = SparkTestSession.get();
    Path db = wh.resolve("newslens.db");
    List<String> ids = spark.read().parquet(db.resolve("documents").toString()).select("doc_id").as(Encoders.STRING()).collectAsList();
    assertThat(ids).hasSize(300).allMatch(id -> id.startsWith("c-"));
    var runs = spark.read().parquet(db.resolve("runs").toString()).where("job = 'ingest'").orderBy("started_at")
        .selectExpr("rows_out['documents']", "inputs[0]").collectAsList();
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).getLong(0)).isEqualTo(300);
    assertThat(runs.get(1).getString(1)).endsWith("c");
    assertThat(Main.run("check", "--warehouse", wh.toString())).isZero();
    assertThat(db.resolve(WarehouseLock.FILE)).as("released").doesNotExist();
    assertThat(db.resolve(".staging").toFile().list()).isEmpty();
  }
}
