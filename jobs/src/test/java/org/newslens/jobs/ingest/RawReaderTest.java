package org.newslens.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.cli.UserException;

class RawReaderTest {

  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private List<Row> read(List<String> inputs, Optional<InputFormat> format, Map<Field, String> map, long splitBytes) {
    var conf = spark.sparkContext().hadoopConfiguration();
    var listing = InputListing.list(inputs, format, conf, splitBytes);
    return new RawReader(conf, new FieldMapping(map), 1 << 20).read(spark, listing)
        .orderBy(RawRecords.INPUT_FILE, RawRecords.RECORD_LOCATOR).collectAsList();
  }

  @Test
  void largeJsonLinesFilesAreReadInRangesWithoutLosingOrDuplicatingALine() throws Exception {
    Path file = dir.resolve("big.jsonl");
    Files.write(file, IntStream.range(0, 500)
        .mapToObj(i -> "{\"id\":\"r" + i + "\",\"text\":\"record number " + i + " " + "pad ".repeat(i % 7) + "\"}").toList());
    List<Row> whole = read(List.of(file.toString()), Optional.empty(), Map.of(), Long.MAX_VALUE);
    List<Row> split = read(List.of(file.toString()), Optional.empty(), Map.of(), 1000);
    assertThat(InputListing.list(List.of(file.toString()), Optional.empty(), spark.sparkContext().hadoopConfiguration(), 1000).tasks())
        .hasSizeGreaterThan(10);
    assertThat(ids(split)).hasSize(500).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(whole));
  }

  @Test
  void largeWarcFilesAreSplitAcrossTasksWithoutLosingOrDuplicatingARecord() throws Exception {
    Path gz = dir.resolve("crawl.warc.gz");
    Path plain = dir.resolve("crawl.warc");
    Path oneStream = dir.resolve("whole.warc.gz");
    byte[] plainBytes = ReportCorpus.warcOfPages(60, org.netpreserve.jwarc.WarcCompression.NONE);
    Files.write(gz, ReportCorpus.warcOfPages(60, org.netpreserve.jwarc.WarcCompression.GZIP));
    Files.write(plain, plainBytes);
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(oneStream))) {
      out.write(plainBytes);
    }
    var conf = spark.sparkContext().hadoopConfiguration();
    for (Path warc : List.of(gz, plain, oneStream)) {
      List<Row> whole = read(List.of(warc.toString()), Optional.empty(), Map.of(), Long.MAX_VALUE);
      List<Row> split = read(List.of(warc.toString()), Optional.empty(), Map.of(), 2000);
      int tasks = InputListing.list(List.of(warc.toString()), Optional.empty(), conf, 2000).tasks().size();
      // a file gzipped as one stream cannot be split; record-gzipped and plain WARC files are
      assertThat(tasks).as("tasks of %s", warc).matches(t -> warc.equals(oneStream) ? t == 1 : t > 5);
      assertThat(urls(split)).as(warc.toString()).hasSize(60).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(urls(whole));
      assertThat(split).allMatch(r -> ((String) r.getAs(RawRecords.RECORD_LOCATOR)).matches("offset \\d+"));
    }
  }

  private static List<String> urls(List<Row> rows) {
    return rows.stream().map(r -> (String) r.getAs(RawRecords.URL)).toList();
  }

  private static List<String> ids(List<Row> rows) {
    return rows.stream().map(r -> (String) r.getAs(RawRecords.ID)).toList();
  }

  @Test
  void mappingsPickColumnsAndDottedPathsAndTsvIsTabSeparated() throws Exception {
    Files.writeString(dir.resolve("nested.jsonl"), "{\"key\":\"n1\",\"content\":{\"body\":\"Nested body\"},\"body\":\"ignored\"}\n");
    Files.writeString(dir.resolve("feed.tsv"), "story_id\tstory\n" + "t1\tTab separated text\n");
    List<Row> rows = read(List.of(dir.resolve("nested.jsonl").toString()), Optional.empty(),
        Map.of(Field.TEXT, "content.body", Field.ID, "key"), Long.MAX_VALUE);
    assertThat((String) rows.get(0).getAs(RawRecords.TEXT)).isEqualTo("Nested body");
    assertThat((String) rows.get(0).getAs(RawRecords.ID)).isEqualTo("n1");
    List<Row> tsv = read(List.of(dir.resolve("feed.tsv").toString()), Optional.empty(), Map.of(Field.ID, "story_id"), Long.MAX_VALUE);
    assertThat((String) tsv.get(0).getAs(RawRecords.TEXT)).isEqualTo("Tab separated text");
    assertThat((String) tsv.get(0).getAs(RawRecords.ID)).isEqualTo("t1");
    assertThat((String) tsv.get(0).getAs(RawRecords.RECORD_LOCATOR)).isEqualTo("record 1 (line 2)");
  }

  @Test
  void globsMatchFilesAndFormatCanBeForced() throws Exception {
    Files.writeString(dir.resolve("a.dat"), "{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
    Files.writeString(dir.resolve("b.dat"), "{\"text\":\"three\"}\n");
    Files.writeString(dir.resolve("c.txt"), "not matched");
    assertThat(read(List.of(dir + "/*.dat"), Optional.of(InputFormat.JSONL), Map.of(), Long.MAX_VALUE)).hasSize(3);
    List<Row> unknown = read(List.of(dir + "/*.dat"), Optional.empty(), Map.of(), Long.MAX_VALUE);
    assertThat(unknown).extracting(r -> (String) r.getAs(RawRecords.ERROR_CODE)).containsOnly("UNSUPPORTED_FORMAT");
  }

  @Test
  void symlinkLoopsAreVisitedOnce() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("a.jsonl"), "{\"text\":\"once\"}\n");
    Files.createSymbolicLink(sub.resolve("loop"), dir);
    assertThat(read(List.of(dir.toString()), Optional.empty(), Map.of(), Long.MAX_VALUE)).hasSize(1);
  }

  @Test
  void formatsAreDetectedPastCompressionSuffixes() {
    assertThat(InputFormat.fromFileName("x.JSONL.GZ")).contains(InputFormat.JSONL);
    assertThat(InputFormat.fromFileName("x.csv.bz2")).contains(InputFormat.CSV);
    assertThat(InputFormat.fromFileName("x.ndjson")).contains(InputFormat.JSONL);
    assertThat(InputFormat.fromFileName("README")).isEmpty();
    assertThatThrownBy(() -> InputFormat.fromCli("xml")).isInstanceOf(UserException.class)
        .hasMessageContaining("txt, jsonl, json, csv, tsv, parquet");
  }

  @Test
  void binsBalanceBytesAcrossTasks() {
    List<FileTask> tasks = List.of(task("a", 100), task("b", 60), task("c", 50), task("d", 10));
    var bins = RawReader.balance(tasks, 2);
    assertThat(bins).hasSize(2);
    assertThat(bins.stream().mapToLong(b -> b.stream().mapToLong(FileTask::length).sum()))
        .containsExactlyInAnyOrder(110L, 110L);
  }

  private static FileTask task(String name, long len) {
    return new FileTask("file:/" + name, InputFormat.TXT, 0, len, len);
  }
}
