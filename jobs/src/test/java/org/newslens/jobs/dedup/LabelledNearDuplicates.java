package org.newslens.jobs.dedup;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.schema.DocumentsTable;

/**
 * A labelled near-duplicate set built deterministically from the real articles of
 * {@code data-samples/corpus} (public-domain and CC-BY texts, see its README): every article of at
 * least {@link #MIN_WORDS} words, plus syndicated copies with the edits wire copies get (trimmed
 * lead or tail, added byline and credit line, moved paragraph breaks, a few changed words, a new
 * headline, and two of them at once). Copies of one article share its {@code origin}; every pair of
 * different origins is a non-duplicate, which includes the hard negatives: same-source templated
 * texts (DoD contract notices, NRC event reports; two notices of 3 and 8 May 2018 share every word
 * but their contract number, Jaccard 0.98), different reports on the same topic, and the copies of
 * different articles that end in the same long publisher footer.
 */
final class LabelledNearDuplicates {

  static final int MIN_WORDS = 40;
  static final String ORIGIN = "origin";

  enum Edit { TRIM_LEAD, TRIM_TAIL, BYLINE, REPARAGRAPH, WORD_EDIT, HEADLINE, TWO_EDITS }

  private static final String CORPUS = "../data-samples/corpus/*.jsonl";
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final String FOOTER = "This article is distributed by the Allied News Service. "
      + "All rights reserved. No part of this material may be published, broadcast, rewritten or "
      + "redistributed without prior written permission. For licensing enquiries and syndication "
      + "rights contact the Allied News Service licensing desk or visit our website.";
  private static final String[] REPORTERS = {"Jane Porter", "Ahmed Khalil", "Maria Santos", "Tom Becker"};
  private static final String[] OUTLETS = {"Reuters", "AP", "AFP", "Global Wire"};
  private static final String[] WORDS = {"also", "reportedly", "the", "new", "officials", "said", "further"};

  static final StructType SCHEMA = new StructType()
      .add(DocumentsTable.DOC_ID, DataTypes.StringType, false)
      .add(ORIGIN, DataTypes.StringType, false)
      .add(DocumentsTable.TITLE, DataTypes.StringType, true)
      .add(DocumentsTable.PUBLISHED_AT, DataTypes.TimestampType, true)
      .add(DocumentsTable.TEXT, DataTypes.StringType, false)
      .add(DocumentsTable.SYNDICATION_COUNT, DataTypes.IntegerType, false)
      .add(DocumentsTable.DUP_CLUSTER, DataTypes.StringType, false)
      .add(DocumentsTable.IS_CANONICAL, DataTypes.BooleanType, false);

  private record Article(String id, String title, Timestamp published, String text) {}

  private LabelledNearDuplicates() {}

  /** The labelled documents: originals and their copies, each with its origin. */
  static Dataset<Row> build(SparkSession spark, long seed) {
    List<Article> articles = read(spark);
    var rng = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    Edit[] edits = Edit.values();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      String origin = a.id();
      rows.add(row(a.id(), origin, a.title(), a.published(), a.text()));
      Edit edit = edits[i % edits.length];
      String title = edit == Edit.HEADLINE ? "UPDATE 1-" + a.title() : a.title();
      Timestamp later = a.published() == null ? null : new Timestamp(a.published().getTime() + rng.nextLong(86_400_000L));
      rows.add(row(a.id() + "~" + edit, origin, title, later, edited(rng, edit, a.text())));
      if (i % 4 == 0) {
        rows.add(row(a.id() + "~footer", origin, a.title(), a.published(), a.text() + "\n\n" + FOOTER));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Row row(String id, String origin, String title, Timestamp published, String text) {
    return RowFactory.create(id, origin, title, published, text, 1, id, true);
  }

  private static List<Article> read(SparkSession spark) {
    StructType corpus = new StructType()
        .add("id", DataTypes.StringType).add("title", DataTypes.StringType)
        .add("date", DataTypes.StringType).add("text", DataTypes.StringType);
    return spark.read().schema(corpus).json(CORPUS)
        .where(col("text").isNotNull())
        .orderBy("id")
        .collectAsList().stream()
        .filter(r -> r.getString(3).split("\\s+").length >= MIN_WORDS)
        .map(r -> new Article(r.getString(0), r.getString(1),
            r.isNullAt(2) ? null : Timestamp.valueOf(r.getString(2).substring(0, 10) + " 06:00:00"), r.getString(3)))
        .toList();
  }

  private static String edited(SplittableRandom rng, Edit edit, String text) {
    List<String> paras = paragraphs(text);
    List<String> out = switch (edit) {
      case TRIM_LEAD -> trim(sentences(paras), true);
      case TRIM_TAIL -> trim(sentences(paras), false);
      case BYLINE -> byline(rng, paras);
      case REPARAGRAPH -> reparagraph(rng, sentences(paras));
      case WORD_EDIT -> editWords(rng, paras);
      case HEADLINE -> paras.stream().map(p -> p.replace("  ", " ")).toList();
      case TWO_EDITS -> editWords(rng, byline(rng, reparagraph(rng, sentences(paras))));
    };
    return String.join("\n\n", out);
  }

  private static List<String> paragraphs(String text) {
    String[] split = text.contains("\n\n") ? text.split("\n\n+") : text.split("\n");
    return Arrays.stream(split).map(String::strip).filter(p -> !p.isEmpty()).toList();
  }

  private static List<String> sentences(List<String> paras) {
    return paras.stream().flatMap(p -> Arrays.stream(SENTENCE_END.split(p))).toList();
  }

  /** Drops leading (or trailing) sentences while at most a fifth of the words is gone. */
  private static List<String> trim(List<String> sentences, boolean lead) {
    int total = words(sentences);
    List<String> out = new ArrayList<>(sentences);
    while (out.size() > 1) {
      String next = lead ? out.get(0) : out.get(out.size() - 1);
      if (words(out) - words(List.of(next)) < total * 0.8) {
        break;
      }
      out.remove(lead ? 0 : out.size() - 1);
    }
    return out;
  }

  private static List<String> byline(SplittableRandom rng, List<String> paras) {
    List<String> out = new ArrayList<>();
    out.add("By " + pick(rng, REPORTERS) + ", " + pick(rng, OUTLETS));
    out.addAll(paras);
    out.add("(Reporting by " + pick(rng, REPORTERS) + "; Editing by " + pick(rng, REPORTERS) + ")");
    return out;
  }

  /** The sentences with a paragraph break after about one in three, as web re-publishers split copy. */
  private static List<String> reparagraph(SplittableRandom rng, List<String> sentences) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String sentence : sentences) {
      paragraph.append(paragraph.isEmpty() ? "" : " ").append(sentence);
      if (rng.nextInt(3) == 0) {
        out.add(paragraph.toString());
        paragraph.setLength(0);
      }
    }
    if (!paragraph.isEmpty()) {
      out.add(paragraph.toString());
    }
    return out;
  }

  /** Replaces about one word in forty (at least two), as copy editors do. */
  private static List<String> editWords(SplittableRandom rng, List<String> paras) {
    String[] words = String.join("\n\n", paras).split(" ", -1);
    for (int k = Math.max(2, words.length / 40); k > 0; k--) {
      words[rng.nextInt(words.length)] = pick(rng, WORDS);
    }
    return List.of(String.join(" ", words));
  }

  private static int words(List<String> texts) {
    return texts.stream().mapToInt(t -> t.split("\\s+").length).sum();
  }

  private static String pick(SplittableRandom rng, String[] options) {
    return options[rng.nextInt(options.length)];
  }
}
