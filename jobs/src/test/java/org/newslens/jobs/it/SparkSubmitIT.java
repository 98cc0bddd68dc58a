package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.SparkTestSession;

/**
 * The job jar through spark-submit in fresh JVMs: the README's main command, a second JVM that
 * queries the catalog (and one that reports a bad query without a stack trace), a reader beside a
 * job rewriting the tables, and the jar under Spark's own SparkSubmit entry point with no
 * launcher. {@code tables}, {@code describe} and {@code export-duckdb} themselves are tested in
 * the unit tests' JVM ({@code SqlExperienceTest}).
 */
class SparkSubmitIT {

  @TempDir static Path tmp;
  private static Path warehouse;
  private static Processes.Output run;

  @BeforeAll
  static void runPipeline() throws Exception {
    warehouse = tmp.resolve("warehouse");
    run = Processes.newslens(Processes.ROOT, "run", "--input", "data-samples/corpus", "--warehouse", warehouse.toString(),
        "--master", "local[2]", "--driver-memory", "1g");
  }

  @Test
  void theMainCommandIngestsTheSamplesAndReconciles() throws Exception {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    long records = Processes.sampleRecords();
    assertThat(run.stdout()).contains(String.format("%,10d = ", records)).contains("newslens.documents");
    assertThat(run.stderr()).doesNotContain("Exception");
  }

  @Test
  void aNewJvmQueriesTheTablesThroughTheCatalog() throws Exception {
    var out = Processes.newslens(Processes.ROOT, "sql", "--warehouse", warehouse.toString(), "--output", "csv",
        "SELECT (SELECT count(*) FROM newslens.documents) + (SELECT count(*) FROM newslens.quarantine) AS total, "
            + "(SELECT count(DISTINCT period) FROM newslens.documents) AS periods");
    assertThat(out.exitCode()).as(out.stderr()).isZero();
    String[] row = out.stdout().strip().lines().toList().get(1).split(",");
    assertThat(Long.parseLong(row[0])).isEqualTo(Processes.sampleRecords());
    assertThat(Long.parseLong(row[1])).isGreaterThan(100);

    var bad = Processes.newslens(Processes.ROOT, "sql", "--warehouse", warehouse.toString(), "SELECT nope FROM newslens.documents");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("nope").contains("Tables: newslens.documents").doesNotContain("\tat ");
  }

  @Test
  void whileAJobRewritesTablesANewJvmAnswersTheReadmeQueriesAndTheDuckDbFileOpens() throws Exception {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> queries = org.newslens.jobs.SampleWarehouse.readmeQueries();
    Path script = java.nio.file.Files.writeString(tmp.resolve("readme.sql"), String.join(";\n", queries) + ";\n");
    var job = java.util.concurrent.CompletableFuture.supplyAsync(() -> unchecked(() -> Processes.newslens(Processes.ROOT,
        "topics", "--warehouse", warehouse.toString(), "--master", "local[1]", "--seed", "7")));
    var reader = Processes.newslens(Processes.ROOT, "sql", "-f", script.toString(), "--output", "csv", "--warehouse", warehouse.toString());
    boolean jobWasRunning = !job.isDone();
    assertThat(reader.exitCode()).as(reader.stderr()).isZero();
    assertThat(reader.stdout()).contains("period,source,docs").contains("entity_type,rank,canonical_name,mentions,docs");
    assertThat(job.get().exitCode()).as(job.get().stderr()).isZero();
    assertThat(jobWasRunning).as("the reader finished while the topics job was still running").isTrue();

    // what the rewritten tables export to (in this JVM: a fresh JVM proves nothing more here)
    assertThat(org.newslens.jobs.cli.Main.run("export-duckdb", "--warehouse", warehouse.toString())).isZero();
    try (var c = org.newslens.jobs.spark.DuckDbExport.openReadOnly(warehouse.resolve("newslens.duckdb"));
        var s = c.createStatement();
        var r = s.executeQuery("SELECT (SELECT count(*) FROM newslens.documents) + (SELECT count(*) FROM newslens.quarantine)")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isEqualTo(Processes.sampleRecords());
    }
  }

  private interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T unchecked(Call<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void stockSparkSubmitRunsTheSameJarWithTheSameResult() throws Exception {
    Path other = tmp.resolve("warehouse-stock");
    List<String> cmd = new ArrayList<>(List.of(Processes.javaBin(), "-cp",
        Processes.SPARK_HOME.resolve("conf") + ":" + Processes.SPARK_HOME.resolve("jars") + "/*"));
    cmd.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
    cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--class", "org.newslens.jobs.cli.Main",
        jobJar().toString(), "ingest", "--input", "data-samples/corpus", "--warehouse", other.toString()));
    var out = Processes.run(Processes.ROOT, cmd);
    assertThat(out.exitCode()).as(out.stderr()).isZero();
    assertThat(documents(other)).isEqualTo(documents(warehouse));
  }

  static Path jobJar() throws Exception {
    try (var files = java.nio.file.Files.list(Processes.ROOT.resolve("jobs/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("newslens-jobs-.*\\.jar")).findFirst().orElseThrow();
    }
  }

  /** The documents table of a warehouse, read as plain Parquet, in a stable order. */
  static List<Row> documents(Path warehouse) {
    SparkSession spark = SparkTestSession.get();
    return spark.read().parquet(warehouse.resolve("newslens.db/documents").toString())
        .select("doc_id", "content_hash", "period", "published_at", "lang", "n_tokens", "syndication_count", "title", "source")
        .orderBy("doc_id").collectAsList();
  }
}
