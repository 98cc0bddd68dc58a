package org.newslens.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.Tables;

/**
 * SQL views over the tables for the questions analysts ask most, registered with the tables. Each
 * view has its Spark SQL text and, where DuckDB's dialect differs, a DuckDB text for {@code
 * export-duckdb}; both give the same rows.
 */
public final class Views {

  /** A view: its name, the tables it needs, and its query in Spark SQL and in DuckDB SQL. */
  public record View(String name, List<String> tables, String sparkSql, String duckDbSql) {
    View(String name, List<String> tables, String portableSql) {
      this(name, tables, portableSql, portableSql);
    }

    public String qualifiedName() {
      return Tables.DATABASE + "." + name;
    }
  }

  private static final String TOP_TERMS_SPARK = "array_join(transform(slice(t.top_terms, 1, 10), x -> x.term), ', ')";
  private static final String TOP_TERMS_DUCKDB = "array_to_string(list_transform(t.top_terms[1:10], x -> x.term), ', ')";

  private static final String TOPIC_OVERVIEW = """
      SELECT t.model, t.topic_id, t.theme, t.label, %s AS top_terms,
             t.prevalence, t.npmi, coalesce(d.docs, 0) AS docs, p.period AS peak_period, p.share AS peak_share
      FROM newslens.topics t
      LEFT JOIN (SELECT model, topic_id, count(*) AS docs FROM newslens.doc_topics GROUP BY model, topic_id) d
        ON t.model = d.model AND t.topic_id = d.topic_id
      LEFT JOIN (SELECT model, topic_id, period, share,
                        row_number() OVER (PARTITION BY model, topic_id ORDER BY share DESC, period) AS r
                 FROM newslens.topic_trends WHERE period <> 'unknown') p
        ON t.model = p.model AND t.topic_id = p.topic_id AND p.r = 1""";

  public static final List<View> ALL = List.of(
      new View("top_pairs", List.of("cooccurrences", "entities"), """
          SELECT c.period, c.window,
                 rank() OVER (PARTITION BY c.period, c.window ORDER BY c.llr DESC, c.entity_a, c.entity_b) AS rank,
                 c.entity_a, ea.canonical_name AS name_a, ea.entity_type AS type_a,
                 c.entity_b, eb.canonical_name AS name_b, eb.entity_type AS type_b,
                 c.n_ab, c.n_a, c.n_b, c.n_windows, c.pmi, c.npmi, c.llr, c.example_doc_ids
          FROM newslens.cooccurrences c
          JOIN newslens.entities ea ON c.entity_a = ea.entity_id
          JOIN newslens.entities eb ON c.entity_b = eb.entity_id"""),
      new View("entity_timeline", List.of("entity_mentions", "entities"), """
          SELECT m.entity_id, e.canonical_name, e.entity_type, e.theme, m.period,
                 count(*) AS mentions, count(DISTINCT m.doc_id) AS docs
          FROM newslens.entity_mentions m JOIN newslens.entities e ON m.entity_id = e.entity_id
          GROUP BY m.entity_id, e.canonical_name, e.entity_type, e.theme, m.period"""),
      new View("top_entities", List.of("entity_mentions", "entities"), """
          SELECT period, entity_type,
                 rank() OVER (PARTITION BY period, entity_type ORDER BY mentions DESC, entity_id) AS rank,
                 entity_id, canonical_name, theme, mentions, docs
          FROM newslens.entity_timeline"""),
      new View("topic_overview", List.of("topics", "doc_topics", "topic_trends"),
          TOPIC_OVERVIEW.formatted(TOP_TERMS_SPARK), TOPIC_OVERVIEW.formatted(TOP_TERMS_DUCKDB)),
      new View("doc_context", List.of("entity_mentions", "entities", "documents"), """
          SELECT m.entity_id, e.canonical_name, m.entity_type, m.surface, m.doc_id, d.title, d.source,
                 d.published_at, m.period, m.page, m.sentence_idx, m.begin_char, m.end_char,
                 substring(d.text, m.sentence_begin + 1, m.sentence_end - m.sentence_begin) AS sentence,
                 m.begin_char - m.sentence_begin AS begin_in_sentence, m.end_char - m.sentence_begin AS end_in_sentence
          FROM newslens.entity_mentions m
          JOIN newslens.entities e ON m.entity_id = e.entity_id
          JOIN newslens.documents d ON m.doc_id = d.doc_id AND m.period = d.period"""));

  private Views() {}

  /** The views registered in this session's catalog. */
  public static List<View> present(SparkSession spark) {
    return ALL.stream().filter(v -> spark.catalog().tableExists(v.qualifiedName())).toList();
  }

  /** Creates or replaces every view whose tables are registered; drops the others. */
  public static List<View> register(SparkSession spark) {
    var catalog = spark.catalog();
    List<View> made = new ArrayList<>();
    for (View v : ALL) {
      boolean ready = v.tables().stream().allMatch(t -> catalog.tableExists(Tables.DATABASE, t));
      if (ready) {
        spark.sql("CREATE OR REPLACE VIEW " + v.qualifiedName() + " AS " + v.sparkSql());
        made.add(v);
      } else {
        spark.sql("DROP VIEW IF EXISTS " + v.qualifiedName());
      }
    }
    return made;
  }
}
