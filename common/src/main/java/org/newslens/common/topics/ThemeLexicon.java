package org.newslens.common.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The defence and energy lexicons that score documents into themes and seed the theme topic
 * models: one lower-case term per line, {@code #} comments. Bundled in
 * {@code org/newslens/themes/}, or read from a folder given with {@code --themes}.
 */
public record ThemeLexicon(Map<String, Set<String>> terms) implements Serializable {

  /** The themes, in order. */
  public static final List<String> THEMES = List.of("defence", "energy");

  public ThemeLexicon {
    terms = Map.copyOf(terms);
  }

  /** The bundled lexicons, or those in {@code dir} ({@code defence.txt}, {@code energy.txt}). */
  public static ThemeLexicon load(Optional<Path> dir) {
    var out = new java.util.LinkedHashMap<String, Set<String>>();
    for (String theme : THEMES) {
      String file = theme + ".txt";
      try {
        String text;
        if (dir.isPresent()) {
          text = Files.readString(dir.get().resolve(file));
        } else {
          try (InputStream in = ThemeLexicon.class.getResourceAsStream("/org/newslens/themes/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        out.put(theme, parse(text));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the " + theme + " lexicon " + dir.map(d -> d.resolve(file).toString()).orElse(file), e);
      }
    }
    return new ThemeLexicon(out);
  }

  /** The terms of a word list: lines without comments, trimmed, lower-cased. */
  public static Set<String> parse(String text) {
    Set<String> out = new LinkedHashSet<>();
    text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .forEach(l -> out.add(l.toLowerCase(Locale.ROOT)));
    return Set.copyOf(out);
  }

  /** The bundled news stop words. */
  public static Set<String> newsStopWords() {
    try (InputStream in = ThemeLexicon.class.getResourceAsStream("/org/newslens/themes/news-stopwords.txt")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> of(String theme) {
    return terms.getOrDefault(theme, Set.of());
  }
}
