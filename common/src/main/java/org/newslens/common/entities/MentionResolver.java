package org.newslens.common.entities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the candidate mentions of all recognisers into the document's final mentions: drops what
 * is not an entity (pronouns, capitalised common words), retypes wire credits, resolves overlaps
 * (longest span wins; on the same span a domain type beats a generic one, then gazetteer beats
 * pattern beats CRF), adds in-document acronyms defined as {@code Long Name (ACRONYM)}, links
 * short person names to the full name used in the same document, and gives every mention an
 * entity id.
 */
public final class MentionResolver {

  static final double COREF_CONFIDENCE = 0.75;
  static final double ACRONYM_CONFIDENCE = 0.85;

  private static final Set<String> PRONOUNS = Set.of(
      "i", "me", "my", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "we", "us", "our",
      "you", "your", "it", "its", "himself", "herself", "themselves", "who", "whom");
  /** Wire services and agencies credited in datelines: sources, not people. */
  private static final Set<String> WIRE_CREDITS = Set.of(
      "reuter", "reuters", "ap", "afp", "upi", "tass", "pti", "ani", "ians", "xinhua", "bloomberg", "yonhap", "kcna", "dpa", "efe");
  private static final Pattern BYLINE = Pattern.compile("(?m)^\\s*(?:By|BY)\\s+[^\\n]{2,80}$");
  private static final Pattern ACRONYM_DEF = Pattern.compile("\\s*\\(([A-Z][A-Za-z0-9&]{1,9})\\)");
  /** "Biden Administration": a government named by its leader. */
  private static final Pattern LEADERS_GOVERNMENT = Pattern.compile("(\\p{Lu}[\\p{L}'-]+) [Aa]dministration");
  private static final Pattern TERM_ACRONYM = Pattern.compile("\\(([A-Z]{2,6})s?\\)");

  private MentionResolver() {}

  public static List<Mention> resolve(String text, List<Mention> candidates, Gazetteer gazetteer) {
    List<int[]> bylines = bylines(text);
    Words words = new Words(text);
    List<Mention> kept = new ArrayList<>();
    TreeMap<Integer, Mention> crfByBegin = new TreeMap<>();
    for (Mention m : candidates) {
      if (Mention.CRF.equals(m.method())) {
        Mention c = checkCrf(m, words, bylines, gazetteer);
        c = c == null ? null : ReportText.check(text, c, words);
        if (c != null) {
          kept.add(c);
        }
      }
    }
    surnamesArePeople(kept);
    kept = ReportText.joinParts(text, kept);
    Set<String> terms = acronymsOfTerms(text);
    ReportText.addUnnamedAcronyms(text, kept, gazetteer, terms);
    if (!terms.isEmpty()) {
      kept.removeIf(m -> terms.contains(m.surface()));
    }
    kept.forEach(c -> crfByBegin.put(c.begin(), c));
    for (Mention m : candidates) {
      if (!Mention.CRF.equals(m.method()) && !terms.contains(m.surface()) && (m.type().isDomain() || ReportText.wellFormed(text, m))
          && (!Mention.GAZETTEER.equals(m.method()) || supportsCrf(m, crfByBegin))) {
        kept.add(m);
      }
    }
    List<Mention> merged = merge(kept);
    merged = addAcronyms(text, merged);
    return link(merged);
  }

