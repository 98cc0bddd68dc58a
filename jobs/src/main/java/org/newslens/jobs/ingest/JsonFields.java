package org.newslens.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Extracts the {@link Field}s of one JSON object. */
final class JsonFields {

  private JsonFields() {}

  /** Field values of the object; a field whose value is an object is reported as unparseable. */
  static Map<Field, String> extract(JsonNode object, FieldMapping mapping) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    Map<Field, String> out = new EnumMap<>(Field.class);
    for (Field f : Field.values()) {
      Optional<String> column = mapping.column(f, names);
      if (column.isEmpty()) {
        continue;
      }
      JsonNode v = column.get().contains(".") && !object.has(column.get())
          ? object.at("/" + column.get().replace('.', '/'))
          : object.get(column.get());
      String s = f == Field.AUTHOR ? names(v) : asText(v);
      if (s != null) {
        out.put(f, s);
      }
    }
    return out;
  }

  /**
   * Author values as feeds write them: a name, a list of names, a person object with a "name", or a
   * list of those; anything else is left out rather than failing the record.
   */
  static String names(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode e : v.isArray() ? v : List.of(v)) {
      JsonNode name = e.isObject() ? e.get("name") : e;
      if (name != null && name.isValueNode() && !name.isNull() && !name.asText().isBlank()) {
        parts.add(name.asText());
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** Scalars as text, arrays of scalars joined by paragraph breaks, null and missing as null. */
  static String asText(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : v) {
        if (e.isValueNode() && !e.isNull()) {
          parts.add(e.asText());
        }
      }
      return String.join("\n\n", parts);
    }
    throw new IllegalArgumentException("a JSON object where text was expected");
  }
}
