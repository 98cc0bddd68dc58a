package org.newslens.jobs.cli;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The statement guard of {@code serve-sql}: a session that cannot leave the warehouse, and a check
 * of each statement's parsed plan before it runs.
 *
 * <p>Three layers, each enough for the known escapes: (1) the statement is parsed with Spark's own
 * parser and runs only if every node of its plan is a reading one ({@link
 * SqlAllowList#READING_PLANS}): queries, {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}; every
 * table it names is a CTE, a table of an existing database, never {@code format.`path`}; it calls
 * no function of {@link SqlAllowList#DENIED_FUNCTIONS} and no table function outside {@link
 * SqlAllowList#TABLE_FUNCTIONS}. (2) The session is a new one with those functions and table
 * functions removed from its registries. (3) The session reads no files by path ({@code
 * spark.sql.runSQLOnFiles=false}).
 */
final class ReadOnlySql {

  /** Why a statement does not run here; the endpoint answers 403 with the message. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final org.apache.spark.sql.classic.SparkSession spark;

  private ReadOnlySql(org.apache.spark.sql.classic.SparkSession spark) {
    this.spark = spark;
  }

  /**
   * A guard over a new session of {@code shared}'s Spark application: the same catalog (tables and
   * views) and SQL settings, minus path-based tables, the denied functions and the table functions
   * outside the allow-list. {@code shared} itself is left as it was.
   */
  static ReadOnlySql over(SparkSession shared) {
    var parent = (org.apache.spark.sql.classic.SparkSession) shared;
    var session = parent.newSession();
    CollectionConverters.asJava(parent.conf().getAll())
        .forEach(
            (key, value) -> {
              if (key.startsWith("spark.sql.") && session.conf().isModifiable(key)) {
                session.conf().set(key, value);
              }
            });
    session.conf().set("spark.sql.runSQLOnFiles", "false");
    var functions = session.sessionState().functionRegistry();
    SqlAllowList.DENIED_FUNCTIONS.forEach(f -> functions.dropFunction(FunctionIdentifier.apply(f)));
    var tableFunctions = session.sessionState().tableFunctionRegistry();
    for (FunctionIdentifier f : CollectionConverters.asJava(tableFunctions.listFunction())) {
      if (!SqlAllowList.TABLE_FUNCTIONS.contains(f.funcName().toLowerCase(Locale.ROOT))) {
        tableFunctions.dropFunction(f);
      }
    }
    return new ReadOnlySql(session);
  }

  /** The guarded session (for tests and the endpoint's bookkeeping). */
  SparkSession session() {
    return spark;
  }

  /**
   * Parses one statement and checks its plan; throws {@link Refused} for a statement that does not
   * only read the warehouse and Spark's {@code ParseException} for one that is not SQL.
   */
  LogicalPlan check(String statement) throws ParseException {
    LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(statement);
    try {
      visit(plan);
    } catch (StackOverflowError e) {
      throw new Refused("the statement is nested too deeply to check");
    }
    return plan;
  }

  /** The result of a plan {@link #check} passed: the very plan that was checked, not a re-parse. */
  Dataset<Row> run(LogicalPlan checked) {
    return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(spark, checked);
  }

  /**
   * Visits every plan and expression of the tree, including subqueries, CTEs and EXPLAIN's query.
   */
  private void visit(Object node) {
    if (node instanceof LogicalPlan plan) {
      checkPlan(plan);
      elements(plan);
    } else if (node instanceof Expression expression) {
      checkExpression(expression);
      elements(expression);
    } else if (node instanceof scala.collection.Iterable<?> items) {
      CollectionConverters.asJava(items).forEach(this::visit);
    } else if (node instanceof scala.Option<?> option && option.isDefined()) {
      visit(option.get());
    } else if (node instanceof scala.Product tuple && tuple.productPrefix().startsWith("Tuple")) {
      elements(tuple);
    }
  }

  private void elements(scala.Product node) {
    CollectionConverters.asJava(node.productIterator()).forEachRemaining(this::visit);
  }

  private void checkPlan(LogicalPlan plan) {
    if (plan instanceof PlanWithUnresolvedIdentifier) {
      throw new Refused("IDENTIFIER(...) table names are not allowed here; write the table's name");
    }
    if (!SqlAllowList.READING_PLANS.contains(plan.getClass())) {
      throw new Refused(
          "this statement ("
              + plan.nodeName()
              + ") is not allowed: serve-sql only reads "
              + "(SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN)");
    }
    if (plan instanceof UnresolvedRelation relation) {
      if (!relation.options().isEmpty() || relation.isStreaming()) {
        throw new Refused("table options (WITH (...)) and streaming reads are not allowed here");
      }
      checkTableName(relation.multipartIdentifier());
    } else if (plan instanceof UnresolvedTableOrView t) {
      checkTableName(t.multipartIdentifier());
    } else if (plan instanceof UnresolvedTable t) {
      checkTableName(t.multipartIdentifier());
    } else if (plan instanceof UnresolvedTableValuedFunction tvf) {
      checkTableFunction(CollectionConverters.asJava(tvf.name()));
    }
  }

  /**
   * A table is a CTE or a table of the current database (one part), or a table of an existing
   * database (two parts, or three with the session catalog first). {@code text.`/etc/passwd`} is
   * two parts whose database does not exist.
   */
  private void checkTableName(scala.collection.Seq<String> identifier) {
    List<String> parts = CollectionConverters.asJava(identifier);
    if (parts.size() == 1) {
      return;
    }
    boolean sessionCatalog = parts.size() == 3 && parts.get(0).equalsIgnoreCase("spark_catalog");
    String database = parts.get(parts.size() - 2);
    if ((parts.size() == 2 || sessionCatalog) && spark.catalog().databaseExists(database)) {
      return;
    }
    throw new Refused(
        quoted(parts)
            + " is not a table of the warehouse: no database `"
            + database
            + "` (reading files by path, as format.`path`, is not allowed here)");
  }

  private void checkTableFunction(List<String> name) {
    if (name.size() != 1
        || !SqlAllowList.TABLE_FUNCTIONS.contains(name.get(0).toLowerCase(Locale.ROOT))) {
      throw new Refused(
          "table function "
              + quoted(name)
              + " is not allowed here; allowed: "
              + String.join(", ", SqlAllowList.TABLE_FUNCTIONS.stream().sorted().toList()));
    }
  }

  private void checkExpression(Expression expression) {
    if (expression instanceof ExpressionWithUnresolvedIdentifier) {
      throw new Refused(
          "IDENTIFIER(...) function names are not allowed here; write the function's name");
    }
    if (expression instanceof UnresolvedFunction f) {
      checkFunction(CollectionConverters.asJava(f.nameParts()));
    } else if (expression instanceof UnresolvedGenerator g) {
      checkFunction(
          g.name().database().isDefined()
              ? List.of(g.name().database().get(), g.name().funcName())
              : List.of(g.name().funcName()));
    }
  }

  private static void checkFunction(List<String> name) {
    if (name.size() != 1) {
      throw new Refused(
          "function "
              + quoted(name)
              + ": only built-in functions, by their plain name, are allowed here");
    }
    if (SqlAllowList.DENIED_FUNCTIONS.contains(name.get(0).toLowerCase(Locale.ROOT))) {
      throw new Refused(
          "function "
              + name.get(0)
              + " is not allowed here: it reaches the JVM or the file system");
    }
  }

  private static String quoted(List<String> parts) {
    return String.join(".", parts.stream().map(p -> "`" + p.replace("`", "``") + "`").toList());
  }
}
