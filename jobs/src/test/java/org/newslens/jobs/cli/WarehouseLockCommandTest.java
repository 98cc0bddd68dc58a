package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.Stories;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseLock;

/** Commands and the warehouse lock: writers take it and clear up after killed runs, readers do not. */
class WarehouseLockCommandTest {

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static Path input;

  @BeforeAll
  static void stories() throws Exception {
    spark = SparkTestSession.get();
    input = Stories.write(tmp.resolve("in/stories.jsonl"), "s", 40);
  }

  private static int ingest(Path warehouse, String... more) {
    String[] args = {"ingest", "--input", input.toString(), "--warehouse", warehouse.toString()};
    return Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new));
  }

  private static long documents(Path warehouse) {
    return spark.read().parquet(warehouse.resolve("newslens.db/documents").toString()).count();
  }

  @Test
  void aWriterExitsThreeNamingTheHolderWhileReadersGoOn() throws Exception {
    Path wh = tmp.resolve("locked");
    assertThat(ingest(wh)).isZero();
    var warehouse = Warehouse.at(wh.toString(), spark.sparkContext().hadoopConfiguration());
    try (var held = WarehouseLock.acquire(warehouse, "newslens run --input elsewhere", Duration.ZERO)) {
      var now = DiskFaultsTest.runCapturingStderr("cooccur", "--warehouse", wh.toString());
      assertThat(now.code()).as(now.stderr()).isEqualTo(Main.WAREHOUSE_LOCKED);
      assertThat(now.stderr().lines().toList()).singleElement().asString()
          .startsWith("newslens cooccur: the warehouse " + wh + " is locked by another job: newslens run --input elsewhere (pid "
              + ProcessHandle.current().pid() + " on host ")
          .contains("--lock-timeout").endsWith(wh.resolve("newslens.db/.lock").toString());

      long start = System.nanoTime();
      var waited = DiskFaultsTest.runCapturingStderr("ingest", "--input", input.toString(), "--warehouse", wh.toString(), "--lock-timeout", "2");
      assertThat(waited.code()).isEqualTo(Main.WAREHOUSE_LOCKED);
      assertThat(waited.stderr()).contains("(waited 2 s)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

      assertThat(Main.run("tables", "--warehouse", wh.toString())).as("a reader takes no lock").isZero();
      assertThat(Main.run("check", "--warehouse", wh.toString())).isZero();
    }
    assertThat(documents(wh)).isEqualTo(40);
  }

  @Test
  void theNextWriterTakesOverAKilledRunsLockAndRemovesItsStagedFiles() throws Exception {
    Path wh = tmp.resolve("killed");
    assertThat(ingest(wh)).isZero();
    Path db = wh.resolve("newslens.db");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(db.resolve(".lock"), new WarehouseLock.Holder(WarehouseLock.Holder.ofThisProcess("x").host(), gone.pid(),
        Instant.now().minusSeconds(30), "newslens ingest (killed)").toFileText());
    Files.createDirectories(db.resolve(".staging/documents-killed/period=2026-01"));
    Files.writeString(db.resolve(".staging/documents-killed/period=2026-01/part-0.parquet"), "half written");
    Files.createDirectories(db.resolve(".trash/quarantine-killed"));

    assertThat(ingest(wh, "--lock-timeout", "0")).isZero();

    assertThat(db.resolve(".staging").toFile().list()).isEmpty();
    assertThat(db.resolve(".trash").toFile().list()).isEmpty();
    assertThat(db.resolve(".lock")).as("released at the end").doesNotExist();
    assertThat(documents(wh)).isEqualTo(40);
    assertThat(Main.run("check", "--warehouse", wh.toString())).isZero();
  }
}
