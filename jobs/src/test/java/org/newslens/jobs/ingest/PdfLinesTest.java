package org.newslens.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PdfLinesTest {

  @Test
  void wrappedLinesAreJoinedAndShortLinesKeepTheirBreak() {
    String page = String.join("\n",
        "Background",
        "Then-President Donald Trump announced in May 2018 that the",
        "United States was ending its participation, and the uranium-",
        "235 stock grew; the agency said the reactor at Natanz had been",
        "damaged.",
        "",
        "Figure 1. Enrichment sites",
        "Source: CRS.");
    assertThat(PdfLines.reflow(page)).isEqualTo(String.join("\n",
        "Background",
        "Then-President Donald Trump announced in May 2018 that the United States was ending its participation, and the uranium-235"
            + " stock grew; the agency said the reactor at Natanz had been damaged.",
        "",
        "Figure 1. Enrichment sites",
        "Source: CRS."));
  }

  @Test
  void linesSetAsParagraphsOfTheirOwnAreJoinedToo() {
    String page = "The popularity of cryptocurrencies, such as Bitcoin, and their underlying blockchain technology\n\n"
        + "presents both challenges and opportunities for the electricity sector. Cryptocurrency is a type of\n\n"
        + "digital asset.\n\nSUMMARY\n\nA short paragraph.";
    assertThat(PdfLines.reflow(page)).isEqualTo("The popularity of cryptocurrencies, such as Bitcoin, and their underlying blockchain technology "
        + "presents both challenges and opportunities for the electricity sector. Cryptocurrency is a type of digital asset.\n\n"
        + "SUMMARY\n\nA short paragraph.");
  }

  @Test
  void runningHeadersFootersAndPageNumbersAreDropped() {
    String[] body = {"Iran enriched uranium at Natanz.", "The IAEA inspected Fordow in 2025.", "Israel struck Isfahan in June.",
        "Congress may consider sanctions."};
    java.util.List<String> pages = new java.util.ArrayList<>();
    for (int p = 1; p <= 4; p++) {
      pages.add(String.join("\n", "https://crsreports.congress.gov", body[p - 1], "IF12106 · VERSION 21 · UPDATED", "Page " + p + " of 4"));
    }
    pages.set(2, pages.get(2).replace("Page 3 of 4", "3"));
    var cleaned = PdfLines.withoutRunningLines(pages);
    for (int p = 0; p < 4; p++) {
      assertThat(cleaned.get(p)).isEqualTo(body[p]);
    }
    assertThat(PdfLines.withoutRunningLines(pages.subList(0, 2))).isEqualTo(pages.subList(0, 2));
  }

  @Test
  void aPageOfFewLinesIsLeftAsItIs() {
    assertThat(PdfLines.reflow("Title\nA line")).isEqualTo("Title\nA line");
  }
}
