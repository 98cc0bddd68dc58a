package org.newslens.jobs.entities;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.entities.AliasMerge;
import org.newslens.common.entities.EntityType;
import org.newslens.common.entities.Mention;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;

/**
 * Applies {@link AliasMerge} to {@code entity_mentions} rows: the document-level entities that can
 * merge (people, and all-caps names that may be acronyms) and the acronyms documents defined are
 * gathered on the driver, and each row's {@code entity_id} becomes the corpus-level id, while
 * {@code local_entity_id} keeps the document-level one, so a later run can merge differently.
 */
final class MentionAliases {

  static final String TARGET_ID = "alias_target_id";
  static final String TARGET_NAME = "alias_target_name";
  private static final StructType MAPPING = new StructType()
      .add(EntityMentionsTable.LOCAL_ENTITY_ID, StringType, false)
      .add(TARGET_ID, StringType, false)
      .add(TARGET_NAME, StringType, false);

  private MentionAliases() {}

  /**
   * The merge map of these mentions: local_entity_id → alias_target_id, alias_target_name. It is
   * built on the driver, so it is a local relation already: nothing to cache.
   */
  static Dataset<Row> mapping(SparkSession spark, Dataset<Row> mentions) {
    String local = EntityMentionsTable.LOCAL_ENTITY_ID;
    String type = EntityMentionsTable.ENTITY_TYPE;
    String name = EntitiesTable.CANONICAL_NAME;
    Dataset<Row> candidates = mentions
        // People, all-caps names, and organisations (whose initials may spell an undefined acronym).
        .where(col(type).isin(EntityType.PERSON.name(), EntityType.ORG.name()).or(col(name).equalTo(upper(col(name)))))
        .groupBy(local, type, name).agg(count(lit(1)).as("n"))
        .groupBy(local, type).agg(max_by(col(name), struct(col("n"), col(name))).as(name), org.apache.spark.sql.functions.sum("n").as("n"));
    List<AliasMerge.Local> locals = new ArrayList<>();
    for (Row r : candidates.collectAsList()) {
      locals.add(new AliasMerge.Local(r.getString(0), EntityType.valueOf(r.getString(1)), r.getString(2), r.getLong(3)));
    }
    List<AliasMerge.Definition> definitions = new ArrayList<>();
    for (Row r : mentions.where(col(EntityMentionsTable.METHOD).equalTo(Mention.ACRONYM))
        .select(EntityMentionsTable.SURFACE, type, local, name).distinct().collectAsList()) {
      definitions.add(new AliasMerge.Definition(r.getString(0), EntityType.valueOf(r.getString(1)), r.getString(2), r.getString(3)));
    }
    List<Row> rows = new ArrayList<>();
    AliasMerge.merge(locals, definitions).forEach((from, to) -> rows.add(RowFactory.create(from, to.id(), to.name())));
    return spark.createDataFrame(rows, MAPPING);
  }

  /** The mentions with {@code entity_id} set to the corpus-level id (the contract columns, in order). */
  static Dataset<Row> apply(Dataset<Row> mentions, Dataset<Row> mapping) {
    Dataset<Row> joined = mentions.join(broadcast(mapping), mentions.col(EntityMentionsTable.LOCAL_ENTITY_ID)
        .equalTo(mapping.col(EntityMentionsTable.LOCAL_ENTITY_ID)), "left");
    Dataset<Row> merged = joined.withColumn(EntityMentionsTable.ENTITY_ID,
        coalesce(col(TARGET_ID), mentions.col(EntityMentionsTable.LOCAL_ENTITY_ID)));
    return merged.select(java.util.Arrays.stream(EntityMentionsTable.SCHEMA.fieldNames())
        .map(c -> c.equals(EntityMentionsTable.LOCAL_ENTITY_ID) ? mentions.col(c) : col(c)).toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Periods of {@code kept} rows whose entity_id the mapping changes (a merge made or undone). */
  static Set<String> changedPeriods(Dataset<Row> kept, Dataset<Row> mapping) {
    String local = EntityMentionsTable.LOCAL_ENTITY_ID;
    Dataset<Row> joined = kept.join(broadcast(mapping), kept.col(local).equalTo(mapping.col(local)), "left");
    Set<String> out = new java.util.TreeSet<>();
    joined.where(coalesce(col(TARGET_ID), kept.col(local)).notEqual(kept.col(EntityMentionsTable.ENTITY_ID)))
        .select(kept.col(EntityMentionsTable.PERIOD)).distinct().collectAsList().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** The merged entities' names: alias_target_id → alias_target_name, one row each. */
  static Dataset<Row> names(Dataset<Row> mapping) {
    return mapping.select(col(TARGET_ID).as(EntitiesTable.ENTITY_ID), col(TARGET_NAME)).distinct();
  }
}
