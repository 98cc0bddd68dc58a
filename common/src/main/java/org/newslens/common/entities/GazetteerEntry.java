package org.newslens.common.entities;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One curated entity: a stable id, its canonical name, type, the surface forms that name it, its
 * Wikidata id (empty when none is known) and its theme ({@code defence}, {@code energy} or
 * {@code none}).
 */
public record GazetteerEntry(
    String id, String canonicalName, EntityType type, List<String> aliases, String wikidataId, String theme)
    implements Serializable {

  public GazetteerEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(canonicalName, "canonicalName");
    Objects.requireNonNull(type, "type");
    aliases = List.copyOf(aliases);
    wikidataId = wikidataId == null ? "" : wikidataId;
    theme = theme == null || theme.isBlank() ? "none" : theme;
  }
}
