package org.newslens.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.QuarantineTable;
import org.newslens.jobs.SparkTestSession;

class AtomicTableWriterTest {

  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private Warehouse warehouse() {
    return Warehouse.at(dir.toString(), spark.sparkContext().hadoopConfiguration()).prepareForWrite();
  }

  private static org.apache.spark.sql.Dataset<Row> rows(String... files) {
    return spark.createDataFrame(
        java.util.Arrays.stream(files).map(f -> RowFactory.create(f, "line 1", "EMPTY_TEXT", null, null, "run")).toList(),
        QuarantineTable.SCHEMA);
  }

  private long count() {
    return spark.read().parquet(dir.resolve("newslens.db/quarantine").toString()).count();
  }

  @Test
  void aFailedWriteLeavesThePreviousVersionReadable() {
    var writer = new AtomicTableWriter(warehouse());
    writer.replace(QuarantineTable.SPEC, rows("a", "b"));
    var failing = rows("c").withColumn(QuarantineTable.REASON_DETAIL,
        org.apache.spark.sql.functions.assert_true(org.apache.spark.sql.functions.lit(false)).cast("string"));
    assertThatThrownBy(() -> writer.replace(QuarantineTable.SPEC, failing)).isInstanceOf(Exception.class);
    assertThat(count()).isEqualTo(2);
    assertThat(dir.resolve("newslens.db/.staging").toFile().list()).as("its staged files are removed").isEmpty();
  }

  @Test
  void cleanUpFinishesJournalledSwapsThenRemovesWhatKilledRunsLeft() throws Exception {
    var wh = warehouse();
    var writer = new AtomicTableWriter(wh);
    writer.replace(QuarantineTable.SPEC, rows("old"));
    Path db = dir.resolve("newslens.db");
    // A run killed between its renames: the journal still needs its staged version.
    Path staged = db.resolve(".staging/quarantine-journalled");
    rows("new1", "new2").write().parquet(staged.toString());
    Path trash = db.resolve(".trash/quarantine-journalled");
    Files.move(db.resolve("quarantine"), trash);
    Files.writeString(db.resolve(".quarantine.swap"), staged.toUri() + "\n" + trash.toUri() + "\n");
    // Runs killed while staging, while deleting an old version, and while writing a journal.
    Files.createDirectories(db.resolve(".staging/documents-killed/period=2026-01"));
    Files.writeString(db.resolve(".staging/documents-killed/period=2026-01/part-0.parquet"), "half");
    Files.createDirectories(db.resolve(".trash/entities-killed"));
    Files.writeString(db.resolve(".entities.swap.tmp"), "file:/x");
    // A journal of a table this clean-up is not told about keeps what it names.
    Path foreign = Files.createDirectories(db.resolve(".staging/other-kept"));
    Files.writeString(db.resolve(".other.swap"), foreign.toUri() + "\n" + db.resolve(".trash/other-kept").toUri() + "\n");

    var removed = Leftovers.cleanUp(wh, org.newslens.common.schema.Tables.ALL);

    assertThat(count()).as("the journalled swap was finished").isEqualTo(2);
    assertThat(removed).extracting(p -> p.getName()).containsExactlyInAnyOrder("documents-killed", "entities-killed", ".entities.swap.tmp");
    assertThat(db.resolve(".staging").toFile().list()).containsExactly("other-kept");
    assertThat(db.resolve(".trash").toFile().list()).isEmpty();
    assertThat(db.resolve(".quarantine.swap")).doesNotExist();
  }

  @Test
  void anInterruptedSwapIsCompletedFromTheJournal() throws Exception {
    var wh = warehouse();
    var writer = new AtomicTableWriter(wh);
    writer.replace(QuarantineTable.SPEC, rows("old"));
    // Simulate a run killed between the two renames: new version staged, old moved aside.
    Path db = dir.resolve("newslens.db");
    Path staged = db.resolve(".staging/quarantine-x");
    rows("new1", "new2").write().parquet(staged.toString());
    Path trash = Files.createDirectories(db.resolve(".trash")).resolve("quarantine-x");
    Files.move(db.resolve("quarantine"), trash);
    Files.writeString(db.resolve(".quarantine.swap"), staged.toUri() + "\n" + trash.toUri() + "\n");

    writer.recover(QuarantineTable.SPEC);

    assertThat(count()).isEqualTo(2);
    assertThat(Files.exists(trash)).isFalse();
    assertThat(Files.exists(db.resolve(".quarantine.swap"))).isFalse();
  }

