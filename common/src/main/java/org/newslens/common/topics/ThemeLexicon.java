package org.newslens.common.topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The defence and energy lexicons that score documents into themes and seed the theme topic
 * models. Bundled in {@code org/newslens/themes/}, or read from a folder given with
 * {@code --themes}. One lower-case topic token per line, {@code #} comments:
 *
 * <ul>
 *   <li>{@code missile}: a <em>core</em> term, on theme wherever it appears; a document needs
 *       core matches to be in the theme, and only core terms seed the theme's topics;
 *   <li>{@code ~contract}: a <em>context</em> term, common outside the theme too (a contract, a
 *       price, a strike); it adds to the score of a document that has the core matches;
 *   <li>{@code !palm oil}: two words that, adjacent, are not a match (palm oil is not energy):
 *       neither word counts there.
 * </ul>
 */
public record ThemeLexicon(Map<String, Terms> themes) implements Serializable {

  /** The themes, in order. */
  public static final List<String> THEMES = List.of("defence", "energy");

  /** How a token matches a theme. */
  public enum Match { NONE, CONTEXT, CORE }

  /** One theme's core and context terms and its excluded two-word phrases ("palm oil"). */
  public record Terms(Set<String> core, Set<String> context, Set<String> excluded) implements Serializable {
    public Terms {
      core = Set.copyOf(core);
      context = Set.copyOf(context);
      excluded = Set.copyOf(excluded);
    }

    /** Whether {@code term} is a core or context term. */
    public boolean has(String term) {
      return core.contains(term) || context.contains(term);
    }

    /** How {@code token} matches, between {@code previous} and {@code next} (null at an end). */
    public Match match(String previous, String token, String next) {
      boolean core = this.core.contains(token);
      if (!core && !context.contains(token)) {
        return Match.NONE;
      }
      if ((previous != null && excluded.contains(previous + " " + token)) || (next != null && excluded.contains(token + " " + next))) {
        return Match.NONE;
      }
      return core ? Match.CORE : Match.CONTEXT;
    }
  }

  public ThemeLexicon {
    themes = Map.copyOf(themes);
  }

  /** The bundled lexicons, or those in {@code dir} ({@code defence.txt}, {@code energy.txt}). */
  public static ThemeLexicon load(Optional<Path> dir) {
    var out = new java.util.LinkedHashMap<String, Terms>();
    for (String theme : THEMES) {
      String file = theme + ".txt";
      String where = dir.map(d -> d.resolve(file).toString()).orElse(file);
      try {
        String text;
        if (dir.isPresent()) {
          text = Files.readString(dir.get().resolve(file));
        } else {
          try (InputStream in = ThemeLexicon.class.getResourceAsStream("/org/newslens/themes/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        out.put(theme, terms(text, where));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the " + theme + " lexicon " + where, e);
      }
    }
    return new ThemeLexicon(out);
  }

  /** A lexicon's core terms, {@code ~}context terms and {@code !}excluded phrases. */
  public static Terms terms(String text, String where) {
    Set<String> core = new HashSet<>();
    Set<String> context = new HashSet<>();
    Set<String> excluded = new HashSet<>();
    int n = 0;
    for (String line : text.lines().toList()) {
      n++;
      String l = line.strip().toLowerCase(Locale.ROOT);
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("!")) {
        String[] words = l.substring(1).strip().split("\\s+");
        if (words.length != 2) {
          throw new IllegalArgumentException(where + " line " + n + ": an excluded phrase is two words (\"!palm oil\"), not \"" + line.strip() + "\"");
        }
        excluded.add(words[0] + " " + words[1]);
      } else {
        boolean isContext = l.startsWith("~");
        String term = isContext ? l.substring(1).strip() : l;
        if (term.isEmpty() || term.chars().anyMatch(Character::isWhitespace)) {
          throw new IllegalArgumentException(where + " line " + n + ": a term is one topic token, not \"" + line.strip() + "\"");
        }
        (isContext ? context : core).add(term);
      }
    }
    context.removeAll(core);
    return new Terms(core, context, excluded);
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

  public Terms terms(String theme) {
    return themes.getOrDefault(theme, new Terms(Set.of(), Set.of(), Set.of()));
  }

  /** The theme's core terms: they put a document in the theme and seed its topics. */
  public Set<String> core(String theme) {
    return terms(theme).core();
  }

  /** Every term of the theme, core and context. */
  public Set<String> of(String theme) {
    Set<String> all = new HashSet<>(terms(theme).core());
    all.addAll(terms(theme).context());
    return all;
  }
}
