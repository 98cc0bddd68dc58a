package org.newslens.jobs.topics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newslens.jobs.cli.UserException;

/**
 * The effective options of a topics run, validated on construction.
 *
 * @param kAll topics of the model over all documents
 * @param kDefence topics of the defence model
 * @param kEnergy topics of the energy model
 * @param iterations iterations (Gibbs sweeps) of each fit
 * @param optimizer {@code gibbs} (distributed collapsed Gibbs sampling), {@code online} or {@code em} (MLlib); theme models
 *     are seeded with their lexicon under gibbs and online
 * @param seed seed of every random choice
 * @param minDf a term must occur in at least this many documents
 * @param maxDf and in at most this share of them
 * @param vocabSize the most frequent terms kept
 * @param floor doc_topics keeps weights at least this
 * @param boost pseudo-counts of each seed word in its topic for theme models (gibbs: tokens; online: added to λ)
 * @param seedsPerTopic the most frequent lexicon terms seeded per topic of a theme model
 * @param themeMinMatches lexicon matches a document needs to be in a theme
 * @param themeMinScore and matches per 100 tokens
 * @param themesDir a folder with defence.txt and energy.txt to use instead of the bundled lexicons
 * @param stability measure stability: split-half for gibbs, a second fit with seed + 1 for online and em
 * @param includeDuplicates model every near-duplicate copy, not only canonical documents
 * @param fitDocs fit each model on at most this many of its documents, drawn per month, and infer the topics of the rest (0: fit on all)
 * @param themeRule {@code either}: a theme with a trained {@link ThemeClassifier} takes the documents it or the theme's
 *     lexicon takes; {@code classifier}: only those its classifier takes; {@code lexicon}: every theme by its lexicon (a
 *     theme without a classifier is always its lexicon's)
 */
public record TopicsOptions(int kAll, int kDefence, int kEnergy, int iterations, String optimizer, long seed,
    long minDf, double maxDf, int vocabSize, double floor, double boost, int seedsPerTopic, int themeMinMatches, double themeMinScore,
    Optional<Path> themesDir, boolean stability, boolean includeDuplicates, long fitDocs, String themeRule) {

  public static final int K_ALL_DEFAULT = 20;
  public static final int K_THEME_DEFAULT = 10;
  public static final String GIBBS = "gibbs";
  public static final String ONLINE = "online";
  public static final String EM = "em";
  /** Iterations of the MLlib optimizers by default. */
  public static final int ITERATIONS_DEFAULT = 100;
  /** Gibbs sweeps by default (MALLET's users' usual 500 is not needed: the samples of the last fifth are averaged). */
  public static final int SWEEPS_DEFAULT = 500;
  public static final long MIN_DF_DEFAULT = 3;
  public static final double MAX_DF_DEFAULT = 0.5;
  public static final int VOCAB_SIZE_DEFAULT = 20_000;
  public static final double FLOOR_DEFAULT = 0.1;
  public static final double BOOST_DEFAULT = 100;
  public static final int SEEDS_PER_TOPIC_DEFAULT = 2;
  public static final int THEME_MIN_MATCHES_DEFAULT = 3;
  public static final double THEME_MIN_SCORE_DEFAULT = 1.0;
  public static final String EITHER = "either";
  public static final String CLASSIFIER = "classifier";
  public static final String LEXICON = "lexicon";
  /**
   * Documents a model is fitted on at most by default: beyond this a fit's cost grows and its coherence does not (the
   * bench's real corpora, up to 18,975 documents, are fitted whole).
   */
  public static final long FIT_DOCS_DEFAULT = 20_000;

  public TopicsOptions {
    for (var k : List.of(Map.entry("--k-all", kAll), Map.entry("--k-defence", kDefence), Map.entry("--k-energy", kEnergy))) {
      if (k.getValue() < 2 || k.getValue() > 500) {
        throw new UserException(k.getKey() + " " + k.getValue() + " must be between 2 and 500");
      }
    }
    if (iterations < 1) {
      throw new UserException("--iterations " + iterations + " must be positive");
    }
    if (!List.of(GIBBS, ONLINE, EM).contains(optimizer)) {
      throw new UserException("--optimizer " + optimizer + " must be gibbs, online or em");
    }
    if (maxDf <= 0 || maxDf > 1) {
      throw new UserException("--max-df " + maxDf + " must be in (0, 1]");
    }
    if (seedsPerTopic < 0) {
      throw new UserException("--seeds-per-topic " + seedsPerTopic + " must not be negative");
    }
    if (fitDocs < 0) {
      throw new UserException("--fit-docs " + fitDocs + " must not be negative (0: fit on every document)");
    }
    if (floor < 0 || floor >= 1) {
      throw new UserException("--doc-topic-floor " + floor + " must be in [0, 1)");
    }
    if (!List.of(EITHER, CLASSIFIER, LEXICON).contains(themeRule)) {
      throw new UserException("--theme-rule " + themeRule + " must be either, classifier or lexicon");
    }
    themesDir.ifPresent(d -> {
      if (!d.resolve("defence.txt").toFile().canRead() || !d.resolve("energy.txt").toFile().canRead()) {
        throw new UserException("--themes " + d + " must hold defence.txt and energy.txt");
      }
    });
  }

  /** The default iterations of {@code optimizer}: Gibbs sweeps are cheaper and more are needed. */
  public static int defaultIterations(String optimizer) {
    return GIBBS.equals(optimizer) ? SWEEPS_DEFAULT : ITERATIONS_DEFAULT;
  }

  public int k(String model) {
    return switch (model) {
      case "defence" -> kDefence;
      case "energy" -> kEnergy;
      default -> kAll;
    };
  }

  /** The same options with another k for the all-documents model (for --sweep). */
  public TopicsOptions withKAll(int k) {
    return new TopicsOptions(k, kDefence, kEnergy, iterations, optimizer, seed, minDf, maxDf, vocabSize, floor, boost,
        seedsPerTopic, themeMinMatches, themeMinScore, themesDir, stability, includeDuplicates, fitDocs, themeRule);
  }

  /**
   * The trained theme classifiers this run uses: the {@code <theme>.model} files of the {@code --themes} folder (none when
   * it has none), else the bundled ones; none under {@code --theme-rule lexicon}.
   */
  public Map<String, ThemeClassifier> classifiers() {
    if (LEXICON.equals(themeRule)) {
      return Map.of();
    }
    try {
      return ThemeClassifier.load(themesDir);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      if (themesDir.isEmpty()) {
        throw e;
      }
      throw new UserException("--themes " + themesDir.get() + ": " + e.getMessage());
    }
  }

  Map<String, Object> toConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("k_all", kAll);
    c.put("k_defence", kDefence);
    c.put("k_energy", kEnergy);
    c.put("iterations", iterations);
    c.put("optimizer", optimizer);
    c.put("seed", seed);
    c.put("include_duplicates", includeDuplicates);
    c.put("min_df", minDf);
    c.put("max_df", maxDf);
    c.put("vocab_size", vocabSize);
    c.put("doc_topic_floor", floor);
    c.put("boost", boost);
    c.put("seeds_per_topic", seedsPerTopic);
    c.put("theme_min_matches", themeMinMatches);
    c.put("theme_min_score", themeMinScore);
    c.put("themes", themesDir.map(Path::toString).orElse("bundled"));
    c.put("stability", stability);
    c.put("fit_docs", fitDocs);
    c.put("theme_rule", themeRule);
    return c;
  }
}
