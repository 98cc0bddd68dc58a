package org.newslens.common.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainPatternsTest {

  private static List<String> found(String text, EntityType type) {
    return DomainPatterns.find(text).stream().filter(m -> m.type() == type).map(Mention::surface).toList();
  }

  @Test
  void findsDesignationsButNotLookAlikes() {
    assertThat(found("S-500, Su-57, F-35A, MQ-9B, Su-30MKI and T-90S", EntityType.MILITARY_SYSTEM))
        .containsExactly("S-500", "Su-57", "F-35A", "MQ-9B", "Su-30MKI", "T-90S");
    assertThat(found("COVID-19, G-20, H-1B visas, K-12 schools and PM-2", EntityType.MILITARY_SYSTEM)).isEmpty();
  }

  @Test
  void findsNamedOperationsOnly() {
    assertThat(found("during Operation Sindhur, after Operation Desert Storm", EntityType.OPERATION))
        .containsExactly("Operation Sindhur", "Operation Desert Storm");
    assertThat(found("Operation of the plant resumed", EntityType.OPERATION)).isEmpty();
    assertThat(DomainPatterns.find("Operation Sindhur").get(0).entityId()).isEqualTo("operation:sindhur");
  }

  @Test
  void findsAgreementsByHeadNounWithoutLeadingWords() {
    assertThat(found("Under the Paris Agreement and the New START Treaty, not a trade agreement.", EntityType.AGREEMENT))
        .containsExactly("Paris Agreement", "New START Treaty");
  }

  @Test
  void namesStayOnOneLine() {
    assertThat(found("Timeline of Operation\nSindhur events", EntityType.OPERATION)).isEmpty();
    assertThat(found("Operation Desert\nStorm began", EntityType.OPERATION)).containsExactly("Operation Desert");
    assertThat(found("Annex B: Funding\nParis Agreement", EntityType.AGREEMENT)).containsExactly("Paris Agreement");
  }
}
