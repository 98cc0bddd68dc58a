package org.newslens.common.schema;

import java.util.List;
import java.util.Optional;

/** The contract tables of database {@code newslens} (see DESIGN.md), in pipeline order. */
public final class Tables {

  /** The database every newslens table lives in. */
  public static final String DATABASE = "newslens";

  /** Folder of the database under the warehouse, as Spark lays it out. */
  public static final String DATABASE_DIR = DATABASE + ".db";

  /** All tables newslens writes, in the order the jobs produce them. */
  public static final List<TableSpec> ALL =
      List.of(
          DocumentsTable.SPEC,
          QuarantineTable.SPEC,
          EntityMentionsTable.SPEC,
          EntitiesTable.SPEC,
          CooccurrencesTable.SPEC,
          TopicTables.DOC_THEMES,
          TopicTables.TOPICS,
          TopicTables.DOC_TOPICS,
          TopicTables.TOPIC_TRENDS,
          TopicTables.TOPIC_QUALITY,
          SkippedDocumentsTable.SPEC,
          RunsTable.SPEC);

  private Tables() {}

  /** The table spec with this (unqualified) name, if newslens defines one. */
  public static Optional<TableSpec> byName(String name) {
    return ALL.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }
}
