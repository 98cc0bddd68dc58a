package org.newslens.jobs.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.newslens.jobs.cli.SqlEndpoint.Http;
import org.newslens.jobs.cli.SqlEndpoint.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve-sql}'s {@code /sql}: one statement in ({@code POST} body or {@code ?q=}), its rows
 * out as JSON lines or CSV ({@code ?format=json|csv&limit=N}). Every refusal is a status and one
 * line of text: 400 not one statement or not SQL, 403 not read-only, 405 wrong method, 413 too
 * long, 429 all query slots taken, 503 cancelled at the time limit.
 */
final class SqlHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SqlHandler.class);

  /** Rows an answer holds unless {@code limit} says otherwise. */
  static final int DEFAULT_LIMIT = 1000;

  /** An answer other than 200, thrown from wherever the request is found wanting. */
  private static final class Answer extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Answer(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final ReadOnlySql sql;
  private final TimedQueries queries;
  private final String known;
  private final Limits limits;

  SqlHandler(ReadOnlySql sql, TimedQueries queries, String known, Limits limits) {
    this.sql = sql;
    this.queries = queries;
    this.known = known;
    this.limits = limits;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      answer(exchange);
    } catch (Answer a) {
      LOG.debug("serve-sql {}: {}", a.status, a.getMessage());
      Http.respond(exchange, a.status, Http.TEXT, a.getMessage() + "\n");
    }
  }

  private void answer(HttpExchange exchange) throws IOException, Answer {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "GET, POST");
      throw new Answer(
          405, "use POST /sql with the statement as the body, or GET /sql?q=STATEMENT");
    }
    Map<String, String> params;
    try {
      params = Http.params(exchange.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException e) {
      throw new Answer(400, "malformed query string: " + e.getMessage());
    }
    String statement = statement(exchange, method, params);
    QueryOutput.Kind kind = format(params);
    int limit = limit(params);
    LogicalPlan plan = check(statement);
    QueryOutput.Capped result = execute(statement, plan, kind, limit);
    exchange.getResponseHeaders().set("X-Newslens-Rows", String.valueOf(result.rows()));
    if (!result.cutBy().isEmpty()) {
      exchange.getResponseHeaders().set("X-Newslens-Truncated", result.cutBy());
    }
    Http.respond(
        exchange,
        200,
        kind == QueryOutput.Kind.CSV ? "text/csv" : "application/x-ndjson",
        result.body());
  }

  private String statement(HttpExchange exchange, String method, Map<String, String> params)
      throws IOException, Answer {
    String text;
    if (method.equals("POST")) {
      String declared =
          exchange.getRequestHeaders().getFirst("Content-Length"); // a number: the JDK checked it
      byte[] body =
          declared != null && Long.parseLong(declared) > limits.maxRequestBytes()
              ? null
              : exchange.getRequestBody().readNBytes(limits.maxRequestBytes() + 1);
      if (body == null || body.length > limits.maxRequestBytes()) {
        throw new Answer(
            413, "the statement is longer than " + limits.maxRequestBytes() + " bytes");
      }
      text = new String(body, StandardCharsets.UTF_8);
    } else {
      text = params.getOrDefault("q", "");
      if (text.length() > limits.maxRequestBytes()) {
        throw new Answer(
            413, "the statement is longer than " + limits.maxRequestBytes() + " bytes");
      }
    }
    List<String> statements = SqlCommand.splitStatements(text);
    if (statements.size() != 1) {
      throw new Answer(
          400, "send exactly one statement (as the POST body or ?q=); got " + statements.size());
    }
    return statements.get(0);
  }

  private static QueryOutput.Kind format(Map<String, String> params) throws Answer {
    String format = params.getOrDefault("format", "json").toLowerCase(Locale.ROOT);
    return switch (format) {
      case "json" -> QueryOutput.Kind.JSON;
      case "csv" -> QueryOutput.Kind.CSV;
      default -> throw new Answer(400, "format=" + format + " is not json or csv");
    };
  }

  private int limit(Map<String, String> params) throws Answer {
    try {
      int asked = Integer.parseInt(params.getOrDefault("limit", String.valueOf(DEFAULT_LIMIT)));
      return Math.max(0, Math.min(limits.maxRows(), asked));
    } catch (NumberFormatException e) {
      throw new Answer(400, "limit=" + params.get("limit") + " is not a number");
    }
  }

  private LogicalPlan check(String statement) throws Answer {
    try {
      return sql.check(statement);
    } catch (ReadOnlySql.Refused e) {
      throw new Answer(403, "refused: " + e.getMessage());
    } catch (Exception e) { // Spark's parse errors are checked exceptions Scala does not declare
      if (e instanceof AnalysisException parse) {
        throw new Answer(400, parse.getMessage().strip());
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private QueryOutput.Capped execute(
      String statement, LogicalPlan plan, QueryOutput.Kind kind, int limit) throws Answer {
    String description = "serve-sql: " + abbreviate(statement);
    try {
      return queries.run(
          description,
          () -> {
            try {
              return QueryOutput.capped(kind, sql.run(plan), limit, limits.maxResponseBytes());
            } catch (Exception e) { // AnalysisException is checked in Java's eyes
              if (e instanceof AnalysisException analysis) {
                throw new UserException(analysis.getSimpleMessage() + "\nTables: " + known, e);
              }
              throw e;
            }
          });
    } catch (TimedQueries.Busy e) {
      throw new Answer(
          429,
          "busy: "
              + limits.maxConcurrent()
              + " queries are running (--max-concurrent); try again shortly");
    } catch (TimedQueries.TimedOut e) {
      LOG.info(
          "serve-sql: cancelled after {} s: {}", limits.queryTimeout().toSeconds(), description);
      throw new Answer(
          503,
          "query cancelled: it ran longer than the "
              + limits.queryTimeout().toSeconds()
              + " s limit (--query-timeout); narrow it with WHERE or LIMIT");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Answer(503, "the server is stopping");
    } catch (UserException e) {
      throw new Answer(400, e.getMessage());
    }
  }

  private static String abbreviate(String statement) {
    String line = statement.replaceAll("\\s+", " ");
    return line.length() <= 100 ? line : line.substring(0, 99) + "…";
  }
}
