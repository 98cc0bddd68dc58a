package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.spark.DuckDbExport;
import org.newslens.jobs.spark.Views;

/**
 * The SQL experience on the sample warehouse: every README example query runs in Spark SQL and in
 * the exported DuckDB file with the same answers; the views answer their questions; {@code sql},
 * {@code tables}, {@code describe} and {@code serve-sql} behave as documented.
 */
class SqlExperienceTest {

  private static SparkSession spark;
  private static Path warehouse;
  @TempDir static Path tmp;

  @BeforeAll
  static void open() throws IOException {
    spark = SparkTestSession.get();
    warehouse = SampleWarehouse.open();
  }

  @Test
  void everyReadmeQueryGivesTheSameAnswerInSparkAndInTheDuckDbFile() throws Exception {
    List<String> queries = SampleWarehouse.readmeQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    Path file = tmp.resolve("readme.duckdb");
    SampleWarehouse.stdout(0, "export-duckdb", "--warehouse", warehouse.toString(), "--out", file.toString());
    try (Connection duck = DuckDbExport.openReadOnly(file)) {
      for (String q : queries) {
        List<List<Object>> fromSpark = spark.sql(q).collectAsList().stream().map(SqlExperienceTest::values).toList();
        List<List<Object>> fromDuck = duckdb(duck, q);
        if (!q.contains("newslens.quarantine")) { // the sample corpus is clean: no quarantine rows
          assertThat(fromSpark).as("README query returns rows in Spark: " + q).isNotEmpty();
        }
        assertThat(fromDuck).as("DuckDB rows of " + q).hasSameSizeAs(fromSpark);
        for (int i = 0; i < fromSpark.size(); i++) {
          assertThat(same(fromSpark.get(i), fromDuck.get(i)))
              .as("row %d of %s%nSpark:  %s%nDuckDB: %s", i, q, fromSpark.get(i), fromDuck.get(i)).isTrue();
        }
      }
    }
  }

  private static List<List<Object>> duckdb(Connection c, String q) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(q)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Object> values(Row r) {
    List<Object> row = new ArrayList<>();
    for (int i = 0; i < r.length(); i++) {
      row.add(r.get(i));
    }
    return row;
  }

  /**
   * Equal cell by cell: numbers by value (rounded values within one unit of their last decimal, as
   * the two engines round halves differently), everything else by text.
   */
  private static boolean same(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Number nx && y instanceof Number ny) {
        BigDecimal dx = new BigDecimal(nx.toString());
        BigDecimal dy = new BigDecimal(ny.toString());
        int scale = Math.max(dx.stripTrailingZeros().scale(), dy.stripTrailingZeros().scale());
        double tolerance = scale <= 4 ? 1.01 * Math.pow(10, -scale) : 1e-9 * Math.max(1, Math.abs(dx.doubleValue()));
        if (Math.abs(dx.doubleValue() - dy.doubleValue()) > tolerance) {
          return false;
        }
      } else if (!String.valueOf(x).equals(String.valueOf(y))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void anExportOfAnOlderWarehouseReadsTheColumnsItLacksAsNull() throws Exception {
    Path older = tmp.resolve("older");
    Files.createDirectories(older.resolve("newslens.db"));
    Files.copy(warehouse.resolve(".newslens-warehouse"), older.resolve(".newslens-warehouse"));
    spark.table("newslens.entities").drop("theme").write().parquet(older.resolve("newslens.db/entities").toString());
    Path file = tmp.resolve("older.duckdb");
    SampleWarehouse.stdout(0, "export-duckdb", "--warehouse", older.toString(), "--out", file.toString());
    try (Connection duck = DuckDbExport.openReadOnly(file); Statement s = duck.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), count(theme), count(canonical_name) FROM newslens.entities")) {
      assertThat(r.next()).isTrue();
      long entities = spark.table("newslens.entities").count();
      assertThat(List.of(r.getLong(1), r.getLong(2), r.getLong(3))).containsExactly(entities, 0L, entities);
    }
  }

