package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.topics.ThemeClassifier;

class TrainThemesCommandTest {

  private static final List<String> FILLER = List.of("council", "meeting", "season", "players", "court", "ruling", "school",
      "budget", "weather", "festival", "election", "museum", "hospital", "traffic", "bridge", "market", "teachers", "river");
  private static final List<String> ENERGY = List.of("refinery", "crude", "pipeline", "barrels", "drilling", "utility");

  /** Labelled JSON Lines as bench/corpora/ writes them: energy stories have energy words, the rest do not; a third unjudged. */
  private static Path labelled(Path dir) throws Exception {
    Random random = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      boolean energy = random.nextDouble() < 0.25;
      StringBuilder text = new StringBuilder("The story");
      for (int w = 0; w < 15; w++) {
        text.append(' ').append(FILLER.get(random.nextInt(FILLER.size())));
      }
      if (energy) {
        text.append(' ').append(ENERGY.get(random.nextInt(3))).append(' ').append(ENERGY.get(3 + random.nextInt(3)));
      }
      String labels = i % 3 == 2 ? "[]" : energy ? "[\"crude\"]" : "[\"earn\"]";
      lines.add(String.format("{\"id\": \"d%d\", \"title\": \"Story %d\", \"text\": \"%s.\", \"labels\": %s, \"themes\": %s, \"split\": \"%s\", "
          + "\"source\": \"planted words\", \"licence\": \"none\"}", i, i, text, labels, energy ? "[\"energy\"]" : "[]", i < 400 ? "TRAIN" : "TEST"));
    }
    Path file = dir.resolve("labelled.jsonl");
    Files.write(file, lines);
    return file;
  }

  @Test
  void trainsOnTheTrainSplitWritesAModelThatLoadsAndScoresTheTestSplit(@TempDir Path dir) throws Exception {
    Path file = labelled(dir);
    Path model = dir.resolve("energy.model");
    var out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("train-themes", "--labelled", file.toString(), "--theme", "energy", "--out", model.toString());
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    // 400 TRAIN lines of which the unjudged third (no labels) is left out
    assertThat(printed).contains("split TRAIN: 267 judged articles").contains("split TEST: 133 judged articles");
    ThemeClassifier loaded = ThemeClassifier.load(Optional.of(dir)).get("energy");
    assertThat(loaded.notes()).contains("corpus source: planted words", "training articles: 267, "
        + printed.replaceAll("(?s).*267 judged articles, (\\d+) in energy.*", "$1") + " of them in the theme");
    for (String w : ENERGY) {
      assertThat(loaded.weights().get(w)).as(w).isGreaterThan(loaded.weights().get("council"));
    }
    String classifierLine = printed.lines().filter(l -> l.startsWith("classifier")).findFirst().orElseThrow();
    String[] f = classifierLine.trim().split("\\s+");
    assertThat(Double.parseDouble(f[4])).as("precision").isGreaterThan(0.9);
    assertThat(Double.parseDouble(f[5])).as("recall").isGreaterThan(0.9);
  }

  @Test
  void anUnknownThemeOrASplitWithoutBothClassesIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = labelled(dir);
    assertThat(Main.run("train-themes", "--labelled", file.toString(), "--theme", "sport")).isEqualTo(Main.USAGE_ERROR);
    assertThat(Main.run("train-themes", "--labelled", file.toString(), "--theme", "defence")).isEqualTo(Main.USAGE_ERROR);
    assertThat(Main.run("train-themes", "--labelled", dir.resolve("missing.jsonl").toString(), "--theme", "energy"))
        .isEqualTo(Main.USAGE_ERROR);
  }
}
