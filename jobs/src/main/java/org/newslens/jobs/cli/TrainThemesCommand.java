package org.newslens.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.RowFactory;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.topics.ThemeClassifier;
import org.newslens.jobs.topics.ThemeClassifier.Example;
import org.newslens.jobs.topics.ThemeClassifier.Score;
import org.newslens.jobs.topics.TopicTokens;
import org.newslens.jobs.topics.TopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newslens train-themes}: trains a theme's {@link ThemeClassifier} on a labelled corpus's
 * training split and scores it, beside the lexicon rule, on its test split.
 */
@Command(name = "train-themes",
    description = "Train a theme classifier (<theme>.model) on the labelled articles of a JSON Lines corpus (id, text, themes, split) "
        + "and print its precision and recall on the test split beside the lexicon rule's.")
public final class TrainThemesCommand implements Callable<Integer> {

  @Option(names = "--labelled", paramLabel = "FILE", required = true,
      description = "JSON Lines: text, themes (e.g. [\"energy\"]), split; labels (the collection's categories: articles without any are not "
          + "judged and are left out) and topics_attr (Reuters-21578: only YES is judged) where the collection has them.")
  Path labelled;

  @Option(names = "--theme", paramLabel = "THEME", required = true, description = "defence or energy.")
  String theme;

  @Option(names = "--train-split", paramLabel = "SPLIT", description = "Split to train on (default: ${DEFAULT-VALUE}).")
  String trainSplit = "TRAIN";

  @Option(names = "--test-split", paramLabel = "SPLIT", description = "Split to score on (default: ${DEFAULT-VALUE}).")
  String testSplit = "TEST";

  @Option(names = "--out", paramLabel = "FILE", description = "Write the model here (e.g. common/src/main/resources/org/newslens/themes/energy.model).")
  Path out;

  @Option(names = "--themes", paramLabel = "DIR", description = "Lexicons of the baseline rule (default: bundled).")
  Path themes;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the training orders and of the cross-validation folds (default: 1).")
  long seed = 1;

  /** The first judged article's source and licence fields, recorded in the model's notes. */
  private final java.util.Map<String, String> provenance = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    if (!ThemeLexicon.THEMES.contains(theme)) {
      throw new UserException("--theme " + theme + " must be one of " + ThemeLexicon.THEMES);
    }
    if (!Files.isReadable(labelled)) {
      throw new UserException("--labelled " + labelled + " does not exist or cannot be read");
    }
    var tokens = new TopicTokens(ThemeLexicon.load(Optional.ofNullable(themes)), java.util.Map.of());
    List<Labelled> train = new ArrayList<>();
    List<Labelled> test = new ArrayList<>();
    read(tokens, train, test);
    long positives = train.stream().filter(d -> d.example().positive()).count();
    if (positives == 0 || positives == train.size()) {
      throw new UserException("--labelled " + labelled + ": split " + trainSplit + " has " + train.size() + " judged articles, "
          + positives + " of them in " + theme + ": a classifier needs both");
    }
    List<String> notes = new ArrayList<>(List.of("newslens theme classifier: " + theme,
        "trained by: newslens train-themes --labelled " + labelled.getFileName() + " --theme " + theme + " --train-split " + trainSplit
            + " --seed " + seed,
        String.format("training articles: %d, %d of them in the theme", train.size(), positives)));
    provenance.forEach((field, value) -> notes.add("corpus " + field + ": " + value));
    ThemeClassifier model = ThemeClassifier.train(theme, train.stream().map(Labelled::example).toList(),
        ThemeClassifier.Settings.DEFAULTS.withSeed(seed), notes);
    System.out.printf("%s: %s split %s: %d judged articles, %d in %s; vocabulary %d words; threshold %.1f (5-fold cross-validation)%n",
        labelled, theme, trainSplit, train.size(), positives, theme, model.weights().size(), model.threshold());
    if (!ThemeClassifier.parse(theme, model.format()).equals(model)) {
      throw new IllegalStateException("the model's text form does not read back as the model");
    }
    if (out != null) {
      Files.writeString(out, model.format(), StandardCharsets.UTF_8);
      System.out.println("wrote " + out);
    }
    if (test.isEmpty()) {
      System.out.println("no judged articles in split " + testSplit + ": nothing scored");
      return 0;
    }
    List<Boolean> gold = test.stream().map(d -> d.example().positive()).toList();
    Score lexicon = Score.of(test.stream().map(Labelled::lexiconIn).toList(), gold);
    Score classifier = Score.of(test.stream().map(d -> model.in(model.score(d.example().words()))).toList(), gold);
    System.out.printf("split %s: %d judged articles, %d in %s%n", testSplit, test.size(), gold.stream().filter(g -> g).count(), theme);
    System.out.printf("%-42s %6s %6s %6s %7s %7s %7s%n", "rule", "tp", "fp", "fn", "P", "R", "F1");
    print("lexicon (3 core matches, 1.0 per 100 tokens)", lexicon);
    print("classifier", classifier);
    return 0;
  }

  private static void print(String rule, Score s) {
    System.out.printf("%-42s %6d %6d %6d %7.3f %7.3f %7.3f%n", rule, s.truePositives(), s.falsePositives(), s.falseNegatives(),
        s.precision(), s.recall(), s.f1());
  }

  /** A judged article: its classifier example and whether the lexicon rule puts it in the theme. */
  private record Labelled(Example example, boolean lexiconIn) {}

  private void read(TopicTokens tokens, List<Labelled> train, List<Labelled> test) throws IOException {
    ObjectMapper json = new ObjectMapper();
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(labelled, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode d;
        try {
          d = json.readTree(line);
        } catch (IOException e) {
          throw new UserException("--labelled " + labelled + " line " + lineNo + " is not JSON: " + e.getMessage());
        }
        String split = d.path("split").asText("");
        List<Labelled> to = split.equals(trainSplit) ? train : split.equals(testSplit) ? test : null;
        if (to == null || d.path("labels").size() == 0 || (d.has("topics_attr") && !"YES".equals(d.path("topics_attr").asText()))) {
          continue;
        }
        for (String field : List.of("source", "licence")) {
          if (d.hasNonNull(field)) {
            provenance.putIfAbsent(field, d.get(field).asText());
          }
        }
        String title = d.path("title").asText("");
        String text = d.path("text").asText("");
        boolean positive = false;
        for (JsonNode t : d.path("themes")) {
          positive |= theme.equals(t.asText());
        }
        to.add(new Labelled(new Example(tokens.words(title + "\n" + text), positive), lexiconIn(tokens, d.path("id").asText(""), text)));
      }
    }
  }

  /** The lexicon rule at its defaults, on the article's text as {@code topics} reads it (no title, no entity mentions). */
  private boolean lexiconIn(TopicTokens tokens, String id, String text) {
    var row = tokens.tokensOrSkip(RowFactory.create(id, "", text, null, null));
    int n = Math.max(1, ((String[]) row.get(TopicTokens.SCHEMA.fieldIndex(TopicTokens.TOKENS))).length);
    int core = row.getInt(TopicTokens.SCHEMA.fieldIndex(theme + "_core"));
    int all = row.getInt(TopicTokens.SCHEMA.fieldIndex(theme + "_matches"));
    return core >= TopicsOptions.THEME_MIN_MATCHES_DEFAULT && all * 100.0 / n >= TopicsOptions.THEME_MIN_SCORE_DEFAULT;
  }
}
