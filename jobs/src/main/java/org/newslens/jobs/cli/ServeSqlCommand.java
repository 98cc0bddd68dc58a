package org.newslens.jobs.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.TableSpec;
import org.newslens.jobs.spark.Views;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code newslens serve-sql}: read-only SQL over HTTP ({@code POST /sql} with the query as body,
 * {@code GET /tables}) on the loopback address unless {@code --bind} says otherwise. Statements
 * pass {@link ReadOnlySql}; {@link SqlEndpoint} enforces the token, the time limit and the caps.
 * Any other address than loopback needs a token.
 */
@Command(
    name = "serve-sql",
    description = {
      "Serve read-only SQL over HTTP on 127.0.0.1 (POST /sql with the query as body;"
          + " ?format=json|csv&limit=N; GET /tables).",
      "Only reading statements on the warehouse's tables run (SELECT, WITH, SHOW, DESCRIBE,"
          + " EXPLAIN); no file paths, no reflection.",
      "Another --bind address than loopback needs --token (or NEWSLENS_SQL_TOKEN): clients send"
          + " 'Authorization: Bearer TOKEN'."
    })
public final class ServeSqlCommand implements Callable<Integer> {

  /** Environment variable read when {@code --token} is not given. */
  public static final String TOKEN_ENV = "NEWSLENS_SQL_TOKEN";

  /** Seconds a query runs at most by default. */
  public static final int QUERY_TIMEOUT_DEFAULT = 60;

  /** Queries running at once by default. */
  public static final int MAX_CONCURRENT_DEFAULT = 4;

  @Mixin JobOptions job;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; any other needs"
              + " --token).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "10100",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:" + TOKEN_ENV + "}",
      description =
          "Bearer token every request must send (default: $"
              + TOKEN_ENV
              + "; at least 16 characters). "
              + "Required unless --bind is a loopback address.")
  String token;

  @Option(
      names = "--query-timeout",
      paramLabel = "SECONDS",
      defaultValue = "" + QUERY_TIMEOUT_DEFAULT,
      description = "Cancel a query that runs longer (default: ${DEFAULT-VALUE}).")
  int queryTimeout;

  @Option(
      names = "--max-concurrent",
      paramLabel = "N",
      defaultValue = "" + MAX_CONCURRENT_DEFAULT,
      description =
          "Queries running at once; more are answered 429 at once (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Override
  public Integer call() throws Exception {
    InetAddress address = address();
    SqlEndpoint.Limits limits = limits(address);
    SparkSession spark = job.session("serve-sql");
    var tables = WarehouseCatalog.openForReading(spark, job.warehouse(spark));
    SqlEndpoint endpoint =
        SqlEndpoint.start(
            ReadOnlySql.over(spark),
            new InetSocketAddress(address, port),
            known(spark, tables),
            limits);
    System.out.println(
        "serving "
            + tables.size()
            + " tables on http://"
            + endpoint.address().getHostString()
            + ":"
            + endpoint.address().getPort()
            + "/sql (read-only; "
            + (limits.token().isPresent() ? "token required" : "no token")
            + "; Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  private InetAddress address() {
    if (port < 0 || port > 65_535) {
      throw new UserException("--port " + port + " is not a port number");
    }
    try {
      return InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new UserException(
          "--bind " + bind + " is not an address of this machine: " + e.getMessage(), e);
    }
  }

  /** The endpoint's limits; refuses a non-loopback address without a token before Spark starts. */
  SqlEndpoint.Limits limits(InetAddress address) {
    Optional<String> given =
        Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
    if (given.isEmpty() && !address.isLoopbackAddress()) {
      throw new UserException(
          "--bind "
              + bind
              + " is not a loopback address: give --token TOKEN (or set "
              + TOKEN_ENV
              + ") so that only clients sending it can query");
    }
    return SqlEndpoint.Limits.of(Duration.ofSeconds(queryTimeout), maxConcurrent, given);
  }

  /** The tables and views, as /tables and error messages list them. */
  static String known(SparkSession spark, List<TableSpec> tables) {
    return String.join(", ", tables.stream().map(TableSpec::qualifiedName).toList())
        + "; views: "
        + String.join(", ", Views.present(spark).stream().map(Views.View::qualifiedName).toList());
  }
}
