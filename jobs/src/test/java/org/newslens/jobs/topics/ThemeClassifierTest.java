package org.newslens.jobs.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.topics.ThemeClassifier.Example;

class ThemeClassifierTest {

  /**
   * Documents of 12 words drawn from 200 filler words; a positive one also has two of the theme's
   * four words, and a tenth of the negatives have one of them (a word of the theme can appear
   * elsewhere); 1 % of the labels are flipped.
   */
  private static List<Example> planted(int n, long seed) {
    Random random = new Random(seed);
    List<String> themeWords = List.of("refinery", "crude", "pipeline", "opec");
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextDouble() < 0.2;
      Set<String> words = new HashSet<>();
      while (words.size() < 12) {
        words.add("w" + random.nextInt(200));
      }
      if (random.nextDouble() < 0.3) {
        words.add(random.nextBoolean() ? "bias" : "threshold"); // words as any other, not the model's own lines
      }
      if (positive) {
        words.add(themeWords.get(random.nextInt(2)));
        words.add(themeWords.get(2 + random.nextInt(2)));
      } else if (random.nextDouble() < 0.1) {
        words.add(themeWords.get(random.nextInt(4)));
      }
      out.add(new Example(words, random.nextDouble() < 0.01 ? !positive : positive));
    }
    return out;
  }

  @Test
  void learnsThePlantedWordsAndSeparatesUnseenDocuments() {
    ThemeClassifier model = ThemeClassifier.train("energy", planted(2_000, 1), ThemeClassifier.Settings.DEFAULTS, List.of());
    for (String w : List.of("refinery", "crude", "pipeline", "opec")) {
      assertThat(model.weights().get(w)).as(w).isGreaterThan(model.weights().get("w7") + 1);
    }
    List<Example> unseen = planted(1_000, 2);
    List<Boolean> truth = new ArrayList<>();
    for (Example e : unseen) {
      truth.add(e.words().stream().filter(List.of("refinery", "crude", "pipeline", "opec")::contains).count() >= 2);
    }
    var score = ThemeClassifier.Score.of(unseen.stream().map(e -> model.in(model.score(e.words()))).toList(), truth);
    assertThat(score.precision()).isGreaterThan(0.9);
    assertThat(score.recall()).isGreaterThan(0.9);
  }

  @Test
  void theSameExamplesAndSeedGiveTheSameModelAndItsTextFormReadsBackExactly(@TempDir Path dir) throws Exception {
    var examples = planted(600, 3);
    ThemeClassifier a = ThemeClassifier.train("energy", examples, ThemeClassifier.Settings.DEFAULTS, List.of("trained on planted words"));
    ThemeClassifier b = ThemeClassifier.train("energy", examples, ThemeClassifier.Settings.DEFAULTS, List.of("trained on planted words"));
    assertThat(a.format()).isEqualTo(b.format());
    Files.writeString(dir.resolve("energy.model"), a.format());
    Map<String, ThemeClassifier> loaded = ThemeClassifier.load(Optional.of(dir));
    assertThat(loaded).containsOnlyKeys("energy");
    assertThat(loaded.get("energy")).isEqualTo(a);
    assertThat(a.weights()).containsKeys("bias", "threshold");
    for (Example e : examples) {
      assertThat(loaded.get("energy").score(e.words())).isEqualTo(a.score(e.words()));
    }
  }

  @Test
  void aBrokenModelFileIsReportedWithItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("defence.model"), "# a model\n@bias\t-1.0\n@threshold\t0.0\nmissile\tlots\n");
    assertThatThrownBy(() -> ThemeClassifier.load(Optional.of(dir)))
        .hasMessageContaining("defence.model").hasMessageContaining("line 4");
  }

  @Test
  void aThemesFolderGivesItsOwnClassifiersAndABrokenOneIsAUsageError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("defence.txt"), "missile\n");
    Files.writeString(dir.resolve("energy.txt"), "oil\n");
    java.util.function.Function<String, TopicsOptions> options = rule -> new TopicsOptions(20, 10, 10, 10, TopicsOptions.GIBBS, 1, 3, 0.5,
        1000, 0.1, 100, 2, 3, 1.0, Optional.of(dir), false, false, 0, rule);
    assertThat(options.apply(TopicsOptions.EITHER).classifiers()).as("no .model in the folder: no classifier, not the bundled one").isEmpty();
    Files.writeString(dir.resolve("energy.model"), "@bias\t-1.0\n@threshold\t0.0\noil\tlots\n");
    assertThatThrownBy(() -> options.apply(TopicsOptions.EITHER).classifiers())
        .isInstanceOf(org.newslens.jobs.cli.UserException.class).hasMessageContaining("--themes").hasMessageContaining("line 3");
    assertThat(options.apply(TopicsOptions.LEXICON).classifiers()).isEmpty();
  }

  @Test
  void theBundledEnergyModelTellsAnEnergyStoryFromOthers() {
    Map<String, ThemeClassifier> bundled = ThemeClassifier.load(Optional.empty());
    assertThat(bundled).containsKey("energy");
    ThemeClassifier energy = bundled.get("energy");
    var tokens = new TopicTokens(ThemeLexicon.load(Optional.empty()), Map.of());
    String oil = "OPEC oil ministers agreed to cut crude output by 1.5 million barrels a day, and Brent crude prices rose "
        + "as refiners and traders weighed the supply of heating oil and gasoline ahead of winter.";
    String rates = "The central bank raised its key interest rate by a quarter point, and the dollar rose against the yen "
        + "as traders weighed inflation and the pace of wage growth.";
    assertThat(energy.in(energy.score(tokens.words(oil)))).isTrue();
    assertThat(energy.in(energy.score(tokens.words(rates)))).isFalse();
    assertThat(energy.notes()).anyMatch(n -> n.startsWith("trained by: newslens train-themes"));
  }
}
