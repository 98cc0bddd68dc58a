package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;

/** The per-document caps count what they cut, in {@code runs} and in the summary, on copies of the sample warehouse. */
class ResourceLimitsTest {

  @TempDir Path tmp;

  private static long count(String query) {
    return SparkTestSession.get().sql(query).first().getLong(0);
  }

  private static Row latestCounters(String job, String... keys) {
    String select = String.join(", ", java.util.Arrays.stream(keys).map(k -> "counters['" + k + "']").toList());
    return SparkTestSession.get().sql("SELECT " + select + " FROM newslens.runs WHERE job = '" + job + "' ORDER BY started_at DESC LIMIT 1").first();
  }

  @Test
  void windowsOverTheEntityCapAreCounted() throws Exception {
    Path wh = SampleWarehouse.copy(tmp.resolve("cooccur"));
    String summary = SampleWarehouse.stdout(0, "cooccur", "--warehouse", wh.toString(), "--max-entities-per-window", "3");
    String windows = "SELECT count(*) FROM (SELECT 1 FROM newslens.entity_mentions m JOIN newslens.documents d ON m.doc_id = d.doc_id "
        + "WHERE d.is_canonical GROUP BY %s HAVING count(DISTINCT m.entity_id) > 3)";
    long documents = count(windows.formatted("m.doc_id"));
    long sentences = count(windows.formatted("m.doc_id, m.sentence_idx"));
    assertThat(documents).isPositive();
    assertThat(sentences).isPositive();
    Row counters = latestCounters("cooccur", "windows_capped.document", "windows_capped.sentence");
    assertThat(counters.getLong(0)).isEqualTo(documents);
    assertThat(counters.getLong(1)).isEqualTo(sentences);
    // What the job cost the executors (ResourceMeter): its aggregations shuffle; spill is recorded, if only as 0.
    Row costs = latestCounters("cooccur", "shuffle_write_bytes", "spill_memory_bytes", "spill_disk_bytes", "peak_task_execution_memory_bytes");
    assertThat(costs.getLong(0)).isPositive();
    assertThat(costs.getLong(1)).isNotNegative();
    assertThat(costs.getLong(2)).isNotNegative();
    assertThat(costs.getLong(3)).isPositive();
    assertThat(summary).containsPattern("capped      (document=" + documents + "|sentence=" + sentences + "), (document=" + documents
        + "|sentence=" + sentences + ") windows over --max-entities-per-window");
  }

  @Test
  void documentsLongerThanTheNerCapAreCounted() throws Exception {
    Path wh = SampleWarehouse.copy(tmp.resolve("entities"));
    String summary = SampleWarehouse.stdout(0, "entities", "--warehouse", wh.toString(), "--max-ner-chars", "400");
    long truncated = latestCounters("entities", "ner_truncated_docs").getLong(0);
    assertThat(truncated).isPositive()
        .isLessThanOrEqualTo(count("SELECT count(*) FROM newslens.documents WHERE is_canonical AND length(text) > 400"));
    assertThat(summary).contains(String.format("capped      %,10d documents longer than --max-ner-chars", truncated));
  }
}
