package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;

/**
 * {@code run} on months A, then {@code run --since 2026-11} on A and B, gives the same tables as
 * {@code run} on A and B at once (every column but run_id), while the months before 2026-11 that no
 * new document touches keep the first run's files. B holds a copy of an A story from the last day
 * of October, so the October partition must be rewritten too.
 */
class IncrementalRunTest {

  private static final String[] TABLES = {"documents", "quarantine", "entity_mentions", "entities", "cooccurrences"};

  private static final String STORY = "Defence Minister Rajnath Singh met Russian Defence Minister Andrei Belousov in Moscow "
      + "on Friday to discuss deliveries of the S-400 air defence system to India. Rajnath Singh said India and Russia "
      + "would also work on the Su-57 fighter. Andrei Belousov said the S-400 deliveries would be completed next year.";

  @TempDir static Path tmp;
  private static SparkSession spark;
  private static Path incremental;
  private static Path full;

  @BeforeAll
  static void runBothWays() throws Exception {
    spark = SparkTestSession.get();
    Path a = write("a.jsonl",
        doc("s1", "2026-09-10", "NATO and Gazprom", "NATO officials said Gazprom cut gas flows to Poland. NATO said Poland and "
            + "Germany would share reserves. Gazprom said the flows to Poland would resume when payments were made. "
            + "Peskov said the Kremlin would reply."),
        doc("s2", "2026-10-31", "Singh in Moscow", STORY));
    Path b = write("b.jsonl",
        doc("s3", "2026-11-01", "UPDATE 1-Singh in Moscow", "By Jane Porter, Reuters. " + STORY),
        doc("s4", "2026-11-05", "Rosatom reactor", "Rosatom said it would build a compact reactor for India. "
            + "India and Rosatom signed the agreement in Moscow. Rosatom said India would get the reactor in 2030. "
            + "Kremlin spokesman Dmitry Peskov welcomed the deal."),
        doc("s5", "2026-11-06", "Rosatom reactor", "Rosatom said it would build a compact reactor for India. "
            + "India and Rosatom signed the agreement in Moscow. Rosatom said India would get the reactor in 2030. "
            + "Kremlin spokesman Dmitry Peskov welcomed the deal."));
    incremental = tmp.resolve("incremental");
    full = tmp.resolve("full");
    assertThat(run(incremental, a)).isZero();
    assertThat(run(incremental, a, b, "--since", "2026-11")).isZero();
    assertThat(run(full, a, b)).isZero();
  }

  @Test
  void incrementalRunEqualsAFullRecompute() {
    for (String table : TABLES) {
      Dataset<Row> inc = read(incremental, table);
      Dataset<Row> all = read(full, table);
      assertThat(inc.count()).as(table).isPositive().isEqualTo(all.count());
      assertThat(inc.exceptAll(all).count()).as(table + " rows only in the incremental run").isZero();
      assertThat(all.exceptAll(inc).count()).as(table + " rows only in the full run").isZero();
    }
  }

  @Test
  void aSurnameInAnOldMonthJoinsTheFullNameANewMonthBrings() {
    // September says only "Peskov"; November names Dmitry Peskov: the incremental run rewrites September's mentions.
    for (Path warehouse : List.of(incremental, full)) {
      List<Row> peskov = spark.read().parquet(warehouse.resolve("newslens.db/entity_mentions").toString())
          .where("surface LIKE '%Peskov'").select("period", "local_entity_id", "entity_id").orderBy("period").collectAsList();
      assertThat(peskov).extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2)).containsExactly(
          "2026-09 person:peskov person:dmitry-peskov", "2026-11 person:dmitry-peskov person:dmitry-peskov");
      Row entity = spark.read().parquet(warehouse.resolve("newslens.db/entities").toString())
          .where("entity_id LIKE 'person:%peskov'").select("entity_id", "canonical_name", "aliases", "doc_count").first();
      assertThat(entity.getString(0)).isEqualTo("person:dmitry-peskov");
      assertThat(entity.getString(1)).isEqualTo("Dmitry Peskov");
      assertThat(entity.getList(2)).containsExactly("Dmitry Peskov", "Peskov");
      assertThat(entity.getLong(3)).isEqualTo(2);
    }
  }

  @Test
  void onlyTheChangedPeriodsAreRewritten() {
    List<Row> runs = spark.read().parquet(incremental.resolve("newslens.db/documents").toString())
        .selectExpr("period", "run_id").distinct().orderBy("period").collectAsList();
    List<String> ingestRuns = spark.read().parquet(incremental.resolve("newslens.db/runs").toString())
        .where("job = 'ingest'").orderBy("started_at").select("run_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(ingestRuns).hasSize(2);
    assertThat(runs).extracting(r -> r.getString(0) + " " + r.getString(1)).containsExactly(
        "2026-09 " + ingestRuns.get(0), "2026-10 " + ingestRuns.get(1), "2026-11 " + ingestRuns.get(1));
    Row story = spark.read().parquet(incremental.resolve("newslens.db/documents").toString())
        .where("doc_id = 's2'").select("syndication_count", "is_canonical").first();
    assertThat(story.getInt(0)).isEqualTo(2);
    assertThat(story.getBoolean(1)).isTrue();
  }

  @Test
  void laterStagesReadCanonicalCopiesOnly() {
    Row copy = spark.read().parquet(full.resolve("newslens.db/documents").toString())
        .where("doc_id = 's3'").select("dup_cluster", "is_canonical", "syndication_count").first();
    assertThat(copy.getString(0)).isEqualTo("s2");
    assertThat(copy.getBoolean(1)).isFalse();
    assertThat(copy.getInt(2)).isEqualTo(2);
    List<String> analysed = spark.read().parquet(full.resolve("newslens.db/entity_mentions").toString())
        .select("doc_id").distinct().orderBy("doc_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(analysed).containsExactly("s1", "s2", "s4");
  }

  private static int run(Path warehouse, Object... args) {
    List<String> argv = new ArrayList<>(List.of("run", "--warehouse", warehouse.toString(), "--min-count", "1",
        "--k-all", "2", "--k-defence", "2", "--k-energy", "2", "--iterations", "5", "--no-stability", "--input"));
    for (Object arg : args) {
      argv.add(arg.toString());
    }
    return Main.run(argv.toArray(String[]::new));
  }

  private static Dataset<Row> read(Path warehouse, String table) {
    Dataset<Row> rows = spark.read().parquet(warehouse.resolve("newslens.db").resolve(table).toString());
    return List.of(rows.columns()).contains("run_id") ? rows.drop("run_id") : rows;
  }

  private static String doc(String id, String date, String title, String text) {
    return String.format("{\"id\":\"%s\",\"date\":\"%s\",\"title\":\"%s\",\"source\":\"test\",\"text\":\"%s\"}", id, date, title, text);
  }

  private static Path write(String name, String... lines) throws Exception {
    Path file = tmp.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
