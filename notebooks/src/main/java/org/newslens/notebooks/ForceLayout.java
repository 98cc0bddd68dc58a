package org.newslens.notebooks;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fruchterman–Reingold layout: edges pull their ends together (harder when heavier), every pair of
 * nodes pushes apart, a weak gravity keeps separate components near the centre, and the step cools
 * each iteration; the result is scaled into the unit square. Deterministic for a seed, so a
 * re-executed notebook draws the same picture.
 */
final class ForceLayout {

  /** An edge between node indexes {@code a} and {@code b}, pulling with {@code weight} (> 0). */
  record Edge(int a, int b, double weight) {}

  /** A node's position, each coordinate in [0, 1]. */
  record Point(double x, double y) {}

  static final int ITERATIONS = 300;

  private static final double GRAVITY = 0.05;

  private ForceLayout() {}

  static List<Point> layout(int nodes, List<Edge> edges, long seed) {
    double[] x = new double[nodes];
    double[] y = new double[nodes];
    Random random = new Random(seed);
    for (int i = 0; i < nodes; i++) {
      x[i] = random.nextDouble();
      y[i] = random.nextDouble();
    }
    double k = Math.sqrt(1.0 / Math.max(1, nodes));
    double maxWeight = edges.stream().mapToDouble(Edge::weight).max().orElse(1);
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      double[] dx = new double[nodes];
      double[] dy = new double[nodes];
      for (int i = 0; i < nodes; i++) {
        for (int j = i + 1; j < nodes; j++) {
          double ddx = x[i] - x[j];
          double ddy = y[i] - y[j];
          double dist = Math.max(1e-4, Math.hypot(ddx, ddy));
          double push = k * k / dist;
          dx[i] += ddx / dist * push;
          dy[i] += ddy / dist * push;
          dx[j] -= ddx / dist * push;
          dy[j] -= ddy / dist * push;
        }
      }
      for (Edge e : edges) {
        double ddx = x[e.a()] - x[e.b()];
        double ddy = y[e.a()] - y[e.b()];
        double dist = Math.max(1e-4, Math.hypot(ddx, ddy));
        double pull = dist * dist / k * (0.5 + e.weight() / maxWeight);
        dx[e.a()] -= ddx / dist * pull;
        dy[e.a()] -= ddy / dist * pull;
        dx[e.b()] += ddx / dist * pull;
        dy[e.b()] += ddy / dist * pull;
      }
      double step = 0.1 * (1 - (double) iteration / ITERATIONS);
      for (int i = 0; i < nodes; i++) {
        dx[i] += GRAVITY * (0.5 - x[i]) / k;
        dy[i] += GRAVITY * (0.5 - y[i]) / k;
        double length = Math.max(1e-9, Math.hypot(dx[i], dy[i]));
        double move = Math.min(length, step);
        x[i] += dx[i] / length * move;
        y[i] += dy[i] / length * move;
      }
    }
    return scaled(x, y);
  }

  /** Positions stretched to fill the unit square, keeping their aspect ratio. */
  private static List<Point> scaled(double[] x, double[] y) {
    double minX = Arrays.stream(x).min().orElse(0);
    double minY = Arrays.stream(y).min().orElse(0);
    double span = Math.max(1e-9, Math.max(Arrays.stream(x).max().orElse(1) - minX, Arrays.stream(y).max().orElse(1) - minY));
    return IntStream.range(0, x.length).mapToObj(i -> new Point((x[i] - minX) / span, (y[i] - minY) / span)).toList();
  }
}
