package org.newslens.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.ids.StableIds;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.ReasonCode;
import org.newslens.common.text.Languages;
import org.newslens.common.text.TextCleaner;
import org.newslens.common.text.Tokens;
import org.newslens.common.time.Dates;

/**
 * Cleans raw records into candidate documents (or errors): text, title, source and url cleaned,
 * date parsed to UTC, language detected, tokens counted, ids and content hash computed.
 */
public final class CleanedRecords implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DATE_STATUS = "date_status";
  public static final String ERROR_CODE = RawRecords.ERROR_CODE;
  public static final String ERROR_DETAIL = RawRecords.ERROR_DETAIL;
  public static final String RAW_EXCERPT = RawRecords.RAW_EXCERPT;

  /** How the record's date turned out: counted in {@code runs.counters}. */
  public enum DateStatus { OK, MISSING, UNPARSEABLE, IMPLAUSIBLE }

  /** Longest id kept as given; longer ids are hashed. */
  static final int MAX_ID_CHARS = 256;

  /** Longest title kept; longer ones are cut at a word boundary. */
  static final int MAX_TITLE_CHARS = 1000;

  public static final StructType SCHEMA =
      new StructType()
          .add(DocumentsTable.INPUT_FILE, StringType, false)
          .add(DocumentsTable.RECORD_LOCATOR, StringType, false)
          .add(DocumentsTable.DOC_ID, StringType, true)
          .add(DocumentsTable.SOURCE, StringType, true)
          .add(DocumentsTable.URL, StringType, true)
          .add(DocumentsTable.TITLE, StringType, true)
          .add(DocumentsTable.PUBLISHED_AT, TimestampType, true)
          .add(DocumentsTable.PERIOD, StringType, true)
          .add(DocumentsTable.LANG, StringType, true)
          .add(DocumentsTable.TEXT, StringType, true)
          .add(DocumentsTable.N_TOKENS, IntegerType, true)
          .add(DocumentsTable.CONTENT_HASH, StringType, true)
          .add(DocumentsTable.AUTHOR, StringType, true)
          .add(DocumentsTable.PAGE_STARTS, DocumentsTable.SCHEMA.apply(DocumentsTable.PAGE_STARTS).dataType(), true)
          .add(DATE_STATUS, StringType, true)
          .add(ERROR_CODE, StringType, true)
          .add(ERROR_DETAIL, StringType, true)
          .add(RAW_EXCERPT, StringType, true);

  private final int maxTextChars;

  public CleanedRecords(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> raw) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return raw.hasNext();
      }

      @Override
      public Row next() {
        return clean(raw.next());
      }
    };
  }

  /** Cleans one raw record (see {@link RawRecords#SCHEMA}) into one row of {@link #SCHEMA}. */
  public Row clean(Row r) {
    String file = r.getAs(RawRecords.INPUT_FILE);
    String locator = r.getAs(RawRecords.RECORD_LOCATOR);
    String error = r.getAs(RawRecords.ERROR_CODE);
    if (error != null) {
      return failed(file, locator, error, r.getAs(RawRecords.ERROR_DETAIL), r.getAs(RawRecords.RAW_EXCERPT));
    }
    String rawText = r.getAs(RawRecords.TEXT);
    if (rawText == null) {
      return failed(file, locator, ReasonCode.EMPTY_TEXT.name(),
          "no text field (looked for " + String.join(", ", Field.TEXT.aliases()) + "; see --map text=COLUMN)", null);
    }
    List<Integer> rawPages = r.isNullAt(r.fieldIndex(RawRecords.PAGE_STARTS)) ? null : r.getList(r.fieldIndex(RawRecords.PAGE_STARTS));
    Paged paged = rawPages == null ? new Paged(TextCleaner.cleanBody(rawText), null) : cleanPages(rawText, rawPages);
    String text = paged.text();
    if (text.isEmpty()) {
      String why = rawText.isBlank() ? "text is empty or whitespace" : "nothing left after removing markup and invisible characters";
      return failed(file, locator, ReasonCode.EMPTY_TEXT.name(), why, RawRecords.excerpt(rawText));
    }
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return failed(file, locator, ReasonCode.EMPTY_TEXT.name(), "no letter or digit left after cleaning", RawRecords.excerpt(rawText));
    }
    if (text.length() > maxTextChars) {
      return failed(file, locator, ReasonCode.TOO_LARGE.name(),
          "cleaned text of " + text.length() + " characters exceeds --max-text-chars " + maxTextChars, RawRecords.excerpt(rawText));
    }
    String source = optionalLine(r.getAs(RawRecords.SOURCE));
    String rawDate = r.getAs(RawRecords.DATE);
    Optional<Instant> parsed = Dates.parse(rawDate);
    DateStatus status = rawDate == null || rawDate.isBlank() ? DateStatus.MISSING
        : parsed.isEmpty() ? DateStatus.UNPARSEABLE
        : Dates.isPlausible(parsed.get()) ? DateStatus.OK : DateStatus.IMPLAUSIBLE;
    Instant published = status == DateStatus.OK ? parsed.get() : null;
    return RowFactory.create(
        file,
        locator,
        docId(r.getAs(RawRecords.ID), source, text),
        source,
        optionalLine(r.getAs(RawRecords.URL)),
        title(r.getAs(RawRecords.TITLE)),
        published == null ? null : Timestamp.from(published),
        published == null ? DocumentsTable.UNKNOWN_PERIOD : Dates.period(published),
        Languages.detect(text),
        text,
        Tokens.count(text),
        StableIds.contentHash(text),
        optionalLine(r.getAs(RawRecords.AUTHOR)),
        paged.pageStarts(),
        status.name(),
        null,
        null,
        null);
  }

  private static Row failed(String file, String locator, String code, String detail, String excerpt) {
    return RowFactory.create(file, locator, null, null, null, null, null, null, null, null, null, null, null, null, null, code, detail, excerpt);
  }

  /** Cleaned text and, for a record with pages, where each page begins in it (code points). */
  record Paged(String text, scala.collection.immutable.Seq<Integer> pageStarts) {}

  /**
   * Cleans each page on its own and joins the pages with a paragraph break, so that page
   * boundaries survive cleaning; an empty page keeps its number (it starts where the next begins).
   */
  static Paged cleanPages(String raw, List<Integer> starts) {
    var text = new StringBuilder();
    var offsets = new java.util.ArrayList<Integer>(starts.size());
    int codePoints = 0;
    int empty = 0;
    for (int i = 0; i < starts.size(); i++) {
      int from = Math.min(Math.max(starts.get(i), 0), raw.length());
      int to = i + 1 < starts.size() ? Math.min(Math.max(starts.get(i + 1), from), raw.length()) : raw.length();
      String page = TextCleaner.cleanBody(raw.substring(from, to));
      if (page.isEmpty()) {
        empty++;
        continue;
      }
      if (text.length() > 0) {
        text.append("\n\n");
        codePoints += 2;
      }
      for (; empty >= 0; empty--) {
        offsets.add(codePoints);
      }
      empty = 0;
      text.append(page);
      codePoints += page.codePointCount(0, page.length());
    }
    for (; empty > 0; empty--) {
      offsets.add(codePoints);
    }
    return new Paged(text.toString(), scala.jdk.javaapi.CollectionConverters.asScala(offsets).toList());
  }

  static String docId(String rawId, String source, String text) {
    String id = optionalLine(rawId);
    if (id == null) {
      return StableIds.docId(source, text);
    }
    return id.length() <= MAX_ID_CHARS ? id : StableIds.sha256Hex(id).substring(0, StableIds.DOC_ID_HEX);
  }

  private static String title(String raw) {
    String t = optionalLine(raw);
    if (t == null || t.length() <= MAX_TITLE_CHARS) {
      return t;
    }
    int cut = t.lastIndexOf(' ', MAX_TITLE_CHARS);
    return t.substring(0, cut > 0 ? cut : MAX_TITLE_CHARS) + "…";
  }

  private static String optionalLine(String raw) {
    if (raw == null) {
      return null;
    }
    String s = TextCleaner.cleanLine(raw);
    return s.isEmpty() ? null : s;
  }
}
