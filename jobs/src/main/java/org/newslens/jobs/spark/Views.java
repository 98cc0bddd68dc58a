package org.newslens.jobs.spark;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.Tables;

/** SQL views over the tables for the questions analysts ask most; registered with the tables. */
public final class Views {

  /** A view: its name, the tables it needs, and its query. */
  public record View(String name, List<String> tables, String query) {
    public String qualifiedName() {
      return Tables.DATABASE + "." + name;
    }
  }

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
          GROUP BY m.entity_id, e.canonical_name, e.entity_type, e.theme, m.period"""));

  private Views() {}

  /** Creates or replaces every view whose tables are registered; drops the others. */
  public static List<View> register(SparkSession spark) {
    var catalog = spark.catalog();
    List<View> made = new java.util.ArrayList<>();
    for (View v : ALL) {
      boolean ready = v.tables().stream().allMatch(t -> catalog.tableExists(Tables.DATABASE, t));
      if (ready) {
        spark.sql("CREATE OR REPLACE VIEW " + v.qualifiedName() + " AS " + v.query());
        made.add(v);
      } else {
        spark.sql("DROP VIEW IF EXISTS " + v.qualifiedName());
      }
    }
    return made;
  }
}
