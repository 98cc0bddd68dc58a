package org.newslens.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForceLayoutTest {

  /** Two triangles joined by one light edge. */
  private static final List<ForceLayout.Edge> TWO_CLUSTERS =
      List.of(
          new ForceLayout.Edge(0, 1, 5), new ForceLayout.Edge(1, 2, 5), new ForceLayout.Edge(0, 2, 5),
          new ForceLayout.Edge(3, 4, 5), new ForceLayout.Edge(4, 5, 5), new ForceLayout.Edge(3, 5, 5),
          new ForceLayout.Edge(2, 3, 1));

  @Test
  void sameSeedSameLayout() {
    assertThat(ForceLayout.layout(6, TWO_CLUSTERS, 7)).isEqualTo(ForceLayout.layout(6, TWO_CLUSTERS, 7));
  }

  @Test
  void positionsStayInTheUnitSquare() {
    assertThat(ForceLayout.layout(6, TWO_CLUSTERS, 7))
        .allSatisfy(p -> assertThat(List.of(p.x(), p.y())).allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0)));
  }

  @Test
  void clustersAreDrawnTogetherAndApart() {
    List<ForceLayout.Point> at = ForceLayout.layout(6, TWO_CLUSTERS, 7);
    double within = (distance(at, 0, 1) + distance(at, 1, 2) + distance(at, 3, 4) + distance(at, 4, 5)) / 4;
    double across = (distance(at, 0, 4) + distance(at, 1, 5) + distance(at, 0, 5) + distance(at, 1, 4)) / 4;
    assertThat(within).isLessThan(across / 1.5);
  }

  @Test
  void unconnectedNodesDoNotCollapse() {
    List<ForceLayout.Point> at = ForceLayout.layout(4, List.of(), 3);
    for (int i = 0; i < 4; i++) {
      for (int j = i + 1; j < 4; j++) {
        assertThat(distance(at, i, j)).isGreaterThan(0.2);
      }
    }
  }

  private static double distance(List<ForceLayout.Point> at, int i, int j) {
    return Math.hypot(at.get(i).x() - at.get(j).x(), at.get(i).y() - at.get(j).y());
  }
}
