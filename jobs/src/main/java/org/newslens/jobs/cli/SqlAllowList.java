package org.newslens.jobs.cli;

import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.CurrentNamespace$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunctionName;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTVFAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.PipeOperator;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablesExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ShowNamespacesCommand;

/**
 * What a {@code serve-sql} statement may contain, as {@link ReadOnlySql} checks it: the parsed plan
 * nodes that only read, the table functions that only generate rows, and the functions that are
 * refused because they reach outside the warehouse.
 */
final class SqlAllowList {

  private SqlAllowList() {}

  /**
   * Functions that reach the JVM (reflection) or read files named in their arguments (schema
   * files).
   */
  static final Set<String> DENIED_FUNCTIONS =
      Set.of(
          "reflect",
          "java_method",
          "try_reflect",
          "from_avro",
          "to_avro",
          "schema_of_avro",
          "from_protobuf",
          "to_protobuf");

  /**
   * The table-valued functions a statement may call: generators over their arguments, nothing that
   * reads.
   */
  static final Set<String> TABLE_FUNCTIONS =
      Set.of(
          "range",
          "explode",
          "explode_outer",
          "inline",
          "inline_outer",
          "posexplode",
          "posexplode_outer",
          "stack",
          "json_tuple",
          "variant_explode",
          "variant_explode_outer",
          "collations",
          "sql_keywords");

  /**
   * The nodes of a parsed plan that only read: the relational operators of queries, and the SHOW,
   * DESCRIBE and EXPLAIN commands. Anything else (SET, ADD JAR, CREATE, INSERT, CACHE, USE,
   * TRANSFORM scripts, EXECUTE IMMEDIATE, SQL scripts, ...) is refused. Exact classes, not
   * subclasses.
   */
  static final Set<Class<?>> READING_PLANS =
      Set.of(
          Project.class,
          Filter.class,
          Aggregate.class,
          Sort.class,
          GlobalLimit.class,
          LocalLimit.class,
          Offset.class,
          Distinct.class,
          Union.class,
          Intersect.class,
          Except.class,
          Join.class,
          LateralJoin.class,
          SubqueryAlias.class,
          UnresolvedWith.class,
          OneRowRelation.class,
          LocalRelation.class,
          UnresolvedInlineTable.class,
          Generate.class,
          Pivot.class,
          Unpivot.class,
          Sample.class,
          RepartitionByExpression.class,
          UnresolvedHint.class,
          WithWindowDefinition.class,
          PipeOperator.class,
          UnresolvedHaving.class,
          UnresolvedSubqueryColumnAliases.class,
          UnresolvedRelation.class,
          UnresolvedTableValuedFunction.class,
          UnresolvedTVFAliases.class,
          ShowTables.class,
          ShowTablesExtended.class,
          ShowViews.class,
          ShowColumns.class,
          ShowNamespacesCommand.class,
          ShowFunctions.class,
          ShowPartitions.class,
          ShowTableProperties.class,
          ShowCreateTable.class,
          DescribeRelation.class,
          DescribeColumn.class,
          DescribeNamespace.class,
          DescribeFunction.class,
          DescribeQueryCommand.class,
          ExplainCommand.class,
          UnresolvedTableOrView.class,
          UnresolvedTable.class,
          UnresolvedNamespace.class,
          CurrentNamespace$.class,
          UnresolvedFunctionName.class);
}
