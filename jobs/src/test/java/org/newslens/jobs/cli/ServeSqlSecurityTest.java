package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newslens.jobs.SampleWarehouse;
import org.newslens.jobs.SparkTestSession;
import org.newslens.jobs.spark.Warehouse;
import org.newslens.jobs.spark.WarehouseCatalog;

/**
 * {@code serve-sql} against escape attempts on the sample warehouse: the statements of {@code
 * serve-sql/escapes.txt} (files by path, reflection, settings, jars, functions, writes, comment and
 * Unicode tricks), a query that would run for minutes, a huge result, slow and malformed clients,
 * missing tokens. Each is refused with its status and message, and the server answers a count of
 * the documents after it; reading queries on the tables and views still run.
 */
class ServeSqlSecurityTest {

  private static final String TOKEN = "s3cret-token-for-tests-0123456789";
  private static final String COUNT = "SELECT count(*) FROM newslens.documents";

  /** The main test server's caps: 1000 rows and 64 KiB an answer. */
  private static final SqlEndpoint.Limits LIMITS =
      new SqlEndpoint.Limits(
          Duration.ofSeconds(120), 4, 1000, 64 << 10, 1 << 20, Optional.of(TOKEN));

  /** A second server's: 4 s a query, 2 at once. */
  private static final SqlEndpoint.Limits TIMED =
      new SqlEndpoint.Limits(Duration.ofSeconds(4), 2, 1000, 64 << 10, 1 << 20, Optional.of(TOKEN));

