package org.newslens.jobs.ingest;

import java.util.List;
import org.newslens.jobs.cli.CliNames;

/** The fields ingest looks for in a record, with the column names feeds commonly use for each. */
public enum Field {
  ID("id", "doc_id", "docid", "guid", "uuid", "article_id"),
  TITLE("title", "headline", "heading", "name"),
  TEXT("text", "body", "content", "article", "article_text", "full_text", "maintext", "story"),
  DATE("date", "published", "published_at", "publishedat", "pubdate", "pub_date", "date_published", "datetime", "timestamp", "created_at"),
  URL("url", "link", "uri", "permalink"),
  SOURCE("source", "site", "publisher", "outlet", "source_name", "domain"),
  AUTHOR("author", "authors", "byline", "creator", "writer");

  private final List<String> aliases;

  Field(String... aliases) {
    this.aliases = List.of(aliases);
  }

  /** Column names tried in order, compared case-insensitively. */
  public List<String> aliases() {
    return aliases;
  }

  /** The name used in {@code --map field=column}. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** Parses the field part of a {@code --map} entry. */
  public static Field fromCli(String value) {
    return CliNames.parse(Field.class, value, "--map " + value + "=...: unknown field");
  }
}
