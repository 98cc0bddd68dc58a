package org.newslens.common.schema;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * A newslens table: its name in database {@code newslens}, its schema (declared once) and its
 * partition columns, which are the last columns of the schema as in Spark's file layout.
 */
public record TableSpec(String name, StructType schema, List<String> partitionColumns) {

  public TableSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    partitionColumns = List.copyOf(partitionColumns);
    List<String> fields = List.of(schema.fieldNames());
    for (String p : partitionColumns) {
      if (!fields.contains(p)) {
        throw new IllegalArgumentException("partition column " + p + " is not in " + name);
      }
    }
  }

  /** The table's qualified name, {@code newslens.<name>}. */
  public String qualifiedName() {
    return Tables.DATABASE + "." + name;
  }
}
