package org.newslens.jobs.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Report, web-page and crawl files built in the test: PDFs with PDFBox, a DOCX with POI, an HTML
 * news page with its boilerplate, a WARC with jwarc's writer, and the hostile ones (encrypted,
 * image-only, corrupt, too many pages, a decompression bomb).
 */
final class ReportCorpus {

  /** Text of the three pages of {@code report.pdf}. */
  static final List<List<String>> REPORT_PAGES = List.of(
      List.of("Energy Security Review", "This review examines gas supply to Europe after the winter of 2025."),
      List.of("Pipeline politics", "Vladimir Putin met energy ministers in Moscow to discuss the Power of Siberia pipeline."),
      List.of("Alliance response", "NATO ministers in Brussels reviewed the protection of undersea cables and pipelines."));

  static final String ARTICLE_SENTENCE = "The Ministry of Defence confirmed that the frigate HMS Richmond sailed from Portsmouth on Tuesday.";

  private ReportCorpus() {}

  static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] report = pdf(REPORT_PAGES, "Energy Security Review 2026", "Jane Analyst", null);
    Files.write(dir.resolve("report.pdf"), report);
    Files.write(dir.resolve("encrypted.pdf"), pdf(REPORT_PAGES.subList(0, 1), "Secret", "X", "user-password"));
    Files.write(dir.resolve("scan.pdf"), imageOnlyPdf());
    Files.write(dir.resolve("corrupt.pdf"), corruptPdf());
    Files.write(dir.resolve("long.pdf"), pdf(manyPages(60), "Long", "X", null));
    Files.write(dir.resolve("memo.docx"), docx());
    Files.write(dir.resolve("bomb.docx"), zipBomb());
    Files.writeString(dir.resolve("brief.rtf"), rtf(), StandardCharsets.US_ASCII);
    Files.write(dir.resolve("minutes.odt"), odt());
    Files.write(dir.resolve("book.epub"), epub());
    Files.writeString(dir.resolve("page.html"), newsPage("Frigate sails for the Gulf", ARTICLE_SENTENCE, "https://gazette.example/world/frigate"), StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(dir.resolve("crawl.warc.gz"))) {
      warc(out, report);
    }
  }

  static byte[] pdf(List<List<String>> pages, String title, String author, String userPassword) throws IOException {
    try (var doc = new PDDocument()) {
      var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (List<String> lines : pages) {
        var page = new PDPage();
        doc.addPage(page);
        try (var content = new PDPageContentStream(doc, page)) {
          content.beginText();
          content.setFont(font, 12);
          content.newLineAtOffset(72, 700);
          for (String line : lines) {
            content.showText(line);
            content.newLineAtOffset(0, -18);
          }
          content.endText();
        }
      }
      var info = doc.getDocumentInformation();
      info.setTitle(title);
      info.setAuthor(author);
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(Instant.parse("2026-03-14T09:00:00Z").toEpochMilli());
      info.setCreationDate(created);
      if (userPassword != null) {
        var policy = new StandardProtectionPolicy("owner-password", userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        doc.protect(policy);
      }
      var out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static List<List<String>> manyPages(int n) {
    return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> List.of("Annex page " + i + " of the long report.")).toList();
  }

  static byte[] imageOnlyPdf() throws IOException {
    try (var doc = new PDDocument()) {
      var page = new PDPage();
      doc.addPage(page);
      var image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
      var g = image.createGraphics();
      g.drawString("scanned text", 10, 50);
      g.dispose();
      try (var content = new PDPageContentStream(doc, page)) {
        content.drawImage(LosslessFactory.createFromImage(doc, image), 72, 500);
      }
      var out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A PDF header followed by bytes no PDF parser can make sense of. */
  static byte[] corruptPdf() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    byte[] header = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, junk, 0, header.length);
    return junk;
  }

  static byte[] docx() throws IOException {
    try (var doc = new XWPFDocument()) {
      doc.createParagraph().createRun().setText("Memorandum on offshore wind");
      doc.createParagraph().createRun().setText(
          "The Department of Energy approved funding for offshore wind projects off the coast of Massachusetts.");
      doc.createParagraph().createRun().setText("Orsted and Equinor are expected to bid for the new leases.");
      var props = doc.getProperties().getCoreProperties();
      props.setTitle("Offshore wind memorandum");
      props.setCreator("Policy Unit");
      props.setCreated(java.util.Optional.of(java.util.Date.from(Instant.parse("2025-11-02T12:00:00Z"))));
      var out = new ByteArrayOutputStream();
      doc.write(out);
      return out.toByteArray();
    }
  }

  static final String RTF_SENTENCE = "The Department of Energy extended the Strategic Petroleum Reserve exchange with Exxon Mobil.";
  static final String ODT_SENTENCE = "Rolls-Royce will build small modular reactors at Wylfa in Anglesey, the minutes record.";
  static final String EPUB_SENTENCE = "Admiral Tony Radakin told the committee that the Royal Navy needs more frigates.";

  static String rtf() {
    return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}{\\info{\\title Reserve brief}{\\author Energy Desk}"
        + "{\\creatim\\yr2025\\mo6\\dy30\\hr9\\min0}}\\f0\\fs24 Reserve brief\\par " + RTF_SENTENCE + "\\par}";
  }

  /** An OpenDocument text file: mimetype first and stored, then manifest, content and metadata. */
  static byte[] odt() throws IOException {
    return zip(new String[][] {
        {"mimetype", "application/vnd.oasis.opendocument.text"},
        {"META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
            + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
            + "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>"},
        {"content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:text>"
            + "<text:h text:outline-level=\"1\">Minutes</text:h><text:p>" + ODT_SENTENCE + "</text:p></office:text></office:body></office:document-content>"},
        {"meta.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" office:version=\"1.2\">"
            + "<office:meta><dc:title>Reactor minutes</dc:title><dc:creator>Board Secretary</dc:creator>"
            + "<meta:creation-date>2025-09-12T10:00:00</meta:creation-date></office:meta></office:document-meta>"}});
  }

  /** An EPUB 2 book of one chapter. */
  static byte[] epub() throws IOException {
    return zip(new String[][] {
        {"mimetype", "application/epub+zip"},
        {"META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">"
            + "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>"},
        {"OEBPS/content.opf", "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\" version=\"2.0\" unique-identifier=\"id\">"
            + "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Fleet review</dc:title><dc:creator>Defence Committee</dc:creator>"
            + "<dc:date>2024-02-01</dc:date><dc:identifier id=\"id\">fleet-1</dc:identifier><dc:language>en</dc:language></metadata>"
            + "<manifest><item id=\"c1\" href=\"chapter1.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>"
            + "<spine><itemref idref=\"c1\"/></spine></package>"},
        {"OEBPS/chapter1.xhtml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Chapter 1</title></head>"
            + "<body><h1>Chapter 1</h1><p>" + EPUB_SENTENCE + "</p></body></html>"}});
  }

  private static byte[] zip(String[][] entries) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(out)) {
      for (String[] e : entries) {
        byte[] data = e[1].getBytes(StandardCharsets.UTF_8);
        var entry = new ZipEntry(e[0]);
        if (e[0].equals("mimetype")) {
          var crc = new java.util.zip.CRC32();
          crc.update(data);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(data.length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /**
   * A real DOCX whose document part is replaced by one that inflates 1,000-fold: 64 MB of
   * spaces inside a text run, in about 64 KB.
   */
  static byte[] zipBomb() throws IOException {
    var out = new ByteArrayOutputStream();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx()));
        var zip = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(e.getName()));
        if (!e.getName().equals("word/document.xml")) {
          in.transferTo(zip);
          continue;
        }
        zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
            + "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">").getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 64; i++) {
          zip.write(spaces);
        }
        zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  /** A news page: navigation, header, the article, a share bar, related links, comments, footer. */
  static String newsPage(String headline, String sentence, String canonical) {
    return """
        <!DOCTYPE html>
        <html><head>
        <title>%1$s | Harbour Gazette</title>
        <meta property="og:title" content="%1$s">
        <meta property="og:site_name" content="Harbour Gazette">
        <meta property="article:published_time" content="2026-02-03T08:15:00Z">
        %3$s
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"%1$s","author":{"@type":"Person","name":"Sam Reporter"}}</script>
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
        <header class="site-header"><p>Harbour Gazette: your daily harbour news since 1901</p></header>
        <article>
          <h1>%1$s</h1>
          <p>%2$s</p>
          <p>The ship will join allied vessels escorting tankers through the Strait of Hormuz, officials said.</p>
          <div class="share-bar"><p>Share this story on social media</p></div>
          <p>Defence analysts said the deployment would last at least six months.</p>
          <p>The Royal Navy has kept a frigate or destroyer in the region since 1980, rotating crews through the base
          in Bahrain; the Richmond replaces a ship that returned to Plymouth for maintenance in the autumn.</p>
          <p>Shipping companies have asked for more escorts after a series of drone attacks on tankers, and insurers
          have raised the premiums they charge for passages through the strait to the highest level in a decade.</p>
        </article>
        <aside class="related"><h3>Related stories</h3><ul><li>Celebrity chef opens harbour restaurant</li></ul></aside>
        <section id="comments"><p>Reader comment: great article, first!</p></section>
        <div class="newsletter-signup"><p>Subscribe to our newsletter for daily updates</p></div>
        <footer><p>Copyright Harbour Gazette. All rights reserved.</p></footer>
        </body></html>
        """.formatted(headline, sentence, canonical == null ? "" : "<link rel=\"canonical\" href=\"" + canonical + "\">");
  }

  /**
   * A gzipped WARC: a DNS lookup, a page (200), the same report PDF (200), a second page, a 404
   * page, a redirect and an image; only the three 200 HTML/PDF responses are records.
   */
  private static void warc(OutputStream out, byte[] pdf) throws IOException {
    try (var writer = new WarcWriter(java.nio.channels.Channels.newChannel(out), WarcCompression.GZIP)) {
      writer.write(new WarcResponse.Builder(URI.create("dns:port.example"))
          .date(Instant.parse("2026-04-01T10:00:00Z"))
          .body(MediaType.parse("text/dns"), "20260401100000\nport.example. 300 IN A 192.0.2.7\n".getBytes(StandardCharsets.US_ASCII))
          .build());
      writer.write(response("https://port.example/news/1", 200, "text/html; charset=utf-8",
          newsPage("Tanker seized near Hormuz", "Iran's Revolutionary Guard seized a tanker near the Strait of Hormuz on Monday.", null)
              .getBytes(StandardCharsets.UTF_8)));
      writer.write(response("https://port.example/report.pdf", 200, "application/pdf", pdf));
      writer.write(response("https://port.example/missing", 404, "text/html", "<html><body><p>Not found</p></body></html>".getBytes(StandardCharsets.UTF_8)));
      writer.write(response("https://port.example/old", 301, "text/html", new byte[0]));
      writer.write(response("https://port.example/logo.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
      writer.write(response("https://port.example/news/2", 200, "text/html",
          newsPage("Grid operator warns of winter shortfall", "National Grid warned that gas-fired plants may run short of fuel in January.", null)
              .getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** A WARC of n pages (one request and one response each), plain or gzipped record by record. */
  static byte[] warcOfPages(int n, WarcCompression compression) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var writer = new WarcWriter(java.nio.channels.Channels.newChannel(out), compression)) {
      for (int i = 0; i < n; i++) {
        String url = "https://many.example/story/" + i;
        writer.write(new org.netpreserve.jwarc.WarcRequest.Builder(URI.create(url))
            .body(MediaType.HTTP_REQUEST, ("GET /story/" + i + " HTTP/1.1\r\nHost: many.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
            .build());
        writer.write(response(url, 200, "text/html", newsPage("Story " + i,
            "Story number " + i + " reports that the port of Rotterdam handled record LNG cargoes.", null).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out.toByteArray();
  }

  /** A gzipped WARC of two pages whose second record is cut off part-way. */
  static byte[] truncatedWarc(String firstSentence) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var writer = new WarcWriter(java.nio.channels.Channels.newChannel(out), WarcCompression.GZIP)) {
      writer.write(response("https://cut.example/1", 200, "text/html", newsPage("Cut one", firstSentence, null).getBytes(StandardCharsets.UTF_8)));
      writer.write(response("https://cut.example/2", 200, "text/html",
          newsPage("Cut two", "This second page never arrives whole.", null).getBytes(StandardCharsets.UTF_8)));
    }
    byte[] all = out.toByteArray();
    return java.util.Arrays.copyOf(all, all.length - 200);
  }

  private static WarcResponse response(String url, int status, String type, byte[] body) throws IOException {
    var http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Other")
        .body(MediaType.parse(type), body)
        .build();
    return new WarcResponse.Builder(URI.create(url))
        .date(Instant.parse("2026-04-01T10:00:00Z"))
        .body(http)
        .build();
  }
}
