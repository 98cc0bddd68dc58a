package org.newslens.common.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code documents}: one accepted, cleaned document, partitioned by {@code period}. */
public final class DocumentsTable {

  public static final String NAME = "documents";
  public static final String DOC_ID = "doc_id";
  public static final String SOURCE = "source";
  public static final String URL = "url";
  public static final String TITLE = "title";
  public static final String PUBLISHED_AT = "published_at";
  public static final String LANG = "lang";
  public static final String TEXT = "text";
  public static final String N_TOKENS = "n_tokens";
  public static final String CONTENT_HASH = "content_hash";
  public static final String DUP_CLUSTER = "dup_cluster";
  public static final String IS_CANONICAL = "is_canonical";
  public static final String SYNDICATION_COUNT = "syndication_count";
  public static final String INPUT_FILE = "input_file";
  public static final String RECORD_LOCATOR = "record_locator";
  public static final String AUTHOR = "author";
  public static final String PAGE_STARTS = "page_starts";
  public static final String RUN_ID = "run_id";
  public static final String PERIOD = "period";

  /** Period of documents that have no usable date. */
  public static final String UNKNOWN_PERIOD = "unknown";

  public static final StructType SCHEMA =
      new StructType()
          .add(DOC_ID, StringType, false, "Stable id: the input's own id, else a hash of source and text")
          .add(SOURCE, StringType, true, "Publisher or feed, as given or taken from a trailing source line")
          .add(URL, StringType, true, "Link to the original")
          .add(TITLE, StringType, true, "Headline, cleaned")
          .add(PUBLISHED_AT, TimestampType, true, "Publication time in UTC; null when the input had no usable date")
          .add(LANG, StringType, false, "ISO 639-1 language code from language detection, 'und' when unsure")
          .add(TEXT, StringType, false, "Cleaned text (NFC, no markup, normalised whitespace); offsets point into it")
          .add(N_TOKENS, IntegerType, false, "Number of word tokens in text")
          .add(CONTENT_HASH, StringType, false, "SHA-256 of the case-folded, whitespace-collapsed text")
          .add(DUP_CLUSTER, StringType, false, "doc_id of the canonical document of this document's near-duplicate cluster (its own doc_id when it has no near-duplicate)")
          .add(IS_CANONICAL, BooleanType, false, "True for the copy that represents its cluster: earliest published, then longest text, then smallest doc_id")
          .add(SYNDICATION_COUNT, IntegerType, false, "Input records in the cluster: near-duplicates and exact copies, this one included")
          .add(INPUT_FILE, StringType, false, "File the kept record came from")
          .add(RECORD_LOCATOR, StringType, false, "Where in that file: line, byte offset, array index, row, or WARC record offset")
          .add(AUTHOR, StringType, true, "Author or byline, as given or from the file's or page's metadata; several joined by '; '")
          .add(PAGE_STARTS, DataTypes.createArrayType(IntegerType, false), true,
              "Offset in text (code points) where each page begins, page 1 first; null for records without pages")
          .add(RUN_ID, StringType, false, "The ingest run that wrote this row")
          .add(PERIOD, StringType, false, "Calendar month yyyy-MM of published_at in UTC, or 'unknown'");

  public static final TableSpec SPEC = new TableSpec(NAME, SCHEMA, List.of(PERIOD));

  private DocumentsTable() {}
}
