package org.newslens.common.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * A saved news page reduced to its article, and the page's metadata (title, canonical URL,
 * publisher, author, publication date) from Open Graph and article meta tags, JSON-LD
 * {@code NewsArticle} and {@code <time>}. Navigation, headers, footers, comments, share and
 * related-links blocks are removed first; the article is then what Readability4J (a port of
 * Mozilla's Readability, the reader view of Firefox) keeps, its blocks turned into paragraphs; when
 * it keeps less than {@link #READABLE_CHARS} characters (a short page), the block rules: the
 * element that holds the story (an {@code <article>}, {@code itemprop=articleBody}, else the block
 * with the most paragraph text). Chosen on measured quality on the 181 news pages of the
 * article-extraction benchmark (bench/html-extraction-eval.sh; numbers in the README). The same
 * rules apply to HTML pages inside records and in WARC crawls.
 */
public final class HtmlArticle {

  /** What a page yields; text is paragraphs separated by blank lines, not yet cleaned. */
  public record Page(
      String text,
      Optional<String> title,
      Optional<String> url,
      Optional<String> publisher,
      Optional<String> author,
      Optional<String> published) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Elements that never hold the article's own text. */
  private static final String NEVER_CONTENT =
      "script, style, noscript, template, svg, iframe, object, form, button, nav, aside, footer, menu, dialog, select, "
          + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

  /** Class or id words of boilerplate blocks (matched as whole words or word parts). */
  private static final Pattern BOILERPLATE = Pattern.compile(
      "(?i)(?:^|[\\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|masthead|sidebar|comments?|comment-list|disqus|related|"
          + "more-stories|recommended|popular|trending|share|sharing|social|newsletter|subscribe|signup|promo|advert|ads?|"
          + "sponsor|cookie|consent|paywall|banner|skip-link|tags|pagination|byline-share|outbrain|taboola)(?:$|[\\s_-])");

  /** Class or id words that mark the story itself (kept even inside a block that looks like boilerplate). */
  private static final Pattern CONTENT_HINT =
      Pattern.compile("(?i)article|story|entry-content|post-content|main-content|body-text|articlebody");

  /** Base for pages without a URL: Readability resolves links against one, and they are not kept. */
  private static final String NO_URL = "http://localhost/";

  static {
    // Readability4J logs an error for every link it cannot make absolute; the links are not kept
    try {
      org.apache.logging.log4j.core.config.Configurator.setLevel("net.dankito.readability4j", org.apache.logging.log4j.Level.OFF);
    } catch (LinkageError e) {
      // another logging backend: its own configuration decides
    }
  }

  private HtmlArticle() {}

  /** Extracts the article and metadata from a whole page or an HTML fragment. */
  public static Page extract(String html) {
    return extract(Jsoup.parse(html));
  }

  /** Extracts the article and metadata from a parsed page (the document is modified). */
  public static Page extract(Document doc) {
    var title = firstNonBlank(
        meta(doc, "og:title"), jsonLd(doc, "headline"), meta(doc, "twitter:title"),
        Optional.ofNullable(doc.title()), text(doc.selectFirst("h1")));
    var url = firstNonBlank(attr(doc.selectFirst("link[rel=canonical]"), "href"), meta(doc, "og:url"), jsonLd(doc, "url"));
    var publisher = firstNonBlank(meta(doc, "og:site_name"), jsonLdName(doc, "publisher"), meta(doc, "application-name"));
    // article:author is often a profile URL, not a name
    var author = firstNonBlank(meta(doc, "author"), meta(doc, "article:author").filter(a -> !a.startsWith("http")),
        jsonLdName(doc, "author"), text(doc.selectFirst("[rel=author], [itemprop=author]")));
    var published = firstNonBlank(
        meta(doc, "article:published_time"), jsonLd(doc, "datePublished"), attr(doc.selectFirst("[itemprop=datePublished]"), "content"),
        meta(doc, "date"), meta(doc, "dc.date"), meta(doc, "dcterms.created"), meta(doc, "pubdate"),
        attr(doc.selectFirst("time[datetime]"), "datetime"));
    return new Page(articleText(doc, url.orElse(doc.location())), title, url, publisher, author, published);
  }

  /**
   * Below this many characters Readability's choice is not trusted (its own threshold for an
   * article); the block rules decide.
   */
  static final int READABLE_CHARS = 500;

  /** The article's paragraphs, boilerplate removed; blank-line separated (the document is modified). */
  static String articleText(Document doc, String url) {
    Document untouched = doc.clone(); // Readability rewrites doc; the block rules need the page as it was
    removeShortBoilerplate(doc);
    try {
      Element content = new net.dankito.readability4j.Readability4J(url == null || !url.startsWith("http") ? NO_URL : url, doc)
          .parse().getArticleContent();
      if (content != null) {
        var out = new StringBuilder();
        content.traverse(new Paragraphs(out));
        String text = out.toString();
        if (text.strip().length() >= READABLE_CHARS) {
          return text;
        }
      }
    } catch (RuntimeException | StackOverflowError e) {
      // Readability gave up on this page: the block rules decide
    }
    return blockText(untouched);
  }

  /** The article by the block rules alone (see the class comment). */
  public static String blockText(Document doc) {
    removeBoilerplate(doc);
    Element root = contentRoot(doc.body());
    var out = new StringBuilder();
    root.traverse(new Paragraphs(out));
    return out.toString();
  }

  /** Longest text of a share bar, tag list or "related" box removed before Readability reads the page. */
  static final int SHORT_BLOCK_CHARS = 200;

  /**
   * Share bars, tag lists, newsletter boxes and the like that sit inside the story: short blocks
   * whose class or id names them (Readability keeps some of them when they hold a paragraph).
   */
  private static void removeShortBoilerplate(Document doc) {
    List<Element> drop = new ArrayList<>();
    for (Element e : doc.body().getAllElements()) {
      String marks = e.className() + " " + e.id();
      if (e != doc.body() && BOILERPLATE.matcher(marks).find() && !CONTENT_HINT.matcher(marks).find()
          && e.text().length() < SHORT_BLOCK_CHARS) {
        drop.add(e);
      }
    }
    drop.forEach(Element::remove);
  }

  private static void removeBoilerplate(Document doc) {
    doc.select(NEVER_CONTENT).remove();
    removeBoilerplateBlocks(doc.body());
  }

  /** Drops header, comment, share and related blocks, but never a block that holds the story. */
  private static void removeBoilerplateBlocks(Element body) {
    List<Element> drop = new ArrayList<>();
    for (Element e : body.getAllElements()) {
      if (e == body) {
        continue;
      }
      String marks = e.className() + " " + e.id();
      boolean header = e.normalName().equals("header") && e.closest("article") == null;
      if ((header || BOILERPLATE.matcher(marks).find()) && !CONTENT_HINT.matcher(marks).find() && !holdsArticle(e)) {
        drop.add(e);
      }
    }
    drop.forEach(Element::remove);
  }

  private static boolean holdsArticle(Element e) {
    return !e.select("article, [itemprop=articleBody]").isEmpty();
  }

  /**
   * The element holding the story: the {@code <article>} or {@code articleBody} with most
   * paragraph text, else the element whose direct paragraphs hold the most text, else the body.
   */
  static Element contentRoot(Element body) {
    Element best = null;
    int bestScore = 0;
    for (Element e : body.select("article, [itemprop=articleBody], main, [role=main]")) {
      int score = paragraphChars(e, false);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    if (best != null && bestScore >= 0.5 * paragraphChars(body, false)) {
      return best;
    }
    best = null;
    bestScore = 0;
    for (Element e : body.getAllElements()) {
      int score = paragraphChars(e, true);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    int all = paragraphChars(body, false);
    return best != null && bestScore >= 0.6 * all ? best : body;
  }

  /** Characters in paragraph-like children (direct ones only, or all descendants). */
  private static int paragraphChars(Element e, boolean directOnly) {
    int n = 0;
    for (Element p : directOnly ? e.children() : e.select("p, pre, blockquote, li")) {
      String tag = p.normalName();
      if (tag.equals("p") || tag.equals("pre") || tag.equals("blockquote") || tag.equals("h2") || tag.equals("h3")
          || (!directOnly && tag.equals("li"))) {
        n += p.text().length();
      }
    }
    return n;
  }

  /**
   * Text nodes with block elements as paragraph breaks and {@code <br>} as line breaks. In a page,
   * source line breaks inside a paragraph are spaces (except in preformatted text); in an HTML
   * fragment of a record (plain text with a few tags) they are kept, being the text's own.
   */
  static final class Paragraphs implements NodeVisitor {
    private final StringBuilder out;
    private final boolean page;

    Paragraphs(StringBuilder out) {
      this(out, true);
    }

    Paragraphs(StringBuilder out, boolean page) {
      this.out = out;
      this.page = page;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        Element parent = t.parent();
        out.append(!page || parent != null && parent.closest("pre") != null ? t.getWholeText() : t.text());
      } else if (node instanceof Element e && e.normalName().equals("br")) {
        out.append('\n');
      } else if (node instanceof Element e && e.isBlock()) {
        out.append("\n\n");
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e && e.isBlock()) {
        out.append("\n\n");
      }
    }
  }

  private static Optional<String> meta(Document doc, String name) {
    Element e = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "], meta[itemprop=" + name + "]");
    if (e == null) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (Element m : doc.select("meta[name], meta[property]")) {
        if (m.attr("name").toLowerCase(Locale.ROOT).equals(lower) || m.attr("property").toLowerCase(Locale.ROOT).equals(lower)) {
          return attr(m, "content");
        }
      }
      return Optional.empty();
    }
    return attr(e, "content");
  }

  private static Optional<String> attr(Element e, String name) {
    return e == null ? Optional.empty() : Optional.of(e.attr(name)).filter(s -> !s.isBlank());
  }

  private static Optional<String> text(Element e) {
    return e == null ? Optional.empty() : Optional.of(e.text()).filter(s -> !s.isBlank());
  }

  @SafeVarargs
  private static Optional<String> firstNonBlank(Optional<String>... candidates) {
    for (Optional<String> c : candidates) {
      if (c.isPresent() && !c.get().isBlank()) {
        return Optional.of(c.get().strip());
      }
    }
    return Optional.empty();
  }

  /** A field of the page's first JSON-LD article object (NewsArticle, Article, ReportageNewsArticle...). */
  private static Optional<String> jsonLd(Document doc, String field) {
    return articleLd(doc).map(n -> n.get(field)).filter(JsonNode::isValueNode).map(JsonNode::asText);
  }

  /** The name of a JSON-LD person or organisation field (an object, an array of them, or a string). */
  private static Optional<String> jsonLdName(Document doc, String field) {
    return articleLd(doc).map(n -> n.get(field)).map(v -> v.isArray() && !v.isEmpty() ? v.get(0) : v)
        .map(v -> v.isObject() ? v.get("name") : v)
        .filter(v -> v != null && v.isValueNode())
        .map(JsonNode::asText);
  }

  private static Optional<JsonNode> articleLd(Document doc) {
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        Optional<JsonNode> found = findArticle(JSON.readTree(script.data()));
        if (found.isPresent()) {
          return found;
        }
      } catch (Exception | StackOverflowError e) {
        // a broken JSON-LD block is ignored; the page's other metadata still counts
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> findArticle(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        Optional<JsonNode> found = findArticle(n);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (node.has("@graph")) {
      return findArticle(node.get("@graph"));
    }
    JsonNode type = node.get("@type");
    String types = type == null ? "" : type.toString();
    return types.contains("Article") || types.contains("Report") || types.contains("BlogPosting") ? Optional.of(node) : Optional.empty();
  }
}
