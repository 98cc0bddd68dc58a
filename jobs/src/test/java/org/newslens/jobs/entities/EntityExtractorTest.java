package org.newslens.jobs.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.common.entities.Gazetteer;
import org.newslens.common.entities.Mention;
import org.newslens.common.text.PlainTextArticle;
import org.newslens.common.text.TextCleaner;

/** The recogniser stack on the seed article: every named actor, place, system, operation, agreement. */
class EntityExtractorTest {

  private static String text;
  private static List<Mention> mentions;
  private static Map<String, String> typeBySurface;

  @BeforeAll
  static void extract() throws Exception {
    String raw = Files.readString(Path.of("..", "data-samples", "corpus", "seed-article.txt"));
    text = PlainTextArticle.parse(TextCleaner.cleanBody(raw)).body();
    mentions = new EntityExtractor(Gazetteer.load(List.of()), 100_000).extract(text).mentions().stream()
        .map(EntityExtractor.Located::mention).toList();
    typeBySurface = mentions.stream().collect(Collectors.toMap(Mention::surface, m -> m.type().name(), (a, b) -> a));
  }

  private static String idOf(String surface) {
    return mentions.stream().filter(m -> m.surface().equals(surface)).findFirst().orElseThrow(
        () -> new AssertionError(surface + " not found in " + typeBySurface)).entityId();
  }

  @Test
  void findsThePeopleWithCanonicalIds() {
    assertThat(typeBySurface).containsEntry("Rajnath Singh", "PERSON").containsEntry("Andrei Belousov", "PERSON")
        .containsEntry("Vladimir Putin", "PERSON").containsEntry("Dmitry Peskov", "PERSON");
    assertThat(idOf("Rajnath Singh")).isEqualTo("person:rajnath-singh");
  }

  @Test
  void findsWeaponSystemsOperationAndAgreement() {
    for (String system : List.of("S-500", "S-400", "Su-57", "Su-30", "BrahMos")) {
      assertThat(typeBySurface).as(system).containsEntry(system, "MILITARY_SYSTEM");
    }
    assertThat(typeBySurface).containsEntry("Operation Sindhur", "OPERATION");
    assertThat(typeBySurface).containsEntry("RELOS", "AGREEMENT");
    assertThat(mentions).filteredOn(m -> m.surface().startsWith("Reciprocal Exchange of Logistics"))
        .allSatisfy(m -> assertThat(m.entityId()).isEqualTo(idOf("RELOS")));
  }

  @Test
  void findsPlacesAndOrganisationsAndEnergy() {
    assertThat(typeBySurface).containsEntry("New Delhi", "LOCATION").containsEntry("Arctic", "LOCATION")
        .containsEntry("Indian Ocean", "LOCATION").containsEntry("India Today", "ORG")
        .containsEntry("State Duma", "ORG").containsEntry("Kremlin", "ORG");
    assertThat(typeBySurface).containsEntry("compact reactors", "ENERGY");
  }

  @Test
  void findsNothingAbsurd() {
    assertThat(typeBySurface).doesNotContainKeys("Talks", "Based", "Discussions", "Proposals", "Experts", "The");
    assertThat(mentions).noneMatch(m -> m.surface().isBlank());
  }

  @Test
  void offsetsPointAtTheSurface() {
    assertThat(mentions).allSatisfy(m -> assertThat(text.substring(m.begin(), m.end())).isEqualTo(m.surface()));
  }
}
