package org.newslens.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic news stories as JSON lines, distinct enough that none are near-duplicates: each text
 * draws 80 words from 5,000 made-up ones. Ids are {@code <prefix>-<n>}, so the input of a table's
 * rows can be told from their ids.
 */
public final class Stories {

  private Stories() {}

  /** Writes {@code n} stories with ids {@code prefix-0 ... prefix-(n-1)} to {@code file}. */
  public static Path write(Path file, String prefix, int n) throws IOException {
    Random random = new Random(prefix.hashCode());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 80; w++) {
        text.append(w == 0 ? "" : " ").append("w").append(Integer.toString(random.nextInt(5000), 36));
      }
      lines.add(String.format("{\"id\": \"%s-%d\", \"title\": \"Story %d of %s\", \"date\": \"2026-%02d-%02d\", "
          + "\"source\": \"Test Wire\", \"text\": \"%s.\"}", prefix, i, i, prefix, 1 + i % 12, 1 + i % 28, text));
    }
    Files.createDirectories(file.getParent());
    return Files.write(file, lines);
  }
}
