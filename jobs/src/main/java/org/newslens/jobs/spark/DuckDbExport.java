package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.cli.UserException;

/**
 * Writes a DuckDB database file holding schema {@code newslens} with one view per table over the
 * table's Parquet files (by absolute path) and the {@link Views} in DuckDB's dialect (for a file
 * named {@code newslens.duckdb}, database {@code newslens}'s main schema), so any JDBC
 * client (DBeaver, Tableau, Superset) or DuckDB itself opens the tables with no server. The file
 * holds no data: it always shows the tables' current versions, and moving the warehouse needs a
 * new export. Written to a temporary file and moved into place, so a reader never sees half a file.
 */
public final class DuckDbExport {

  /** What an export wrote. */
  public record Result(Path file, List<String> tables, List<String> views) {}

  /** The DuckDB names of the atomic Spark types the tables use. */
  private static final Map<DataType, String> ATOMIC_TYPES = Map.of(
      DataTypes.StringType, "VARCHAR", DataTypes.IntegerType, "INTEGER", DataTypes.LongType, "BIGINT",
      DataTypes.DoubleType, "DOUBLE", DataTypes.BooleanType, "BOOLEAN", DataTypes.TimestampType, "TIMESTAMP");

  private final Path databaseDir;

  private DuckDbExport(Path databaseDir) {
    this.databaseDir = databaseDir;
  }

  /** An export of {@code warehouse}, which must be on the local file system (DuckDB reads the files itself). */
  public static DuckDbExport of(Warehouse warehouse) {
    String scheme = warehouse.root().toUri().getScheme();
    if (scheme != null && !scheme.equals("file")) {
      throw new UserException("export-duckdb needs a warehouse on the local file system, not " + warehouse.root()
          + "; on a cluster, query the tables through --catalog hive (Thrift server, Trino) instead");
    }
    return new DuckDbExport(Path.of(warehouse.databaseDir().toUri()));
  }

  /**
   * Opens an exported file read-only, so several clients can share it. (DuckDB's JDBC driver takes
   * the mode as a connection property, {@code duckdb.read_only}; a URL suffix would name another file.)
   */
  public static Connection openReadOnly(Path file) throws SQLException {
    requireDriver();
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
  }

  /** Writes the database file {@code out}, replacing an earlier export. */
  public Result write(Path out) {
    requireDriver();
    Path dir = out.toAbsolutePath().getParent();
    // Built under the final file name (DuckDB names the database after it) in a hidden folder beside it.
    Path tmpDir = dir.resolve(".export-duckdb-" + UUID.randomUUID());
    Path tmp = tmpDir.resolve(out.getFileName());
    // A file named newslens.duckdb is database "newslens": then its main schema is what newslens.x names,
    // and a schema of the same name would make every newslens.x ambiguous.
    boolean databaseIsSchema = out.getFileName().toString().replaceFirst("\\.[^.]*$", "").equals(Tables.DATABASE);
    String prefix = databaseIsSchema ? "" : Tables.DATABASE + ".";
    List<String> tables = new ArrayList<>();
    List<String> views = new ArrayList<>();
    try {
      Files.createDirectories(tmpDir);
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp); Statement s = c.createStatement()) {
        if (!databaseIsSchema) {
          s.execute("CREATE SCHEMA " + Tables.DATABASE);
        }
        for (TableSpec table : Tables.ALL) {
          Path tableDir = databaseDir.resolve(table.name());
          if (Files.isDirectory(tableDir)) {
            s.execute("CREATE VIEW " + prefix + table.name() + " AS " + select(table, tableDir, s));
            tables.add(table.name());
          }
        }
        for (Views.View v : Views.ALL) {
          if (tables.containsAll(v.tables())) {
            s.execute("CREATE VIEW " + prefix + v.name() + " AS " + v.duckDbSql());
            views.add(v.name());
          }
        }
        s.execute("CHECKPOINT");
      }
      Files.deleteIfExists(Path.of(tmp + ".wal"));
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Result(out, tables, views);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB refused the export: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + out + " failed", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(Path.of(tmp + ".wal"));
        Files.deleteIfExists(tmpDir);
      } catch (IOException ignored) {
        // best effort: a stray temporary file is hidden and harmless
      }
    }
  }

  private static void requireDriver() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new UserException("DuckDB's JDBC driver is not on the classpath: bin/newslens has it; with a stock "
          + "spark-submit add --packages org.duckdb:duckdb_jdbc:1.4.2.0 (or --jars duckdb_jdbc-1.4.2.0.jar)", e);
    }
  }

  /** The view's query: the Parquet files with the declared columns in order, or a typed empty set. */
  static String select(TableSpec table, Path tableDir, Statement duck) throws IOException, SQLException {
    StructType schema = table.schema();
    if (!hasParquet(tableDir)) {
      return "SELECT " + Stream.of(schema.fields()).map(DuckDbExport::missing)
          .collect(Collectors.joining(", ")) + " WHERE false";
    }
    boolean partitioned = !table.partitionColumns().isEmpty();
    String glob = tableDir.resolve(partitioned ? "*=*/*.parquet" : "*.parquet").toString();
    String options = ", union_by_name = true" + (partitioned
        ? ", hive_partitioning = true, hive_types = {" + table.partitionColumns().stream()
            .map(p -> "'" + p + "': VARCHAR").collect(Collectors.joining(", ")) + "}"
        : ", hive_partitioning = false");
    String from = " FROM read_parquet(" + literal(glob) + options + ")";
    // A column the files lack (a table written by an older newslens) reads as NULL, as in Spark.
    Set<String> present = new HashSet<>();
    try (ResultSet r = duck.executeQuery("DESCRIBE SELECT *" + from)) {
      while (r.next()) {
        present.add(r.getString(1));
      }
    }
    return "SELECT " + Stream.of(schema.fields())
        .map(f -> present.contains(f.name()) ? quote(f.name()) : missing(f))
        .collect(Collectors.joining(", ")) + from;
  }

  private static String missing(StructField f) {
    return "CAST(NULL AS " + duckType(f.dataType()) + ") AS " + quote(f.name());
  }

  private static boolean hasParquet(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."));
    }
  }

  /** DuckDB's name for a Spark type. */
  static String duckType(DataType t) {
    if (t instanceof ArrayType a) {
      return duckType(a.elementType()) + "[]";
    }
    if (t instanceof MapType m) {
      return "MAP(" + duckType(m.keyType()) + ", " + duckType(m.valueType()) + ")";
    }
    if (t instanceof StructType s) {
      return "STRUCT(" + Stream.of(s.fields()).map(f -> quote(f.name()) + " " + duckType(f.dataType()))
          .collect(Collectors.joining(", ")) + ")";
    }
    String atomic = ATOMIC_TYPES.get(t);
    if (atomic != null) {
      return atomic;
    }
    throw new IllegalArgumentException("no DuckDB type for " + t.simpleString());
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
