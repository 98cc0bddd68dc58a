package org.newslens.common.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerTest {

  private static final String EXTRA =
      "id\tcanonical_name\ttype\taliases\twikidata\ttheme\n"
          + "# a user's own entry\n"
          + "zz-widget\tZZ Widget\tMILITARY_SYSTEM\tZZ Widget|ZZW-9|ZZW\t\tdefence\n";

  private final Gazetteer gazetteer = Gazetteer.load(List.of(EXTRA));

  private List<String> found(String text) {
    return gazetteer.find(text).stream().map(m -> m.entry().id() + "@" + text.substring(m.begin(), m.end())).toList();
  }

  @Test
  void bundledFilesCoverEveryCuratedTypeInQuantity() {
    var counts = gazetteer.countByType();
    assertThat(counts.get(EntityType.MILITARY_SYSTEM)).isGreaterThanOrEqualTo(300);
    assertThat(counts.get(EntityType.ORG)).isGreaterThanOrEqualTo(150);
    assertThat(counts.get(EntityType.LOCATION)).isGreaterThanOrEqualTo(300);
    assertThat(counts.get(EntityType.ENERGY)).isGreaterThanOrEqualTo(60);
    assertThat(counts.get(EntityType.AGREEMENT)).isGreaterThanOrEqualTo(40);
  }

  @Test
  void matchesAliasesOnWholeWordsOnly() {
    assertThat(found("The S-400 Triumf and the SA-21 Growler")).contains("s-400@S-400 Triumf", "s-400@SA-21 Growler");
    assertThat(found("model S-4000 and S-400s")).noneMatch(s -> s.startsWith("s-400@"));
  }

  @Test
  void foldsDashesAndKeepsOffsets() {
    String text = "An S\u2011400 battery";
    var m = gazetteer.find(text).stream().filter(x -> x.entry().id().equals("s-400")).findFirst().orElseThrow();
    assertThat(text.substring(m.begin(), m.end())).isEqualTo("S\u2011400");
  }

  @Test
  void acronymsMatchOnlyInCapitalsOtherAliasesInAnyCase() {
    assertThat(found("The ZZW was deployed; a zzw is not.")).containsExactly("zz-widget@ZZW");
    assertThat(found("the zz widget")).containsExactly("zz-widget@zz widget");
  }

  @Test
  void userEntriesAreLoadedAndBadRowsAreNamed() {
    assertThat(gazetteer.byId("zz-widget")).hasValueSatisfying(e -> assertThat(e.aliases()).contains("ZZW-9"));
    assertThatThrownBy(() -> Gazetteer.parse("# mine\nx\tX\n", "extra.tsv")).hasMessageContaining("extra.tsv line 2");
    assertThatThrownBy(() -> Gazetteer.parse("x\tX\tWEAPON\tX\t\tnone\n", "extra.tsv")).hasMessageContaining("unknown type 'WEAPON'");
  }
}
