package org.newslens.jobs.cooccur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.SparkTestSession;

/** PMI, NPMI and G² against values computed by hand on a tiny corpus. */
class CooccurTransformTest {

  private static final StructType MENTIONS = new StructType()
      .add("doc_id", DataTypes.StringType).add("sentence_idx", DataTypes.IntegerType)
      .add("begin_char", DataTypes.IntegerType).add("entity_id", DataTypes.StringType).add("period", DataTypes.StringType)
      .add("weight", DataTypes.LongType);

  private static SparkSession spark;
  private static List<Row> rows;

  @BeforeAll
  static void compute() {
    spark = SparkTestSession.get();
    List<Row> m = new ArrayList<>();
    // 2026-11, sentence windows: d1#0 {A,B}, d1#1 {A,B}, d1#2 {C}, d2#0 {A,B}, d2#1 {D}
    add(m, "d1", 0, "2026-11", "A", "B");
    add(m, "d1", 1, "2026-11", "A", "B", "A");
    add(m, "d1", 2, "2026-11", "C");
    add(m, "d2", 0, "2026-11", "B", "A");
    add(m, "d2", 1, "2026-11", "D");
    // 2026-10: one window holding X and Y
    add(m, "d3", 0, "2026-10", "X", "Y");
    // 2026-09: E and F independent: {E,F}, {E}, {F}, {G}
    add(m, "d4", 0, "2026-09", "E", "F");
    add(m, "d4", 1, "2026-09", "E");
    add(m, "d4", 2, "2026-09", "F");
    add(m, "d4", 3, "2026-09", "G");
    rows = counted(spark.createDataFrame(m, MENTIONS), 50, 1);
  }

  private static List<Row> counted(Dataset<Row> mentions, int maxPerWindow, long minCount) {
    try (var counting = CooccurTransform.countPairs(mentions, maxPerWindow, minCount)) {
      return counting.pairs().collectAsList();
    }
  }

  private static Map<String, Long> cappedWindows(Dataset<Row> mentions, int maxPerWindow) {
    try (var counting = CooccurTransform.countPairs(mentions, maxPerWindow, 1)) {
      return counting.cappedWindows();
    }
  }

  private static List<Row> where(List<Row> rows, String window, String period) {
    return rows.stream().filter(r -> r.getAs("window").equals(window) && r.getAs("period").equals(period)).toList();
  }

  private static void add(List<Row> m, String doc, int sentence, String period, String... entities) {
    for (int i = 0; i < entities.length; i++) {
      m.add(RowFactory.create(doc, sentence, sentence * 100 + i * 10, entities[i], period, doc.equals("d1") ? 3L : 1L));
    }
  }

  private static Row pair(String window, String period, String a, String b) {
    return rows.stream().filter(r -> r.getAs("window").equals(window) && r.getAs("period").equals(period)
        && r.getAs("entity_a").equals(a) && r.getAs("entity_b").equals(b)).findFirst()
        .orElseThrow(() -> new AssertionError("no pair " + a + "-" + b + " in " + window + "/" + period));
  }

  private static long n(Row r, String c) {
    return r.<Long>getAs(c);
  }

  private static double x(Row r, String c) {
    return r.<Double>getAs(c);
  }

  @Test
  void aPairThatFillsAllItsEntitiesWindowsHasNpmiOne() {
    Row ab = pair("sentence", "2026-11", "A", "B");
    assertThat(List.of(n(ab, "n_ab"), n(ab, "n_a"), n(ab, "n_b"), n(ab, "n_windows"))).containsExactly(3L, 3L, 3L, 5L);
    assertThat(x(ab, "pmi")).isCloseTo(Math.log(5.0 / 3), within(1e-12));
    assertThat(x(ab, "npmi")).isCloseTo(1.0, within(1e-12));
    // G² = 2 [3 ln(3·5/(3·3)) + 2 ln(2·5/(2·2))]
    assertThat(x(ab, "llr")).isCloseTo(2 * (3 * Math.log(5.0 / 3) + 2 * Math.log(2.5)), within(1e-9));
    assertThat(ab.getList(ab.fieldIndex("example_doc_ids"))).containsExactly("d1", "d2");
  }

  @Test
  void syndicatedCountWeighsEachWindowByItsDocumentsCopies() {
    // d1 (3 records in its cluster) holds A and B in two sentences, d2 (1 record) in one
    assertThat(n(pair("sentence", "2026-11", "A", "B"), "n_ab_syndicated")).isEqualTo(3 + 3 + 1);
    assertThat(n(pair("document", "all", "A", "B"), "n_ab_syndicated")).isEqualTo(3 + 1);
  }

  @Test
  void aPairInOneWindowOnly() {
    Row xy = pair("sentence", "2026-10", "X", "Y");
    assertThat(List.of(n(xy, "n_ab"), n(xy, "n_a"), n(xy, "n_b"), n(xy, "n_windows"))).containsExactly(1L, 1L, 1L, 1L);
    assertThat(x(xy, "pmi")).isZero();
    assertThat(x(xy, "npmi")).isEqualTo(1.0);
    assertThat(x(xy, "llr")).isZero();
  }

