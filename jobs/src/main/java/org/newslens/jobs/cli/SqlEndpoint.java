package org.newslens.jobs.cli;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code serve-sql}: {@code POST /sql} (the statement as the body) or {@code GET
 * /sql?q=...}, and {@code GET /tables}, each behind the bearer token when there is one. Statements
 * pass {@link ReadOnlySql} and run through {@link TimedQueries}; answers are capped in rows and
 * bytes. Slow or broken clients hold one of {@link #HTTP_THREADS} threads at most for {@link
 * #MAX_REQUEST_SECONDS}, never a query slot.
 */
final class SqlEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(SqlEndpoint.class);

  /** Threads reading requests and writing answers (queries run on {@link TimedQueries}' own). */
  static final int HTTP_THREADS = 32;

  /** Seconds a client has to send a whole request before the JDK server drops the connection. */
  static final int MAX_REQUEST_SECONDS = 30;

  /**
   * What one endpoint allows.
   *
   * @param queryTimeout longest a query runs before it is cancelled ({@code --query-timeout})
   * @param maxConcurrent queries running at once; one more is answered 429 ({@code
   *     --max-concurrent})
   * @param maxRows rows an answer holds at most, whatever {@code limit} asks
   * @param maxResponseBytes bytes an answer holds at most (whole lines)
   * @param maxRequestBytes bytes of a statement at most; a longer one is answered 413
   * @param token the bearer token every request must carry, if any ({@code --token})
   */
  record Limits(
      Duration queryTimeout,
      int maxConcurrent,
      int maxRows,
      long maxResponseBytes,
      int maxRequestBytes,
      Optional<String> token) {

    /** Rows an answer holds at most. */
    static final int MAX_ROWS_DEFAULT = 100_000;

    /** Bytes an answer holds at most: 64 MiB. */
    static final long MAX_RESPONSE_BYTES_DEFAULT = 64L << 20;

    /** Bytes a statement holds at most: 1 MiB. */
    static final int MAX_REQUEST_BYTES_DEFAULT = 1 << 20;

    /** Shortest token accepted. */
    static final int MIN_TOKEN_CHARS = 16;

    Limits {
      if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new UserException(
            "--query-timeout " + queryTimeout.toSeconds() + " must be at least 1 second");
      }
      if (maxConcurrent < 1 || maxConcurrent > 64) {
        throw new UserException("--max-concurrent " + maxConcurrent + " must be between 1 and 64");
      }
      if (maxRows < 0 || maxResponseBytes < 1 || maxRequestBytes < 1) {
        throw new IllegalArgumentException("row and byte caps must be positive");
      }
      if (token.isPresent() && token.get().length() < MIN_TOKEN_CHARS) {
        throw new UserException(
            "--token must have at least "
                + MIN_TOKEN_CHARS
                + " characters, e.g. from: openssl rand -hex 24");
      }
    }

    /** The default caps with this timeout, concurrency and token. */
    static Limits of(Duration queryTimeout, int maxConcurrent, Optional<String> token) {
      return new Limits(
          queryTimeout,
          maxConcurrent,
          MAX_ROWS_DEFAULT,
          MAX_RESPONSE_BYTES_DEFAULT,
          MAX_REQUEST_BYTES_DEFAULT,
          token);
    }
  }

  private final HttpServer server;
  private final TimedQueries queries;
  private final ThreadPoolExecutor httpThreads;

  private SqlEndpoint(HttpServer server, TimedQueries queries, ThreadPoolExecutor httpThreads) {
    this.server = server;
    this.queries = queries;
    this.httpThreads = httpThreads;
  }

  /**
   * Starts the endpoint on {@code address}; {@code known} lists the tables and views for /tables
   * and errors.
   */
  static SqlEndpoint start(ReadOnlySql sql, InetSocketAddress address, String known, Limits limits)
      throws IOException {
    // The JDK server reads these once, when its first instance is made; an operator's -D wins.
    setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    setIfAbsent(
        "sun.net.httpserver.maxRspTime", String.valueOf(limits.queryTimeout().toSeconds() + 120));
    HttpServer server = HttpServer.create(address, 64);
    var httpThreads =
        new ThreadPoolExecutor(
            HTTP_THREADS,
            HTTP_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(2 * HTTP_THREADS),
            r -> {
              Thread t = new Thread(r, "serve-sql-http");
              t.setDaemon(true);
              return t;
            }); // beyond the queue the JDK server closes new connections at once
    httpThreads.allowCoreThreadTimeOut(true);
    server.setExecutor(httpThreads);
    var queries =
        new TimedQueries(
            sql.session().sparkContext(), limits.maxConcurrent(), limits.queryTimeout());
    var handler = new SqlHandler(sql, queries, known, limits);
    Filter auth = new BearerToken(limits.token());
    server
        .createContext(
            "/tables", guarded(exchange -> Http.respond(exchange, 200, Http.TEXT, known + "\n")))
        .getFilters()
        .add(auth);
    server.createContext("/sql", guarded(handler)).getFilters().add(auth);
    server.start();
    LOG.info(
        "serve-sql listening on {} (token {})",
        server.getAddress(),
        limits.token().isPresent() ? "required" : "not required");
    return new SqlEndpoint(server, queries, httpThreads);
  }

  /** The address and port the endpoint listens on. */
  InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops listening and ends the endpoint's threads. */
  void stop() {
    server.stop(0);
    httpThreads.shutdownNow();
    queries.shutdown();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Ends every exchange, answering 500 for a failure no handler expected. */
  private static HttpHandler guarded(HttpHandler handler) {
    return exchange -> {
      try {
        handler.handle(exchange);
      } catch (RuntimeException | StackOverflowError e) {
        LOG.warn("serve-sql: {} failed", exchange.getRequestURI().getPath(), e);
        try {
          Http.respond(
              exchange,
              500,
              Http.TEXT,
              e.getClass().getSimpleName()
                  + ": "
                  + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                  + "\n");
        } catch (IOException | RuntimeException ignored) {
          // the answer was under way or the client has gone: nothing more to tell it
        }
      } finally {
        exchange.close();
      }
    };
  }

  /** Answers 401 unless the request carries the token; compares digests in constant time. */
  private static final class BearerToken extends Filter {
    private final Optional<byte[]> expected;

    BearerToken(Optional<String> token) {
      this.expected = token.map(BearerToken::sha256);
    }

    @Override
    public String description() {
      return "bearer token";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      if (expected.isEmpty() || matches(exchange.getRequestHeaders().getFirst("Authorization"))) {
        chain.doFilter(exchange);
        return;
      }
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"newslens\"");
      Http.respond(
          exchange,
          401,
          Http.TEXT,
          "missing or wrong token: send the header 'Authorization: Bearer <token>'\n");
      exchange.close();
    }

    private boolean matches(String header) {
      String prefix = "bearer ";
      if (header == null
          || header.length() < prefix.length()
          || !header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
        return false;
      }
      return MessageDigest.isEqual(
          sha256(header.substring(prefix.length()).strip()), expected.get());
    }

    private static byte[] sha256(String s) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }

  /** Small HTTP helpers shared by the handlers. */
  static final class Http {
    static final String TEXT = "text/plain";

    private Http() {}

    static void respond(HttpExchange exchange, int status, String type, String body)
        throws IOException {
      respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void respond(HttpExchange exchange, int status, String type, byte[] body)
        throws IOException {
      exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (var out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    /** The query string's parameters; throws IllegalArgumentException for a malformed escape. */
    static Map<String, String> params(String rawQuery) {
      if (rawQuery == null || rawQuery.isEmpty()) {
        return Map.of();
      }
      return Arrays.stream(rawQuery.split("&"))
          .map(kv -> kv.split("=", 2))
          .collect(
              Collectors.toMap(
                  kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                  kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
                  (a, b) -> b));
    }
  }
}
