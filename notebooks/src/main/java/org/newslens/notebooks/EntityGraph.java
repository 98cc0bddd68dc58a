package org.newslens.notebooks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Draws an entity network: nodes sized by mentions and coloured by entity type, edges as thick as
 * their weight (for example the co-occurrence LLR), placed by {@link ForceLayout}.
 */
public final class EntityGraph {

  /** Image size in pixels (square). */
  public static final int SIZE = 760;

  private static final int MARGIN = 70;
  private static final long SEED = 42;
  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)
  };

  private record Node(String label, String type, double size) {}

  private EntityGraph() {}

  /**
   * The graph of {@code nodes} (columns {@code id, label, type, size}) and {@code edges} (columns
   * {@code a, b, weight}); edges whose ends are not among the nodes are an error.
   */
  public static BufferedImage draw(String title, Dataset<Row> nodes, Dataset<Row> edges) {
    Map<String, Integer> index = new HashMap<>();
    List<Node> drawn = new ArrayList<>();
    for (Row row : nodes.select("id", "label", "type", "size").collectAsList()) {
      index.put(row.getString(0), drawn.size());
      drawn.add(new Node(row.getString(1), row.getString(2), ((Number) row.get(3)).doubleValue()));
    }
    List<ForceLayout.Edge> links = new ArrayList<>();
    for (Row row : edges.select("a", "b", "weight").collectAsList()) {
      links.add(new ForceLayout.Edge(indexOf(index, row.getString(0)), indexOf(index, row.getString(1)), ((Number) row.get(2)).doubleValue()));
    }
    return render(title, drawn, links, ForceLayout.layout(drawn.size(), links, SEED));
  }

  private static int indexOf(Map<String, Integer> index, String id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("edge end " + id + " is not among the nodes");
    }
    return i;
  }

  private static BufferedImage render(String title, List<Node> nodes, List<ForceLayout.Edge> edges, List<ForceLayout.Point> at) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, SIZE, SIZE);
    double maxWeight = edges.stream().mapToDouble(ForceLayout.Edge::weight).max().orElse(1);
    for (ForceLayout.Edge e : edges) {
      g.setColor(new Color(120, 120, 120, 110));
      g.setStroke(new BasicStroke((float) (0.5 + 5 * e.weight() / maxWeight)));
      g.drawLine(px(at.get(e.a()).x()), px(at.get(e.a()).y()), px(at.get(e.b()).x()), px(at.get(e.b()).y()));
    }
    double maxSize = nodes.stream().mapToDouble(Node::size).max().orElse(1);
    Map<String, Color> colours = new LinkedHashMap<>();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      Color colour = colours.computeIfAbsent(node.type(), t -> PALETTE[colours.size() % PALETTE.length]);
      int r = (int) Math.round(5 + 14 * Math.sqrt(node.size() / maxSize));
      int x = px(at.get(i).x());
      int y = px(at.get(i).y());
      g.setColor(colour);
      g.fillOval(x - r, y - r, 2 * r, 2 * r);
      g.setColor(Color.BLACK);
      g.drawString(node.label(), x + r + 2, y + 4);
    }
    drawLegend(g, title, colours);
    g.dispose();
    return image;
  }

  private static void drawLegend(Graphics2D g, String title, Map<String, Color> colours) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, 12, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int y = 40;
    for (Map.Entry<String, Color> entry : colours.entrySet()) {
      g.setColor(entry.getValue());
      g.fillOval(12, y - 9, 10, 10);
      g.setColor(Color.BLACK);
      g.drawString(entry.getKey(), 28, y);
      y += 15;
    }
  }

  private static int px(double unit) {
    return (int) Math.round(MARGIN + unit * (SIZE - 2 * MARGIN));
  }
}