  @Test
  void anInterruptedSwapWithAnIncompleteStagingRollsBack() throws Exception {
    var writer = new AtomicTableWriter(warehouse());
    writer.replace(QuarantineTable.SPEC, rows("old"));
    Path db = dir.resolve("newslens.db");
    Path staged = Files.createDirectories(db.resolve(".staging/quarantine-y"));
    Path trash = Files.createDirectories(db.resolve(".trash")).resolve("quarantine-y");
    Files.move(db.resolve("quarantine"), trash);
    Files.writeString(db.resolve(".quarantine.swap"), staged.toUri() + "\n" + trash.toUri() + "\n");

    writer.recover(QuarantineTable.SPEC);

    assertThat(count()).isEqualTo(1);
  }

  @Test
  void aNonNewslensDirectoryIsNeverUsedAsWarehouse() throws Exception {
    Files.writeString(dir.resolve("precious.txt"), "x");
    assertThatThrownBy(this::warehouse).hasMessageContaining("not a newslens warehouse");
    assertThat(List.of(dir.toFile().list())).containsExactly("precious.txt");
  }

  private static org.apache.spark.sql.Dataset<Row> docs(String... idPeriods) {
    return spark.createDataFrame(java.util.Arrays.stream(idPeriods).map(ip -> {
      String[] p = ip.split("@");
      return RowFactory.create(p[0], null, null, null, null, "en", "t", 1, "h", p[0], true, 1, "f", "l", "run", p[1]);
    }).toList(), org.newslens.common.schema.DocumentsTable.SCHEMA);
  }

  private List<String> docIds() {
    return spark.read().parquet(dir.resolve("newslens.db/documents").toString())
        .selectExpr("concat(doc_id, '@', period)").orderBy("doc_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  @Test
  void replacingPartitionsLeavesTheOthersAndRemovesEmptiedOnes() {
    var writer = new AtomicTableWriter(warehouse());
    var spec = org.newslens.common.schema.DocumentsTable.SPEC;
    writer.replace(spec, docs("a@2026-09", "b@2026-10", "c@2026-11"));
    var before = dir.resolve("newslens.db/documents/period=2026-09").toFile().listFiles();

    writer.replacePartitions(spec, docs("b2@2026-10", "d@2026-12"), java.util.Set.of("2026-10", "2026-11", "2026-12"));

    assertThat(docIds()).containsExactly("a@2026-09", "b2@2026-10", "d@2026-12");
    assertThat(dir.resolve("newslens.db/documents/period=2026-09").toFile().listFiles()).containsExactlyInAnyOrder(before);
    assertThat(dir.resolve("newslens.db/.documents.swap")).doesNotExist();
  }

  @Test
  void anInterruptedPartitionSwapIsRolledForward() throws Exception {
    var writer = new AtomicTableWriter(warehouse());
    var spec = org.newslens.common.schema.DocumentsTable.SPEC;
    writer.replace(spec, docs("a@2026-09", "b@2026-10", "c@2026-11"));
    // Killed after moving 2026-10 aside and its new version in, before 2026-11 was removed.
    Path db = dir.resolve("newslens.db");
    Path staged = db.resolve(".staging/documents-z");
    docs("b2@2026-10").write().partitionBy("period").parquet(staged.toString());
    Path trash = Files.createDirectories(db.resolve(".trash/documents-z"));
    Files.move(db.resolve("documents/period=2026-10"), trash.resolve("period=2026-10"));
    Files.move(staged.resolve("period=2026-10"), db.resolve("documents/period=2026-10"));
    Files.writeString(db.resolve(".documents.swap"), staged.toUri() + "\n" + trash.toUri()
        + "\npartitions\nreplace period=2026-10\nremove period=2026-11\n");

    writer.recover(spec);

    assertThat(docIds()).containsExactly("a@2026-09", "b2@2026-10");
    assertThat(trash).doesNotExist();
  }
}
