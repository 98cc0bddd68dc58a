package org.newslens.jobs.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.newslens.jobs.spark.Views;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code newslens serve-sql}: a read-only SQL endpoint over HTTP for scripts and dashboards on this
 * machine ({@code POST /sql} with the query as body, {@code GET /tables}). It binds the loopback
 * address unless {@code --bind} says otherwise, has no authentication, and runs only reading
 * statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN), one per request.
 */
@Command(name = "serve-sql", description = {
    "Serve read-only SQL over HTTP on 127.0.0.1 (POST /sql with the query as body; ?format=json|csv&limit=N; GET /tables).",
    "No authentication: --bind another address only on a network you trust."})
public final class ServeSqlCommand implements Callable<Integer> {

  /** Statements the endpoint runs: reading ones only. */
  static final Pattern READ_ONLY = Pattern.compile("(?is)^\\s*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN)\\b.*");

  /** A CTE may front an INSERT in Spark SQL: refuse any statement that names one. */
  static final Pattern WRITES = Pattern.compile("(?is).*\\b(INSERT|OVERWRITE)\\b.*");

  /** Rows a request returns at most, whatever its limit asks. */
  static final int MAX_ROWS = 100_000;

  @Mixin JobOptions job;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Option(names = "--port", paramLabel = "N", defaultValue = "10100", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new UserException("--port " + port + " is not a port number");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new UserException("--bind " + bind + " is not an address of this machine: " + e.getMessage(), e);
    }
    SparkSession spark = job.session("serve-sql");
    var tables = WarehouseCatalog.openForReading(spark, job.warehouse(spark));
    HttpServer server = start(spark, new InetSocketAddress(address, port), known(spark, tables));
    if (!address.isLoopbackAddress()) {
      System.err.println("warning: serving on " + bind + " without authentication; anyone who can reach it can read the tables");
    }
    System.out.println("serving " + tables.size() + " tables on http://" + server.getAddress().getHostString() + ":"
        + server.getAddress().getPort() + "/sql (read-only; Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  static String known(SparkSession spark, List<org.newslens.common.schema.TableSpec> tables) {
    return String.join(", ", tables.stream().map(t -> t.qualifiedName()).toList())
        + "; views: " + String.join(", ", Views.present(spark).stream().map(Views.View::qualifiedName).toList());
  }

  /** Starts the endpoint on {@code address} over the tables registered in {@code spark}. */
  static HttpServer start(SparkSession spark, InetSocketAddress address, String known) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "serve-sql");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/tables", exchange -> respond(exchange, 200, "text/plain", known + "\n"));
    server.createContext("/sql", exchange -> {
      try {
        handle(spark, exchange, known);
      } catch (RuntimeException e) {
        respond(exchange, 500, "text/plain", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "\n");
      }
    });
    server.start();
    return server;
  }

  private static void handle(SparkSession spark, HttpExchange exchange, String known) throws IOException {
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String sql = exchange.getRequestMethod().equals("POST") ? body : params.getOrDefault("q", "");
    List<String> statements = SqlCommand.splitStatements(sql);
    if (statements.size() != 1) {
      respond(exchange, 400, "text/plain", "send exactly one statement (as the POST body or ?q=)\n");
      return;
    }
    if (!READ_ONLY.matcher(statements.get(0)).matches() || WRITES.matcher(statements.get(0)).matches()) {
      respond(exchange, 403, "text/plain", "read-only endpoint: only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN run here\n");
      return;
    }
    String format = params.getOrDefault("format", "json").toLowerCase(Locale.ROOT);
    if (!format.equals("json") && !format.equals("csv")) {
      respond(exchange, 400, "text/plain", "format=" + format + " is not json or csv\n");
      return;
    }
    int limit;
    try {
      limit = Math.min(MAX_ROWS, Integer.parseInt(params.getOrDefault("limit", "1000")));
    } catch (NumberFormatException e) {
      respond(exchange, 400, "text/plain", "limit=" + params.get("limit") + " is not a number\n");
      return;
    }
    var buffer = new ByteArrayOutputStream();
    try (var out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      new QueryOutput(format.equals("csv") ? QueryOutput.Kind.CSV : QueryOutput.Kind.JSON, null)
          .emit(SqlCommand.execute(spark, statements.get(0), known), Math.max(0, limit), out);
    } catch (UserException e) {
      respond(exchange, 400, "text/plain", e.getMessage() + "\n");
      return;
    }
    respond(exchange, 200, format.equals("csv") ? "text/csv" : "application/x-ndjson", buffer.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> params(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    return java.util.Arrays.stream(rawQuery.split("&"))
        .map(kv -> kv.split("=", 2))
        .collect(Collectors.toMap(
            kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
            (a, b) -> b));
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
