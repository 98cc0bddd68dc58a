package org.newslens.common.entities;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalised surface forms and ids for entities that no gazetteer names. */
public final class Canonical {

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern LEADING_THE = Pattern.compile("(?i)^the\\s+");
  private static final Pattern POSSESSIVE = Pattern.compile("['’]s?$");

  private Canonical() {}

  /** Lower-case, accent-free, hyphen-joined words: {@code Rajnath Singh} → {@code rajnath-singh}. */
  public static String slug(String surface) {
    String s = Normalizer.normalize(surface, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    s = NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("-");
    return s.replaceAll("^-+|-+$", "");
  }

  /** The surface without a leading "the" or a trailing possessive. */
  public static String clean(String surface) {
    return POSSESSIVE.matcher(LEADING_THE.matcher(surface.strip()).replaceFirst("")).replaceFirst("").strip();
  }

  /** The id of an entity known only by its surface: {@code person:rajnath-singh}. */
  public static String id(EntityType type, String surface) {
    return type.name().toLowerCase(Locale.ROOT) + ":" + slug(clean(surface));
  }
}
