package org.newslens.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.schema.ReasonCode;

/**
 * The raw records readers produce: the located, still uncleaned fields of one input record, or
 * the reason it could not be read. Every input record becomes exactly one raw record.
 */
public final class RawRecords {

  public static final String INPUT_FILE = "input_file";
  public static final String RECORD_LOCATOR = "record_locator";
  public static final String ID = "raw_id";
  public static final String TITLE = "raw_title";
  public static final String TEXT = "raw_text";
  public static final String DATE = "raw_date";
  public static final String URL = "raw_url";
  public static final String SOURCE = "raw_source";
  public static final String AUTHOR = "raw_author";
  public static final String ERROR_CODE = "error_code";
  public static final String ERROR_DETAIL = "error_detail";
  public static final String RAW_EXCERPT = "raw_excerpt";
  /** Offsets in raw_text (chars) where each page begins; null for records without pages. */
  public static final String PAGE_STARTS = "raw_page_starts";

  public static final StructType SCHEMA =
      new StructType()
          .add(INPUT_FILE, StringType, false)
          .add(RECORD_LOCATOR, StringType, false)
          .add(ID, StringType, true)
          .add(TITLE, StringType, true)
          .add(TEXT, StringType, true)
          .add(DATE, StringType, true)
          .add(URL, StringType, true)
          .add(SOURCE, StringType, true)
          .add(AUTHOR, StringType, true)
          .add(ERROR_CODE, StringType, true)
          .add(ERROR_DETAIL, StringType, true)
          .add(RAW_EXCERPT, StringType, true)
          .add(PAGE_STARTS, DataTypes.createArrayType(IntegerType, false), true);

  /** Characters of raw input kept in {@code quarantine.raw_excerpt}. */
  public static final int EXCERPT_CHARS = 300;

  private RawRecords() {}

  /** A readable record with the fields found (missing fields absent from the map). */
  public static Row of(String file, String locator, Map<Field, String> fields) {
    return of(file, locator, fields, null);
  }

  /** A readable record whose text has pages: pageStarts[i] is where page i + 1 begins in the text. */
  public static Row of(String file, String locator, Map<Field, String> fields, int[] pageStarts) {
    return RowFactory.create(
        file,
        locator,
        wellFormed(fields.get(Field.ID)),
        wellFormed(fields.get(Field.TITLE)),
        wellFormed(fields.get(Field.TEXT)),
        wellFormed(fields.get(Field.DATE)),
        wellFormed(fields.get(Field.URL)),
        wellFormed(fields.get(Field.SOURCE)),
        wellFormed(fields.get(Field.AUTHOR)),
        null,
        null,
        null,
        pageStarts == null ? null : boxed(pageStarts));
  }

  /** A record that could not be read. */
  public static Row error(String file, String locator, ReasonCode reason, String detail, String rawExcerpt) {
    return RowFactory.create(
        file, locator, null, null, null, null, null, null, null, reason.name(), detail, excerpt(rawExcerpt), null);
  }

  private static scala.collection.immutable.Seq<Integer> boxed(int[] values) {
    var list = new java.util.ArrayList<Integer>(values.length);
    for (int v : values) {
      list.add(v);
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  /** The first {@link #EXCERPT_CHARS} characters with control characters made visible. */
  public static String excerpt(String raw) {
    if (raw == null) {
      return null;
    }
    var out = new StringBuilder(Math.min(raw.length(), EXCERPT_CHARS) + 8);
    for (int i = 0; i < raw.length() && out.length() < EXCERPT_CHARS; i++) {
      char c = raw.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(raw, i)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The value without unpaired surrogates (from JSON escapes such as {@code \\ud800}), which
   * Spark's UTF-8 strings would otherwise turn into '?'.
   */
  static String wellFormed(String value) {
    if (value == null || value.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
      return value;
    }
    var out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isSurrogate(value.charAt(i)) || validPair(value, i)) {
        out.append(value.charAt(i));
      }
    }
    return out.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
