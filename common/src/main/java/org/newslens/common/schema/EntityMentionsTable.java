package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** {@code entity_mentions}: one mention with its evidence, partitioned by {@code period}. */
public final class EntityMentionsTable {

  public static final String NAME = "entity_mentions";
  public static final String DOC_ID = "doc_id";
  public static final String SENTENCE_IDX = "sentence_idx";
  public static final String SENTENCE_BEGIN = "sentence_begin";
  public static final String SENTENCE_END = "sentence_end";
  public static final String BEGIN_CHAR = "begin_char";
  public static final String END_CHAR = "end_char";
  public static final String SURFACE = "surface";
  public static final String ENTITY_ID = "entity_id";
  public static final String LOCAL_ENTITY_ID = "local_entity_id";
  public static final String ENTITY_TYPE = "entity_type";
  public static final String METHOD = "method";
  public static final String CONFIDENCE = "confidence";
  public static final String CANONICAL_NAME = "canonical_name";
  public static final String WIKIDATA_ID = "wikidata_id";
  public static final String THEME = "theme";
  public static final String PAGE = "page";
  public static final String PERIOD = "period";

  public static final StructType SCHEMA =
      new StructType()
          .add(DOC_ID, StringType, false, "Document of the mention (documents.doc_id)")
          .add(SENTENCE_IDX, IntegerType, false, "0-based sentence of the mention in the document")
          .add(SENTENCE_BEGIN, IntegerType, false, "Offset of the sentence's first character in documents.text (code points)")
          .add(SENTENCE_END, IntegerType, false, "Offset after the sentence's last character: the evidence sentence is substring(text, sentence_begin + 1, sentence_end - sentence_begin)")
          .add(BEGIN_CHAR, IntegerType, false, "0-based offset of the first character in documents.text (code points)")
          .add(END_CHAR, IntegerType, false, "Offset after the last character: substring(text, begin_char + 1, end_char - begin_char) = surface")
          .add(SURFACE, StringType, false, "The text as written")
          .add(ENTITY_ID, StringType, false, "Canonical entity (entities.entity_id), after merging aliases across documents")
          .add(LOCAL_ENTITY_ID, StringType, false, "Entity as resolved within its document, before merging across documents")
          .add(ENTITY_TYPE, StringType, false, "PERSON, ORG, LOCATION, MILITARY_SYSTEM, OPERATION, AGREEMENT, ENERGY or MISC")
          .add(METHOD, StringType, false, "How it was found: crf, gazetteer, pattern:designation|operation|agreement|acronym, coref")
          .add(CONFIDENCE, DoubleType, false, "Confidence of the method, 0..1")
          .add(CANONICAL_NAME, StringType, false, "Name the mention resolves to in its document (entities.canonical_name: the merged entity's name)")
          .add(WIKIDATA_ID, StringType, true, "Wikidata id from the gazetteer, when known")
          .add(THEME, StringType, false, "Theme from the gazetteer: defence, energy or none")
          .add(PAGE, IntegerType, true, "1-based page of the mention in a paginated report (documents.page_starts); null for texts without pages")
          .add(PERIOD, StringType, false, "Period of the document (yyyy-MM or 'unknown')");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of(PERIOD));

  private EntityMentionsTable() {}
}
