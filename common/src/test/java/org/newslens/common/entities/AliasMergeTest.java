package org.newslens.common.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.AliasMerge.Definition;
import org.newslens.common.entities.AliasMerge.Local;
import org.newslens.common.entities.AliasMerge.Target;

class AliasMergeTest {

  private static Local person(String name, long mentions) {
    return new Local(Canonical.id(EntityType.PERSON, name), EntityType.PERSON, name, mentions);
  }

  @Test
  void oneManyWaysNamedIsOneEntity() {
    var merged = AliasMerge.merge(List.of(person("Vladimir Putin", 5), person("Vladimir V. Putin", 1), person("Putin", 3),
        person("President Vladimir Putin", 1), person("Dmitry Peskov", 2)), List.of());
    Target putin = new Target("person:vladimir-putin", "Vladimir Putin");
    assertThat(merged).containsEntry("person:vladimir-v-putin", putin).containsEntry("person:putin", putin)
        .containsEntry("person:president-vladimir-putin", putin).hasSize(3);
  }

  @Test
  void aCuratedEntryHeadsItsGroupWhateverTheCounts() {
    var curated = new Local("vladimir-putin", EntityType.PERSON, "Vladimir Putin", 1);
    var merged = AliasMerge.merge(List.of(curated, person("Vladimir V. Putin", 9), person("Putin", 7)), List.of());
    Target putin = new Target("vladimir-putin", "Vladimir Putin");
    assertThat(merged).containsEntry("person:vladimir-v-putin", putin).containsEntry("person:putin", putin)
        .doesNotContainKey("vladimir-putin");
  }

  private static Local org(String name, long mentions) {
    return new Local(Canonical.id(EntityType.ORG, name), EntityType.ORG, name, mentions);
  }

  @Test
  void anUndefinedAcronymIsTheOneNameThatSpellsItAndNotOneOfTwo() {
    var merged = AliasMerge.merge(List.of(org("GDLS", 2), org("General Dynamics Land Systems", 3), org("NRC", 9),
        org("Nuclear Regulatory Commission", 4), org("National Response Center", 1), org("AC", 2), org("Aerospace Corp", 1)),
        List.of());
    assertThat(merged).containsEntry("org:gdls", new Target("org:general-dynamics-land-systems", "General Dynamics Land Systems"))
        .doesNotContainKey("org:nrc").doesNotContainKey("org:ac");
  }

  @Test
  void surnameParticlesBelongToTheSurname() {
    var merged = AliasMerge.merge(List.of(person("Haider al-Abadi", 3), person("Abadi", 1), person("Al-Abadi", 1),
        person("Alex de Vries", 3), person("de Vries", 1)), List.of());
    assertThat(merged).containsEntry("person:abadi", new Target("person:haider-al-abadi", "Haider al-Abadi"))
        .containsEntry("person:al-abadi", new Target("person:haider-al-abadi", "Haider al-Abadi"))
        .containsEntry("person:de-vries", new Target("person:alex-de-vries", "Alex de Vries"));
  }

  @Test
  void aSurnameWithARivalStaysApartAndInitialsAreNotFirstNames() {
    var merged = AliasMerge.merge(List.of(person("George Bush", 4), person("Jeb Bush", 2), person("Bush", 6),
        person("John Smith", 2), person("J. Smith", 1)), List.of());
    assertThat(merged).isEmpty();
  }

  @Test
  void anAcronymIsTheLongNameTheCorpusDefinesItAsOnce() {
    var epa = new Local("org:epa", EntityType.ORG, "EPA", 7);
    var agency = new Local("org:environmental-protection-agency", EntityType.ORG, "Environmental Protection Agency", 2);
    var wec = new Local("org:wec", EntityType.ORG, "WEC", 3);
    var merged = AliasMerge.merge(List.of(epa, agency, wec), List.of(
        new Definition("EPA", EntityType.ORG, agency.id(), agency.name()),
        new Definition("WEC", EntityType.ORG, "org:world-energy-council", "World Energy Council"),
        new Definition("WEC", EntityType.ORG, "org:westinghouse-electric-company", "Westinghouse Electric Company")));
    assertThat(merged).containsExactlyEntriesOf(java.util.Map.of("org:epa", new Target(agency.id(), agency.name())));
  }

  @Test
  void theResultDoesNotDependOnOrder() {
    List<Local> people = new ArrayList<>(List.of(person("Vladimir Putin", 5), person("Vladimir V. Putin", 5), person("Putin", 3),
        person("Xi Jinping", 4), person("Jinping", 1), person("Angela Merkel", 2), person("Chancellor Angela Merkel", 2)));
    var expected = AliasMerge.merge(people, List.of());
    for (int seed = 0; seed < 5; seed++) {
      Collections.shuffle(people, new Random(seed));
      assertThat(AliasMerge.merge(people, List.of())).isEqualTo(expected);
    }
    // equal mentions: the longer name heads the group, but not for a title
    assertThat(expected.get("person:vladimir-putin").id()).isEqualTo("person:vladimir-v-putin");
    assertThat(expected.get("person:chancellor-angela-merkel").id()).isEqualTo("person:angela-merkel");
    assertThat(expected.get("person:jinping").id()).isEqualTo("person:xi-jinping");
  }
}