  @Test
  void independentEntitiesHavePmiZero() {
    Row ef = pair("sentence", "2026-09", "E", "F");
    assertThat(List.of(n(ef, "n_ab"), n(ef, "n_a"), n(ef, "n_b"), n(ef, "n_windows"))).containsExactly(1L, 2L, 2L, 4L);
    assertThat(x(ef, "pmi")).isCloseTo(0.0, within(1e-12));
    assertThat(x(ef, "npmi")).isCloseTo(0.0, within(1e-12));
    assertThat(x(ef, "llr")).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void documentWindowsAndTheAllPeriodCountAcrossMonths() {
    Row ac = pair("document", "2026-11", "A", "C");
    assertThat(List.of(n(ac, "n_ab"), n(ac, "n_a"), n(ac, "n_b"), n(ac, "n_windows"))).containsExactly(1L, 2L, 1L, 2L);
    assertThat(x(ac, "npmi")).isCloseTo(0.0, within(1e-12));
    Row all = pair("sentence", "all", "A", "B");
    assertThat(n(all, "n_windows")).isEqualTo(10);
    assertThat(x(all, "pmi")).isCloseTo(Math.log(3.0 * 10 / 9), within(1e-12));
    assertThat(rows).allSatisfy(r -> assertThat(r.<String>getAs("entity_a")).isLessThan(r.getAs("entity_b")));
    assertThat(rows).allSatisfy(r -> assertThat(x(r, "npmi")).isBetween(-1.0, 1.0));
  }

  @Test
  void thresholdsAndCapsNeverChangeTheCountsOfKeptPairs() {
    Dataset<Row> m = spark.createDataFrame(List.of(
        RowFactory.create("d", 0, 0, "P", "2026-01", null), RowFactory.create("d", 0, 5, "P", "2026-01", null),
        RowFactory.create("d", 0, 10, "Q", "2026-01", null), RowFactory.create("d", 0, 20, "R", "2026-01", null),
        RowFactory.create("e", 0, 0, "P", "2026-01", null), RowFactory.create("e", 0, 9, "Q", "2026-01", null)), MENTIONS);
    var capped = where(counted(m, 2, 2), "sentence", "2026-01");
    assertThat(capped).hasSize(1);
    Row pq = capped.get(0);
    assertThat(List.of(pq.<String>getAs("entity_a"), pq.<String>getAs("entity_b"))).containsExactly("P", "Q");
    assertThat(List.of(n(pq, "n_ab"), n(pq, "n_a"), n(pq, "n_b"), n(pq, "n_windows"))).containsExactly(2L, 2L, 2L, 2L);
    assertThat(pq.<Long>getAs("n_ab_syndicated")).as("unweighted").isNull();
    assertThat(cappedWindows(m, 2)).containsExactly(entry("document", 1L), entry("sentence", 1L));
    assertThat(cappedWindows(m, 3)).containsExactly(entry("document", 0L), entry("sentence", 0L));
  }

  @Test
  void theAllPeriodAddsUpTheMonthsAndKeepsTheFiveSmallestExampleDocuments() {
    List<Row> rows = new java.util.ArrayList<>();
    String[] months = {"2026-03", "2026-01", "2026-02"};
    for (int d = 9; d >= 1; d--) {
      String month = months[d % 3];
      rows.add(RowFactory.create("doc" + d, 0, 0, "A", month, 2L));
      rows.add(RowFactory.create("doc" + d, 0, 4, "B", month, 2L));
    }
    var all = where(counted(spark.createDataFrame(rows, MENTIONS), 50, 1), "document", "all");
    assertThat(all).hasSize(1);
    Row ab = all.get(0);
    assertThat(List.of(n(ab, "n_ab"), n(ab, "n_a"), n(ab, "n_b"), n(ab, "n_windows"))).containsExactly(9L, 9L, 9L, 9L);
    assertThat(ab.<Long>getAs("n_ab_syndicated")).isEqualTo(18L);
    assertThat(ab.getList(ab.fieldIndex("example_doc_ids"))).containsExactly("doc1", "doc2", "doc3", "doc4", "doc5");
  }

  @Test
  void countingPerDocumentEqualsJoiningEveryWindowWithItself() {
    // A random corpus with repeats, ties of salience, capped windows, weights and months.
    var random = new java.util.SplittableRandom(7);
    List<Row> m = new ArrayList<>();
    for (int d = 0; d < 120; d++) {
      String month = "2026-0" + (1 + random.nextInt(3));
      Long weight = d % 5 == 0 ? null : (long) (1 + random.nextInt(4));
      int sentences = 1 + random.nextInt(6);
      for (int s = 0; s < sentences; s++) {
        int mentions = random.nextInt(7);
        for (int i = 0; i < mentions; i++) {
          m.add(RowFactory.create(String.format("doc%03d", d), s, s * 100 + random.nextInt(90), "E" + random.nextInt(25), month, weight));
        }
      }
    }
    Dataset<Row> mentions = spark.createDataFrame(m, MENTIONS);
    // cap 3: many windows capped (ties of salience broken by id), the others whole
    List<String> fast = counted(mentions, 3, 2).stream().map(Row::toString).sorted().toList();
    List<String> reference = CooccurReference.cooccurrences(mentions, 3, 2).collectAsList().stream().map(Row::toString).sorted().toList();
    assertThat(reference).hasSizeGreaterThan(100);
    assertThat(fast).containsExactlyElementsOf(reference);
    Map<String, Long> capped = cappedWindows(mentions, 3);
    assertThat(capped).as("capped windows").isEqualTo(CooccurReference.cappedWindows(mentions, 3));
    assertThat(capped.get("document")).as("capped document windows").isGreaterThan(50);
    assertThat(capped.get("sentence")).as("capped sentence windows").isGreaterThan(10);
  }
}
