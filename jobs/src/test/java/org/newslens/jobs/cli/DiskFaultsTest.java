package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.QuarantineTable;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.Stories;
import org.newslens.jobs.spark.AtomicTableWriter;
import org.newslens.jobs.spark.StorageFailure;
import org.newslens.jobs.spark.Warehouse;

/**
 * A warehouse on a 20 MB tmpfs that fills up or turns read-only between two runs: the job fails
 * with one line and {@link Main#STORAGE_FAILED}, the previous tables are whole and nothing staged
 * is left. Needs root (mount); skipped otherwise.
 */
class DiskFaultsTest {

  private static SparkSession spark;
  @TempDir static Path inputs;
  private static Path previous;
  @TempDir Path mountPoint;
  private boolean mounted;

  /** The warehouse before the failing run: 40 documents, made once and copied onto each tmpfs. */
  @BeforeAll
  static void previousWarehouse() throws IOException {
    spark = SparkTestSession.get();
    Stories.write(inputs.resolve("small/a.jsonl"), "small", 40);
    Stories.write(inputs.resolve("large/b.jsonl"), "large", 800);
    previous = inputs.resolve("previous");
    assertThat(Main.run("ingest", "--input", inputs.resolve("small").toString(), "--warehouse", previous.toString())).isZero();
  }

  @BeforeEach
  void mount() throws Exception {
    Assumptions.assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
        "mounting a small tmpfs needs root");
    Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mountPoint.toString()) == 0,
        "mount -t tmpfs is not permitted here");
    mounted = true;
    SampleWarehouse.copy(previous, warehouse());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted && sh("umount", mountPoint.toString()) != 0) {
      sh("umount", "-l", mountPoint.toString());
    }
  }

  private Path warehouse() {
    return mountPoint.resolve("wh");
  }

  @Test
  void aFullDiskFailsTheJobWithOneLineAndLeavesThePreviousTablesWhole() throws Exception {
    List<String> before = docIds();
    fillLeaving(128 * 1024);

    var failed = runCapturingStderr("ingest", "--input", inputs.resolve("large").toString(), "--warehouse", warehouse().toString());

    assertThat(failed.code()).as(failed.stderr()).isEqualTo(Main.STORAGE_FAILED);
    assertThat(failed.stderr().lines().toList()).containsExactly("newslens ingest: no space left on device while writing table documents under "
        + warehouse().resolve("newslens.db") + ": the previous table is unchanged");
    assertUntouched(before);
  }

  @Test
  void aReadOnlyDiskFailsTheJobWithOneLineAndLeavesThePreviousTablesWhole() throws Exception {
    List<String> before = docIds();
    assertThat(sh("mount", "-o", "remount,ro", mountPoint.toString())).isZero();

    var failed = runCapturingStderr("ingest", "--input", inputs.resolve("large").toString(), "--warehouse", warehouse().toString());

    assertThat(failed.code()).as(failed.stderr()).isEqualTo(Main.STORAGE_FAILED);
    assertThat(failed.stderr().lines().toList()).containsExactly("newslens ingest: read-only file system: cannot write the warehouse "
        + warehouse() + "; no table was changed");
    assertUntouched(before);
  }

  @Test
  void aDiskTurnedReadOnlyMidRunFailsTheTableWriteAndKeepsThePreviousVersion() throws Exception {
    var writer = new AtomicTableWriter(Warehouse.at(warehouse().toString(), spark.sparkContext().hadoopConfiguration()).prepareForWrite());
    writer.replace(QuarantineTable.SPEC, quarantine("a", "b"));
    assertThat(sh("mount", "-o", "remount,ro", mountPoint.toString())).isZero();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.replace(QuarantineTable.SPEC, quarantine("c")))
        .isInstanceOf(StorageFailure.class)
        .hasMessage("read-only file system while writing table quarantine under " + warehouse().resolve("newslens.db")
            + ": the previous table is unchanged");
    assertThat(spark.read().parquet(warehouse().resolve("newslens.db/quarantine").toString()).count()).isEqualTo(2);
  }

  private List<String> docIds() {
    return spark.read().parquet(warehouse().resolve("newslens.db/documents").toString())
        .select("doc_id").orderBy("doc_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /** The small input's documents, readable; no staged or journalled leftovers; the lock released. */
  private void assertUntouched(List<String> before) throws IOException {
    assertThat(before).hasSize(40).allMatch(id -> id.startsWith("small-"));
    assertThat(docIds()).isEqualTo(before);
    assertThat(spark.read().parquet(warehouse().resolve("newslens.db/quarantine").toString()).count()).isZero();
    Path db = warehouse().resolve("newslens.db");
    try (var leftovers = Files.list(db)) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".swap") || n.endsWith(".tmp") || n.equals(".lock"));
    }
    for (String dir : List.of(".staging", ".trash")) {
      if (Files.isDirectory(db.resolve(dir))) {
        try (var entries = Files.list(db.resolve(dir))) {
          assertThat(entries).as(dir).isEmpty();
        }
      }
    }
  }

  /** Fills the file system with a filler file until {@code bytes} are left. */
  private void fillLeaving(long bytes) throws IOException {
    long usable = Files.getFileStore(mountPoint).getUsableSpace();
    try (var filler = new RandomAccessFile(mountPoint.resolve("filler").toFile(), "rw")) {
      byte[] block = new byte[64 * 1024];
      for (long written = 0; written < usable - bytes; written += block.length) {
        filler.write(block);
      }
    }
    assertThat(Files.getFileStore(mountPoint).getUsableSpace()).isLessThan(bytes + 128 * 1024);
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> quarantine(String... files) {
    return spark.createDataFrame(java.util.Arrays.stream(files)
        .map(f -> org.apache.spark.sql.RowFactory.create(f, "line 1", "EMPTY_TEXT", null, null, "run")).toList(), QuarantineTable.SCHEMA);
  }

  record Outcome(int code, String stderr) {}

  static Outcome runCapturingStderr(String... args) {
    PrintStream old = System.err;
    var err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  private static int sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