  private static SparkSession spark;
  private static Path warehouse;
  private static long documents;
  private static SqlEndpoint server;
  private static SqlEndpoint timedServer;
  private static EndpointClient client;
  private static EndpointClient timed;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.get();
    warehouse = SampleWarehouse.open();
    var tables =
        WarehouseCatalog.registerAll(
            spark, Warehouse.at(warehouse.toString(), spark.sparkContext().hadoopConfiguration()));
    documents = spark.sql(COUNT).first().getLong(0);
    var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    String known = ServeSqlCommand.known(spark, tables);
    server = SqlEndpoint.start(ReadOnlySql.over(spark), loopback, known, LIMITS);
    timedServer = SqlEndpoint.start(ReadOnlySql.over(spark), loopback, known, TIMED);
    client = new EndpointClient(server, TOKEN);
    timed = new EndpointClient(timedServer, TOKEN);
  }

  @AfterAll
  static void stop() {
    server.stop();
    timedServer.stop();
  }

  /** The lines of escapes.txt as (statement, status, message). */
  static Stream<Arguments> escapes() throws IOException {
    String documentsDir = warehouse.resolve("newslens.db/documents").toString();
    var resource = ServeSqlSecurityTest.class.getResourceAsStream("/serve-sql/escapes.txt");
    List<Arguments> escapes = new ArrayList<>();
    for (String line : new String(resource.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(" \\| ", 3);
      String statement = unescape(fields[2]).replace("${DOCUMENTS}", documentsDir);
      escapes.add(Arguments.of(statement, Integer.parseInt(fields[0]), fields[1]));
    }
    assertThat(escapes).hasSizeGreaterThanOrEqualTo(50);
    return escapes.stream();
  }

  private static String unescape(String s) {
    var unicode = Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(s);
    String chars = unicode.replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
    return chars.replace("\\n", "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapes")
  void eachEscapeIsRefusedWithItsReasonAndTheServerStillAnswers(
      String statement, int status, String message) throws Exception {
    HttpResponse<String> answer = client.post(statement, "");
    assertThat(answer.statusCode())
        .as("status of %s; body: %s", statement, answer.body())
        .isEqualTo(status);
    assertThat(answer.body()).as(statement).contains(message);
    client.assertCounts(COUNT, documents);
  }

  @Test
  void theSessionItselfHasNoPathTablesNorReflectionAndTheSharedOneKeepsThem() {
    SparkSession guarded = ReadOnlySql.over(spark).session();
    assertThat(failure(guarded, "SELECT reflect('java.lang.String', 'valueOf', 1)"))
        .hasMessageContaining("UNRESOLVED_ROUTINE");
    assertThat(failure(guarded, "SELECT java_method('java.lang.String', 'valueOf', 1)"))
        .hasMessageContaining("UNRESOLVED_ROUTINE");
    assertThat(failure(guarded, "SELECT value FROM text.`/etc/hostname`"))
        .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(failure(guarded, "SELECT * FROM python_worker_logs()"))
        .hasMessageContaining("python_worker_logs");
    assertThat(guarded.sql(COUNT).first().getLong(0)).isEqualTo(documents);
    assertThat(guarded.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
    assertThat(spark.sql("SELECT reflect('java.lang.String', 'valueOf', 7)").first().getString(0))
        .isEqualTo("7");
    assertThat(spark.conf().get("spark.sql.runSQLOnFiles")).isEqualTo("true");
  }

  private static Throwable failure(SparkSession session, String statement) {
    return catchThrowable(() -> session.sql(statement).collect());
  }

  @Test
  void readingQueriesOnTheTablesAndViewsStillWork() throws Exception {
    List<String> queries = new ArrayList<>(SampleWarehouse.readmeQueries());
    queries.addAll(
        List.of(
            "WITH d AS (SELECT period FROM newslens.documents) SELECT period, count(*) FROM d"
                + " GROUP BY period",
            "SHOW TABLES IN newslens",
            "SHOW VIEWS IN newslens",
            "SHOW COLUMNS IN newslens.entities",
            "DESCRIBE TABLE EXTENDED newslens.top_pairs",
            "DESCRIBE QUERY SELECT 1 AS x",
            "SELECT * FROM newslens.doc_context LIMIT 3",
            "SELECT * FROM newslens.entity_timeline LIMIT 3",
            "SELECT * FROM newslens.topic_overview",
            "SELECT id, sum(id) OVER (ORDER BY id) FROM range(5)",
            "SELECT * FROM VALUES (1, 'a') AS t(n, s)",
            "SELECT x FROM explode(array(1, 2)) AS t(x)",
            "TABLE newslens.entities",
            "SELECT canonical_name FROM newslens.entities WHERE entity_id IN"
                + " (SELECT entity_id FROM newslens.entity_mentions)",
            "SELECT 'insert; drop' AS s, input_file_name() FROM newslens.documents LIMIT 1"));
    for (String q : queries) {
      HttpResponse<String> answer = client.post(q, "");
      assertThat(answer.statusCode()).as("status of %s; body: %s", q, answer.body()).isEqualTo(200);
    }
    assertThat(client.post("SHOW TABLES IN newslens", "&format=csv").body())
        .contains("documents")
        .contains("top_pairs");
    assertThat(client.post("DESCRIBE newslens.documents", "&format=csv").body()).contains("doc_id");
    assertThat(client.post("EXPLAIN SELECT * FROM newslens.top_entities WHERE rank = 1", "").body())
        .contains("Physical Plan");
  }

  @Test
  void xmlFunctionsDoNotResolveExternalEntities() throws Exception {
    String entity = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
    HttpResponse<String> answer =
        client.post(
            "SELECT xpath_string('"
                + entity
                + "<a>&x;</a>', 'a') AS x, "
                + "from_xml('"
                + entity
                + "<a><b>&x;</b></a>', 'b STRING') AS y",
            "&format=csv");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("root:");
  }

  @Test
  void aMissingOrWrongTokenIsAnswered401() throws Exception {
    for (String token : new String[] {null, "", "wrong-token-wrong-token", TOKEN + "x", "s3cret"}) {
      HttpResponse<String> answer = client.post(COUNT, "", token);
      assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
      assertThat(answer.body()).contains("missing or wrong token");
      assertThat(answer.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"newslens\"");
    }
    assertThat(client.get("/tables", null).statusCode()).isEqualTo(401);
    assertThat(client.get("/tables", "wrong-token-wrong-token").statusCode()).isEqualTo(401);
    assertThat(
            client.raw(
                "GET /tables HTTP/1.1\r\nHost: x\r\nAuthorization: bearer " + TOKEN + "\r\n\r\n"))
        .startsWith("HTTP/1.1 200")
        .contains("newslens.documents")
        .contains("views: newslens.top_pairs");
    client.assertCounts(COUNT, documents);
  }

  @Test
  void aQueryOfMinutesIsCancelledAtTheLimitAndOneBeyondTheCapIsRefusedAtOnce() throws Exception {
    // 10^14 rows against a broadcast side: minutes of work, nothing buffered or spilled
    String forever = "SELECT count(*) FROM range(100000000000) a CROSS JOIN range(1000) b";
    long started = System.nanoTime();
    var running = List.of(timed.postAsync(forever), timed.postAsync(forever));
    var tracker = spark.sparkContext().statusTracker();
    while (tracker.getActiveJobIds().length < 2 && System.nanoTime() - started < 3e9) {
      Thread.sleep(20);
    }
    HttpResponse<String> third = timed.post(COUNT, "");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).contains("busy: 2 queries are running (--max-concurrent)");
    for (var answer : running) {
      assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(503);
      assertThat(answer.get().body())
          .contains("query cancelled: it ran longer than the 4 s limit (--query-timeout)");
    }
    assertThat((System.nanoTime() - started) / 1e9).as("seconds to the answers").isLessThan(15);
    long cancelled = System.nanoTime();
    while (tracker.getActiveStageIds().length > 0 && System.nanoTime() - cancelled < 30e9) {
      Thread.sleep(100);
    }
    assertThat(tracker.getActiveStageIds()).as("stages running 30 s after the cancel").isEmpty();
    timed.assertCounts(COUNT, documents);
  }

  @Test
  void hugeResultsAreCutAtTheRowAndByteCaps() throws Exception {
    HttpResponse<String> rows =
        client.post("SELECT id FROM range(100000000)", "&format=csv&limit=1000000000");
    assertThat(rows.statusCode()).isEqualTo(200);
    assertThat(rows.body().lines()).hasSize(1 + LIMITS.maxRows());
    assertThat(rows.headers().firstValue("X-Newslens-Truncated")).hasValue("rows");
    HttpResponse<String> bytes =
        client.post("SELECT repeat('x', 1000) AS s FROM range(100000)", "&limit=100000");
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.body().length()).isBetween(60_000, (int) LIMITS.maxResponseBytes());
    assertThat(bytes.body().lines())
        .allMatch(l -> l.equals("{\"s\":\"" + "x".repeat(1000) + "\"}"));
    assertThat(bytes.headers().firstValue("X-Newslens-Truncated")).hasValue("bytes");
    assertThat(bytes.headers().firstValue("X-Newslens-Rows"))
        .hasValue(String.valueOf(bytes.body().lines().count()));
    client.assertCounts(COUNT, documents);
  }

  @Test
  void slowClientsHoldNoQuerySlotAndOthersAreStillAnswered() throws Exception {
    String auth = "Authorization: Bearer " + TOKEN + "\r\n";
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) { // twice the four threads of the server before
        Socket s = new Socket(InetAddress.getLoopbackAddress(), client.port());
        String head =
            i % 2 == 0
                ? "POST /sql HTTP/1.1\r\nHost: x\r\nAuthor" // headers never end
                : "POST /sql HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 100\r\n\r\nSELECT ";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
      }
      for (int round = 0; round < 3; round++) {
        for (Socket s : slow) {
          s.getOutputStream().write('i');
          s.getOutputStream().flush();
        }
        long started = System.nanoTime();
        client.assertCounts(COUNT, documents);
        assertThat((System.nanoTime() - started) / 1e9).as("seconds to answer").isLessThan(20);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void malformedRequestsAreAnsweredAndDoNotStopTheServer() throws Exception {
    String auth = "Authorization: Bearer " + TOKEN + "\r\n";
    assertThat(client.raw("\u0000\u0001\u00ffgarbage\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(client.raw("\u0000\u0001\u00ff garbage \r\n\r\n")).startsWith("HTTP/1.1 404");
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    client.raw(new String(noise, StandardCharsets.ISO_8859_1)); // any answer, or none, will do
    assertThat(client.raw("GET /sql?q=%ZZ HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(client.raw("POST /sql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(
            client.raw("POST /sql HTTP/1.1\r\n" + auth + "Content-Length: 2000000\r\n\r\nSELECT"))
        .startsWith("HTTP/1.1 413")
        .contains("the statement is longer than 1048576 bytes");
    assertThat(client.raw("DELETE /sql HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"))
        .startsWith("HTTP/1.1 405")
        .contains("use POST /sql");
    assertThat(client.post("SELECT 1", "&format=xml").body())
        .contains("format=xml is not json or csv");
    client.assertCounts(COUNT, documents);
  }

  @Test
  void anotherAddressThanLoopbackNeedsAToken() {
    String err = stderr(2, "serve-sql", "--bind", "0.0.0.0", "--warehouse", tmp.toString());
    assertThat(err.lines().toList())
        .containsExactly(
            "newslens serve-sql: --bind 0.0.0.0 is not a loopback address: give --token TOKEN"
                + " (or set NEWSLENS_SQL_TOKEN) so that only clients sending it can query");
    assertThat(stderr(2, "serve-sql", "--token", "short", "--warehouse", tmp.toString()))
        .contains("--token must have at least 16 characters");
    assertThat(stderr(2, "serve-sql", "--query-timeout", "0", "--warehouse", tmp.toString()))
        .contains("--query-timeout 0 must be at least 1 second");
    assertThat(stderr(2, "serve-sql", "--max-concurrent", "0", "--warehouse", tmp.toString()))
        .contains("--max-concurrent 0 must be between 1 and 64");
  }

  /** Runs the command line and returns what it printed on standard error, asserting its exit. */
  private static String stderr(int expectedExit, String... args) {
    var old = System.err;
    var err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run(args);
    } finally {
      System.setErr(old);
    }
    assertThat(exit)
        .as("exit of %s; printed: %s", String.join(" ", args), err)
        .isEqualTo(expectedExit);
    return err.toString(StandardCharsets.UTF_8);
  }
}
