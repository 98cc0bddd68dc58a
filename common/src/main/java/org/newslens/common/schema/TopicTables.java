package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The tables of the topics stage: doc_themes, topics, doc_topics, topic_trends, topic_quality. */
public final class TopicTables {

  public static final String DOC_ID = "doc_id";
  public static final String THEME = "theme";
  public static final String SCORE = "score";
  public static final String MATCHED_TERMS = "matched_terms";
  public static final String MODEL = "model";
  public static final String TOPIC_ID = "topic_id";
  public static final String LABEL = "label";
  public static final String TOP_TERMS = "top_terms";
  public static final String NPMI = "npmi";
  public static final String PREVALENCE = "prevalence";
  public static final String RUN_ID = "run_id";
  public static final String WEIGHT = "weight";
  public static final String PERIOD = "period";
  public static final String DOCS = "docs";
  public static final String WEIGHT_SUM = "weight_sum";
  public static final String SHARE = "share";

  /** Themes; a document in neither lexicon's theme is {@code other}. */
  public static final String DEFENCE = "defence";
  public static final String ENERGY = "energy";
  public static final String OTHER = "other";
  /** Models: one over all documents, one per theme. */
  public static final String ALL = "all";

  public static final StructType TERM = new StructType()
      .add("term", StringType, false, "Vocabulary term; ent:<entity_id> for an entity")
      .add(WEIGHT, DoubleType, false, "Probability of the term in the topic");

  public static final StructType DOC_THEMES_SCHEMA = new StructType()
      .add(DOC_ID, StringType, false, "Document")
      .add(THEME, StringType, false, "defence, energy or other; a document may have both defence and energy")
      .add(SCORE, DoubleType, false, "Classifier probability (a theme with a trained classifier) or lexicon matches per 100 topic tokens")
      .add(MATCHED_TERMS, createArrayType(StringType, false), false, "Distinct lexicon terms and themed entities matched, sorted");

  public static final StructType TOPICS_SCHEMA = new StructType()
      .add(MODEL, StringType, false, "all, defence or energy")
      .add(TOPIC_ID, IntegerType, false, "0-based topic of the model")
      .add(THEME, StringType, false, "The model's theme; for model all the lexicon its top terms overlap most, else other")
      .add(LABEL, StringType, false, "Top three terms")
      .add(TOP_TERMS, createArrayType(TERM, false), false, "Top 25 terms with weights")
      .add(NPMI, DoubleType, false, "Coherence: mean NPMI of the top-10 term pairs, document co-occurrence in the model's corpus")
      .add(PREVALENCE, DoubleType, false, "Mean weight of the topic over the model's documents")
      .add(RUN_ID, StringType, false, "The topics run");

  public static final StructType DOC_TOPICS_SCHEMA = new StructType()
      .add(DOC_ID, StringType, false, "Document")
      .add(MODEL, StringType, false, "all, defence or energy")
      .add(TOPIC_ID, IntegerType, false, "Topic")
      .add(WEIGHT, DoubleType, false, "Topic weight in the document (rows only above the floor)");

  public static final StructType TOPIC_TRENDS_SCHEMA = new StructType()
      .add(MODEL, StringType, false, "all, defence or energy")
      .add(TOPIC_ID, IntegerType, false, "Topic")
      .add(PERIOD, StringType, false, "yyyy-MM or unknown")
      .add(DOCS, LongType, false, "Documents of the period with the topic above the floor")
      .add(WEIGHT_SUM, DoubleType, false, "Sum of the topic's weight over the period's documents")
      .add(SHARE, DoubleType, false, "weight_sum / documents of the model in the period");

  public static final StructType TOPIC_QUALITY_SCHEMA = new StructType()
      .add(MODEL, StringType, false, "all, defence or energy")
      .add("k", IntegerType, false, "Topics")
      .add("mean_npmi", DoubleType, false, "Mean topic NPMI (top 10 terms)")
      .add("diversity", DoubleType, false, "Unique share of the top-25 terms of all topics")
      .add("stability", DoubleType, true, "Mean best-match Jaccard of top-10 terms: gibbs, counted on two halves of the documents; "
          + "online and em, against a fit with seed + 1 (null if not computed)")
      .add("perplexity", DoubleType, true, "exp(-mean log-likelihood of a token) on the model's corpus")
      .add("largest_share", DoubleType, false, "Share of the documents whose heaviest topic is the most common one (above 0.5: degenerate)")
      .add("small_topics", IntegerType, false, "Topics that are the heaviest of under 0.5 % of the documents")
      .add("iterations", IntegerType, false, "Iterations (Gibbs sweeps) of the fit")
      .add("seed", LongType, false, "Seed of the fit")
      .add("optimizer", StringType, false, "gibbs, online or em; -seeded for theme models guided by their lexicon")
      .add("docs", LongType, false, "Documents in the model's corpus")
      .add("fit_docs", LongType, false, "Of them, the documents the model was fitted on (--fit-docs; the others' topics are inferred)")
      .add("vocab_size", IntegerType, false, "Terms in the vocabulary");

  public static final TableSpec DOC_THEMES = new TableSpec("doc_themes", DOC_THEMES_SCHEMA, List.of());
  public static final TableSpec TOPICS = new TableSpec("topics", TOPICS_SCHEMA, List.of());
  public static final TableSpec DOC_TOPICS = new TableSpec("doc_topics", DOC_TOPICS_SCHEMA, List.of());
  public static final TableSpec TOPIC_TRENDS = new TableSpec("topic_trends", TOPIC_TRENDS_SCHEMA, List.of());
  public static final TableSpec TOPIC_QUALITY = new TableSpec("topic_quality", TOPIC_QUALITY_SCHEMA, List.of());

  private TopicTables() {}
}
