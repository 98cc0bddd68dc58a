import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Times a query through DuckDB's JDBC driver on a newslens DuckDB export: the first run (cold
 * file cache of the process) and the best of the following runs. Prints "first_s best_s rows".
 *
 *   java -cp duckdb_jdbc.jar bench/SqlLatency.java FILE.duckdb RUNS "QUERY"
 */
public class SqlLatency {
  public static void main(String[] args) throws Exception {
    String file = args[0];
    int runs = Integer.parseInt(args[1]);
    String query = args[2];
    double first = 0;
    double best = Double.MAX_VALUE;
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly())) {
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        rows = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
          while (r.next()) {
            rows++;
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (i == 0) {
          first = seconds;
        } else {
          best = Math.min(best, seconds);
        }
      }
    }
    System.out.printf("%.3f %.3f %d%n", first, runs > 1 ? best : first, rows);
  }

  /** DuckDB's JDBC driver takes the read-only mode as a connection property. */
  private static java.util.Properties readOnly() {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("duckdb.read_only", "true");
    return props;
  }
}
