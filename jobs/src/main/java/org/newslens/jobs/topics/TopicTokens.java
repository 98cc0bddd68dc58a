package org.newslens.jobs.topics;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.spark.SkippedDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic tokens of a document: lower-case words (designations such as {@code s-400} stay whole),
 * with every entity mention replaced by one token {@code ent:<entity_id>}; English and news stop
 * words, numbers and words under three letters removed. Also counts each theme's lexicon
 * matches over all its tokens: core matches (an entity of the theme is one) and core plus context
 * matches (see {@link ThemeLexicon}), and, for a theme with a trained {@link ThemeClassifier}, its
 * score over the distinct words of the whole text (mentions read as words, as the classifier was
 * trained); null for a theme without one.
 *
 * <p>Input rows: doc_id, period, text, mentions (array of struct begin_char, end_char, entity_id,
 * theme; code-point offsets, may be null), title (may be null: the classifiers read it with the
 * text, as they were trained).
 */
public final class TopicTokens implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  public static final String TOKENS = "tokens";
  /** Column: whether the document had more than {@link #MAX_DOC_TOKENS} tokens. */
  public static final String TRUNCATED = "tokens_truncated";
  public static final StructType SCHEMA = new StructType()
      .add("doc_id", StringType, false)
      .add("period", StringType, false)
      .add(TOKENS, createArrayType(StringType, false), false)
      .add("defence_core", IntegerType, false)
      .add("defence_matches", IntegerType, false)
      .add("energy_core", IntegerType, false)
      .add("energy_matches", IntegerType, false)
      .add("defence_terms", createArrayType(StringType, false), false)
      .add("energy_terms", createArrayType(StringType, false), false)
      .add("defence_model", DoubleType, true)
      .add("energy_model", DoubleType, true)
      .add(TRUNCATED, BooleanType, false)
      .add(SkippedDocuments.CODE, StringType, true)
      .add(SkippedDocuments.DETAIL, StringType, true);

  /** Most topic tokens kept of one document (its first ones): bounds a 2-million-character text's weight in a model. */
  public static final int MAX_DOC_TOKENS = 20_000;

  /** Longest word kept as a topic term; longer runs of letters are junk (hashes, base64), not topics. */
  public static final int MAX_TERM_CHARS = 40;

  private static final Logger LOG = LoggerFactory.getLogger(TopicTokens.class);

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’.][\\p{L}\\p{N}]+)*");
  private static final Pattern NUMBER = Pattern.compile("[\\p{N}.,'-]+");

  private final ThemeLexicon lexicon;
  private final Map<String, ThemeClassifier> classifiers;
  private final Set<String> stopWords;

  public TopicTokens(ThemeLexicon lexicon, Map<String, ThemeClassifier> classifiers) {
    this.lexicon = lexicon;
    this.classifiers = Map.copyOf(classifiers);
    Set<String> stop = new java.util.HashSet<>(List.of(StopWordsRemover.loadDefaultStopWords("english")));
    stop.addAll(ThemeLexicon.newsStopWords());
    this.stopWords = Set.copyOf(stop);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> docs) {
    List<Row> out = new ArrayList<>();
    docs.forEachRemaining(d -> out.add(tokensOrSkip(d)));
    return out.iterator();
  }

  /** The document's tokens (a row of {@link #SCHEMA}), or a row without tokens saying why it was skipped. */
  public Row tokensOrSkip(Row doc) {
    try {
      return tokens(doc);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String detail = SkippedDocuments.detail(e);
      LOG.warn("topics: document {} skipped: {}", doc.getString(0), detail);
      return RowFactory.create(doc.getString(0), doc.getString(1), new String[0], 0, 0, 0, 0, new String[0], new String[0], null, null,
          false, SkippedDocuments.code(e), detail);
    }
  }

  Row tokens(Row doc) {
    String text = doc.getString(2);
    List<Row> mentions = doc.isNullAt(3) ? new ArrayList<>() : new ArrayList<>(doc.getList(3));
    mentions.sort(java.util.Comparator.comparingInt(m -> m.getInt(0)));
    List<String> tokens = new ArrayList<>();
    Map<Integer, String> entityThemes = new HashMap<>();
    int pos = 0;
    for (Row m : mentions) {
      int begin = text.offsetByCodePoints(0, m.getInt(0));
      if (begin < pos) {
        continue;
      }
      words(text.substring(pos, begin), tokens);
      if (m.getString(3) != null) {
        entityThemes.put(tokens.size(), m.getString(3));
      }
      tokens.add("ent:" + m.getString(2));
      pos = text.offsetByCodePoints(begin, m.getInt(1) - m.getInt(0));
    }
    words(text.substring(pos), tokens);
    Matches defence = matches(ThemeLexicon.THEMES.get(0), tokens, entityThemes);
    Matches energy = matches(ThemeLexicon.THEMES.get(1), tokens, entityThemes);
    boolean truncated = tokens.size() > MAX_DOC_TOKENS;
    List<String> kept = truncated ? tokens.subList(0, MAX_DOC_TOKENS) : tokens;
    Set<String> words = classifiers.isEmpty() ? Set.of() : words(doc.isNullAt(4) ? text : doc.getString(4) + "\n" + text);
    // Row encoders take arrays, not java.util.List.
    return RowFactory.create(doc.getString(0), doc.getString(1), kept.toArray(String[]::new),
        defence.core, defence.all, energy.core, energy.all, defence.terms.toArray(String[]::new), energy.terms.toArray(String[]::new),
        classifierScore(ThemeLexicon.THEMES.get(0), words), classifierScore(ThemeLexicon.THEMES.get(1), words), truncated, null, null);
  }

  /** The distinct topic words of a text, every word read as a word (no entity tokens): what a {@link ThemeClassifier} sees of a title and text. */
  public Set<String> words(String text) {
    List<String> out = new ArrayList<>();
    words(text, out);
    return new java.util.HashSet<>(out);
  }

  /** The theme's classifier score, null without a classifier; a document with none of its words gets its lowest finite value. */
  private Double classifierScore(String theme, Set<String> words) {
    ThemeClassifier classifier = classifiers.get(theme);
    if (classifier == null) {
      return null;
    }
    double score = classifier.score(words);
    return Double.isInfinite(score) ? -Double.MAX_VALUE : score;
  }

  private void words(String span, List<String> tokens) {
    var m = WORD.matcher(span);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT).replace('’', '\'');
      if (w.endsWith("'s")) {
        w = w.substring(0, w.length() - 2);
      }
      if (w.length() < 3 || w.length() > MAX_TERM_CHARS || stopWords.contains(w) || NUMBER.matcher(w).matches()) {
        continue;
      }
      tokens.add(w);
    }
  }

  /** A theme's matches in a document: core, core and context, and the matched terms. */
  private record Matches(int core, int all, Set<String> terms) {}

  /** The theme's lexicon matches over every token (an entity of the theme is a core match). */
  private Matches matches(String theme, List<String> tokens, Map<Integer, String> entityThemes) {
    ThemeLexicon.Terms terms = lexicon.terms(theme);
    int core = 0;
    int all = 0;
    Set<String> matched = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      ThemeLexicon.Match match = theme.equals(entityThemes.get(i)) ? ThemeLexicon.Match.CORE
          : terms.match(i > 0 ? tokens.get(i - 1) : null, token, i + 1 < tokens.size() ? tokens.get(i + 1) : null);
      if (match != ThemeLexicon.Match.NONE) {
        all++;
        core += match == ThemeLexicon.Match.CORE ? 1 : 0;
        matched.add(token);
      }
    }
    return new Matches(core, all, matched);
  }
}
