package org.newslens.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensAndLanguagesTest {

  @Test
  void countsDesignationsAndContractionsAsOneToken() {
    assertThat(Tokens.count("The S-400 and Su-57 don't fly, U.S. said.")).isEqualTo(8);
    assertThat(Tokens.count("")).isZero();
    assertThat(Tokens.count(null)).isZero();
  }

  @Test
  void countsEachCjkCharacter() {
    assertThat(Tokens.count("北京 news")).isEqualTo(3);
  }

  @Test
  void detectsCommonLanguages() {
    assertThat(Languages.detect("Defence Minister Rajnath Singh held high-level talks with his Russian counterpart in New Delhi on Tuesday."))
        .isEqualTo("en");
    assertThat(Languages.detect("Le ministre de la Défense a rencontré son homologue russe à New Delhi pour discuter de la coopération militaire."))
        .isEqualTo("fr");
    assertThat(Languages.detect("Der Verteidigungsminister traf seinen russischen Amtskollegen in Neu-Delhi, um über die militärische Zusammenarbeit zu sprechen."))
        .isEqualTo("de");
    assertThat(Languages.detect("Министр обороны провёл переговоры со своим российским коллегой в Нью-Дели о военном сотрудничестве."))
        .isEqualTo("ru");
  }

  @Test
  void allCapsReportsAreStillEnglish() {
    assertThat(Languages.detect("THE REACTOR WAS MANUALLY TRIPPED FOLLOWING A LOSS OF FEEDWATER FLOW TO THE STEAM GENERATORS. ALL SYSTEMS RESPONDED AS EXPECTED."))
        .isEqualTo("en");
  }

  @Test
  void tooLittleTextIsUndetermined() {
    assertThat(Languages.detect("ok 42")).isEqualTo(Languages.UNDETERMINED);
    assertThat(Languages.detect(null)).isEqualTo(Languages.UNDETERMINED);
  }
}
