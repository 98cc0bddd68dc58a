package org.newslens.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.cli.Main;

/**
 * Every kind of {@link HostileCorpus} in its own folder, all ingested in one run with the default
 * limits; then, per kind, where its records went. Writes the kinds table to
 * {@code target/hostile-inputs.md}.
 */
class HostileInputTest {

  private static final String KIND = "regexp_extract(input_file, '/hostile/([^/]+)/', 1)";

  private static SparkSession spark;
  @TempDir static Path tmp;
  private static final Map<String, Long> DOCUMENTS = new TreeMap<>();
  private static final Map<String, Map<String, Long>> QUARANTINE = new TreeMap<>();

  @BeforeAll
  static void ingestAllKinds() throws Exception {
    spark = SparkTestSession.get();
    Path corpus = tmp.resolve("hostile");
    HostileCorpus.writeAll(corpus, spark);
    assertThat(Main.run("ingest", "--input", corpus.toString(), "--warehouse", tmp.resolve("warehouse").toString())).isZero();
    sql("SELECT " + KIND + ", count(*) FROM newslens.documents GROUP BY 1").forEach(r -> DOCUMENTS.put(r.getString(0), r.getLong(1)));
    sql("SELECT " + KIND + ", reason_code, count(*) FROM newslens.quarantine GROUP BY 1, 2")
        .forEach(r -> QUARANTINE.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2)));
  }

  static List<HostileCorpus.Kind> kinds() {
    return HostileCorpus.kinds();
  }

  private static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachRecordLandsInDocumentsOrQuarantineAsExpected(HostileCorpus.Kind kind) {
    long docs = DOCUMENTS.getOrDefault(kind.name(), 0L);
    Map<String, Long> quarantined = QUARANTINE.getOrDefault(kind.name(), Map.of());
    assertThat(quarantined).as("quarantine of %s", kind).isEqualTo(kind.quarantine());
    assertThat(docs).as("documents of %s", kind).isEqualTo(kind.documents());
    assertThat(docs + quarantined.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(kind.inputRecords());
    List<Row> rows = sql("SELECT text, period FROM newslens.documents WHERE " + KIND + " = '" + kind.name() + "'");
    rows.forEach(r -> assertThat(r.getString(0)).as("text of %s", kind).contains(kind.textContains()));
    if (!kind.period().isEmpty()) {
      rows.forEach(r -> assertThat(r.getString(1)).as("period of %s", kind).isEqualTo(kind.period()));
    }
  }

  @Test
  void theSuiteCoversAtLeastFortyKindsAndTheRunReconciles() {
    List<HostileCorpus.Kind> kinds = HostileCorpus.kinds();
    assertThat(kinds).hasSizeGreaterThanOrEqualTo(40);
    long expectedIn = kinds.stream().mapToLong(HostileCorpus.Kind::inputRecords).sum();
    Row run = sql("SELECT rows_in, rows_out['documents'], quarantined FROM newslens.runs").get(0);
    assertThat(run.getLong(0)).isEqualTo(expectedIn).isEqualTo(run.getLong(1) + run.getLong(2));
  }

  @Test
  void documentsHoldCleanText() {
    for (Row r : sql("SELECT doc_id, text, title FROM newslens.documents")) {
      String text = r.getString(1);
      assertThat(text).as(r.getString(0)).isNotBlank().isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC))
          .doesNotContain("\u0000", "\r", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u202b", "\u202c", "\u2067", "\u2069", "\u001b", "<p>", "<script", "[1;31m", "[0m", "]0;", "]8;;");
      assertThat(text.codePoints().filter(c -> Character.isISOControl(c) && c != '\n' || Character.getType(c) == Character.SURROGATE))
          .as("control characters or unpaired surrogates in %s", r.getString(0)).isEmpty();
      assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
    }
    assertThat(sql("SELECT max(length(doc_id)), max(length(title)) FROM newslens.documents").get(0))
        .satisfies(r -> assertThat(r.getInt(0)).isLessThanOrEqualTo(CleanedRecords.MAX_ID_CHARS))
        .satisfies(r -> assertThat(r.getInt(1)).isLessThanOrEqualTo(CleanedRecords.MAX_TITLE_CHARS + 1));
  }

  @Test
  void quarantineDetailsNameTheCause() {
    assertThat(detail("article-50mb-txt")).contains("--max-record-bytes 33554432");
    assertThat(detail("article-3m-chars-txt")).contains("exceeds --max-text-chars 2000000");
    assertThat(detail("latin1-txt")).isEqualTo("invalid UTF-8 at byte 3");
    assertThat(detail("deep-nesting-jsonl")).contains("nesting depth");
    assertThat(detail("array-in-jsonl")).isEqualTo("expected a JSON object, found array");
    assertThat(detail("csv-wrong-columns")).contains("expected 3 columns, found");
    assertThat(detail("empty-jsonl")).isEqualTo("the file holds no records");
    assertThat(detail("dangling-symlink")).contains("cannot read: a broken symbolic link");
    assertThat(detail("invalid-utf8-csv")).isEqualTo("invalid UTF-8 bytes in this record");
    assertThat(sql("SELECT text FROM newslens.documents WHERE doc_id = 'sq-2'").get(0).getString(0)).isEqualTo("he said \"no\" and left");
    assertThat(detail("scripts-and-styles-only")).isEqualTo("nothing left after removing markup and invisible characters");
  }

  private static String detail(String kind) {
    return sql("SELECT min(reason_detail) FROM newslens.quarantine WHERE " + KIND + " = '" + kind + "'").get(0).getString(0);
  }

  @AfterAll
  static void writeKindsTable() throws Exception {
    var out = new StringBuilder("| kind | input | documents | quarantine |\n|---|---|---:|---|\n");
    for (HostileCorpus.Kind k : HostileCorpus.kinds()) {
      String q = QUARANTINE.getOrDefault(k.name(), Map.of()).entrySet().stream()
          .map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : "")).collect(Collectors.joining(", "));
      out.append(String.format("| %s | %s | %d | %s |%n", k.name(), k.what(), DOCUMENTS.getOrDefault(k.name(), 0L), q));
    }
    Files.writeString(Path.of("target", "hostile-inputs.md"), out);
    System.out.print(out);
  }
}
