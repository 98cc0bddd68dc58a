package org.newslens.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.SparkTestSession;

/** Clusters, canonical choice and counts of {@link NearDuplicates#assign} on a handful of texts. */
class NearDuplicatesTest {

  private static final String STORY = "The ministry said on Tuesday that the new air defence systems would be "
      + "delivered in two batches over the coming year, with training for crews to begin in the spring. "
      + "Officials declined to give the value of the contract but said financing had been agreed. "
      + "The first systems are expected to be deployed near the northern border after trials.";

  /** A templated contract notice; its contract number is the format argument. */
  private static final String NOTICE = "Acme Corp., Dayton, Ohio, has been awarded a firm-fixed-price contract for aircraft "
      + "spare parts and repair services for the Air Force, with work to be performed in Dayton and "
      + "an estimated completion date of Sept. 30, 2027. Fiscal 2026 operations funds were obligated "
      + "at award. The Air Force Sustainment Center is the contracting activity (FA8100-26-D-%04d).";

  private final SparkSession spark = SparkTestSession.get();

  private static Row doc(String id, String date, String text, int copies) {
    Timestamp ts = date == null ? null : Timestamp.valueOf(date + " 00:00:00");
    return RowFactory.create(id, "x", null, ts, text, copies, id, true);
  }

  /** n1, n2 with another contract number, n3 a copy of n1 with a prefix. */
  private static List<Row> notices() {
    return List.of(
        doc("n1", "2026-05-01", String.format(NOTICE, 11), 1),
        doc("n2", "2026-05-01", String.format(NOTICE, 12), 1),
        doc("n3", "2026-05-02", "Update: " + String.format(NOTICE, 11), 1));
  }

  private Map<String, Row> assign(List<Row> docs) {
    var input = spark.createDataFrame(docs, LabelledNearDuplicates.SCHEMA);
    return NearDuplicates.assign(input, DedupOptions.of(DedupOptions.THRESHOLD_DEFAULT, 42)).documents()
        .select("doc_id", "dup_cluster", "is_canonical", "syndication_count")
        .collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
  }

  @Test
  void copiesJoinTheEarliestThenLongestDocumentAndCountEveryRecord() {
    var out = assign(List.of(
        doc("b-byline", "2026-11-02", "By Jane Porter, Reuters. " + STORY, 1),
        doc("c-trimmed", "2026-11-01", STORY.substring(0, STORY.indexOf(" The first systems")), 1),
        doc("a-original", "2026-11-01", STORY, 3),
        doc("d-undated", null, STORY + " More to follow.", 1),
        doc("e-other", "2026-11-01", "An entirely different report about grain exports from the port, "
            + "which reopened after repairs to the quay and the rail link to the inland terminals.", 2)));

    assertThat(out.keySet()).containsExactlyInAnyOrder("a-original", "b-byline", "c-trimmed", "d-undated", "e-other");
    for (String id : List.of("a-original", "b-byline", "c-trimmed", "d-undated")) {
      assertThat(out.get(id).getString(1)).as(id).isEqualTo("a-original");
      assertThat(out.get(id).getInt(3)).as(id).isEqualTo(6);
    }
    assertThat(out.get("a-original").getBoolean(2)).isTrue();
    assertThat(out.get("b-byline").getBoolean(2)).isFalse();
    assertThat(out.get("e-other").getString(1)).isEqualTo("e-other");
    assertThat(out.get("e-other").getBoolean(2)).isTrue();
    assertThat(out.get("e-other").getInt(3)).isEqualTo(2);
  }

  @Test
  void templatedNoticesWithDifferentNumbersStayApart() {
    var out = assign(notices());

    assertThat(out.get("n1").getString(1)).isEqualTo("n1");
    assertThat(out.get("n3").getString(1)).isEqualTo("n1");
    assertThat(out.get("n2").getString(1)).isEqualTo("n2");
    assertThat(out.get("n2").getInt(3)).isEqualTo(1);
  }

  @Test
  void candidatePairsCountWhatTheBucketsProposeIncludingPairsTheVerificationRejects() {
    var docs = new java.util.ArrayList<>(notices());
    docs.add(doc("other", "2026-05-02", STORY, 1));
    var input = spark.createDataFrame(docs, LabelledNearDuplicates.SCHEMA);

    var similar = NearDuplicates.similarPairs(input, DedupOptions.of(DedupOptions.THRESHOLD_DEFAULT, 42));

    // n1-n3 is a copy; n2 shares every shingle but its contract number with both, so the buckets
    // propose it twice and the number check rejects it; the unrelated story shares no bucket.
    assertThat(similar.pairs().select("a", "b").collectAsList()).extracting(r -> r.getString(0) + "-" + r.getString(1))
        .containsExactly("n1-n3");
    assertThat(similar.candidatePairs()).isEqualTo(3);
  }

  @Test
  void thresholdOutsideTheUnitIntervalIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DedupOptions.of(1.5, 1))
        .hasMessageContaining("--dedup-threshold 1.5");
  }
}
