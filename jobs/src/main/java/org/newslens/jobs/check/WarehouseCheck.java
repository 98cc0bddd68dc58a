package org.newslens.jobs.check;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;
import org.newslens.common.schema.RunsTable;
import org.newslens.common.schema.TableSpec;

/**
 * Verifies a registered warehouse: every table decodes in full, row counts match what the latest
 * run of each job wrote, ingest's records reconcile, mention offsets and sentence spans lie inside
 * their document, and no mention, entity or pair points at something that is not there.
 */
public final class WarehouseCheck {

  /** Rows of a violation shown in a failed finding. */
  static final int EXAMPLES = 3;

  /** The outcome of one check on one subject (a table, a run, a relation). */
  public record Finding(String check, String subject, boolean ok, String detail) {}

  private final SparkSession spark;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();

  private WarehouseCheck(SparkSession spark) {
    this.spark = spark;
  }

  /** Runs every check on the {@code present} (registered) tables, in a fixed order. */
  public static List<Finding> run(SparkSession spark, List<TableSpec> present) {
    var check = new WarehouseCheck(spark);
    if (present.isEmpty()) {
      check.fail("tables", "warehouse", "no newslens tables: nothing to check");
      return check.findings;
    }
    present.forEach(check::readable);
    check.countsMatchRuns();
    check.mentions();
    check.references(CooccurrencesTable.SPEC.qualifiedName(), CooccurrencesTable.ENTITY_A, EntitiesTable.SPEC.qualifiedName());
    check.references(CooccurrencesTable.SPEC.qualifiedName(), CooccurrencesTable.ENTITY_B, EntitiesTable.SPEC.qualifiedName());
    check.expectNone("unique ids", DocumentsTable.SPEC.qualifiedName(), List.of(DocumentsTable.SPEC.qualifiedName()),
        "SELECT concat(doc_id, ' x', count(*)) FROM %s GROUP BY doc_id HAVING count(*) > 1".formatted(DocumentsTable.SPEC.qualifiedName()));
    return List.copyOf(check.findings);
  }

  private void pass(String check, String subject, String detail) {
    findings.add(new Finding(check, subject, true, detail));
  }

  private void fail(String check, String subject, String detail) {
    findings.add(new Finding(check, subject, false, detail));
  }

  /** Reads every column of every row (a hash over the row), so a corrupt file anywhere fails it. */
  private void readable(TableSpec table) {
    String name = table.qualifiedName();
    try {
      var ds = spark.table(name);
      Column[] all = Arrays.stream(ds.schema().fields())
          .map(f -> f.dataType() instanceof MapType ? map_entries(col("`" + f.name() + "`")) : col("`" + f.name() + "`"))
          .toArray(Column[]::new);
      Row r = ds.select(xxhash64(all).as("h")).agg(count(lit(1)), bit_xor(col("h"))).first();
      rows.put(name, r.getLong(0));
      pass("readable", name, String.format("%,d rows", r.getLong(0)));
    } catch (Exception e) {
      fail("readable", name, "cannot be read: " + firstLine(e));
    }
  }

  /** Each table's rows against the latest run of the job that wrote it; ingest's records in. */
  private void countsMatchRuns() {
    String runs = RunsTable.SPEC.qualifiedName();
    if (!rows.containsKey(runs)) {
      fail("rows vs runs", runs, "no readable runs table: the counts cannot be reconciled");
      return;
    }
    List<Row> latest = spark.sql(("SELECT run_id, job, rows_in, rows_out, quarantined FROM (SELECT *, row_number() OVER "
        + "(PARTITION BY job ORDER BY started_at DESC, run_id) AS n FROM %s) WHERE n = 1 ORDER BY job").formatted(runs)).collectAsList();
    for (Row run : latest) {
      String runId = run.getString(0);
      Map<String, Long> out = run.getJavaMap(3);
      out.forEach((table, written) -> {
        String name = "newslens." + table;
        Long actual = rows.get(name);
        if (actual == null) {
          fail("rows vs runs", name, "missing or unreadable; run " + runId + " wrote " + written + " rows");
        } else if (actual.longValue() != written) {
          fail("rows vs runs", name, String.format("%,d rows, but run %s wrote %,d", actual, runId, written));
        } else {
          pass("rows vs runs", name, String.format("%,d rows as written by %s", actual, runId));
        }
      });
      if ("ingest".equals(run.getString(1))) {
        long in = run.getLong(2);
        long docs = out.getOrDefault(DocumentsTable.NAME, 0L);
        long quarantined = run.getLong(4);
        String detail = String.format("%,d records in, %,d documents + %,d quarantined (run %s)", in, docs, quarantined, runId);
        if (in == docs + quarantined) {
          pass("records reconcile", "ingest", detail);
        } else {
          fail("records reconcile", "ingest", detail);
        }
      }
    }
  }

  private void mentions() {
    String m = EntityMentionsTable.SPEC.qualifiedName();
    String d = DocumentsTable.SPEC.qualifiedName();
    references(m, EntityMentionsTable.DOC_ID, d);
    references(m, EntityMentionsTable.ENTITY_ID, EntitiesTable.SPEC.qualifiedName());
    String joined = "FROM %s m JOIN %s d ON m.doc_id = d.doc_id WHERE ".formatted(m, d);
    String where = "concat(m.doc_id, ' [', m.begin_char, ',', m.end_char, ')') ";
    expectNone("offsets", m, List.of(m, d), "SELECT " + where + joined
        + "NOT (m.begin_char >= 0 AND m.begin_char < m.end_char AND m.end_char <= length(d.text))");
    expectNone("sentence spans", m, List.of(m, d), "SELECT " + where + joined
        + "NOT (m.sentence_begin >= 0 AND m.sentence_begin <= m.begin_char AND m.end_char <= m.sentence_end "
        + "AND m.sentence_end <= length(d.text))");
    expectNone("surfaces", m, List.of(m, d), "SELECT " + where + joined
        + "substring(d.text, m.begin_char + 1, m.end_char - m.begin_char) <> m.surface");
  }

  /** Every value of {@code column} in {@code table} is a key of {@code target}. */
  private void references(String table, String column, String target) {
    String key = target.equals(DocumentsTable.SPEC.qualifiedName()) ? DocumentsTable.DOC_ID : EntitiesTable.ENTITY_ID;
    expectNone("no orphans", table + "." + column + " -> " + target, List.of(table, target),
        "SELECT DISTINCT t.%s FROM %s t LEFT ANTI JOIN %s r ON t.%s = r.%s".formatted(column, table, target, column, key));
  }

  /** Passes when {@code query} (one string column naming each violation) returns no rows. */
  private void expectNone(String check, String subject, List<String> tables, String query) {
    if (!rows.keySet().containsAll(tables)) {
      return;
    }
    var bad = spark.sql(query);
    long n = bad.count();
    if (n == 0) {
      pass(check, subject, "none wrong");
      return;
    }
    String examples = bad.limit(EXAMPLES).collectAsList().stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.joining(", "));
    fail(check, subject, String.format("%,d wrong, e.g. %s", n, examples));
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }
}
