package org.newslens.jobs.ingest;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.newslens.common.schema.ReasonCode;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns one report file (PDF, Word, OpenDocument, RTF, EPUB) into its text, page by page, and its
 * title, author and creation date, through Apache Tika. No OCR, no embedded documents (an
 * attachment inside a report is not parsed: that is where decompression bombs hide). A file that
 * cannot be read becomes a {@link Failure} with its reason: {@code ENCRYPTED}, {@code NO_TEXT_LAYER},
 * {@code PARSE_TIMEOUT}, {@code TOO_LARGE} (too many pages or characters, a decompression bomb,
 * memory exhausted) or {@code UNPARSEABLE_RECORD} (corrupt or truncated). Runs on executors.
 */
final class ReportParser {

  /** The parsed report: one entry per page for paginated formats (PDF), else one entry. */
  record Parsed(List<String> pages, boolean paginated, Optional<String> title, Optional<String> author, Optional<String> created) {}

  /** Why a report could not be read. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final ReasonCode reason;

    Failure(ReasonCode reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  /**
   * Parser threads: a parse that overruns its time limit is interrupted and abandoned (its
   * handler stops at its next callback); daemon threads, so none keeps the JVM alive.
   */
  private static final ExecutorService PARSERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "newslens-report-parser");
    t.setDaemon(true);
    return t;
  });

  private static final Parser TIKA = new AutoDetectParser();

  static {
    // PDFBox warns for every page set in a font it substitutes ("Using fallback font"): expected
    // for reports, and thousands of lines on a corpus
    try {
      org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.pdfbox.pdmodel.font", org.apache.logging.log4j.Level.ERROR);
    } catch (LinkageError e) {
      // another logging backend: its own configuration decides
    }
  }

  private final long maxChars;
  private final int maxPages;
  private final Duration timeout;

  ReportParser(long maxChars, int maxPages, Duration timeout) {
    this.maxChars = maxChars;
    this.maxPages = maxPages;
    this.timeout = timeout;
  }

  /** Parses the stream (closed here) within the time limit. */
  Parsed parse(InputStream in, String fileName) throws Failure {
    Future<Parsed> job = PARSERS.submit(() -> parseNow(in, fileName));
    try {
      return job.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      job.cancel(true);
      throw new Failure(ReasonCode.PARSE_TIMEOUT, "the parser did not finish within --parse-timeout " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      job.cancel(true);
      Thread.currentThread().interrupt();
      throw new Failure(ReasonCode.PARSE_TIMEOUT, "interrupted while parsing");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Failure f ? f : classify(e.getCause());
    }
  }

  private Parsed parseNow(InputStream raw, String fileName) throws Failure {
    var metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    var pages = new PageText(maxChars, maxPages);
    try (TikaInputStream in = TikaInputStream.get(raw)) {
      TIKA.parse(in, pages, metadata, context());
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      if (pages.limit != null) {
        throw pages.limit;
      }
      throw classify(e);
    }
    String type = Optional.ofNullable(metadata.get(Metadata.CONTENT_TYPE)).orElse("application/octet-stream");
    boolean pdf = type.startsWith("application/pdf");
    List<String> text = pdf ? PdfLines.withoutRunningLines(pages.pages()).stream().map(PdfLines::reflow).toList() : pages.pages();
    if (pdf && !text.isEmpty() && text.stream().allMatch(ReportParser::noWords)) {
      throw new Failure(ReasonCode.NO_TEXT_LAYER, text.size() + (text.size() == 1 ? " page" : " pages")
          + " without a text layer: a scanned PDF needs OCR, which ingest does not run");
    }
    return new Parsed(text, pdf, value(metadata, TikaCoreProperties.TITLE.getName()),
        value(metadata, TikaCoreProperties.CREATOR.getName()),
        value(metadata, TikaCoreProperties.CREATED.getName()));
  }

  private static ParseContext context() {
    var pdf = new PDFParserConfig();
    pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    pdf.setExtractInlineImages(false);
    pdf.setExtractAnnotationText(false);
    pdf.setExtractBookmarksText(false);
    pdf.setCatchIntermediateIOExceptions(true);
    var context = new ParseContext();
    context.set(PDFParserConfig.class, pdf);
    context.set(Parser.class, EmptyParser.INSTANCE);
    return context;
  }

  private static Optional<String> value(Metadata m, String name) {
    String[] values = m.getValues(name);
    List<String> kept = new ArrayList<>();
    for (String v : values) {
      if (v != null && !v.isBlank() && !kept.contains(v.strip())) {
        kept.add(v.strip());
      }
    }
    return kept.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", kept));
  }

  private static boolean noWords(String page) {
    return page.codePoints().noneMatch(Character::isLetterOrDigit);
  }

  /** The reason for a parser's exception, looking through its causes. */
  static Failure classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof EncryptedDocumentException || name.equals("InvalidPasswordException") || m.contains("password")) {
        return new Failure(ReasonCode.ENCRYPTED, "encrypted or password-protected: " + firstLine(t));
      }
      if (t instanceof OutOfMemoryError) {
        return new Failure(ReasonCode.TOO_LARGE, "the parser ran out of memory on this file");
      }
      if (m.contains("bomb") || name.contains("SecureSAXException") || m.contains("inflate ratio") || m.contains("zip entry size")) {
        return new Failure(ReasonCode.TOO_LARGE, "decompression bomb: " + firstLine(t));
      }
      if (t instanceof ZeroByteFileException) {
        return new Failure(ReasonCode.EMPTY_TEXT, "the file is empty");
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new Failure(ReasonCode.UNPARSEABLE_RECORD, "corrupt or truncated: " + firstLine(e)
        + (root == e ? "" : " (" + firstLine(root) + ")"));
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m));
  }

  /**
   * Collects the body's text from Tika's XHTML: {@code <div class="page">} starts a page, block
   * elements end paragraphs, table cells are separated by spaces; the head is skipped. Stops with a
   * {@code TOO_LARGE} failure past the page or character limit, and at its next callback once its
   * thread is interrupted (the time limit).
   */
  static final class PageText extends DefaultHandler {
    private final long maxChars;
    private final int maxPages;
    private final List<String> pages = new ArrayList<>();
    private StringBuilder current = new StringBuilder();
    private boolean inBody;
    private boolean paged;
    private long chars;
    Failure limit;

    PageText(long maxChars, int maxPages) {
      this.maxChars = maxChars;
      this.maxPages = maxPages;
    }

    /** The pages read (text before the first page belongs to it); call once, at the end. */
    List<String> pages() {
      pages.add(current.toString());
      current = new StringBuilder();
      return List.copyOf(pages);
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
      checkInterrupt();
      String tag = local.isEmpty() ? qName : local;
      if (tag.equals("body")) {
        inBody = true;
      } else if (inBody && tag.equals("div") && "page".equals(atts.getValue("class"))) {
        if (paged) {
          pages.add(current.toString());
          current = new StringBuilder();
        }
        paged = true;
        if (pages.size() >= maxPages) {
          limit = new Failure(ReasonCode.TOO_LARGE, "more than --max-pages " + maxPages + " pages");
          throw new SAXException(limit.getMessage());
        }
      } else if (inBody && tag.equals("br")) {
        current.append('\n');
      }
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
      String tag = local.isEmpty() ? qName : local;
      switch (tag) {
        case "body" -> inBody = false;
        case "td", "th" -> current.append(' ');
        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre", "table", "ul", "ol", "dd", "dt" ->
            current.append("\n\n");
        default -> { }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      checkInterrupt();
      if (!inBody) {
        return;
      }
      chars += length;
      if (chars > maxChars) {
        limit = new Failure(ReasonCode.TOO_LARGE, "more than " + maxChars + " characters of text (--max-text-chars)");
        throw new SAXException(limit.getMessage());
      }
      current.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      characters(ch, start, length);
    }

    private static void checkInterrupt() throws SAXException {
      if (Thread.currentThread().isInterrupted()) {
        throw new SAXException("interrupted: over the time limit");
      }
    }
  }
}