  @Test
  void theViewsAnswerTheirQuestions() {
    assertThat(Views.present(spark)).extracting(Views.View::name)
        .containsExactly("top_pairs", "entity_timeline", "top_entities", "topic_overview", "doc_context");
    // doc_context: the evidence sentence holds the mention, at its offsets within the sentence.
    List<Row> wrong = spark.sql("SELECT doc_id, surface, sentence, begin_in_sentence FROM newslens.doc_context "
        + "WHERE substring(sentence, begin_in_sentence + 1, end_in_sentence - begin_in_sentence) <> surface "
        + "OR begin_in_sentence < 0 OR end_in_sentence > length(sentence)").collectAsList();
    assertThat(wrong).isEmpty();
    assertThat(spark.sql("SELECT count(DISTINCT begin_in_sentence) FROM newslens.doc_context").first().getLong(0)).isGreaterThan(10);
    assertThat(spark.sql("SELECT count(*) FROM newslens.doc_context").first().getLong(0))
        .isEqualTo(spark.sql("SELECT count(*) FROM newslens.entity_mentions").first().getLong(0));
    assertThat(spark.sql("SELECT max(length(sentence)) FROM newslens.doc_context").first().getInt(0)).isLessThan(5000);
    // top_entities: rank 1 of each period and type has the most mentions there.
    assertThat(spark.sql("""
        SELECT t.period, t.entity_type FROM newslens.top_entities t
        JOIN (SELECT period, entity_type, max(mentions) AS most FROM newslens.entity_timeline GROUP BY period, entity_type) x
          ON t.period = x.period AND t.entity_type = x.entity_type
        WHERE t.rank = 1 AND t.mentions <> x.most""").count()).isZero();
    // topic_overview: one row per topic, with terms, a theme and the month of its peak share.
    assertThat(spark.sql("SELECT count(*) FROM newslens.topic_overview").first().getLong(0))
        .isEqualTo(spark.sql("SELECT count(*) FROM newslens.topics").first().getLong(0));
    Row energy = spark.sql("SELECT top_terms, peak_period, docs FROM newslens.topic_overview WHERE model = 'energy' "
        + "ORDER BY prevalence DESC LIMIT 1").first();
    assertThat(energy.getString(0).split(", ")).hasSize(10);
    assertThat(energy.getString(1)).matches("\\d{4}-\\d{2}");
    assertThat(energy.getLong(2)).isPositive();
  }

  @Test
  void tablesAndDescribeReportRowsSizePartitionsAndColumnComments() {
    String tables = SampleWarehouse.stdout(0, "tables", "--warehouse", warehouse.toString());
    long docs = spark.sql("SELECT count(*) FROM newslens.documents").first().getLong(0);
    assertThat(tables).containsPattern("newslens\\.documents\\s+" + docs + "\\s+[\\d.]+ [KM]B\\s+\\d+\\s+1\\d\\d\\s+" + DocumentsTable.SCHEMA.size())
        .contains("views: newslens.top_pairs").contains("newslens.doc_context");
    String described = SampleWarehouse.stdout(0, "describe", "newslens.entity_mentions", "--warehouse", warehouse.toString());
    assertThat(described).contains("partitions").contains("by period")
        .containsPattern("sentence_begin\\s+int\\s+not null\\s+Offset of the sentence's first character");
    assertThat(SampleWarehouse.stdout(0, "describe", "doc_context", "--warehouse", warehouse.toString()))
        .contains("view newslens.doc_context").contains("sentence").contains("substring(d.text");
    assertThat(Main.run("describe", "nope", "--warehouse", warehouse.toString())).isEqualTo(Main.USAGE_ERROR);
  }

