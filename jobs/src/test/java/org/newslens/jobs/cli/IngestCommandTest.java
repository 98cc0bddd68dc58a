package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.ingest.MixedCorpus;

/** Ingest end to end through the CLI's {@code run(...)}, then SQL on the tables it wrote. */
class IngestCommandTest {

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static Path corpus;

  @BeforeAll
  static void corpus() throws Exception {
    spark = SparkTestSession.get();
    corpus = MixedCorpus.write(tmp.resolve("mixed"), spark);
  }

  private static int ingest(Path warehouse) {
    return Main.run("ingest", "--input", corpus.toString(), "--warehouse", warehouse.toString(),
        "--max-record-bytes", String.valueOf(MixedCorpus.MAX_RECORD_BYTES));
  }

  private static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  @Test
  void everyRecordLandsInDocumentsOrQuarantineWithAReason() {
    assertThat(ingest(tmp.resolve("wh-a"))).isZero();

    long docs = sql("SELECT count(*) FROM newslens.documents").get(0).getLong(0);
    Map<String, Long> reasons = new TreeMap<>();
    sql("SELECT reason_code, count(*) FROM newslens.quarantine GROUP BY reason_code")
        .forEach(r -> reasons.put(r.getString(0), r.getLong(1)));
    assertThat(docs).isEqualTo(MixedCorpus.DOCUMENTS);
    assertThat(reasons).isEqualTo(MixedCorpus.QUARANTINE);
    Row run = sql("SELECT rows_in, quarantined, rows_out['documents'] FROM newslens.runs").get(0);
    assertThat(run.getLong(0)).isEqualTo(MixedCorpus.INPUT_RECORDS).isEqualTo(docs + run.getLong(1));
    assertThat(run.getLong(2)).isEqualTo(docs);
  }

  @Test
  void documentsCarryCleanedFieldsFromEveryFormat() {
    assertThat(ingest(tmp.resolve("wh-b"))).isZero();
    Map<String, Row> byId = new TreeMap<>();
    sql("SELECT doc_id, source, title, period, text, syndication_count, lang FROM newslens.documents")
        .forEach(r -> byId.put(r.getString(0), r));
    assertThat(byId).containsKeys("g1", "g2", "g3", "csv-1", "csv-2", "b-1", "arr-1", "arr-2", "t-1", "bz-1", "bz-2", "pq-1", "pq-2");
    assertThat(byId.get("g1").getString(3)).isEqualTo("2026-11");
    assertThat(byId.get("g3").getString(2)).isEqualTo("Oil");
    assertThat(byId.get("g2").getInt(5)).isEqualTo(2);
    assertThat(byId.get("csv-1").getString(4)).isEqualTo("The grid operator approved a new interconnector.\n\nIt will carry 2 GW.");
    assertThat(byId.get("bz-2").getString(3)).isEqualTo("2026-11");
    assertThat(byId.get("pq-1").getString(3)).isEqualTo("2026-10");
    Row seed = sql("SELECT source, period, lang, text FROM newslens.documents WHERE input_file LIKE '%seed.txt'").get(0);
    assertThat(seed.getString(0)).isEqualTo("India Today");
    assertThat(seed.getString(1)).isEqualTo("unknown");
    assertThat(seed.getString(2)).isEqualTo("en");
    assertThat(seed.getString(3)).startsWith("Defence Minister Rajnath Singh").doesNotContain("Based On");
    assertThat(sql("SELECT text FROM newslens.documents WHERE input_file LIKE '%utf16.txt'").get(0).getString(0))
        .startsWith("Gazprom cut gas flows");
    assertThat(sql("SELECT reason_detail FROM newslens.quarantine WHERE reason_code = 'DUPLICATE_ID_CONFLICT'").get(0).getString(0))
        .contains("doc_id 'g1'");
    assertThat(sql("SELECT reason_detail FROM newslens.quarantine WHERE reason_code = 'EXACT_DUPLICATE'").get(0).getString(0))
        .contains("doc_id 'g2'");
  }

  @Test
  void reIngestingTheSameInputGivesIdenticalTables() {
    Path warehouse = tmp.resolve("wh-c");
    assertThat(ingest(warehouse)).isZero();
    List<Row> docs1 = sql("SELECT * FROM newslens.documents ORDER BY doc_id");
    List<Row> quarantine1 = sql("SELECT * FROM newslens.quarantine ORDER BY input_file, record_locator");
    assertThat(ingest(warehouse)).isZero();
    assertThat(sql("SELECT * FROM newslens.documents ORDER BY doc_id")).isEqualTo(docs1);
    assertThat(sql("SELECT * FROM newslens.quarantine ORDER BY input_file, record_locator")).isEqualTo(quarantine1);
    assertThat(sql("SELECT count(*), count(DISTINCT run_id) FROM newslens.runs").get(0))
        .isEqualTo(org.apache.spark.sql.RowFactory.create(2L, 1L));
  }

  @Test
  void badArgumentsExitWithAClearMessageAndNoStackTrace() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file.txt"), "x");
    Path foreign = Files.createDirectories(tmp.resolve("someone-elses"));
    Files.writeString(foreign.resolve("data.csv"), "keep me");
    assertError(List.of("ingest", "--input", tmp.resolve("missing").toString(), "--warehouse", tmp.resolve("w1").toString()),
        "--input " + tmp.resolve("missing") + " does not exist");
    assertError(List.of("ingest", "--input", corpus.toString(), "--format", "xml"), "--format xml is not a known format");
    assertError(List.of("ingest", "--input", corpus.toString(), "--warehouse", file.resolve("wh").toString()), "is not writable");
    assertError(List.of("ingest", "--input", corpus.toString(), "--warehouse", foreign.toString()), "not a newslens warehouse");
    assertError(List.of("ingest", "--input", tmp + "/nothing-*.json"), "matches no files");
    assertError(List.of("ingest", "--input", corpus.toString(), "--map", "body"), "expected field=column");
    assertError(List.of("ingest"), "Missing required option: '--input=PATH'");
    assertThat(Files.readString(foreign.resolve("data.csv"))).isEqualTo("keep me");
  }

  static void assertError(List<String> args, String message) {
    PrintStream old = System.err;
    var err = new ByteArrayOutputStream();
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = Main.run(args.toArray(String[]::new));
    } finally {
      System.setErr(old);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(Main.USAGE_ERROR);
    assertThat(printed).contains(message).doesNotContain("\tat ");
  }
}
