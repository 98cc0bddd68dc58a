package org.newslens.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoherenceTest {

  @Test
  void npmiOfPairsMatchesHandComputedValues() {
    // 10 documents: a in 4, b in 5, both in 2 -> PMI = ln(0.2 / (0.4 * 0.5)) = 0 -> NPMI 0
    assertThat(Coherence.npmi(4, 5, 2, 10)).isCloseTo(0.0, within(1e-12));
    // a in 2, b in 2, both in 2 of 10 -> ln(0.2 / 0.04) / -ln(0.2) = ln 5 / ln 5 = 1
    assertThat(Coherence.npmi(2, 2, 2, 10)).isCloseTo(1.0, within(1e-12));
    // a in 5, b in 5, both in 1 of 10 -> ln(0.1 / 0.25) / -ln(0.1)
    assertThat(Coherence.npmi(5, 5, 1, 10)).isCloseTo(Math.log(0.4) / -Math.log(0.1), within(1e-12));
    assertThat(Coherence.npmi(3, 3, 0, 10)).isEqualTo(-1.0);
    assertThat(Coherence.npmi(10, 10, 10, 10)).isEqualTo(1.0);
  }

  @Test
  void topicNpmiIsTheMeanOverItsTermPairs() {
    Map<Integer, Long> single = Map.of(0, 4L, 1, 5L, 2, 2L);
    Map<Long, Long> pairs = Map.of(Coherence.pairKey(1, 0), 2L, Coherence.pairKey(0, 2), 2L);
    double expected = (Coherence.npmi(4, 5, 2, 10) + Coherence.npmi(4, 2, 2, 10) + Coherence.npmi(5, 2, 0, 10)) / 3;
    assertThat(Coherence.topicNpmi(new int[] {0, 1, 2}, single, pairs, 10)).isCloseTo(expected, within(1e-12));
    assertThat(Coherence.pairKey(3, 7)).isEqualTo(Coherence.pairKey(7, 3));
  }

  @Test
  void diversityAndStability() {
    assertThat(Coherence.diversity(List.of(new int[] {1, 2, 3}, new int[] {3, 4, 5}))).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(Coherence.diversity(List.of(new int[] {1, 2}, new int[] {1, 2}))).isEqualTo(0.5);
    var a = List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8});
    var b = List.of(new int[] {5, 6, 7, 9}, new int[] {1, 2, 3, 4});
    // best matches: 1.0 and 3/5
    assertThat(Coherence.stability(a, b)).isCloseTo((1.0 + 0.6) / 2, within(1e-12));
  }

  @Test
  void bundledLexiconsLoadAndParseIgnoresComments() {
    var lexicon = ThemeLexicon.load(Optional.empty());
    assertThat(lexicon.of("defence")).contains("missile", "army").doesNotContain("oil");
    assertThat(lexicon.of("energy")).contains("oil", "lng", "reactor");
    assertThat(lexicon.core("energy")).contains("oil").doesNotContain("prices");
    assertThat(lexicon.of("energy")).contains("prices");
    assertThat(ThemeLexicon.parse("# c\n Oil \n\nGas\n")).containsExactlyInAnyOrder("oil", "gas");
    var terms = ThemeLexicon.terms("# c\n Oil \n~Prices\n~oil\n!Palm  oil\n", "t.txt");
    assertThat(terms.core()).containsExactly("oil");
    assertThat(terms.context()).containsExactly("prices"); // a core term stays core
    assertThat(terms.match(null, "oil", "prices")).isEqualTo(ThemeLexicon.Match.CORE);
    assertThat(terms.match("palm", "oil", "prices")).isEqualTo(ThemeLexicon.Match.NONE);
    assertThat(terms.match("oil", "prices", null)).isEqualTo(ThemeLexicon.Match.CONTEXT);
    assertThat(terms.match(null, "palm", "oil")).isEqualTo(ThemeLexicon.Match.NONE);
    assertThatThrownBy(() -> ThemeLexicon.terms("oil\n!palm\n", "t.txt")).hasMessageContaining("t.txt line 2: an excluded phrase is two words");
    assertThatThrownBy(() -> ThemeLexicon.terms("crude oil\n", "t.txt")).hasMessageContaining("t.txt line 1: a term is one topic token");
    assertThat(ThemeLexicon.newsStopWords()).contains("said", "monday");
  }
}
