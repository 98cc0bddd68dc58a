package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.ingest.HostileCorpus;

/**
 * The whole pipeline over every hostile input, the stage killers included (a 200,000-character
 * token, a 100,000-word sentence, 50,000 names in one document, one word 200,000 times), through
 * spark-submit at Spark's default driver memory: every stage finishes and writes its tables, and
 * the bounds that kept it alive are counted in {@code runs}.
 */
class HostileRunIT {

  @TempDir static Path tmp;

  @Test
  void everyStageSurvivesEveryDocumentIngestAcceptsAtTheDefaultMemory() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path corpus = tmp.resolve("hostile");
    long documents = HostileCorpus.writeAll(corpus, spark);
    Path warehouse = tmp.resolve("warehouse");
    var run = Processes.newslens(Processes.ROOT, "run", "--input", corpus.toString(), "--warehouse", warehouse.toString(),
        "--master", "local[2]", "--k-all", "4", "--k-defence", "2", "--k-energy", "2", "--min-df", "1");
    System.out.print(run.stdout());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).doesNotContain("topics skipped");
    assertThat(run.stderr()).doesNotContain("OutOfMemoryError", "StackOverflowError");

    Path db = warehouse.resolve(Tables.DATABASE_DIR);
    for (TableSpec t : Tables.ALL) {
      assertThat(db.resolve(t.name())).as("table %s", t.name()).isDirectory();
    }
    assertThat(spark.read().parquet(db.resolve("documents").toString()).count()).isEqualTo(documents);
    Map<String, Map<String, Long>> counters = new HashMap<>();
    for (Row r : spark.read().parquet(db.resolve("runs").toString()).select("job", "counters").collectAsList()) {
      counters.put(r.getString(0), r.getJavaMap(1));
    }
    assertThat(counters.get("entities"))
        .containsEntry("skipped_documents", 0L)
        .hasEntrySatisfying("ner_long_tokens_skipped", n -> assertThat(n).isGreaterThanOrEqualTo(1))
        .hasEntrySatisfying("ner_long_sentences_split", n -> assertThat(n).isGreaterThanOrEqualTo(1));
    assertThat(counters.get("topics"))
        .containsEntry("skipped_documents", 0L)
        .hasEntrySatisfying("topic_docs_truncated", n -> assertThat(n).isGreaterThanOrEqualTo(1));
    long namesFound = spark.read().parquet(db.resolve("entity_mentions").toString()).where("doc_id = 'ent-50k'").count();
    assertThat(namesFound).as("mentions in the 50,000-name document").isGreaterThan(5_000);
    assertThat(spark.read().parquet(db.resolve("cooccurrences").toString()).count()).isPositive();
  }
}
