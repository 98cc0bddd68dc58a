package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;

/**
 * The whole pipeline on the seed article alone, with co-occurrence counts a reader can check
 * against the text: sentence 1 names Rajnath Singh and Andrei Belousov, the last paragraph names
 * Rajnath Singh again; the S-400 sentence is the one naming Operation Sindhur.
 */
class SeedArticlePipelineTest {

  private static SparkSession spark;
  @TempDir static Path tmp;

  @BeforeAll
  static void run() {
    spark = SparkTestSession.get();
    assertThat(Main.run("run", "--input", Path.of("..", "data-samples", "corpus", "seed-article.txt").toString(),
        "--warehouse", tmp.resolve("wh").toString(), "--min-count", "1")).isZero();
  }

  private static Row pair(String a, String b) {
    List<Row> rows = spark.sql("SELECT n_ab, n_a, n_b, n_windows, npmi, llr FROM newslens.cooccurrences "
        + "WHERE window = 'sentence' AND period = 'all' AND entity_a = '" + a + "' AND entity_b = '" + b + "'").collectAsList();
    assertThat(rows).as(a + " - " + b).hasSize(1);
    return rows.get(0);
  }

  @Test
  void sentencePairsHaveTheCountsOfTheText() {
    Row singhBelousov = pair("person:andrei-belousov", "person:rajnath-singh");
    assertThat(List.of(singhBelousov.getLong(0), singhBelousov.getLong(1), singhBelousov.getLong(2))).containsExactly(1L, 1L, 2L);
    Row s400Sindhur = pair("operation:sindhur", "s-400");
    assertThat(List.of(s400Sindhur.getLong(0), s400Sindhur.getLong(1), s400Sindhur.getLong(2))).containsExactly(1L, 1L, 1L);
    long sentencesWithEntities = spark.sql("SELECT count(DISTINCT sentence_idx) FROM newslens.entity_mentions").first().getLong(0);
    assertThat(singhBelousov.getLong(3)).isEqualTo(sentencesWithEntities);
    assertThat(spark.sql("SELECT name_a, name_b FROM newslens.top_pairs WHERE period = 'all' AND window = 'document'").count()).isPositive();
    assertThat(spark.sql("SELECT mentions FROM newslens.entity_timeline WHERE entity_id = 'person:rajnath-singh'").first().getLong(0))
        .isEqualTo(2);
  }

  @Test
  void theGraphCommandExportsTheNetworkOfThePeriod() throws Exception {
    Path out = tmp.resolve("net.graphml");
    assertThat(Main.run("graph", "--warehouse", tmp.resolve("wh").toString(), "--period", "unknown", "--window", "sentence",
        "--out", out.toString())).isZero();
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    int edges = doc.getElementsByTagName("edge").getLength();
    long expected = spark.sql("SELECT count(*) FROM newslens.cooccurrences WHERE window = 'sentence' AND period = 'unknown'").first().getLong(0);
    assertThat((long) edges).isEqualTo(expected).isPositive();
    assertThat(Files.readAllLines(tmp.resolve("net-edges.csv"))).hasSize(edges + 1);
    assertThat(Files.readString(out)).contains("Rajnath Singh").contains("S-400");
  }
}
