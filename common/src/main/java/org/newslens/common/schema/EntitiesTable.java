package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code entities}: one canonical entity with its aggregate counts. */
public final class EntitiesTable {

  public static final String NAME = "entities";
  public static final String ENTITY_ID = "entity_id";
  public static final String CANONICAL_NAME = "canonical_name";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String ALIASES = "aliases";
  public static final String WIKIDATA_ID = "wikidata_id";
  public static final String THEME = "theme";
  public static final String MENTION_COUNT = "mention_count";
  public static final String DOC_COUNT = "doc_count";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";

  public static final StructType SCHEMA =
      new StructType()
          .add(ENTITY_ID, StringType, false, "Gazetteer id (s-400, nato) or type:slug (person:rajnath-singh)")
          .add(CANONICAL_NAME, StringType, false, "Gazetteer name, else the most frequent surface")
          .add(ENTITY_TYPE, StringType, false, "Most frequent type of its mentions")
          .add(ALIASES, createArrayType(StringType, false), false, "Surfaces seen, sorted")
          .add(WIKIDATA_ID, StringType, true, "Wikidata Q-id when the gazetteer knows it")
          .add(THEME, StringType, false, "defence, energy or none")
          .add(MENTION_COUNT, LongType, false, "Mentions in all documents")
          .add(DOC_COUNT, LongType, false, "Documents mentioning it")
          .add(FIRST_SEEN, TimestampType, true, "Earliest published_at of those documents (null if all undated)")
          .add(LAST_SEEN, TimestampType, true, "Latest published_at of those documents");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of());

  private EntitiesTable() {}
}
