package org.newslens.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;

/** {@code check} passes on the sample warehouse and fails, naming the fault, on corrupted copies of it. */
class CheckCommandTest {

  private static SparkSession spark;
  @TempDir Path tmp;

  @BeforeAll
  static void sample() throws Exception {
    spark = SparkTestSession.get();
    SampleWarehouse.open();
  }

  private static String check(int exit, Path warehouse) {
    return SampleWarehouse.stdout(exit, "check", "--warehouse", warehouse.toString());
  }

  private static Path table(Path warehouse, String name) {
    return warehouse.resolve("newslens.db").resolve(name);
  }

  @Test
  void theSampleWarehousePasses() throws Exception {
    String report = check(0, SampleWarehouse.copy(tmp.resolve("good")));
    assertThat(report).contains("ok    readable", "ok    rows vs runs", "ok    records reconcile", "ok    offsets", "ok    sentence spans",
        "ok    no orphans").doesNotContain("FAIL").containsPattern("all \\d+ checks passed");
  }

  @Test
  void aDeletedPartitionFileFailsTheRowCount() throws Exception {
    Path wh = SampleWarehouse.copy(tmp.resolve("deleted"));
    Path file;
    try (var files = Files.walk(table(wh, "documents"))) {
      file = files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    Files.delete(file);
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertThat(check(1, wh)).containsPattern("FAIL  rows vs runs +newslens.documents +[\\d,]+ rows, but run ingest-\\w+ wrote 487")
        .containsPattern("FAIL  no orphans +newslens.entity_mentions.doc_id -> newslens.documents +[\\d,]+ wrong")
        .containsPattern("\\d+ of \\d+ checks FAILED");
  }

  @Test
  void anOrphanMentionFails() throws Exception {
    Path wh = SampleWarehouse.copy(tmp.resolve("orphan"));
    addMention(wh, m -> m.withColumn("doc_id", lit("no-such-doc")));
    assertThat(check(1, wh)).containsPattern("FAIL  no orphans +newslens.entity_mentions.doc_id -> newslens.documents +1 wrong, e.g. no-such-doc")
        .containsPattern("FAIL  rows vs runs +newslens.entity_mentions .*but run entities-");
  }

  @Test
  void aMentionOutsideItsDocumentFails() throws Exception {
    Path wh = SampleWarehouse.copy(tmp.resolve("offset"));
    addMention(wh, m -> m.withColumn("begin_char", lit(1_000_000)).withColumn("end_char", lit(1_000_010)));
    assertThat(check(1, wh)).containsPattern("FAIL  offsets +newslens.entity_mentions +1 wrong, e.g. \\S+ \\[1000000,1000010\\)")
        .containsPattern("FAIL  sentence spans +newslens.entity_mentions +1 wrong");
  }

  /** Writes one more file into a partition of entity_mentions: a copy of one mention, changed. */
  private void addMention(Path wh, UnaryOperator<Dataset<Row>> change) throws IOException {
    Path mentions = table(wh, "entity_mentions");
    Row first = spark.read().parquet(mentions.toString()).select("period").orderBy("period").first();
    String period = first.getString(0);
    Dataset<Row> one = spark.read().parquet(mentions.resolve("period=" + period).toString()).orderBy(col("doc_id"), col("begin_char")).limit(1);
    Path out = tmp.resolve("extra-" + System.nanoTime());
    change.apply(one).coalesce(1).write().parquet(out.toString());
    try (var files = Files.list(out)) {
      Path part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, mentions.resolve("period=" + period).resolve("part-extra.parquet"));
    }
  }
}
