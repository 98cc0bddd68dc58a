package org.newslens.common.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StableIdsTest {

  @Test
  void sha256MatchesAKnownVector() {
    assertThat(StableIds.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void duplicatesDifferingOnlyInCaseOrSpacingShareAHash() {
    assertThat(StableIds.contentHash("The  talks\n\nbegan")).isEqualTo(StableIds.contentHash("the talks began"));
    assertThat(StableIds.contentHash("the talks began")).hasSize(StableIds.CONTENT_HASH_HEX);
    assertThat(StableIds.contentHash("the talks ended")).isNotEqualTo(StableIds.contentHash("the talks began"));
  }

  @Test
  void docIdsDependOnSourceAndTextOnly() {
    String a = StableIds.docId("Reuters", "Text one");
    assertThat(a).hasSize(StableIds.DOC_ID_HEX).isEqualTo(StableIds.docId(" Reuters ", "text  one"));
    assertThat(a).isNotEqualTo(StableIds.docId("AP", "Text one"));
    assertThat(StableIds.docId(null, "x")).isEqualTo(StableIds.docId("", "x"));
  }
}
