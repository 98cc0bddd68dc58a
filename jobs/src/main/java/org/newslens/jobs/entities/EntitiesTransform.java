package org.newslens.jobs.entities;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;

/** Mention rows ({@link MentionRows#SCHEMA}) → {@code entity_mentions} and {@code entities}. I/O free. */
public final class EntitiesTransform {

  private EntitiesTransform() {}

  /** The contract columns of {@code entity_mentions}, before merging across documents (local id = id). */
  public static Dataset<Row> mentions(Dataset<Row> rows) {
    return rows.withColumn(EntityMentionsTable.LOCAL_ENTITY_ID, col(EntityMentionsTable.ENTITY_ID)).select(java.util.Arrays.stream(EntityMentionsTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * One row per entity: the most frequent name and type (ties broken by name), sorted aliases,
   * Wikidata id and theme from the gazetteer, counts, first and last publication seen.
   */
  public static Dataset<Row> entities(Dataset<Row> rows) {
    return entities(rows, null);
  }

  /**
   * As {@link #entities(Dataset)}, with the names of entities merged across documents taken from
   * {@code mergedNames} (entity_id, alias_target_name), when given.
   */
  public static Dataset<Row> entities(Dataset<Row> rows, Dataset<Row> mergedNames) {
    String id = EntitiesTable.ENTITY_ID;
    Dataset<Row> names = mostFrequent(rows, EntitiesTable.CANONICAL_NAME);
    if (mergedNames != null) {
      names = names.join(mergedNames, names.col(id).equalTo(mergedNames.col(id)), "left")
          .select(names.col(id), coalesce(col(MentionAliases.TARGET_NAME), names.col(EntitiesTable.CANONICAL_NAME)).as(EntitiesTable.CANONICAL_NAME));
    }
    Dataset<Row> types = mostFrequent(rows, EntityMentionsTable.ENTITY_TYPE);
    Dataset<Row> totals = rows.groupBy(id).agg(
        sort_array(collect_set(col(EntityMentionsTable.SURFACE))).as(EntitiesTable.ALIASES),
        max(col(EntitiesTable.WIKIDATA_ID)).as(EntitiesTable.WIKIDATA_ID),
        coalesce(max(when(col(EntitiesTable.THEME).notEqual("none"), col(EntitiesTable.THEME))), lit("none")).as(EntitiesTable.THEME),
        count(lit(1)).as(EntitiesTable.MENTION_COUNT),
        countDistinct(col(EntityMentionsTable.DOC_ID)).as(EntitiesTable.DOC_COUNT),
        min(col(MentionRows.PUBLISHED_AT)).as(EntitiesTable.FIRST_SEEN),
        max(col(MentionRows.PUBLISHED_AT)).as(EntitiesTable.LAST_SEEN));
    return totals.join(names, id).join(types, id)
        .select(java.util.Arrays.stream(EntitiesTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  private static Dataset<Row> mostFrequent(Dataset<Row> rows, String column) {
    return rows.groupBy(EntitiesTable.ENTITY_ID, column).agg(count(lit(1)).as("n"))
        .groupBy(EntitiesTable.ENTITY_ID)
        .agg(max_by(col(column), struct(col("n"), col(column))).as(column));
  }
}