  @Test
  void sqlRunsFilesWritesParquetAndNamesTheTablesOnErrors() throws IOException {
    Path script = Files.writeString(tmp.resolve("q.sql"), """
        -- a comment; with a semicolon
        SELECT 'a;b' AS s;
        /* block; comment */ SELECT count(*) AS n FROM newslens.documents;
        """);
    String printed = SampleWarehouse.stdout(0, "sql", "-f", script.toString(), "--output", "csv", "--warehouse", warehouse.toString());
    long docs = spark.sql("SELECT count(*) FROM newslens.documents").first().getLong(0);
    assertThat(printed.lines().toList()).containsExactly("s", "a;b", "n", String.valueOf(docs));

    Path out = tmp.resolve("entities-parquet");
    SampleWarehouse.stdout(0, "sql", "-e", "SELECT entity_id, mention_count FROM newslens.entities",
        "--output", "parquet:" + out, "--warehouse", warehouse.toString());
    assertThat(spark.read().parquet(out.toString()).count())
        .isEqualTo(spark.sql("SELECT count(*) FROM newslens.entities").first().getLong(0));
    assertThat(Main.run("sql", "-e", "SELECT 1", "--output", "parquet:" + out, "--warehouse", warehouse.toString()))
        .as("an existing output folder is refused").isEqualTo(Main.USAGE_ERROR);

    assertThat(Main.run("sql", "SELECT nope FROM newslens.documents", "--warehouse", warehouse.toString())).isEqualTo(Main.USAGE_ERROR);
    assertThat(Main.run("sql", "SELECT * FROM newslens.nope", "--warehouse", warehouse.toString())).isEqualTo(Main.USAGE_ERROR);
    assertThat(Main.run("sql", "SELECT 1", "--output", "xml", "--warehouse", warehouse.toString())).isEqualTo(Main.USAGE_ERROR);
  }

  @Test
  void analysisErrorsCarryTheListOfTables() {
    var e = org.assertj.core.api.Assertions.catchThrowableOfType(UserException.class,
        () -> SqlCommand.execute(spark, "SELECT * FROM newslens.documentz", "newslens.documents, newslens.runs"));
    assertThat(e.getMessage()).contains("documentz").contains("Tables: newslens.documents, newslens.runs");
  }

  @Test
  void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
    assertThat(SqlCommand.splitStatements("SELECT ';' ; SELECT \"a;\" -- x;y\n; /* ; */ SELECT `c;d` FROM t;;"))
        .containsExactly("SELECT ';'", "SELECT \"a;\"", "SELECT `c;d` FROM t");
    assertThat(SqlCommand.splitStatements("SELECT 'it\\'s; fine'")).containsExactly("SELECT 'it\\'s; fine'");
  }

  @Test
  void serveSqlIsLoopbackAndReadOnly() throws Exception {
    var tables = org.newslens.jobs.spark.WarehouseCatalog.registerAll(spark,
        org.newslens.jobs.spark.Warehouse.at(warehouse.toString(), spark.sparkContext().hadoopConfiguration()));
    var server = SqlEndpoint.start(ReadOnlySql.over(spark), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        ServeSqlCommand.known(spark, tables), SqlEndpoint.Limits.of(java.time.Duration.ofSeconds(60), 4, java.util.Optional.empty()));
    try {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      String base = "http://127.0.0.1:" + server.address().getPort();
      HttpClient http = HttpClient.newHttpClient();
      var ok = http.send(HttpRequest.newBuilder(URI.create(base + "/sql?format=csv"))
          .POST(HttpRequest.BodyPublishers.ofString("SELECT count(*) AS n FROM newslens.documents")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body().lines().toList())
          .containsExactly("n", String.valueOf(spark.sql("SELECT count(*) FROM newslens.documents").first().getLong(0)));
      var json = http.send(HttpRequest.newBuilder(URI.create(base + "/sql?limit=2&q="
          + java.net.URLEncoder.encode("SELECT entity_id FROM newslens.entities ORDER BY entity_id", "UTF-8"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(json.body().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"entity_id\":"));
      for (String write : List.of("DROP TABLE newslens.documents", "INSERT INTO newslens.runs SELECT * FROM newslens.runs",
          "WITH x AS (SELECT 1) INSERT INTO newslens.runs SELECT * FROM newslens.runs", "SELECT 1; DROP TABLE newslens.documents")) {
        int status = http.send(HttpRequest.newBuilder(URI.create(base + "/sql")).POST(HttpRequest.BodyPublishers.ofString(write)).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(status).as(write).isIn(400, 403);
      }
      assertThat(spark.catalog().tableExists(Tables.DATABASE, "documents")).isTrue();
      var bad = http.send(HttpRequest.newBuilder(URI.create(base + "/sql")).POST(HttpRequest.BodyPublishers.ofString("SELECT nope FROM newslens.documents")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("nope").contains("newslens.documents");
    } finally {
      server.stop();
    }
  }
}
