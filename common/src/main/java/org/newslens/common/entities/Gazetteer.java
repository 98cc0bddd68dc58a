package org.newslens.common.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Curated entities found by Aho-Corasick matching of their aliases. Matching is whole-word
 * (no letter or digit on either side, so {@code S-400} does not match inside {@code S-4000}),
 * punctuation-aware (hyphen and apostrophe variants are folded to ASCII before matching, keeping
 * offsets) and case-insensitive, except for all-caps aliases of up to five letters (acronyms such
 * as {@code LNG}, {@code IAEA}), which match only in capitals.
 *
 * <p>Files are TSV with the header {@code id canonical_name type aliases wikidata theme}; aliases
 * are {@code |}-separated. The bundled files are under {@code org/newslens/gazetteer/}; users add
 * their own with {@code --gazetteer extra.tsv} (same columns; an existing id is replaced, and a
 * user's alias wins over a bundled entry's).
 */
public final class Gazetteer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The bundled gazetteer files, on the classpath. */
  public static final List<String> BUNDLED =
      List.of("military_systems.tsv", "orgs.tsv", "locations.tsv", "energy.tsv", "agreements.tsv");

  static final String RESOURCE_DIR = "/org/newslens/gazetteer/";
  static final int ACRONYM_MAX = 5;

  /** A match of an alias in a text: [begin, end) character offsets. */
  public record Match(int begin, int end, GazetteerEntry entry) {}

  private final Map<String, GazetteerEntry> entries;
  private final java.util.Set<String> userIds;
  private transient Trie caseless;
  private transient Trie exact;
  private transient Map<String, GazetteerEntry> byAlias;

  private Gazetteer(Map<String, GazetteerEntry> entries, java.util.Set<String> userIds) {
    this.entries = entries;
    this.userIds = userIds;
  }

  /** The bundled gazetteer plus the given extra TSV contents (later entries replace earlier ids). */
  public static Gazetteer load(List<String> extraTsv) {
    Map<String, GazetteerEntry> all = new LinkedHashMap<>();
    for (String file : BUNDLED) {
      try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE_DIR + file)) {
        if (in == null) {
          throw new IllegalStateException("bundled gazetteer " + file + " is missing from the classpath");
        }
        parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file).forEach(e -> all.put(e.id(), e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    java.util.Set<String> user = new java.util.HashSet<>();
    for (int i = 0; i < extraTsv.size(); i++) {
      parse(extraTsv.get(i), "--gazetteer #" + (i + 1)).forEach(e -> {
        all.put(e.id(), e);
        user.add(e.id());
      });
    }
    return new Gazetteer(all, user);
  }

  /** A gazetteer with no entries: finds nothing and resolves no alias (the ablation without it). */
  public static Gazetteer none() {
    return new Gazetteer(Map.of(), java.util.Set.of());
  }

  /** Parses one TSV file; fails with the file and line of a malformed row. */
  public static List<GazetteerEntry> parse(String tsv, String name) {
    List<GazetteerEntry> out = new ArrayList<>();
    try (var reader = new BufferedReader(new java.io.StringReader(tsv))) {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          throw new IllegalArgumentException(name + " line " + n + ": expected 6 tab-separated columns, found " + f.length);
        }
        EntityType type;
        try {
          type = EntityType.valueOf(f[2].strip());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + " line " + n + ": unknown type '" + f[2] + "'");
        }
        List<String> aliases = new ArrayList<>(Arrays.stream(f[3].split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (!aliases.contains(f[1].strip())) {
          aliases.add(0, f[1].strip());
        }
        out.add(new GazetteerEntry(f[0].strip(), f[1].strip(), type, aliases, f[4].strip(), f[5].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public int size() {
    return entries.size();
  }

  /** Entries per type, for reports. */
  public Map<EntityType, Long> countByType() {
    Map<EntityType, Long> counts = new java.util.TreeMap<>();
    entries.values().forEach(e -> counts.merge(e.type(), 1L, Long::sum));
    return counts;
  }

  public Optional<GazetteerEntry> byId(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** The entry an exact surface form names (folded like matching), if any. */
  public Optional<GazetteerEntry> byAlias(String surface) {
    build();
    GazetteerEntry e = byAlias.get(fold(surface));
    if (e == null) {
      e = byAlias.get(fold(surface).toLowerCase(Locale.ROOT));
    }
    return Optional.ofNullable(e);
  }

  /** All whole-word alias matches in the text, overlapping ones included. */
  public List<Match> find(String text) {
    build();
    String folded = fold(text);
    List<Match> out = new ArrayList<>();
    collect(caseless.parseText(folded), folded, true, out);
    collect(exact.parseText(folded), folded, false, out);
    return out;
  }

  private void collect(java.util.Collection<Emit> emits, String text, boolean lower, List<Match> out) {
    for (Emit e : emits) {
      int begin = e.getStart();
      int end = e.getEnd() + 1;
      if (isBoundary(text, begin - 1) && isBoundary(text, end)) {
        String key = lower ? e.getKeyword().toLowerCase(Locale.ROOT) : e.getKeyword();
        GazetteerEntry entry = byAlias.get(key);
        if (entry != null) {
          out.add(new Match(begin, end, entry));
        }
      }
    }
  }

  private static boolean isBoundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
  }

  /** Hyphens, dashes and apostrophes folded to ASCII, one character for one, so offsets hold. */
  static String fold(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      switch (c[i]) {
        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212' -> c[i] = '-';
        case '\u2018', '\u2019', '\u02BC' -> c[i] = '\'';
        case '\u00A0' -> c[i] = ' ';
        default -> { }
      }
    }
    return new String(c);
  }

  static boolean isAcronym(String alias) {
    int letters = 0;
    for (char ch : alias.toCharArray()) {
      if (Character.isLetter(ch)) {
        if (!Character.isUpperCase(ch)) {
          return false;
        }
        letters++;
      }
    }
    return letters > 0 && letters <= ACRONYM_MAX && alias.chars().noneMatch(Character::isWhitespace);
  }

  private synchronized void build() {
    if (caseless != null) {
      return;
    }
    Map<String, GazetteerEntry> aliases = new java.util.HashMap<>();
    var caselessBuilder = Trie.builder().ignoreCase();
    var exactBuilder = Trie.builder();
    // Bundled entries first (the first to claim an alias keeps it), then the user's, which win.
    List<GazetteerEntry> ordered = new ArrayList<>(entries.values());
    ordered.sort(java.util.Comparator.comparing(e -> userIds.contains(e.id())));
    for (GazetteerEntry e : ordered) {
      boolean user = userIds.contains(e.id());
      for (String alias : e.aliases()) {
        String a = fold(alias);
        String key = isAcronym(a) ? a : a.toLowerCase(Locale.ROOT);
        (isAcronym(a) ? exactBuilder : caselessBuilder).addKeyword(key);
        if (user) {
          aliases.put(key, e);
        } else {
          aliases.putIfAbsent(key, e);
        }
      }
    }
    byAlias = aliases;
    exact = exactBuilder.build();
    caseless = caselessBuilder.build();
  }
}
