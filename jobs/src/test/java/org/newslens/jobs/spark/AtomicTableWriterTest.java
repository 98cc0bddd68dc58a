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
import org.newslens.common.schema.DocumentsTable;
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

  private Path db() {
    return dir.resolve("newslens.db");
  }

  private long documents() {
    return spark.read().parquet(db().resolve("documents").toString()).count();
  }

  @Test
  void aJobWhoseSecondTableFailsLeavesBothPreviousTablesAndNoStagedFiles() {
    var writer = new AtomicTableWriter(warehouse());
    try (var commit = writer.begin("ingest")) {
      commit.replace(QuarantineTable.SPEC, rows("a", "b")).replace(DocumentsTable.SPEC, docs("x@2026-01")).commit();
    }
    var failing = docs("y@2026-01").withColumn(DocumentsTable.TEXT,
        org.apache.spark.sql.functions.assert_true(org.apache.spark.sql.functions.lit(false)).cast("string"));

    assertThatThrownBy(() -> {
      try (var commit = writer.begin("ingest")) {
        commit.replace(QuarantineTable.SPEC, rows("c")).replace(DocumentsTable.SPEC, failing).commit();
      }
    }).isInstanceOf(Exception.class);

    assertThat(count()).as("quarantine, staged before the failure, is not committed").isEqualTo(2);
    assertThat(docIds()).containsExactly("x@2026-01");
    assertThat(db().resolve(".staging").toFile().list()).isEmpty();
    assertThat(db().resolve(".ingest.swap")).doesNotExist();
  }

  @Test
  void whatACommitWillReadIsItsStagedRowsWithTheKeptPartitionsAndAppendedRows() {
    var writer = new AtomicTableWriter(warehouse());
    writer.replace(DocumentsTable.SPEC, docs("a@2026-09", "b@2026-10"));
    writer.replace(QuarantineTable.SPEC, rows("old"));
    try (var commit = writer.begin("test")) {
      commit.replacePartitions(DocumentsTable.SPEC, docs("b2@2026-10", "c@2026-11"), java.util.Set.of("2026-10", "2026-11"))
          .append(QuarantineTable.SPEC, rows("new"));

      assertThat(commit.read(spark, DocumentsTable.SPEC).selectExpr("concat(doc_id, '@', period)").orderBy("doc_id")
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("a@2026-09", "b2@2026-10", "c@2026-11");
      assertThat(commit.read(spark, QuarantineTable.SPEC).count()).isEqualTo(2);
      assertThat(docIds()).as("nothing visible before the commit").containsExactly("a@2026-09", "b@2026-10");
      commit.commit();
    }
    assertThat(docIds()).containsExactly("a@2026-09", "b2@2026-10", "c@2026-11");
    assertThat(count()).isEqualTo(2);
  }

  /**
   * A commit killed after its journal, halfway through its renames: documents moved aside but not
   * yet replaced, quarantine not touched, the appended rows not moved.
   */
  private CommitJournal killedCommit() throws Exception {
    Path staging = db().resolve(".staging/job-killed");
    Path trash = db().resolve(".trash/job-killed");
    docs("n1@2026-01", "n2@2026-02").write().partitionBy("period").parquet(staging.resolve("documents").toString());
    rows("q1", "q2", "q3").write().parquet(staging.resolve("quarantine").toString());
    rows("appended").coalesce(1).write().parquet(staging.resolve("skipped").toString());
    var journal = new CommitJournal(new org.apache.hadoop.fs.Path(staging.toUri()), new org.apache.hadoop.fs.Path(trash.toUri()), List.of(
        new String[] {CommitJournal.REPLACE, "documents"}, new String[] {CommitJournal.REPLACE, "quarantine"},
        new String[] {CommitJournal.APPEND, "skipped"}));
    var wh = warehouse();
    journal.write(wh.fs(), AtomicTableWriter.journal(wh, "job"));
    Files.createDirectories(trash);
    Files.move(db().resolve("documents"), trash.resolve("documents"));
    return journal;
  }

  @Test
  void aCommitKilledAfterItsJournalIsFinishedWholeByTheNextWriter() throws Exception {
    var writer = new AtomicTableWriter(warehouse());
    writer.replace(DocumentsTable.SPEC, docs("o@2026-01"));
    writer.replace(QuarantineTable.SPEC, rows("old"));
    killedCommit();

    assertThat(writer.recover()).isEqualTo(1);

    assertThat(docIds()).containsExactly("n1@2026-01", "n2@2026-02");
    assertThat(count()).isEqualTo(3);
    assertThat(spark.read().parquet(db().resolve("skipped").toString()).count()).isEqualTo(1);
    assertThat(db().resolve(".job.swap")).doesNotExist();
    assertThat(db().resolve(".staging/job-killed")).doesNotExist();
    assertThat(db().resolve(".trash/job-killed")).doesNotExist();
    assertThat(writer.recover()).as("finishing twice is harmless").isZero();
  }

  @Test
  void aReaderFinishesAKilledCommitOnlyWhenNoLiveWriterHoldsTheLock() throws Exception {
    var wh = warehouse();
    var writer = new AtomicTableWriter(wh);
    writer.replace(DocumentsTable.SPEC, docs("o@2026-01"));
    writer.replace(QuarantineTable.SPEC, rows("old"));
    killedCommit();

    try (var lock = WarehouseLock.acquire(wh, "newslens run (test)", java.time.Duration.ZERO)) {
      writer.recoverIfStale(java.time.Duration.ofMinutes(2));
      assertThat(db().resolve(".job.swap")).as("a young journal of a live writer's commit").exists();
    }
    writer.recoverIfStale(java.time.Duration.ofMinutes(2));

    assertThat(db().resolve(".job.swap")).doesNotExist();
    assertThat(docIds()).containsExactly("n1@2026-01", "n2@2026-02");
  }

  @Test
  void cleanUpFinishesJournalledCommitsThenRemovesWhatKilledRunsLeft() throws Exception {
    var wh = warehouse();
    var writer = new AtomicTableWriter(wh);
    writer.replace(DocumentsTable.SPEC, docs("o@2026-01"));
    writer.replace(QuarantineTable.SPEC, rows("old"));
    killedCommit();
    // Runs killed while staging, while deleting an old version, and while writing a journal.
    Files.createDirectories(db().resolve(".staging/entities-killed/entity_mentions/period=2026-01"));
    Files.writeString(db().resolve(".staging/entities-killed/entity_mentions/period=2026-01/part-0.parquet"), "half");
    Files.createDirectories(db().resolve(".trash/topics-killed/topics"));
    Files.writeString(db().resolve(".entities.swap.tmp"), "staging\tfile:/x");

    var removed = Leftovers.cleanUp(wh);

    assertThat(docIds()).as("the journalled commit was finished").containsExactly("n1@2026-01", "n2@2026-02");
    assertThat(removed).extracting(p -> p.getName()).containsExactlyInAnyOrder("entities-killed", "topics-killed", ".entities.swap.tmp");
    assertThat(db().resolve(".staging").toFile().list()).isEmpty();
    assertThat(db().resolve(".trash").toFile().list()).isEmpty();
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
      return RowFactory.create(p[0], null, null, null, null, "en", "t", 1, "h", p[0], true, 1, "f", "l", null, null, "run", p[1]);
    }).toList(), DocumentsTable.SCHEMA);
  }

  private List<String> docIds() {
    return spark.read().parquet(dir.resolve("newslens.db/documents").toString())
        .selectExpr("concat(doc_id, '@', period)").orderBy("doc_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  @Test
  void replacingPartitionsLeavesTheOthersAndRemovesEmptiedOnes() {
    var writer = new AtomicTableWriter(warehouse());
    var spec = DocumentsTable.SPEC;
    writer.replace(spec, docs("a@2026-09", "b@2026-10", "c@2026-11"));
    var before = dir.resolve("newslens.db/documents/period=2026-09").toFile().listFiles();

    writer.replacePartitions(spec, docs("b2@2026-10", "d@2026-12"), java.util.Set.of("2026-10", "2026-11", "2026-12"));

    assertThat(docIds()).containsExactly("a@2026-09", "b2@2026-10", "d@2026-12");
    assertThat(dir.resolve("newslens.db/documents/period=2026-09").toFile().listFiles()).containsExactlyInAnyOrder(before);
    assertThat(dir.resolve("newslens.db/.documents.swap")).doesNotExist();
  }

  @Test
  void anInterruptedPartitionSwapIsRolledForward() throws Exception {
    var wh = warehouse();
    var writer = new AtomicTableWriter(wh);
    var spec = DocumentsTable.SPEC;
    writer.replace(spec, docs("a@2026-09", "b@2026-10", "c@2026-11"));
    // Killed after moving 2026-10 aside and its new version in, before 2026-11 was removed.
    Path staged = db().resolve(".staging/ingest-z");
    docs("b2@2026-10").write().partitionBy("period").parquet(staged.resolve("documents").toString());
    Path trash = Files.createDirectories(db().resolve(".trash/ingest-z/documents"));
    Files.move(db().resolve("documents/period=2026-10"), trash.resolve("period=2026-10"));
    Files.move(staged.resolve("documents/period=2026-10"), db().resolve("documents/period=2026-10"));
    new CommitJournal(new org.apache.hadoop.fs.Path(staged.toUri()), new org.apache.hadoop.fs.Path(trash.getParent().toUri()), List.of(
        new String[] {CommitJournal.PARTITION, "documents", "period=2026-10", CommitJournal.REPLACE},
        new String[] {CommitJournal.PARTITION, "documents", "period=2026-11", CommitJournal.REMOVE}))
        .write(wh.fs(), AtomicTableWriter.journal(wh, "ingest"));

    writer.recover();

    assertThat(docIds()).containsExactly("a@2026-09", "b2@2026-10");
    assertThat(trash.getParent()).doesNotExist();
  }
}
