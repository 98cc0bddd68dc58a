package org.newslens.jobs.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Hostile inputs, generated (no committed blobs): each {@link Kind} writes its files into its own
 * folder and says where its records must end up when ingested with the default limits.
 */
public final class HostileCorpus {

  /** Writes the files of one kind into its (existing) folder. */
  @FunctionalInterface
  interface Writer {
    void write(Path dir, SparkSession spark) throws IOException;
  }

  /**
   * One kind of hostile input.
   *
   * @param documents records expected in {@code documents}
   * @param quarantine records expected in {@code quarantine}, by reason code
   * @param textContains a fragment every document of the kind must contain after cleaning, or ""
   * @param period the period every document of the kind must have, or ""
   */
  record Kind(String name, String what, Writer writer, long documents, Map<String, Long> quarantine,
      String textContains, String period) {

    long inputRecords() {
      return documents + quarantine.values().stream().mapToLong(Long::longValue).sum();
    }

    Kind containing(String fragment) {
      return new Kind(name, what, writer, documents, quarantine, fragment, period);
    }

    Kind inPeriod(String p) {
      return new Kind(name, what, writer, documents, quarantine, textContains, p);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private HostileCorpus() {}

  /** An article text unique to the kind, so no two kinds collapse as duplicates of each other. */
  static String article(String kind) {
    return "The defence ministry in Delhi reviewed the " + kind + " case on Monday, officials said.";
  }

  private static Kind docs(String name, String what, long n, Writer w) {
    return new Kind(name, what, w, n, Map.of(), "", "");
  }

  private static Kind quarantined(String name, String what, long docs, Map<String, Long> reasons, Writer w) {
    return new Kind(name, what, w, docs, new TreeMap<>(reasons), "", "");
  }

  private static Kind quarantined(String name, String what, String reason, Writer w) {
    return quarantined(name, what, 0, Map.of(reason, 1L), w);
  }

  /**
   * Writes every kind into its own folder under {@code dir} and returns how many documents ingest
   * must accept from them (the rest go to quarantine).
   */
  public static long writeAll(Path dir, SparkSession spark) throws IOException {
    long documents = 0;
    for (Kind kind : kinds()) {
      kind.writer().write(Files.createDirectories(dir.resolve(kind.name())), spark);
      documents += kind.documents();
    }
    return documents;
  }

  static List<Kind> kinds() {
    List<Kind> k = new ArrayList<>();
    k.addAll(encodings());
    k.addAll(emptyAndLarge());
    k.addAll(json());
    k.addAll(delimited());
    k.addAll(contentAndDates());
    k.addAll(filesAndCompression());
    k.addAll(reportsAndCrawls());
    k.addAll(stageKillers());
    return k;
  }

  private static List<Kind> encodings() {
    return List.of(
        docs("utf8-bom-txt", "UTF-8 text with a byte-order mark", 1, txt(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, article("bom").getBytes(UTF_8)))),
        docs("utf16le-bom-txt", "UTF-16LE text with a BOM", 1, txt(bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, article("utf16le").getBytes(UTF_16LE)))).containing("utf16le case"),
        docs("utf16be-bom-txt", "UTF-16BE text with a BOM", 1, txt(bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, article("utf16be").getBytes(UTF_16BE)))).containing("utf16be case"),
        docs("utf16le-bom-json", "a UTF-16LE JSON array with a BOM", 2, file("a.json", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
            ("[" + obj("u16j-1", article("utf16 json one")) + "," + obj("u16j-2", article("utf16 json two")) + "]").getBytes(UTF_16LE)))),
        docs("utf16le-bom-csv", "a UTF-16LE CSV with a BOM", 1, file("a.csv", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE},
            ("id,text\nu16c-1,\"" + article("utf16 csv") + "\"\n").getBytes(UTF_16LE)))).containing("utf16 csv case"),
        quarantined("utf16-no-bom-txt", "UTF-16LE text without a BOM (every other byte NUL)", "BINARY_CONTENT", txt(article("no bom").getBytes(UTF_16LE))),
        quarantined("latin1-txt", "ISO-8859-1 text (invalid UTF-8)", "NOT_UTF8", txt(("Caf\u00e9 " + article("latin1")).getBytes(ISO_8859_1))),
        quarantined("invalid-utf8-jsonl", "a JSON line with an invalid UTF-8 sequence after a good line", 1, Map.of("NOT_UTF8", 1L),
            file("a.jsonl", bytes(line(obj("iu-1", article("invalid utf8 jsonl"))), "{\"id\":\"iu-2\",\"text\":\"caf".getBytes(UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}\n".getBytes(UTF_8)))),
        quarantined("overlong-utf8-jsonl", "an overlong UTF-8 encoding of '/' (C0 AF)", 1, Map.of("NOT_UTF8", 1L),
            file("a.jsonl", bytes(line(obj("ol-1", article("overlong"))), "{\"id\":\"ol-2\",\"text\":\"a".getBytes(UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF}, "b\"}\n".getBytes(UTF_8)))),
        quarantined("invalid-utf8-csv", "a CSV whose second row holds an invalid byte", 1, Map.of("NOT_UTF8", 1L),
            file("a.csv", bytes(("id,text\niv-1,\"" + article("invalid utf8 csv") + "\"\niv-2,\"bad ").getBytes(UTF_8), new byte[] {(byte) 0xFF}, "\"\n".getBytes(UTF_8)))),
        quarantined("binary-txt", "random bytes with NULs named .txt", "BINARY_CONTENT", txt(junk(4096))),
        quarantined("binary-jsonl", "random bytes with NULs named .jsonl (one line)", "BINARY_CONTENT", file("a.jsonl", junk(4096))),
        docs("nul-bytes-txt", "an article with a few NUL bytes", 1, txt(("The navy\0 tested\0 a missile, " + article("nul bytes") + "\0").getBytes(UTF_8))).containing("The navy tested a missile"),
        docs("nul-escapes-jsonl", "JSON text with \\u0000 escapes", 1, jsonl("{\"id\":\"nul-1\",\"text\":\"Grid\\u0000 " + article("nul escape") + "\"}")).containing("Grid " + article("nul escape")),
        docs("control-chars-txt", "ANSI escapes, bell and backspace in the text", 1, txt("\u001b[1mAlert\u001b[0m\u0007\b " + article("control"))).containing("Alert " + article("control")),
        docs("terminal-escapes-txt", "CSI colours and cursor moves, an OSC title and hyperlink, a charset switch", 1,
            txt("\u001b[1;31mAlert\u001b[0m: \u001b[2J\u001b[H\u001b]0;build log\u0007" + article("terminal escapes")
                + " \u001b]8;;https://example.org\u001b\\Link\u001b]8;;\u001b\\ \u001b(Bend.")).containing("Alert: " + article("terminal escapes") + " Link end."),
        docs("crlf-txt", "Windows line endings", 1, txt("Headline\r\n\r\n" + article("crlf") + "\r\nSecond line.\r\n")).containing("crlf case"));
  }

  private static List<Kind> emptyAndLarge() {
    return List.of(
        quarantined("empty-txt", "a zero-byte .txt", "EMPTY_TEXT", txt(new byte[0])),
        quarantined("whitespace-txt", "spaces, tabs, newlines and no-break spaces only", "EMPTY_TEXT", txt(" \t\n\u00a0\u2003\r\n  \n")),
        quarantined("empty-jsonl", "a zero-byte .jsonl", "EMPTY_TEXT", file("a.jsonl", new byte[0])),
        quarantined("blank-lines-jsonl", "a .jsonl of blank lines only", "EMPTY_TEXT", jsonl("", "   ", "\t", "")),
        quarantined("empty-json", "a .json holding only whitespace", "EMPTY_TEXT", file("a.json", "  \n ".getBytes(UTF_8))),
        quarantined("empty-text-fields-jsonl", "text \"\", \"  \", null, and no text field", 0, Map.of("EMPTY_TEXT", 4L),
            jsonl("{\"id\":\"et-1\",\"text\":\"\"}", "{\"id\":\"et-2\",\"text\":\"   \"}", "{\"id\":\"et-3\",\"text\":null}", "{\"id\":\"et-4\",\"title\":\"only a title\"}")),
        quarantined("article-50mb-txt", "one 50 MB article (over --max-record-bytes 32 MiB)", "TOO_LARGE", (d, s) -> writeRepeated(d.resolve("a.txt"), article("huge"), 50L << 20)),
        quarantined("article-3m-chars-txt", "a 3 MB article (under the byte limit, over --max-text-chars 2M)", "TOO_LARGE", (d, s) -> writeRepeated(d.resolve("a.txt"), article("long"), 3L << 20)),
        docs("line-100k-jsonl", "a JSON line with a 100,000-character text", 1, jsonl(obj("l100k", article("long jsonl") + " " + "word ".repeat(20_000)))),
        docs("line-100k-txt", "a .txt of one 100,000-character line", 1, txt(article("long txt") + " " + "word ".repeat(20_000))),
        docs("field-100k-csv", "a CSV field of 100,000 characters", 1, file("a.csv", ("id,text\nf100k,\"" + article("long csv") + " " + "word ".repeat(20_000) + "\"\n").getBytes(UTF_8))),
        docs("long-id-and-title-jsonl", "a 1,000-character id and a 5,000-character title", 1,
            jsonl("{\"id\":\"" + "i".repeat(1000) + "\",\"title\":\"" + "title ".repeat(833) + "\",\"text\":\"" + article("long id") + "\"}")));
  }

  private static List<Kind> json() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    return List.of(
        quarantined("deep-nesting-jsonl", "a JSON line nested 100,000 deep, after a good line", 1, Map.of("UNPARSEABLE_RECORD", 1L),
            jsonl(obj("dn-1", article("deep jsonl")), "{\"id\":\"dn-2\",\"text\":" + deep + "}")),
        quarantined("deep-nesting-json", "a .json nested 100,000 deep", "UNPARSEABLE_RECORD", file("a.json", ("{\"text\":" + deep + "}").getBytes(UTF_8))),
        quarantined("truncated-json", "a JSON array cut off inside its second object", 1, Map.of("UNPARSEABLE_RECORD", 1L),
            file("a.json", ("[" + obj("tj-1", article("truncated json")) + ", {\"id\":\"tj-2\",\"text\":\"cut").getBytes(UTF_8))),
        quarantined("truncated-jsonl", "a JSON line cut off, after a good line", 1, Map.of("UNPARSEABLE_RECORD", 1L),
            jsonl(obj("tl-1", article("truncated jsonl")), "{\"id\":\"tl-2\",\"text\":\"cut")),
        quarantined("array-in-jsonl", "a whole JSON array on one line of a .jsonl", "UNPARSEABLE_RECORD",
            jsonl("[" + obj("aj-1", article("array line")) + "]")),
        docs("lines-in-json", "JSON lines (concatenated objects) in a .json", 3,
            file("a.json", (obj("lj-1", article("json lines one")) + "\n" + obj("lj-2", article("json lines two")) + "\n" + obj("lj-3", article("json lines three")) + "\n").getBytes(UTF_8))),
        quarantined("json-scalars", "a JSON array of a number, a string, null and an object", 1, Map.of("UNPARSEABLE_RECORD", 3L),
            file("a.json", ("[42, \"text\", null, " + obj("js-1", article("scalars")) + "]").getBytes(UTF_8))),
        quarantined("text-is-object-jsonl", "text given as a JSON object", "UNPARSEABLE_RECORD", jsonl("{\"id\":\"to-1\",\"text\":{\"p\":\"" + article("object text") + "\"}}")),
        docs("text-is-array-jsonl", "text given as an array of paragraphs", 1, jsonl("{\"id\":\"ta-1\",\"text\":[\"First paragraph.\",\"" + article("array text") + "\"]}"))
            .containing("First paragraph.\n\n"),
        docs("unpaired-surrogate-jsonl", "an unpaired surrogate escape \\ud800 in the text", 1, jsonl("{\"id\":\"us-1\",\"text\":\"Half\\ud800 " + article("surrogate") + "\"}"))
            .containing("Half " + article("surrogate")));
  }

  private static List<Kind> delimited() {
    return List.of(
        quarantined("csv-broken-quoting", "a quote that never closes, after a good row", 1, Map.of("UNPARSEABLE_RECORD", 1L),
            file("a.csv", ("id,text\nbq-1,\"" + article("broken quoting") + "\"\nbq-2,\"never closed, " + article("lost") + "\n").getBytes(UTF_8))),
        docs("csv-stray-quote", "a quote inside an unquoted field (kept as text)", 2,
            file("a.csv", ("id,text\nsq-1,\"" + article("stray quote") + "\"\nsq-2,he said \"no\" and left\n").getBytes(UTF_8))),
        docs("csv-embedded-newlines", "a quoted field with paragraph breaks", 1,
            file("a.csv", ("id,text\nen-1,\"First paragraph.\n\n" + article("embedded newlines") + "\"\n").getBytes(UTF_8))).containing("First paragraph.\n\n"),
        quarantined("csv-wrong-columns", "rows with too many and too few columns", 1, Map.of("UNPARSEABLE_RECORD", 2L),
            file("a.csv", ("id,title,text\nwc-1,T,\"" + article("wrong columns") + "\"\nwc-2,T,text,extra\nwc-3,T\n").getBytes(UTF_8))),
        quarantined("tsv-wrong-columns", "a TSV row with an extra column", 1, Map.of("UNPARSEABLE_RECORD", 1L),
            file("a.tsv", ("id\ttext\ntw-1\t" + article("tsv columns") + "\ntw-2\ttext\textra\n").getBytes(UTF_8))),
        quarantined("csv-header-only", "a CSV with a header and no rows", "EMPTY_TEXT", file("a.csv", "id,title,text\n".getBytes(UTF_8))),
        quarantined("csv-no-text-column", "a CSV without any text-like column", "EMPTY_TEXT", file("a.csv", "id,colour\nnt-1,blue\n".getBytes(UTF_8))));
  }

  private static List<Kind> contentAndDates() {
    String html = "<!DOCTYPE html><html><head><title>Site</title><style>body{color:red}</style></head><body><nav><a href='/'>Home</a></nav>"
        + "<article><h1>Frigate launched</h1><p>" + article("html page") + "</p><p>Second &amp; last paragraph.</p></article></body></html>";
    return List.of(
        quarantined("duplicate-id-different-text", "two records with one id and different texts", 1, Map.of("DUPLICATE_ID_CONFLICT", 1L),
            jsonl(obj("dup-id", article("duplicate id one")), obj("dup-id", article("duplicate id two")))),
        quarantined("same-text-different-ids", "the same text under two ids (syndication)", 1, Map.of("EXACT_DUPLICATE", 1L),
            jsonl(obj("syn-1", article("syndicated")), obj("syn-2", article("syndicated")))),
        docs("impossible-dates", "dates 2026-02-30, 2026-13-45 and 'yesterday'", 3,
            jsonl(dated("id-1", "impossible one", "2026-02-30"), dated("id-2", "impossible two", "2026-13-45"), dated("id-3", "impossible three", "yesterday"))).inPeriod("unknown"),
        docs("far-dates", "dates in 3026, 1066 and epoch 99999999999999", 3,
            jsonl(dated("fd-1", "far one", "3026-01-01"), dated("fd-2", "far two", "1066-10-14"), "{\"id\":\"fd-3\",\"text\":\"" + article("far three") + "\",\"date\":99999999999999}")).inPeriod("unknown"),
        docs("html-page", "a whole HTML page with head, style and navigation", 1, file("a.jsonl", line(obj("hp-1", html)))).containing("Frigate launched\n\n" + article("html page") + "\n\nSecond & last paragraph."),
        quarantined("scripts-and-styles-only", "HTML with only script, style and noscript", "EMPTY_TEXT",
            jsonl(obj("ss-1", "<script>var tracker = 1;</script><style>p{color:red}</style><noscript>enable js</noscript>"))),
        docs("script-in-article", "an article with an inline script", 1, txt("<p>" + article("inline script") + "</p><script>document.write('ad')</script>")).containing(article("inline script")),
        docs("non-english", "German, Russian, Chinese and Hindi articles", 4, (d, s) -> {
          Files.writeString(d.resolve("de.txt"), "Die Bundeswehr erhält neue Panzer, teilte das Verteidigungsministerium am Montag mit.");
          Files.writeString(d.resolve("ru.txt"), "Министерство обороны сообщило о поставках новых зенитных ракетных комплексов.");
          Files.writeString(d.resolve("zh.txt"), "国防部周一表示，新的防空系统将于明年交付。");
          Files.writeString(d.resolve("hi.txt"), "रक्षा मंत्रालय ने सोमवार को नई वायु रक्षा प्रणाली की घोषणा की।");
        }),
        docs("mixed-script", "Latin, Cyrillic, Devanagari and CJK in one article", 1, txt(article("mixed") + " С-400 «Триумф», भारत, 北京.")).containing("С-400 «Триумф», भारत, 北京."),
        docs("right-to-left", "Arabic and Hebrew with bidi embedding controls", 1, txt("\u202bوزارة الدفاع أعلنت\u202c " + article("rtl") + " \u2067משרד הביטחון\u2069"))
            .containing("وزارة الدفاع أعلنت " + article("rtl") + " משרד הביטחון"),
        docs("emoji", "emoji, flags and a zero-width-joiner family", 1, txt(article("emoji") + " \ud83d\ude80 \ud83c\uddee\ud83c\uddf3 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"))
            .containing("\ud83d\ude80 \ud83c\uddee\ud83c\uddf3 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"),
        docs("zero-width", "zero-width spaces, word joiners, BOMs and soft hyphens inside words", 1,
            txt("The de\u200bfence mi\u2060nistry in Del\ufeffhi re\u00adviewed the zero-width case on Monday, officials said.")).containing(article("zero-width")),
        quarantined("zero-width-only", "only zero-width characters", "EMPTY_TEXT", txt("\u200b\u200b\u2060\ufeff\u00ad")),
        quarantined("no-letter-or-digit", "punctuation, symbols and emoji only", "EMPTY_TEXT", txt("!!! ??? --- *** \u2026 \u2022\u2022 /// \ud83d\ude80\ud83d\ude80 \u00a7\u00b6")));
  }

  /**
   * Documents that ingest accepts and that are built to hurt the later stages: each must pass
   * entities, co-occurrences and topics without taking the run down.
   */
  static List<Kind> stageKillers() {
    return List.of(
        docs("token-200k-jsonl", "a 200,000-character token (one run of x)", 1,
            jsonl(obj("tok-200k", article("long token") + " " + "x".repeat(200_000)))).containing("x".repeat(1000)),
        docs("sentence-100k-words-txt", "a sentence of 100,000 words and no punctuation", 1, txt(article("long sentence") + " " + words(100_000))),
        docs("entities-50k-jsonl", "50,000 distinct person, place and weapon names in one document", 1, jsonl(obj("ent-50k", names(50_000)))),
        docs("one-word-repeated-txt", "one word 200,000 times", 1, txt("missile ".repeat(200_000).strip())));
  }

  /** {@code n} words without punctuation, drawn from twelve. */
  private static String words(int n) {
    String[] w = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"};
    var random = new Random(11);
    var out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " ").append(w[random.nextInt(w.length)]);
    }
    return out.toString();
  }

  /** An article listing {@code n} distinct made-up names, some with a title or a gazetteer place and weapon. */
  private static String names(int n) {
    String[] syllables = {"ka", "lo", "be", "tu", "mi", "ra", "zo", "ne", "vi", "da", "po", "shi", "an", "el", "or"};
    String[] known = {"Russia", "China", "India", "NATO", "S-400", "BrahMos", "Gazprom", "Ukraine"};
    var out = new StringBuilder(article("many names"));
    var seen = new java.util.HashSet<String>();
    var random = new Random(13);
    while (seen.size() < n) {
      String name = word(syllables, random) + " " + word(syllables, random);
      if (seen.add(name)) {
        out.append(seen.size() % 3 == 0 ? " President " : ", ").append(name);
        out.append(seen.size() % 5 == 0 ? " of " + known[seen.size() % known.length] : "");
      }
    }
    return out.append('.').toString();
  }

  private static String word(String[] syllables, Random random) {
    String w = syllables[random.nextInt(syllables.length)] + syllables[random.nextInt(syllables.length)] + syllables[random.nextInt(syllables.length)];
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** Reports, pages and crawls that must not crash, hang or exhaust an executor (generated lazily: some are large). */
  private static List<Kind> reportsAndCrawls() {
    return List.of(
        quarantined("encrypted-pdf", "a PDF with a user password", "ENCRYPTED",
            lazy("a.pdf", () -> ReportCorpus.pdf(List.of(List.of(article("encrypted pdf"))), "t", "a", "secret"))),
        quarantined("scanned-pdf", "a PDF page holding only an image (a scan)", "NO_TEXT_LAYER", lazy("a.pdf", ReportCorpus::imageOnlyPdf)),
        quarantined("corrupt-pdf", "a PDF header followed by random bytes", "UNPARSEABLE_RECORD", lazy("a.pdf", ReportCorpus::corruptPdf)),
        quarantined("truncated-docx", "the first half of a DOCX (a zip without its central directory)", "UNPARSEABLE_RECORD",
            lazy("a.docx", () -> {
              byte[] docx = ReportCorpus.docx();
              return java.util.Arrays.copyOf(docx, docx.length / 2);
            })),
        quarantined("empty-pdf", "a zero-byte .pdf", "EMPTY_TEXT", lazy("a.pdf", () -> new byte[0])),
        quarantined("zip-bomb-docx", "a DOCX whose text part inflates 1,000-fold to 64 MB", "TOO_LARGE", lazy("a.docx", ReportCorpus::zipBomb)),
        quarantined("pdf-10000-pages", "a PDF of 10,000 pages (default --max-pages 5,000)", "TOO_LARGE",
            lazy("a.pdf", () -> ReportCorpus.pdf(ReportCorpus.manyPages(10_000), "t", "a", null))),
        docs("pdf-3-pages", "a three-page PDF report", 1,
            lazy("a.pdf", () -> ReportCorpus.pdf(List.of(List.of("Page one."), List.of(article("three page pdf")), List.of("Page three.")), "t", "a", null)))
            .containing(article("three page pdf")),
        docs("html-with-boilerplate", "a news page with navigation, share, related, comment and footer blocks", 1,
            lazy("a.html", () -> ReportCorpus.newsPage("Boilerplate", article("html page"), null).getBytes(UTF_8))).containing(article("html page")),
        quarantined("truncated-warc-gz", "a gzipped WARC cut off inside its second record", 1, Map.of("UNREADABLE_FILE", 1L),
            lazy("a.warc.gz", () -> ReportCorpus.truncatedWarc(article("truncated warc")))).containing(article("truncated warc")));
  }

  /** Bytes written by {@link ReportCorpus} when the kind is written, not when it is listed. */
  private interface Bytes {
    byte[] get() throws IOException;
  }

  private static Writer lazy(String name, Bytes bytes) {
    return (dir, spark) -> Files.write(dir.resolve(name), bytes.get());
  }

  private static List<Kind> filesAndCompression() {
    return List.of(
        docs("gzip-csv", "a good gzip-compressed CSV", 1, file("a.csv.gz", gzip("id,text\ngz-1,\"" + article("gzip csv") + "\"\n"))),
        docs("bzip2-jsonl", "a good bzip2-compressed JSON-lines file", 1, (d, s) -> writeBzip2(d.resolve("a.jsonl.bz2"), line(obj("bz-1", article("bzip2"))))),
        quarantined("truncated-gzip", "a .jsonl.gz cut after 20 bytes", "UNREADABLE_FILE", file("a.jsonl.gz", Arrays.copyOf(gzip(obj("tg-1", article("truncated gzip")) + "\n"), 20))),
        quarantined("not-gzip", "plain text named .jsonl.gz", "UNREADABLE_FILE", file("a.jsonl.gz", line(obj("ng-1", article("not gzip"))))),
        quarantined("truncated-bzip2", "a .jsonl.bz2 cut in half", "UNREADABLE_FILE", (d, s) -> {
          Path tmp = Files.createTempFile("whole", ".bz2");
          writeBzip2(tmp, line(obj("tb-1", article("truncated bzip2 " + "pad ".repeat(500)))));
          byte[] whole = Files.readAllBytes(tmp);
          Files.write(d.resolve("a.jsonl.bz2"), Arrays.copyOf(whole, whole.length / 2));
          Files.delete(tmp);
        }),
        ROOT
            ? docs("unreadable-file", "a file with mode 000 (read anyway: the tests run as root)", 1, unreadable())
            : quarantined("unreadable-file", "a file with mode 000", "UNREADABLE_FILE", unreadable()),
        quarantined("dangling-symlink", "a symlink to a file that does not exist", "UNREADABLE_FILE",
            (d, s) -> Files.createSymbolicLink(d.resolve("gone.jsonl"), d.resolve("missing.jsonl"))),
        quarantined("symlink-file-loop", "two symlinks pointing at each other", 0, Map.of("UNREADABLE_FILE", 2L), (d, s) -> {
          Files.createSymbolicLink(d.resolve("a.jsonl"), d.resolve("b.jsonl"));
          Files.createSymbolicLink(d.resolve("b.jsonl"), d.resolve("a.jsonl"));
        }),
        docs("symlink-directory-loop", "a sub-folder holding a symlink back to its parent", 1, (d, s) -> {
          Path sub = Files.createDirectories(d.resolve("sub"));
          Files.write(sub.resolve("a.jsonl"), line(obj("sl-1", article("symlink loop"))));
          Files.createSymbolicLink(sub.resolve("loop"), d);
        }),
        quarantined("unknown-extension", "a file named .xyz", "UNSUPPORTED_FORMAT", file("notes.xyz", article("unknown").getBytes(UTF_8))),
        quarantined("corrupt-parquet", "PAR1 magic around junk", "UNREADABLE_FILE", file("a.parquet", "PAR1 not really parquet PAR1".getBytes(UTF_8))),
        quarantined("parquet-null-and-empty-text", "Parquet rows with a text, a null text and an empty text", 1, Map.of("EMPTY_TEXT", 2L), HostileCorpus::parquet));
  }

  private static Writer unreadable() {
    return (d, s) -> {
      Path f = Files.write(d.resolve("locked.jsonl"), line(obj("ur-1", article("unreadable"))));
      Files.setPosixFilePermissions(f, java.util.Set.of());
    };
  }

  private static String obj(String id, String text) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\"}";
  }

  private static String dated(String id, String kind, String date) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + article(kind) + "\",\"date\":\"" + date + "\"}";
  }

  private static Writer txt(String text) {
    return txt(text.getBytes(UTF_8));
  }

  private static Writer txt(byte[] bytes) {
    return file("a.txt", bytes);
  }

  private static Writer jsonl(String... lines) {
    return file("a.jsonl", bytes(Arrays.stream(lines).map(HostileCorpus::line).toArray(byte[][]::new)));
  }

  private static Writer file(String name, byte[] bytes) {
    return (d, s) -> Files.write(d.resolve(name), bytes);
  }

  private static byte[] line(String s) {
    return (s + "\n").getBytes(UTF_8);
  }

  private static byte[] bytes(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Random bytes, every third one NUL, with no newline (so a line reader sees one record). */
  private static byte[] junk(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      b[i] = i % 3 == 0 ? 0 : b[i] == '\n' || b[i] == '\r' ? 1 : b[i];
    }
    return b;
  }

  private static void writeRepeated(Path file, String sentence, long bytes) throws IOException {
    byte[] chunk = (sentence + " ").repeat(1000).getBytes(UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk);
      }
    }
  }

  private static byte[] gzip(String s) {
    var bytes = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bytes)) {
      gz.write(s.getBytes(UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeBzip2(Path file, byte[] content) throws IOException {
    var codec = new BZip2Codec();
    codec.setConf(new Configuration());
    try (OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }

  private static void parquet(Path dir, SparkSession spark) throws IOException {
    var schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
    var rows = List.of(RowFactory.create("pn-1", article("parquet")), RowFactory.create("pn-2", null), RowFactory.create("pn-3", ""));
    Path tmp = Files.createTempDirectory("hostile-parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(tmp.resolve("out").toString());
    try (var files = Files.list(tmp.resolve("out"))) {
      Files.copy(files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(), dir.resolve("a.parquet"));
    }
  }
}
