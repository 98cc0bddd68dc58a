package org.newslens.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlArticleTest {

  private static final String PARAGRAPH =
      "<p>Ukraine's energy ministry said Russian drones struck two substations near Kharkiv overnight, cutting power to"
          + " forty thousand homes while repair crews worked through the morning to restore supply.</p>";

  @Test
  void metadataComesFromJsonLdGraphsWhenMetaTagsAreMissing() {
    String html = "<html><head><title>Site | Page</title><meta property=\"article:author\" content=\"https://social.example/olena\">"
        + "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\","
        + "\"name\":\"Site\"},{\"@type\":[\"NewsArticle\"],\"headline\":\"Drones hit substations\",\"datePublished\":\"2026-01-05T06:00:00Z\","
        + "\"author\":[{\"@type\":\"Person\",\"name\":\"Olena K.\"},{\"@type\":\"Person\",\"name\":\"Sam R.\"}],"
        + "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Kyiv Wire\"}}]}</script></head><body><article>" + PARAGRAPH
        + "</article></body></html>";
    HtmlArticle.Page page = HtmlArticle.extract(html);
    assertThat(page.title()).contains("Drones hit substations");
    assertThat(page.published()).contains("2026-01-05T06:00:00Z");
    assertThat(page.author()).contains("Olena K.");
    assertThat(page.publisher()).contains("Kyiv Wire");
    assertThat(page.text()).contains("cutting power to forty thousand homes");
  }

  @Test
  void aLongArticleKeepsItsParagraphsAndLosesItsShareBarAndRelatedLinks() {
    StringBuilder body = new StringBuilder("<html><body><nav><a href=/>Home</a> <a href=/energy>Energy menu</a></nav><article><h1>Grid</h1>");
    for (int i = 0; i < 5; i++) {
      body.append(PARAGRAPH.replace("two substations", "substation " + i));
      if (i == 2) {
        body.append("<div class=\"social-share\"><p>Share on social networks</p></div>");
      }
    }
    body.append("</article><div class=\"related-stories\"><ul><li><a href=/x>Ten cheap holiday destinations</a></li></ul></div>")
        .append("<footer>Copyright Kyiv Wire</footer></body></html>");
    String text = HtmlArticle.extract(body.toString()).text();
    assertThat(text).contains("substation 0", "substation 4");
    assertThat(text).doesNotContain("Energy menu", "Share on social networks", "holiday destinations", "Copyright");
    assertThat(TextCleaner.cleanBody(text).split("\n\n")).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void aFragmentInsideARecordKeepsAllItsText() {
    assertThat(TextCleaner.cleanBody("<p>First.</p><div class=\"share\">Not a page, so kept.</div>"))
        .isEqualTo("First.\n\nNot a page, so kept.");
  }
}
