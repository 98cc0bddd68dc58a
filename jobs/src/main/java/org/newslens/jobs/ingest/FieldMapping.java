package org.newslens.jobs.ingest;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column or JSON key holds each {@link Field}: an explicit {@code --map field=column} wins,
 * else the first of the field's common names present (case-insensitive). A mapped JSON column may
 * be a dotted path into nested objects ({@code --map text=content.body}).
 */
public final class FieldMapping implements Serializable {
  private static final long serialVersionUID = 1L;

  private final EnumMap<Field, String> overrides;

  public FieldMapping(Map<Field, String> overrides) {
    this.overrides = overrides.isEmpty() ? new EnumMap<>(Field.class) : new EnumMap<>(overrides);
  }

  /** The explicit mappings, for the run's config. */
  public Map<Field, String> overrides() {
    return Map.copyOf(overrides);
  }

  /** The column among {@code columns} that holds the field, if any. */
  public Optional<String> column(Field field, List<String> columns) {
    String wanted = overrides.get(field);
    if (wanted != null) {
      return columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).findFirst()
          .or(() -> wanted.contains(".") ? Optional.of(wanted) : Optional.empty());
    }
    for (String alias : field.aliases()) {
      for (String c : columns) {
        if (normalise(c).equals(alias)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  private static String normalise(String column) {
    return column.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
  }
}