  /**
   * Acronyms the document defines as a lower-case term, "a waste emissions charge (WEC)": there
   * they are not the organisation a list or the CRF knows by those letters (Westinghouse).
   */
  static Set<String> acronymsOfTerms(String text) {
    Set<String> out = new java.util.HashSet<>();
    var def = TERM_ACRONYM.matcher(text);
    while (def.find()) {
      String acronym = def.group(1);
      String[] words = text.substring(Math.max(0, def.start() - 120), def.start()).strip().split("[\\s\\-/]+");
      for (int from = words.length - 1; from >= 0 && from >= words.length - 8; from--) {
        String first = words[from].replaceAll("^\\p{Punct}+", "");
        if (first.isEmpty() || !Character.isLowerCase(first.charAt(0))) {
          break;
        }
        if (first.charAt(0) == Character.toLowerCase(acronym.charAt(0))
            && initialsMatch(String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)), acronym)) {
          out.add(acronym);
          out.add(acronym + "s");
          break;
        }
      }
    }
    return out;
  }

  /**
   * One reading per name in a document: the CRF labels each sentence alone, so after "Neil
   * Jordan" it may read "Jordan 's film" as a place. A one-word organisation or place that is the
   * surname of a person the CRF named in full in the same document is that person (measured on
   * CoNLL-2003 testa: +0.3 F1; making every repeat of a name take its majority type, or adding the
   * repeats the CRF missed, measured no gain and lost precision). "Trump Administration", where
   * the document names Trump as a person, is that person (a government named by its leader):
   * "Federal Aviation Administration" stays an organisation.
   */
  private static void surnamesArePeople(List<Mention> crf) {
    Set<String> surnames = new java.util.HashSet<>();
    Set<String> people = new java.util.HashSet<>();
    for (Mention m : crf) {
      if (m.type() == EntityType.PERSON) {
        people.add(m.surface().substring(m.surface().lastIndexOf(' ') + 1));
        if (m.surface().indexOf(' ') > 0) {
          surnames.add(m.surface().substring(m.surface().lastIndexOf(' ') + 1));
        }
      }
    }
    crf.replaceAll(m -> {
      if ((m.type() == EntityType.ORG || m.type() == EntityType.LOCATION) && surnames.contains(m.surface())) {
        return personOf(m, m.surface().length());
      }
      var leader = LEADERS_GOVERNMENT.matcher(m.surface());
      return m.type() == EntityType.ORG && leader.matches() && people.contains(leader.group(1)) ? personOf(m, leader.end(1)) : m;
    });
  }

  /** The first {@code length} characters of a mention, as a person. */
  private static Mention personOf(Mention m, int length) {
    return new Mention(m.begin(), m.begin() + length, m.surface().substring(0, length), EntityType.PERSON, null, null, m.method(),
        m.confidence(), "", "none");
  }

  /**
   * Whether a gazetteer match of a generic type (person, organisation, place) may stand: the CRF
   * reads the context, the list does not ("NEW YORK" the team, "Jordan" the player, "Congress" in
   * "the congress of the party"), so the list is evidence for the CRF's spans, not an override. A
   * match stands where the CRF found nothing overlapping it and it is capitalised, or where it
   * covers one CRF mention and is capitalised, and either agrees with its type (below) or is a
   * longer title-case name ("India Today" around "India"; not "the
   * Netherlands", "U.S. military" or "NEW YORK" the team). Domain types (weapons, operations,
   * agreements, energy) always stand: the CRF has no such types.
   */
  private static boolean supportsCrf(Mention g, TreeMap<Integer, Mention> crfByBegin) {
    if (g.type().isDomain()) {
      return true;
    }
    var first = crfByBegin.floorEntry(g.begin());
    var from = first != null && first.getValue().end() > g.begin() ? first.getKey() : g.begin();
    var overlapping = crfByBegin.subMap(from, true, g.end(), false).values();
    if (overlapping.isEmpty()) {
      return Character.isUpperCase(g.surface().codePointAt(0));
    }
    if (overlapping.size() > 1) {
      // A long listed name the CRF read in pieces ("Islamic State" / "Iraq" / "Levant" in
      // "Islamic State of Iraq and the Levant") stands; a list name cutting across the CRF's does not.
      return Character.isUpperCase(g.surface().codePointAt(0)) && capitalisedWords(g.surface()) >= 3
          && overlapping.stream().allMatch(c -> c.begin() >= g.begin() && c.end() <= g.end());
    }
    Mention crf = overlapping.iterator().next();
    boolean contains = g.begin() <= crf.begin() && g.end() >= crf.end();
    if (!contains || !Character.isUpperCase(g.surface().codePointAt(0))) {
      return false;
    }
    // Same kind, or the CRF only knew it as MISC ("Arctic"), or a longer proper name around the
    // CRF's ("India Today" around "India"; not "U.S. military" around "U.S.").
    return agrees(crf.type(), g.type()) || (g.length() > crf.length() && titleCase(g.surface()));
  }

  /**
   * Whether a curated type may stand over the CRF's: the same, or the CRF only knew it as MISC
   * ("Arctic"), or a place the list knows as the institution it stands for ("Kremlin",
   * "Pentagon"). A person or team the list knows as a place ("Jordan", "NEW YORK") keeps the
   * CRF's reading.
   */
  private static boolean agrees(EntityType crf, EntityType curated) {
    return crf == curated || crf == EntityType.MISC || (crf == EntityType.LOCATION && curated == EntityType.ORG);
  }

  private static int capitalisedWords(String s) {
    int n = 0;
    for (String w : s.split("\\s+")) {
      n += !w.isEmpty() && Character.isUpperCase(w.codePointAt(0)) ? 1 : 0;
    }
    return n;
  }

  private static boolean titleCase(String s) {
    for (String w : s.split("\\s+")) {
      if (!w.isEmpty() && !Character.isUpperCase(w.codePointAt(0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a one-word name the CRF read as a person is the organisation the list knows by that
   * word ("Daesh", "Palantir"): the CRF guesses person for an unknown capitalised word, the list
   * knows the group. Where the document names a person with that word ("William Boeing", then
   * "Boeing"), {@link #surnamesArePeople} makes it that person again.
   */
  private static boolean listedOrganisation(Mention m, GazetteerEntry e) {
    return m.type() == EntityType.PERSON && e.type() == EntityType.ORG && m.surface().indexOf(' ') < 0;
  }

  /** A CRF mention kept (possibly retyped or resolved to a curated entry), or null to drop it. */
  private static Mention checkCrf(Mention m, Words words, List<int[]> bylines, Gazetteer gazetteer) {
    String key = m.surface().toLowerCase(Locale.ROOT);
    boolean oneWord = m.surface().indexOf(' ') < 0;
    if (m.type() == EntityType.PERSON && (PRONOUNS.contains(key) || inside(m, bylines))) {
      return null;
    }
    if (WIRE_CREDITS.contains(key)) {
      return new Mention(m.begin(), m.end(), m.surface(), EntityType.ORG, null, null, m.method(), m.confidence(), "", "none");
    }
    if (oneWord && occursInLowerCase(words, key, m)) {
      return null;
    }
    // A curated entry names the mention when it agrees with the CRF's kind (or is a domain type
    // the CRF cannot give): "NEW YORK" tagged ORG is a team, not the city.
    return gazetteer.byAlias(Canonical.clean(m.surface()))
        .filter(e -> agrees(m.type(), e.type()) || e.type().isDomain() || listedOrganisation(m, e))
        .map(e -> new Mention(m.begin(), m.end(), m.surface(), e.type(), e.id(), e.canonicalName(), m.method(),
            m.confidence(), e.wikidataId(), e.theme()))
        .orElse(m);
  }

  /** A capitalised word that the same document also writes in lower case is a common word ("Talks"). */
  private static boolean occursInLowerCase(Words words, String lowerWord, Mention m) {
    if (!Character.isUpperCase(m.surface().charAt(0)) || m.surface().equals(m.surface().toUpperCase(Locale.ROOT))) {
      return false;
    }
    return words.contains(lowerWord);
  }

  /**
   * Whether a document contains a word as written, bounded by characters that are not letters or
   * digits. The document's words are split once, on first use, instead of a regex scan of the
   * whole text per one-word CRF mention.
   */
  static final class Words {
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private final String text;
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()\\s]{1,20})\\)");
    /** A web address: its words ("army" in ".../us-army-plans...") are not the document's prose. */
    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+");
    private Set<String> words;
    private Set<String> parenthesised;
    private final Map<String, Boolean> scanned = new HashMap<>();

    Words(String text) {
      this.text = text.contains("://") || text.contains("www.") ? URL.matcher(text).replaceAll(" ") : text;
    }

    boolean contains(String word) {
      if (!WORD.matcher(word).matches()) {
        // "al-assad", "o'brien": the word's own separators, so the slow exact scan, once per word.
        return scanned.computeIfAbsent(word, w -> wholeWord(w).matcher(text).find());
      }
      if (words == null) {
        words = new java.util.HashSet<>(java.util.Arrays.asList(NOT_WORD.split(text)));
      }
      return words.contains(word);
    }

    /** Whether the document writes {@code word} alone in parentheses, "(MURR)", as a definition; found once per document. */
    boolean inParentheses(String word) {
      if (parenthesised == null) {
        parenthesised = new java.util.HashSet<>();
        var m = PARENTHESISED.matcher(text);
        while (m.find()) {
          parenthesised.add(m.group(1));
        }
      }
      return parenthesised.contains(word);
    }
  }

  /** {@code word} as written, not inside a longer run of letters or digits. */
  private static Pattern wholeWord(String word) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])");
  }

  private static List<int[]> bylines(String text) {
    List<int[]> out = new ArrayList<>();
    var m = BYLINE.matcher(text.length() > 2000 ? text.substring(0, 2000) : text);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }

  private static boolean inside(Mention m, List<int[]> spans) {
    return spans.stream().anyMatch(s -> m.begin() >= s[0] && m.end() <= s[1]);
  }

  private static int methodRank(String method) {
    if (Mention.GAZETTEER.equals(method)) {
      return 3;
    }
    return method.startsWith("pattern") ? 2 : 1;
  }

  /** Non-overlapping mentions: longest first, then domain type, then method; in text order. */
  public static List<Mention> merge(List<Mention> candidates) {
    List<Mention> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingInt(Mention::length).reversed()
        .thenComparing(m -> m.type().isDomain() ? 0 : 1)
        .thenComparing(m -> -methodRank(m.method()))
        .thenComparingInt(Mention::begin));
    List<Mention> accepted = new ArrayList<>();
    SpanSet taken = new SpanSet();
    for (Mention m : sorted) {
      if (taken.addIfFree(m)) {
        accepted.add(m);
      }
    }
    accepted.sort(Comparator.comparingInt(Mention::begin));
    return accepted;
  }

  /**
   * {@code Long Name (ACR)}: the acronym becomes an alias of the long name in this document, both
   * where no recogniser found it and where the CRF found it on its own.
   */
  private static List<Mention> addAcronyms(String text, List<Mention> mentions) {
    List<Mention> extra = new ArrayList<>();
    Map<String, Mention> defined = new HashMap<>();
    var def = ACRONYM_DEF.matcher(text);
    for (Mention mention : mentions) {
      Mention m = withId(mention);
      def.region(m.end(), text.length());
      // Each acronym is looked for once: a document defining it over and over costs one scan.
      if (m.type() == EntityType.PERSON || !def.lookingAt() || !initialsMatch(m.surface(), def.group(1)) || ReportText.notName(def.group(1))
          || defined.putIfAbsent(def.group(1), m) != null) {
        continue;
      }
      String acronym = def.group(1);
      var uses = wholeWord(acronym).matcher(text);
      while (uses.find()) {
        extra.add(new Mention(uses.start(), uses.end(), acronym, m.type(), m.entityId(), m.canonicalName(),
            Mention.ACRONYM, ACRONYM_CONFIDENCE, m.wikidataId(), m.theme()));
      }
    }
    if (extra.isEmpty()) {
      return mentions;
    }
    List<Mention> all = new ArrayList<>(mentions.size() + extra.size());
    for (Mention m : mentions) {
      Mention longName = Mention.CRF.equals(m.method()) ? defined.get(m.surface()) : null;
      all.add(longName == null ? m : new Mention(m.begin(), m.end(), m.surface(), longName.type(), longName.entityId(),
          longName.canonicalName(), Mention.ACRONYM, ACRONYM_CONFIDENCE, longName.wikidataId(), longName.theme()));
    }
    SpanSet taken = new SpanSet();
    mentions.forEach(taken::addIfFree);
    for (Mention e : extra) {
      if (taken.addIfFree(e)) {
        all.add(e);
      }
    }
    all.sort(Comparator.comparingInt(Mention::begin));
    return all;
  }

  /**
   * The acronym starts with the name's first initial and its letters appear in order in the name
   * ({@code RELOS} in "Reciprocal Exchange of Logistics Support", {@code JWC} in "Joint Widget Council").
   */
  static boolean initialsMatch(String name, String acronym) {
    String a = acronym.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    String n = name.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
    if (a.length() < 2 || n.isEmpty() || a.charAt(0) != n.charAt(0)) {
      return false;
    }
    int j = 0;
    for (int i = 0; i < n.length() && j < a.length(); i++) {
      if (n.charAt(i) == a.charAt(j)) {
        j++;
      }
    }
    return j == a.length();
  }

  /** Ids for all mentions; one-word person names take the id of a full name in the document. */
  private static List<Mention> link(List<Mention> mentions) {
    Map<String, Mention> fullNameByPart = new HashMap<>();
    for (Mention m : mentions) {
      if (m.type() == EntityType.PERSON && m.surface().contains(" ")) {
        String[] parts = Canonical.clean(m.surface()).split("\\s+");
        Mention named = withId(m);
        fullNameByPart.putIfAbsent(parts[parts.length - 1].toLowerCase(Locale.ROOT), named);
        fullNameByPart.putIfAbsent(parts[0].toLowerCase(Locale.ROOT), named);
      }
    }
    List<Mention> out = new ArrayList<>(mentions.size());
    for (Mention m : mentions) {
      Mention full = m.type() == EntityType.PERSON && !m.surface().contains(" ")
          ? fullNameByPart.get(Canonical.clean(m.surface()).toLowerCase(Locale.ROOT)) : null;
      out.add(full != null
          ? new Mention(m.begin(), m.end(), m.surface(), m.type(), full.entityId(), full.canonicalName(), Mention.COREF,
              COREF_CONFIDENCE, full.wikidataId(), full.theme())
          : withId(m));
    }
    return out;
  }

  private static Mention withId(Mention m) {
    if (m.entityId() != null) {
      return m;
    }
    String theme = switch (m.type()) {
      case MILITARY_SYSTEM, OPERATION -> "defence";
      case ENERGY -> "energy";
      default -> "none";
    };
    return new Mention(m.begin(), m.end(), m.surface(), m.type(), Canonical.id(m.type(), m.surface()),
        Canonical.clean(m.surface()), m.method(), m.confidence(), m.wikidataId() == null ? "" : m.wikidataId(), theme);
  }
}
