package org.newslens.notebooks;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** Rows as a small HTML table: text escaped, numbers right-aligned, fractions to three decimals. */
final class HtmlTable {

  private HtmlTable() {}

  static String of(List<Row> rows, String[] columns) {
    StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
    for (String column : columns) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (Row row : rows) {
      html.append("<tr>");
      for (int i = 0; i < columns.length; i++) {
        Object value = row.get(i);
        html.append(value instanceof Number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
            .append(escape(format(value)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</tbody>\n</table>").toString();
  }

  static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
    }
    return value.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
