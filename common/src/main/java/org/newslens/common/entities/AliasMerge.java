package org.newslens.common.entities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entity per real-world thing across documents. Within a document the resolver already links
 * "Putin" to "Vladimir Putin"; across documents each document's ids differ ("person:putin" in a
 * story that never gives the first name, "person:vladimir-v-putin" in one that gives the middle
 * initial). Given every document-level entity of a corpus, this decides which ids name the same
 * thing:
 * <ul>
 *   <li>people whose names agree on the first and last name once titles, initials and suffixes are
 *       set aside ("Vladimir Putin", "Vladimir V. Putin", "President Vladimir Putin") are one;</li>
 *   <li>a surname alone ("Putin") is that person when exactly one such person in the corpus has
 *       that surname; with a rival ("George Bush", "Jeb Bush") it stays on its own;</li>
 *   <li>an acronym ("EPA") is the long name a document defined it as ("Environmental Protection
 *       Agency (EPA)") when the corpus defines it one way only;</li>
 *   <li>an acronym of three or more letters that no document defines ("GDLS") is the one
 *       organisation of the corpus whose capitalised words spell it ("General Dynamics Land
 *       Systems"), when there is exactly one.</li>
 * </ul>
 * The result maps a document-level id to the corpus-level id and name; ids not in it stay as they
 * are. Pure and deterministic: the same entities give the same map, whatever their order.
 */
public final class AliasMerge {

  /** A document-level entity: its id, type, most frequent name and number of mentions. */
  public record Local(String id, EntityType type, String name, long mentions) {}

  /** An acronym a document defined ({@code Long Name (ACR)}) and the id of the long name there. */
  public record Definition(String acronym, EntityType type, String longId, String longName) {}

  /** Where a document-level id goes: the corpus-level id and name. */
  public record Target(String id, String name) {}

  private static final Set<String> TITLES = Set.of(
      "president", "vice", "prime", "minister", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame",
      "lord", "lady", "king", "queen", "prince", "princess", "pope", "sheikh", "gen", "general", "lt", "col",
      "colonel", "maj", "major", "capt", "captain", "adm", "admiral", "sgt", "sen", "senator", "rep",
      "representative", "gov", "governor", "secretary", "chancellor", "ambassador", "judge", "justice", "rev",
      "chairman", "chairwoman", "commander", "marshal", "field", "foreign", "defence", "defense", "state", "of", "the");
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "phd", "md");
  /** Particles that belong to the surname: "de Vries" is a surname, "al-Abadi" is "Abadi". */
  private static final Set<String> PARTICLES = Set.of(
      "al", "el", "bin", "ibn", "abu", "de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "le", "la", "dos", "das", "ter");

  private AliasMerge() {}

  /** The corpus-level target of every document-level id that merges into another. */
  public static Map<String, Target> merge(List<Local> entities, List<Definition> definitions) {
    Map<String, Target> out = new TreeMap<>();
    people(entities, out);
    acronyms(entities, definitions, out);
    spelledAcronyms(entities, out);
    return out;
  }

  /** First and last name of a person's name, or one word for a surname alone, or null. */
  static List<String> nameParts(String name) {
    List<String> words = new ArrayList<>();
    for (String w : name.strip().split("[\\s\u00A0]+")) {
      String slug = Canonical.slug(w);
      if (!slug.isEmpty()) {
        words.add(slug);
      }
    }
    while (!words.isEmpty() && TITLES.contains(words.get(0))) {
      words.remove(0);
    }
    while (!words.isEmpty() && SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    // Middle initials ("V.") go; a leading initial stays the first name ("J. Smith" is not "John Smith").
    for (int i = words.size() - 2; i >= 1; i--) {
      if (words.get(i).length() == 1) {
        words.remove(i);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    String last = withoutParticle(words.get(words.size() - 1));
    // "de Vries", "Al Abadi": a surname with its particle, no first name.
    return words.size() == 1 || PARTICLES.contains(words.get(0)) ? List.of(last) : List.of(words.get(0), last);
  }

  private static String withoutParticle(String word) {
    int dash = word.indexOf('-');
    return dash > 0 && dash < word.length() - 1 && PARTICLES.contains(word.substring(0, dash)) ? word.substring(dash + 1) : word;
  }

  private static void people(List<Local> entities, Map<String, Target> out) {
    Map<String, List<Local>> byFullName = new TreeMap<>();
    Map<String, List<Local>> bySurname = new TreeMap<>();
    for (Local e : entities) {
      if (e.type() != EntityType.PERSON) {
        continue;
      }
      List<String> parts = nameParts(e.name());
      if (parts == null) {
        continue;
      }
      (parts.size() == 2 ? byFullName : bySurname).computeIfAbsent(String.join(" ", parts), k -> new ArrayList<>()).add(e);
    }
    Map<String, Set<String>> fullNamesBySurname = new HashMap<>();
    Map<String, Local> heads = new HashMap<>();
    byFullName.forEach((key, group) -> {
      Local head = head(group);
      heads.put(key, head);
      fullNamesBySurname.computeIfAbsent(key.substring(key.indexOf(' ') + 1), k -> new HashSet<>()).add(key);
      group.stream().filter(e -> !e.id().equals(head.id())).forEach(e -> out.put(e.id(), new Target(head.id(), head.name())));
    });
    bySurname.forEach((surname, group) -> {
      Set<String> rivals = fullNamesBySurname.getOrDefault(surname, Set.of());
      if (rivals.size() == 1) {
        Local head = heads.get(rivals.iterator().next());
        group.stream().filter(e -> !e.id().equals(head.id())).forEach(e -> out.put(e.id(), new Target(head.id(), head.name())));
      }
    });
  }

  /**
   * The entity a group merges into: a curated entry (a gazetteer id, its canonical name and
   * Wikidata id) if the group holds one, then the most mentioned, then a name without a title
   * ("Angela Merkel", not "Chancellor Angela Merkel"), then the longest, then the smallest id.
   */
  private static Local head(List<Local> group) {
    return group.stream().min(Comparator.comparingInt((Local e) -> curated(e.id()) ? 0 : 1)
        .thenComparingLong((Local e) -> -e.mentions())
        .thenComparing(e -> titled(e.name())).thenComparingInt(e -> -e.name().length()).thenComparing(Local::id)).orElseThrow();
  }

  /** Gazetteer ids carry no type prefix: "s-400", not "military_system:s-400". */
  private static boolean curated(String id) {
    int colon = id.indexOf(':');
    if (colon < 0) {
      return true;
    }
    String prefix = id.substring(0, colon).toUpperCase(Locale.ROOT);
    return java.util.Arrays.stream(EntityType.values()).noneMatch(t -> t.name().equals(prefix));
  }

  private static boolean titled(String name) {
    String[] words = name.strip().split("\\s+");
    return TITLES.contains(Canonical.slug(words[0]));
  }

  private static void acronyms(List<Local> entities, List<Definition> definitions, Map<String, Target> out) {
    Map<String, Set<String>> longIds = new TreeMap<>();
    Map<String, Definition> first = new HashMap<>();
    for (Definition d : definitions) {
      String key = d.type() + " " + d.acronym();
      Target merged = out.get(d.longId());
      String longId = merged != null ? merged.id() : d.longId();
      longIds.computeIfAbsent(key, k -> new HashSet<>()).add(longId);
      first.merge(key, d, (a, b) -> a.longId().compareTo(b.longId()) <= 0 ? a : b);
    }
    Map<String, Local> byId = new HashMap<>();
    entities.forEach(e -> byId.put(e.id(), e));
    longIds.forEach((key, ids) -> {
      if (ids.size() != 1) {
        return;
      }
      Definition d = first.get(key);
      String target = ids.iterator().next();
      String acronymId = Canonical.id(d.type(), d.acronym());
      Local acronym = byId.get(acronymId);
      if (acronym != null && !acronymId.equals(target) && acronym.name().toUpperCase(Locale.ROOT).equals(acronym.name())) {
        Local head = byId.get(target);
        out.put(acronymId, new Target(target, head != null ? head.name() : d.longName()));
      }
    });
  }

  private static final Set<String> MINOR = Set.of("of", "and", "the", "for", "on", "in", "to", "&");
  private static final java.util.regex.Pattern UNDEFINED_ACRONYM = java.util.regex.Pattern.compile("[A-Z]{3,6}");

  private static void spelledAcronyms(List<Local> entities, Map<String, Target> out) {
    Map<String, Set<String>> spelling = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (Local e : entities) {
      String initials = e.type() == EntityType.ORG ? initials(e.name()) : null;
      if (initials != null && initials.length() >= 3) {
        Target t = out.get(e.id());
        String id = t != null ? t.id() : e.id();
        spelling.computeIfAbsent(initials, k -> new HashSet<>()).add(id);
        names.putIfAbsent(id, t != null ? t.name() : e.name());
      }
    }
    for (Local e : entities) {
      String name = e.name().strip();
      if (e.type() != EntityType.ORG || out.containsKey(e.id()) || !UNDEFINED_ACRONYM.matcher(name).matches()) {
        continue;
      }
      Set<String> ids = spelling.getOrDefault(name, Set.of());
      if (ids.size() == 1 && !ids.contains(e.id())) {
        String target = ids.iterator().next();
        out.put(e.id(), new Target(target, names.get(target)));
      }
    }
  }

  /** The initials of a name's capitalised words ("General Dynamics Land Systems" → GDLS), or null. */
  private static String initials(String name) {
    String[] words = name.strip().split("[\\s\\-]+");
    if (words.length < 3) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty() || MINOR.contains(w.toLowerCase(Locale.ROOT))) {
        continue;
      }
      // Every word capitalised, none an acronym itself ("ACV Program Activities" spells no "APA").
      if (!Character.isUpperCase(w.charAt(0)) || ReportText.acronym(w)) {
        return null;
      }
      out.append(w.charAt(0));
    }
    return out.toString();
  }
}
