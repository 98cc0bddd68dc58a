package org.newslens.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * How {@code sql} prints a result: {@code table} (aligned text), {@code csv} (RFC 4180 with a
 * header), {@code json} (one object per line) or {@code parquet:PATH} (the whole result written as
 * Parquet files to a new folder).
 */
record QueryOutput(Kind kind, String path) {

  enum Kind { TABLE, CSV, JSON, PARQUET }

  /** Widest cell the table format prints before cutting with an ellipsis. */
  static final int MAX_CELL = 80;

  static QueryOutput parse(String spec) {
    String s = spec.strip();
    if (s.toLowerCase(Locale.ROOT).startsWith("parquet:")) {
      String path = s.substring("parquet:".length()).strip();
      if (path.isEmpty()) {
        throw new UserException("--output parquet:PATH needs a path, e.g. --output parquet:/tmp/result");
      }
      return new QueryOutput(Kind.PARQUET, path);
    }
    if (s.equalsIgnoreCase("parquet")) {
      throw new UserException("--output parquet needs a path: --output parquet:PATH");
    }
    Kind kind = CliNames.parse(Kind.class, s, "--output " + spec);
    return new QueryOutput(kind, null);
  }

  /**
   * Prints (or writes) the result; {@code limit} caps the rows printed (null: 1000 printed, all
   * written to Parquet).
   */
  void emit(Dataset<Row> result, Integer limit, PrintStream out) {
    if (kind == Kind.PARQUET) {
      Dataset<Row> rows = limit == null ? result : result.limit(limit);
      var target = new org.apache.hadoop.fs.Path(path);
      try {
        if (target.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration()).exists(target)) {
          throw new UserException("--output parquet:" + path + " already exists; choose a new folder");
        }
      } catch (java.io.IOException e) {
        throw new UserException("--output parquet:" + path + ": " + e.getMessage(), e);
      }
      rows.write().mode(SaveMode.ErrorIfExists).parquet(path);
      out.println("wrote " + rows.sparkSession().read().parquet(path).count() + " rows to " + path);
      return;
    }
    int max = limit == null ? 1000 : limit;
    boolean more;
    if (kind == Kind.JSON) {
      List<String> json = result.limit(max + 1).toJSON().collectAsList();
      more = json.size() > max;
      json.subList(0, Math.min(max, json.size())).forEach(out::println);
    } else {
      List<Row> rows = result.limit(max + 1).collectAsList();
      more = rows.size() > max;
      rows = rows.subList(0, Math.min(max, rows.size()));
      if (kind == Kind.CSV) {
        out.println(Csv.line(List.of(result.columns())));
        rows.forEach(r -> out.println(Csv.line(cells(r))));
      } else {
        table(result.columns(), rows, out);
      }
    }
    if (more && kind == Kind.TABLE) {
      out.println("(first " + max + " rows; --limit N shows more)");
    }
  }

  /** A result as {@code serve-sql} sends it: its bytes, the rows in them, and the cap that cut it ("" if none). */
  record Capped(byte[] body, int rows, String cutBy) {}

  /**
   * The result as CSV (header first) or JSON lines, at most {@code maxRows} rows and {@code maxBytes}
   * bytes (whole lines only). The rows come through a local iterator over the result limited to one
   * row past the cap, so the driver never holds more than that.
   */
  static Capped capped(Kind kind, Dataset<Row> result, int maxRows, long maxBytes) {
    Dataset<Row> limited = result.limit(maxRows + 1);
    Iterator<String> lines = kind == Kind.JSON
        ? limited.toJSON().toLocalIterator()
        : new CsvLines(limited.toLocalIterator());
    var out = new ByteArrayOutputStream();
    if (kind == Kind.CSV) {
      out.writeBytes((Csv.line(List.of(result.columns())) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    int rows = 0;
    while (lines.hasNext()) {
      byte[] line = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
      if (rows == maxRows || out.size() + line.length > maxBytes) {
        return new Capped(out.toByteArray(), rows, rows == maxRows ? "rows" : "bytes");
      }
      out.writeBytes(line);
      rows++;
    }
    return new Capped(out.toByteArray(), rows, "");
  }

  /** Rows as CSV lines, converted as they are read. */
  private record CsvLines(Iterator<Row> rows) implements Iterator<String> {
    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public String next() {
      return Csv.line(cells(rows.next()));
    }
  }

  private static List<String> cells(Row r) {
    List<String> cells = new ArrayList<>(r.length());
    for (int i = 0; i < r.length(); i++) {
      cells.add(cell(r.get(i)));
    }
    return cells;
  }

  /** A value as text: null as NULL in tables and empty in CSV is decided by the caller. */
  static String cell(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, x) -> items.add(cell(k) + ": " + cell(x)));
      return "{" + String.join(", ", items) + "}";
    }
    if (v instanceof scala.collection.Iterable<?> seq) {
      List<String> items = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(x -> items.add(cell(x)));
      return "[" + String.join(", ", items) + "]";
    }
    return String.valueOf(v);
  }

  private static void table(String[] columns, List<Row> rows, PrintStream out) {
    int[] widths = new int[columns.length];
    List<String[]> lines = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
    }
    for (Row r : rows) {
      String[] line = new String[columns.length];
      List<String> cells = cells(r);
      for (int i = 0; i < columns.length; i++) {
        String c = cells.get(i) == null ? "NULL" : cells.get(i).replaceAll("\\s+", " ");
        line[i] = c.codePointCount(0, c.length()) > MAX_CELL ? c.substring(0, c.offsetByCodePoints(0, MAX_CELL - 1)) + "…" : c;
        widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
      }
      lines.add(line);
    }
    out.println(row(columns, widths));
    out.println(row(java.util.Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new), widths));
    lines.forEach(l -> out.println(row(l, widths)));
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String row(String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      sb.append(cells[i]).append(" ".repeat(widths[i] - cells[i].codePointCount(0, cells[i].length())));
    }
    return sb.toString().stripTrailing();
  }

  /** RFC 4180 quoting for CSV output; null is an empty field. */
  static final class Csv {
    private Csv() {}

    static String line(List<String> cells) {
      List<String> quoted = new ArrayList<>(cells.size());
      for (String s : cells) {
        String v = s == null ? "" : s;
        quoted.add(v.indexOf('"') >= 0 || v.indexOf(',') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
            ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
      }
      return String.join(",", quoted);
    }
  }
}
