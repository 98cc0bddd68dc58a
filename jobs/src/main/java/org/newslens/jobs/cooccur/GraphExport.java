package org.newslens.jobs.cooccur;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.common.schema.EntitiesTable;

/**
 * The entity network of one period and window kind: GraphML (opens in Gephi, networkx, yEd) plus
 * a nodes/edges CSV pair. Nodes carry label, type, theme and mentions; edges n_ab, npmi, llr.
 * Only the strongest {@code maxEdges} edges by LLR are exported, so the driver holds a bounded graph.
 */
public final class GraphExport {

  /** What to export. */
  public record Options(String period, String window, double minNpmi, long minCount, int maxEdges, Path out) {}

  /** The exported graph. */
  public record Graph(Map<String, Row> nodes, List<Row> edges) {}

  private GraphExport() {}

  public static Graph select(SparkSession spark, Options o) {
    List<Row> edges = spark.table("newslens." + CooccurrencesTable.NAME)
        .where(col(CooccurrencesTable.PERIOD).equalTo(o.period()).and(col(CooccurrencesTable.WINDOW).equalTo(o.window()))
            .and(col(CooccurrencesTable.NPMI).geq(o.minNpmi())).and(col(CooccurrencesTable.N_AB).geq(o.minCount())))
        .orderBy(col(CooccurrencesTable.LLR).desc(), col(CooccurrencesTable.ENTITY_A), col(CooccurrencesTable.ENTITY_B))
        .limit(o.maxEdges())
        .select(CooccurrencesTable.ENTITY_A, CooccurrencesTable.ENTITY_B, CooccurrencesTable.N_AB, CooccurrencesTable.NPMI, CooccurrencesTable.LLR)
        .collectAsList();
    List<String> ids = new ArrayList<>();
    edges.forEach(e -> {
      ids.add(e.getString(0));
      ids.add(e.getString(1));
    });
    Map<String, Row> nodes = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      spark.table("newslens." + EntitiesTable.NAME)
          .where(col(EntitiesTable.ENTITY_ID).isin(ids.stream().distinct().toArray()))
          .select(EntitiesTable.ENTITY_ID, EntitiesTable.CANONICAL_NAME, EntitiesTable.ENTITY_TYPE, EntitiesTable.THEME, EntitiesTable.MENTION_COUNT)
          .orderBy(EntitiesTable.ENTITY_ID)
          .collectAsList().forEach(r -> nodes.put(r.getString(0), r));
    }
    return new Graph(nodes, edges);
  }

  /** Writes {@code out} as GraphML and {@code <out>-nodes.csv}, {@code <out>-edges.csv} beside it. */
  public static List<Path> write(Graph g, Path out) throws IOException, XMLStreamException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("graphml");
      x.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
      key(x, "label", "node", "string");
      key(x, "type", "node", "string");
      key(x, "theme", "node", "string");
      key(x, "mentions", "node", "long");
      key(x, "n_ab", "edge", "long");
      key(x, "npmi", "edge", "double");
      key(x, "llr", "edge", "double");
      x.writeStartElement("graph");
      x.writeAttribute("id", "newslens");
      x.writeAttribute("edgedefault", "undirected");
      for (Row n : g.nodes().values()) {
        x.writeStartElement("node");
        x.writeAttribute("id", n.getString(0));
        data(x, "label", n.getString(1));
        data(x, "type", n.getString(2));
        data(x, "theme", n.getString(3));
        data(x, "mentions", String.valueOf(n.getLong(4)));
        x.writeEndElement();
      }
      int i = 0;
      for (Row e : g.edges()) {
        x.writeStartElement("edge");
        x.writeAttribute("id", "e" + i++);
        x.writeAttribute("source", e.getString(0));
        x.writeAttribute("target", e.getString(1));
        data(x, "n_ab", String.valueOf(e.getLong(2)));
        data(x, "npmi", String.valueOf(e.getDouble(3)));
        data(x, "llr", String.valueOf(e.getDouble(4)));
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    }
    String base = out.getFileName().toString().replaceFirst("\\.graphml$", "");
    Path nodes = out.resolveSibling(base + "-nodes.csv");
    Path edges = out.resolveSibling(base + "-edges.csv");
    List<String> nodeLines = new ArrayList<>(List.of("id,label,type,theme,mentions"));
    g.nodes().values().forEach(n -> nodeLines.add(String.join(",", csv(n.getString(0)), csv(n.getString(1)), n.getString(2), n.getString(3), String.valueOf(n.getLong(4)))));
    List<String> edgeLines = new ArrayList<>(List.of("source,target,n_ab,npmi,llr"));
    g.edges().forEach(e -> edgeLines.add(String.join(",", csv(e.getString(0)), csv(e.getString(1)), String.valueOf(e.getLong(2)),
        String.valueOf(e.getDouble(3)), String.valueOf(e.getDouble(4)))));
    Files.write(nodes, nodeLines, StandardCharsets.UTF_8);
    Files.write(edges, edgeLines, StandardCharsets.UTF_8);
    return List.of(out, nodes, edges);
  }

  private static void key(XMLStreamWriter x, String name, String on, String type) throws XMLStreamException {
    x.writeEmptyElement("key");
    x.writeAttribute("id", name);
    x.writeAttribute("for", on);
    x.writeAttribute("attr.name", name);
    x.writeAttribute("attr.type", type);
  }

  private static void data(XMLStreamWriter x, String key, String value) throws XMLStreamException {
    x.writeStartElement("data");
    x.writeAttribute("key", key);
    x.writeCharacters(value == null ? "" : value);
    x.writeEndElement();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
