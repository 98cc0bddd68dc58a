package org.newslens.common.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newslens.common.entities.ResolverFixture.crf;
import static org.newslens.common.entities.ResolverFixture.resolve;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MentionResolverTest {

  @Test
  void longestSpanWinsAndDomainTypeBeatsGenericOnTheSameSpan() {
    String text = "India Today reported on the BrahMos deal.";
    var out = resolve(text, crf(text, "India", EntityType.LOCATION), crf(text, "BrahMos", EntityType.ORG));
    assertThat(out).extracting(Mention::surface, Mention::type)
        .contains(org.assertj.core.groups.Tuple.tuple("India Today", EntityType.ORG),
            org.assertj.core.groups.Tuple.tuple("BrahMos", EntityType.MILITARY_SYSTEM));
    assertThat(out).noneMatch(m -> m.surface().equals("India"));
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).begin()).isGreaterThanOrEqualTo(out.get(i - 1).end());
    }
  }

  @Test
  void theGazetteerIsEvidenceForTheCrfNotAnOverride() {
    // A team named after a city, a country with its article, a lower-case word: the CRF's reading stands.
    String text = "NEW YORK beat Boston . Talks in the Netherlands ended . The senate met in Kabul .";
    var out = resolve(text, crf(text, "NEW YORK", EntityType.ORG), crf(text, "Boston", EntityType.ORG),
        crf(text, "Netherlands", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type).contains(
        org.assertj.core.groups.Tuple.tuple("NEW YORK", EntityType.ORG),
        org.assertj.core.groups.Tuple.tuple("Netherlands", EntityType.LOCATION),
        org.assertj.core.groups.Tuple.tuple("Kabul", EntityType.LOCATION));
    assertThat(out).filteredOn(m -> m.surface().equals("NEW YORK")).allMatch(m -> m.entityId().startsWith("org:"));
    assertThat(out).noneMatch(m -> m.surface().equalsIgnoreCase("the Netherlands") || m.surface().equals("senate"));
    // where the CRF found nothing, a capitalised curated name still counts (Kabul above); a place
    // the list knows as an institution stands over the CRF's place.
    String kremlin = "The Kremlin said so .";
    assertThat(resolve(kremlin, crf(kremlin, "Kremlin", EntityType.LOCATION))).extracting(Mention::type)
        .containsExactly(EntityType.ORG);
  }

  @Test
  void aOneWordPersonTheListKnowsAsAnOrganisationIsThatOrganisationUnlessTheTextNamesSuchAPerson() {
    String daesh = "Daesh claimed the attack .";
    assertThat(resolve(daesh, crf(daesh, "Daesh", EntityType.PERSON))).singleElement()
        .satisfies(m -> assertThat(m.type()).isEqualTo(EntityType.ORG))
        .satisfies(m -> assertThat(m.entityId()).isEqualTo("isis"));
    String founder = "William Boeing founded it . Boeing said so .";
    var out = resolve(founder, crf(founder, "William Boeing", EntityType.PERSON),
        new Mention(founder.lastIndexOf("Boeing"), founder.lastIndexOf("Boeing") + 6, "Boeing", EntityType.PERSON, null, null, Mention.CRF, 0.9,
            "", "none"));
    assertThat(out).filteredOn(m -> m.surface().equals("Boeing")).extracting(Mention::type).containsOnly(EntityType.PERSON);
  }

  @Test
  void aSurnameOfAPersonNamedInFullIsThatPerson() {
    String text = "Neil Jordan directed it . Jordan 's film opened in Dublin .";
    int second = text.indexOf("Jordan", 10);
    var out = resolve(text, crf(text, "Neil Jordan", EntityType.PERSON),
        new Mention(second, second + 6, "Jordan", EntityType.LOCATION, null, null, Mention.CRF, 0.8, "", "none"),
        crf(text, "Dublin", EntityType.LOCATION));
    assertThat(out).extracting(Mention::surface, Mention::type, Mention::entityId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Neil Jordan", EntityType.PERSON, "person:neil-jordan"),
        org.assertj.core.groups.Tuple.tuple("Jordan", EntityType.PERSON, "person:neil-jordan"),
        org.assertj.core.groups.Tuple.tuple("Dublin", EntityType.LOCATION, out.get(2).entityId()));
  }

  @Test
  void shortPersonNamesLinkToTheFullNameInTheDocument() {
    String text = "Rajnath Singh met officials. Later Singh said the talks went well.";
    int second = text.indexOf("Singh", 10);
    var out = resolve(text, crf(text, "Rajnath Singh", EntityType.PERSON),
        new Mention(second, second + 5, "Singh", EntityType.PERSON, null, null, Mention.CRF, 0.8, "", "none"));
    assertThat(out).extracting(Mention::entityId).containsExactly("person:rajnath-singh", "person:rajnath-singh");
    assertThat(out.get(1).method()).isEqualTo(Mention.COREF);
  }

  @Test
  void dropsPronounsCommonWordsAndRetypesWireCredits() {
    String text = "Talks began. The talks were long. He said REUTERS reported it.";
    var out = resolve(text, crf(text, "Talks", EntityType.ORG), crf(text, "He", EntityType.PERSON),
        crf(text, "REUTERS", EntityType.PERSON));
    assertThat(out).extracting(Mention::surface, Mention::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("REUTERS", EntityType.ORG));
  }

  @Test
  void anAcronymDefinedInTheTextBecomesAnAliasThere() {
    String text = "The Joint Widget Council (JWC) met. Later the JWC voted.";
    var out = resolve(text, crf(text, "Joint Widget Council", EntityType.ORG));
    assertThat(out).extracting(Mention::surface).containsExactly("Joint Widget Council", "JWC", "JWC");
    assertThat(out).extracting(Mention::entityId).containsOnly("org:joint-widget-council");
    assertThat(MentionResolver.initialsMatch("Reciprocal Exchange of Logistics", "RELOS")).isTrue();
    assertThat(MentionResolver.initialsMatch("Joint Widget Council", "XYZ")).isFalse();
  }

  @Test
  void mergeKeepsWhatTheQuadraticReferenceKeeps() {
    var random = new java.util.Random(5);
    String text = "x".repeat(2_000);
    for (int round = 0; round < 50; round++) {
      List<Mention> candidates = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int b = random.nextInt(1_990);
        int e = b + 1 + random.nextInt(8);
        EntityType type = EntityType.values()[random.nextInt(EntityType.values().length)];
        String method = random.nextBoolean() ? Mention.CRF : Mention.GAZETTEER;
        candidates.add(new Mention(b, e, text.substring(b, e), type, null, null, method, 0.8, "", "none"));
      }
      assertThat(MentionResolver.merge(candidates)).isEqualTo(referenceMerge(candidates));
    }
  }

  @Test
  void anAcronymDefinedManyTimesIsLinkedOnceEverywhere() {
    String text = "The Joint Widget Council (JWC) met. ".repeat(3) + "Later the JWC voted.";
    var out = resolve(text, crf(text, "Joint Widget Council", EntityType.ORG));
    assertThat(out).filteredOn(m -> m.surface().equals("JWC")).hasSize(4).extracting(Mention::entityId)
        .containsOnly("org:joint-widget-council");
  }

  /** The merge as first written: each candidate checked against every accepted one. */
  private static List<Mention> referenceMerge(List<Mention> candidates) {
    List<Mention> sorted = new ArrayList<>(candidates);
    sorted.sort(java.util.Comparator.comparingInt(Mention::length).reversed()
        .thenComparing(m -> m.type().isDomain() ? 0 : 1)
        .thenComparing(m -> Mention.GAZETTEER.equals(m.method()) ? -3 : -1)
        .thenComparingInt(Mention::begin));
    List<Mention> accepted = new ArrayList<>();
    for (Mention m : sorted) {
      if (accepted.stream().noneMatch(m::overlaps)) {
        accepted.add(m);
      }
    }
    accepted.sort(java.util.Comparator.comparingInt(Mention::begin));
    return accepted;
  }
}
