package org.newslens.jobs.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.newslens.common.topics.ThemeLexicon;

/**
 * A theme's trained classifier: logistic regression on which words a document has (its distinct
 * topic words, entity mentions included as words), each present word weighing {@code 1/sqrt(n)}
 * for the {@code n} distinct words of the model's vocabulary the document has. A document is in
 * the theme when {@code bias + sum(weights)/sqrt(n) >= threshold}. The lexicon says which words
 * a theme is about; a classifier learns from labelled articles which of them decide it.
 *
 * <p>Stored as text, {@code <theme>.model} beside the lexicons: {@code #} comments (what it was
 * trained on), then {@code @bias}, {@code @threshold} and one {@code term<TAB>weight} line per word
 * of the vocabulary.
 */
public record ThemeClassifier(String theme, double bias, double threshold, Map<String, Double> weights, List<String> notes)
    implements Serializable {

  /**
   * Training settings: SGD epochs, L2 penalty, least documents a word must be in, seed, and how
   * many models, each with its own order of the documents, are averaged into one (one order's
   * model depends on which documents came last; averaging takes most of that out).
   */
  public record Settings(int epochs, double l2, int minDf, long seed, int average) {
    public static final Settings DEFAULTS = new Settings(15, 1e-5, 3, 1, 5);

    public Settings withSeed(long seed) {
      return new Settings(epochs, l2, minDf, seed, average);
    }
  }

  /** Keys of the bias and threshold lines: not words (a topic word has no {@code @}), so "bias" can be in the vocabulary. */
  static final String BIAS = "@bias";
  static final String THRESHOLD = "@threshold";

  /** Cross-validation folds that choose the threshold. */
  static final int FOLDS = 5;

  /** A labelled document: its distinct words and whether it is in the theme. */
  public record Example(Set<String> words, boolean positive) {}

  /** Precision, recall and F1 of a rule on labelled documents. */
  public record Score(long truePositives, long falsePositives, long falseNegatives) {
    public double precision() {
      return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
      return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double f1() {
      return 2.0 * truePositives / Math.max(1, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** Tallies predictions against labels, pairwise. */
    public static Score of(List<Boolean> predicted, List<Boolean> gold) {
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (int i = 0; i < gold.size(); i++) {
        tp += predicted.get(i) && gold.get(i) ? 1 : 0;
        fp += predicted.get(i) && !gold.get(i) ? 1 : 0;
        fn += !predicted.get(i) && gold.get(i) ? 1 : 0;
      }
      return new Score(tp, fp, fn);
    }
  }

  public ThemeClassifier {
    weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    notes = List.copyOf(notes);
  }

  /** The classifier's value for a document's distinct words: in the theme at {@link #threshold} or above. */
  public double score(Collection<String> words) {
    double sum = 0;
    int n = 0;
    for (String w : words) {
      Double weight = weights.get(w);
      if (weight != null) {
        sum += weight;
        n++;
      }
    }
    return n == 0 ? Double.NEGATIVE_INFINITY : bias + sum / Math.sqrt(n);
  }

  /** Whether a document with this {@link #score} is in the theme. */
  public boolean in(double score) {
    return score >= threshold;
  }

  /** The probability the model gives for a {@link #score}: the logistic of it. */
  public static double probability(double score) {
    return 1 / (1 + Math.exp(-score));
  }

  /**
   * The classifiers of the themes that have one: {@code <theme>.model} in {@code dir}, or, without
   * a folder, bundled in {@code org/newslens/themes/}. A theme without one is scored by its lexicon.
   */
  public static Map<String, ThemeClassifier> load(Optional<Path> dir) {
    Map<String, ThemeClassifier> out = new LinkedHashMap<>();
    for (String theme : ThemeLexicon.THEMES) {
      String file = theme + ".model";
      try {
        if (dir.isPresent()) {
          Path path = dir.get().resolve(file);
          if (Files.isRegularFile(path)) {
            out.put(theme, parse(theme, Files.readString(path)));
          }
        } else {
          try (InputStream in = ThemeClassifier.class.getResourceAsStream("/org/newslens/themes/" + file)) {
            if (in != null) {
              out.put(theme, parse(theme, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("theme classifier " + dir.map(d -> d.resolve(file).toString()).orElse(file), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("theme classifier " + dir.map(d -> d.resolve(file).toString()).orElse(file) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Reads the text form ({@link #format()}). */
  public static ThemeClassifier parse(String theme, String text) {
    Double bias = null;
    Double threshold = null;
    Map<String, Double> weights = new HashMap<>();
    List<String> notes = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        notes.add(l.substring(1).strip());
        continue;
      }
      String[] f = l.split("\t");
      try {
        if (f.length != 2) {
          throw new IllegalArgumentException("expected two tab-separated fields");
        }
        double value = Double.parseDouble(f[1]);
        switch (f[0]) {
          case BIAS -> bias = value;
          case THRESHOLD -> threshold = value;
          default -> weights.put(f[0], value);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + l);
      }
    }
    if (bias == null || threshold == null || weights.isEmpty()) {
      throw new IllegalArgumentException("needs a " + BIAS + " line, a " + THRESHOLD + " line and term weights");
    }
    return new ThemeClassifier(theme, bias, threshold, weights, notes);
  }

  /** The text form: the notes as comments, bias, threshold, then the weights by term. */
  public String format() {
    StringBuilder out = new StringBuilder();
    notes.forEach(n -> out.append("# ").append(n).append('\n'));
    out.append(BIAS).append('\t').append(number(bias)).append('\n');
    out.append(THRESHOLD).append('\t').append(number(threshold)).append('\n');
    weights.forEach((term, w) -> out.append(term).append('\t').append(number(w)).append('\n'));
    return out.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  /**
   * Trains a classifier on labelled documents: the weights from all of them, the threshold the
   * one whose lower of precision and recall is highest (the higher threshold on a tie: a theme
   * should be right on both, and the best F1 leans to recall when the theme is rare) when each fifth of them, in a seeded shuffle, is
   * scored by a model trained on the other four fifths. Weights are rounded as {@link #format()} stores
   * them, so a loaded model scores as the trained one. The same examples and settings give the
   * same model.
   */
  public static ThemeClassifier train(String theme, List<Example> examples, Settings settings, List<String> notes) {
    List<Example> shuffled = new ArrayList<>(examples);
    Collections.shuffle(shuffled, new Random(settings.seed() + FOLDS));
    List<Double> scores = new ArrayList<>();
    List<Boolean> gold = new ArrayList<>();
    for (int fold = 0; fold < FOLDS; fold++) {
      List<Example> in = new ArrayList<>();
      List<Example> out = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        (i % FOLDS == fold ? out : in).add(shuffled.get(i));
      }
      ThemeClassifier model = fit(theme, in, settings, 0, notes);
      out.forEach(e -> {
        scores.add(model.score(e.words()));
        gold.add(e.positive());
      });
    }
    double best = 0;
    double bestMin = -1;
    for (int t = -40; t < 40; t++) {
      double threshold = t / 10.0;
      Score score = Score.of(scores.stream().map(s -> s >= threshold).toList(), gold);
      double min = Math.min(score.precision(), score.recall());
      if (min >= bestMin) {
        bestMin = min;
        best = threshold;
      }
    }
    return fit(theme, examples, settings, best, notes);
  }

  /** Logistic regression by stochastic gradient descent: the average of {@code settings.average()} seeded orders' models. */
  private static ThemeClassifier fit(String theme, List<Example> examples, Settings settings, double threshold, List<String> notes) {
    Map<String, Integer> df = new HashMap<>();
    examples.forEach(e -> e.words().forEach(w -> df.merge(w, 1, Integer::sum)));
    List<String> vocab = df.entrySet().stream().filter(e -> e.getValue() >= settings.minDf()).map(Map.Entry::getKey).sorted().toList();
    Map<String, Integer> index = new HashMap<>();
    vocab.forEach(w -> index.put(w, index.size()));
    List<int[]> features = new ArrayList<>();
    for (Example e : examples) {
      features.add(e.words().stream().map(index::get).filter(i -> i != null).mapToInt(Integer::intValue).sorted().toArray());
    }
    double[] w = new double[vocab.size() + 1];
    for (int run = 0; run < settings.average(); run++) {
      double[] one = sgd(examples, features, vocab.size(), settings.withSeed(settings.seed() + run));
      for (int j = 0; j < w.length; j++) {
        w[j] += one[j] / settings.average();
      }
    }
    Map<String, Double> weights = new HashMap<>();
    for (int j = 0; j < vocab.size(); j++) {
      weights.put(vocab.get(j), Double.parseDouble(number(w[j])));
    }
    return new ThemeClassifier(theme, Double.parseDouble(number(w[vocab.size()])), threshold, weights, notes);
  }

  /** One model in one seeded order of the documents: the weights, then the bias. */
  private static double[] sgd(List<Example> examples, List<int[]> features, int words, Settings settings) {
    double[] w = new double[words];
    double bias = 0;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      order.add(i);
    }
    Random random = new Random(settings.seed());
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      Collections.shuffle(order, random);
      double rate = 0.5 / (1 + epoch);
      for (int i : order) {
        int[] x = features.get(i);
        if (x.length == 0) {
          continue;
        }
        double scale = 1 / Math.sqrt(x.length);
        double z = bias;
        for (int j : x) {
          z += w[j] * scale;
        }
        double gradient = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z)))) - (examples.get(i).positive() ? 1 : 0);
        for (int j : x) {
          w[j] -= rate * (gradient * scale + settings.l2() * w[j]);
        }
        bias -= rate * gradient * 0.1;
      }
    }
    double[] out = java.util.Arrays.copyOf(w, words + 1);
    out[words] = bias;
    return out;
  }
}
