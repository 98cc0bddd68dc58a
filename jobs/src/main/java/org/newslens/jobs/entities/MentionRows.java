package org.newslens.jobs.entities;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.newslens.common.entities.Gazetteer;
import org.newslens.common.entities.Mention;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.common.schema.EntitiesTable;
import org.newslens.common.schema.EntityMentionsTable;
import org.newslens.jobs.spark.SkippedDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the recogniser stack over a partition of documents ({@code doc_id, period, published_at,
 * text}) and emits one row per mention with what {@code entities} aggregates. The extractor is
 * built once per executor JVM; offsets are converted to code points, as Spark's {@code substring}
 * counts them.
 */
public final class MentionRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  public static final String PUBLISHED_AT = DocumentsTable.PUBLISHED_AT;

  public static final StructType SCHEMA =
      new StructType()
          .add(EntityMentionsTable.DOC_ID, StringType, false)
          .add(EntityMentionsTable.SENTENCE_IDX, IntegerType, false)
          .add(EntityMentionsTable.SENTENCE_BEGIN, IntegerType, false)
          .add(EntityMentionsTable.SENTENCE_END, IntegerType, false)
          .add(EntityMentionsTable.BEGIN_CHAR, IntegerType, false)
          .add(EntityMentionsTable.END_CHAR, IntegerType, false)
          .add(EntityMentionsTable.SURFACE, StringType, false)
          .add(EntityMentionsTable.ENTITY_ID, StringType, false)
          .add(EntityMentionsTable.ENTITY_TYPE, StringType, false)
          .add(EntityMentionsTable.METHOD, StringType, false)
          .add(EntityMentionsTable.CONFIDENCE, DoubleType, false)
          .add(EntityMentionsTable.PERIOD, StringType, false)
          .add(EntitiesTable.CANONICAL_NAME, StringType, false)
          .add(EntitiesTable.WIKIDATA_ID, StringType, true)
          .add(EntitiesTable.THEME, StringType, false)
          .add(PUBLISHED_AT, TimestampType, true)
          .add("ner_truncated", BooleanType, false)
          .add(SkippedDocuments.CODE, StringType, true)
          .add(SkippedDocuments.DETAIL, StringType, true)
          .add(EntityMentionsTable.PAGE, IntegerType, true);

  /** What the recognisers counted, summed over the executors (see {@code runs.counters}). */
  public record Counters(LongAccumulator tokens, LongAccumulator truncatedDocs, LongAccumulator skippedTokens,
      LongAccumulator splitSentences, LongAccumulator namelessSentences, LongAccumulator skippedDocs) implements java.io.Serializable {}

  private static final Logger LOG = LoggerFactory.getLogger(MentionRows.class);

  private final List<String> extraGazetteers;
  private final int maxNerChars;
  private final Counters counters;

  public MentionRows(List<String> extraGazetteers, int maxNerChars, Counters counters) {
    this.extraGazetteers = List.copyOf(extraGazetteers);
    this.maxNerChars = maxNerChars;
    this.counters = counters;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> docs) {
    EntityExtractor extractor = Extractors.get(extraGazetteers, maxNerChars);
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && docs.hasNext()) {
          current = rows(extractor, docs.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  /** The document's mention rows, or one marker row saying why it was skipped. */
  private List<Row> rows(EntityExtractor extractor, Row doc) {
    try {
      return mentions(extractor, doc);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String detail = SkippedDocuments.detail(e);
      LOG.warn("entities: document {} skipped: {}", doc.<String>getAs(DocumentsTable.DOC_ID), detail);
      counters.skippedDocs().add(1);
      return List.of(RowFactory.create(doc.getAs(DocumentsTable.DOC_ID), -1, 0, 0, 0, 0, "", "", "", "", 0.0,
          doc.getAs(DocumentsTable.PERIOD), "", null, "none", doc.getAs(DocumentsTable.PUBLISHED_AT), false,
          SkippedDocuments.code(e), detail, null));
    }
  }

  private List<Row> mentions(EntityExtractor extractor, Row doc) {
    String text = doc.getAs(DocumentsTable.TEXT);
    var extraction = extractor.extract(text);
    counters.tokens().add(extraction.tokens());
    counters.skippedTokens().add(extraction.skippedTokens());
    counters.splitSentences().add(extraction.splitSentences());
    counters.namelessSentences().add(extraction.namelessSentences());
    if (extraction.nerTruncated()) {
      counters.truncatedDocs().add(1);
    }
    List<Row> out = new ArrayList<>(extraction.mentions().size());
    CodePoints cp = new CodePoints(text);
    int starts = doc.schema().getFieldIndex(DocumentsTable.PAGE_STARTS).getOrElse(() -> -1);
    List<Integer> pages = starts < 0 || doc.isNullAt(starts) ? null : doc.getList(starts);
    for (EntityExtractor.Located l : extraction.mentions()) {
      Mention m = l.mention();
      out.add(RowFactory.create(doc.getAs(DocumentsTable.DOC_ID), l.sentenceIdx(),
          cp.of(l.sentenceBegin()), cp.of(l.sentenceEnd()), cp.of(m.begin()), cp.of(m.end()), m.surface(),
          m.entityId(), m.type().name(), m.method(), m.confidence(), doc.getAs(DocumentsTable.PERIOD),
          m.canonicalName(), m.wikidataId().isEmpty() ? null : m.wikidataId(), m.theme(),
          doc.getAs(DocumentsTable.PUBLISHED_AT), extraction.nerTruncated(), null, null, page(pages, cp.of(m.begin()))));
    }
    return out;
  }

  /** The 1-based page holding the offset (the last page starting at or before it); null without pages. */
  static Integer page(List<Integer> pageStarts, int offset) {
    if (pageStarts == null || pageStarts.isEmpty()) {
      return null;
    }
    int lo = 0;
    int hi = pageStarts.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (pageStarts.get(mid) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /**
   * UTF-16 offsets to code-point offsets (Spark's and DuckDB's substring count code points). A
   * cursor moves between the queried offsets, which come nearly in order, so a document costs one
   * pass over its text.
   */
  static final class CodePoints {
    private final String text;
    private int utf16;
    private int codePoints;

    CodePoints(String text) {
      this.text = text;
    }

    int of(int offset) {
      if (offset >= utf16) {
        codePoints += text.codePointCount(utf16, offset);
      } else {
        codePoints -= text.codePointCount(offset, utf16);
      }
      utf16 = offset;
      return codePoints;
    }
  }

  /** One extractor per executor JVM and gazetteer configuration. */
  static final class Extractors {
    private static final java.util.Map<List<String>, EntityExtractor> BY_CONFIG = new java.util.concurrent.ConcurrentHashMap<>();

    private Extractors() {}

    static EntityExtractor get(List<String> extra, int maxNerChars) {
      return BY_CONFIG.computeIfAbsent(List.of(String.valueOf(maxNerChars), String.join("\u0000", extra)),
          k -> new EntityExtractor(Gazetteer.load(extra), maxNerChars));
    }
  }
}
