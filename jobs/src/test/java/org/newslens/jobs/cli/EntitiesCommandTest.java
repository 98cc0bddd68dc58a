package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;

/** {@code run} (ingest + entities) on the sample corpus, checked with SQL. */
class EntitiesCommandTest {

  private static SparkSession spark;
  @TempDir static Path tmp;

  @BeforeAll
  static void runPipeline() throws Exception {
    spark = SparkTestSession.get();
    Path extra = Files.writeString(tmp.resolve("extra.tsv"),
        "id\tcanonical_name\ttype\taliases\twikidata\ttheme\n"
            + "manekshaw-centre\tManekshaw Centre\tLOCATION\tManekshaw Centre\t\tdefence\n");
    assertThat(Main.run("run", "--input", Path.of("..", "data-samples", "corpus").toString(),
        "--warehouse", tmp.resolve("wh").toString(), "--gazetteer", extra.toString())).isZero();
  }

  private static List<Row> sql(String query) {
    return spark.sql(query).collectAsList();
  }

  @Test
  void everyMentionsOffsetsSelectItsSurfaceInTheDocumentText() {
    long mentions = sql("SELECT count(*) FROM newslens.entity_mentions").get(0).getLong(0);
    assertThat(mentions).isGreaterThan(5000);
    List<Row> bad = sql("SELECT m.doc_id, m.surface, substring(d.text, m.begin_char + 1, m.end_char - m.begin_char) "
        + "FROM newslens.entity_mentions m JOIN newslens.documents d ON m.doc_id = d.doc_id "
        + "WHERE substring(d.text, m.begin_char + 1, m.end_char - m.begin_char) <> m.surface");
    assertThat(bad).isEmpty();
    assertThat(sql("SELECT count(*) FROM newslens.entity_mentions m LEFT ANTI JOIN newslens.documents d ON m.doc_id = d.doc_id")
        .get(0).getLong(0)).isZero();
  }

  @Test
  void entitiesAggregateTheirMentions() {
    Row s400 = sql("SELECT canonical_name, entity_type, theme, mention_count, doc_count, aliases FROM newslens.entities "
        + "WHERE entity_id = 's-400'").get(0);
    assertThat(s400.getString(1)).isEqualTo("MILITARY_SYSTEM");
    assertThat(s400.getString(2)).isEqualTo("defence");
    long counted = sql("SELECT count(*) FROM newslens.entity_mentions WHERE entity_id = 's-400'").get(0).getLong(0);
    assertThat(s400.getLong(3)).isEqualTo(counted);
    assertThat(s400.getList(5)).contains("S-400");
    Row totals = sql("SELECT sum(mention_count), count(*) FROM newslens.entities").get(0);
    assertThat(totals.getLong(0)).isEqualTo(sql("SELECT count(*) FROM newslens.entity_mentions").get(0).getLong(0));
    assertThat(sql("SELECT entity_type FROM newslens.entities WHERE entity_id = 'manekshaw-centre'").get(0).getString(0))
        .isEqualTo("LOCATION");
  }

  @Test
  void theRunIsLoggedWithTokensAndCaps() {
    Row run = sql("SELECT rows_in, rows_out['entity_mentions'], counters['tokens'], config FROM newslens.runs WHERE job = 'entities'").get(0);
    assertThat(run.getLong(0)).isEqualTo(sql("SELECT count(*) FROM newslens.documents").get(0).getLong(0));
    assertThat(run.getLong(2)).isGreaterThan(100_000);
    assertThat(run.getString(3)).contains("max_ner_chars");
  }
}
