package org.newslens.common.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patterns for what lists cannot enumerate: weapon designations ({@code S-500}, {@code Su-57},
 * {@code F-35A}, {@code MQ-9B}), {@code Operation <Name>}, and treaties, pacts and agreements by
 * their head noun ({@code the Reciprocal Exchange of Logistics Agreement}).
 */
public final class DomainPatterns {

  static final double CONFIDENCE = 0.9;

  /** Designator prefixes of military systems, so that COVID-19 or G-20 never match. */
  private static final Pattern DESIGNATION = Pattern.compile(
      "(?<![\\p{L}\\p{N}-])"
          + "(?:S|Su|MiG|Tu|Il|An|Ka|Mi|Yak|Be|F|FA|EF|A|AV|B|C|KC|E|EA|P|MQ|RQ|CH|AH|UH|MH|HH|CV|V|J|JF|JH|H|Y|Z|WZ|"
          + "DF|HQ|YJ|KJ|JL|CJ|PL|T|BMP|BMD|BTR|M|K|KN|AGM|AIM|RIM|MIM|UGM|LGM|SM|R|Kh|KH|SA|SS|TB|2S|9K|3M|"
          + "Hwasong|Agni|Prithvi|Shaheen|Ghauri|Fateh|Shahab|Sejjil|Khorramshahr)"
          + "-\\d{1,4}[A-Z]{0,3}(?![\\p{L}\\p{N}])");

  /** Designation-shaped strings that are not weapons: visas, school grades, fuels. */
  private static final java.util.Set<String> NOT_DESIGNATIONS =
      java.util.Set.of("H-1B", "K-12", "F-1", "J-1", "M-1", "E-15", "E-85", "A-1", "C-1", "T-1", "B-2B");

  /** Capitalised words that start a sentence, not a treaty name. */
  private static final java.util.Set<String> LEADING_STOP = java.util.Set.of(
      "the", "of", "on", "for", "and", "under", "in", "at", "by", "with", "from", "after", "before", "as",
      "this", "that", "these", "those", "a", "an", "but", "or", "if", "while", "since", "its", "their");

  /** Space within a line: a name never runs from a heading into the line under it. */
  private static final String SP = "[ \\t\\u00A0]+";

  private static final Pattern OPERATION_NAME =
      Pattern.compile("\\bOperation" + SP + "((?:[A-Z][\\p{L}'-]+|[A-Z]{2,})(?:" + SP + "(?:[A-Z][\\p{L}'-]+))?)");

  private static final String HEAD_NOUNS = "(?:Treaty|Pact|Agreement|Accords?|Convention|Protocol|Memorandum)";

  private static final Pattern AGREEMENT_NAME = Pattern.compile(
      "\\b((?:(?:(?!" + HEAD_NOUNS + "\\b)[A-Z][\\p{L}'-]*|of|on|for|and|the)" + SP + "){0,7}[A-Z][\\p{L}'-]*" + SP
          + HEAD_NOUNS + ")\\b");

  private DomainPatterns() {}

  /** Every pattern match in the text. */
  public static List<Mention> find(String text) {
    List<Mention> out = new ArrayList<>();
    Matcher d = DESIGNATION.matcher(text);
    while (d.find()) {
      String surface = d.group();
      if (NOT_DESIGNATIONS.contains(surface)) {
        continue;
      }
      out.add(new Mention(d.start(), d.end(), surface, EntityType.MILITARY_SYSTEM,
          "sys:" + surface.toLowerCase(Locale.ROOT), surface, Mention.DESIGNATION, CONFIDENCE, "", "defence"));
    }
    Matcher o = OPERATION_NAME.matcher(text);
    while (o.find()) {
      out.add(new Mention(o.start(), o.end(), o.group(), EntityType.OPERATION,
          "operation:" + Canonical.slug(o.group(1)), o.group(), Mention.OPERATION, CONFIDENCE, "", "defence"));
    }
    Matcher a = AGREEMENT_NAME.matcher(text);
    while (a.find()) {
      int begin = a.start(1);
      String name = stripLeadingArticles(a.group(1));
      begin += a.group(1).length() - name.length();
      if (name.chars().filter(Character::isUpperCase).count() >= 2) {
        out.add(new Mention(begin, a.end(1), name, EntityType.AGREEMENT,
            "agreement:" + Canonical.slug(name), name, Mention.AGREEMENT, CONFIDENCE * 0.9, "", "none"));
      }
    }
    return out;
  }

  private static String stripLeadingArticles(String s) {
    String out = s;
    int space;
    while ((space = out.indexOf(' ')) > 0 && LEADING_STOP.contains(out.substring(0, space).toLowerCase(Locale.ROOT))) {
      out = out.substring(space + 1).stripLeading();
    }
    return out;
  }
}
