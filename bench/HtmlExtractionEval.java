import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newslens.common.text.HtmlArticle;
import org.newslens.common.text.TextCleaner;

/**
 * Article-extraction quality on news pages with hand-made gold text (the scrapinghub
 * article-extraction-benchmark layout: DIR/html/ID.html and DIR/gold.jsonl with id, url,
 * articleBody), scored as that benchmark's evaluate.py does: word 4-gram shingle precision and
 * recall per page, normalised per page, averaged over pages; F1 from the two means; accuracy =
 * identical token lists; ± = bootstrap standard deviation over 1,000 resamples of the pages.
 *
 * <p>Usage: bench/html-extraction-eval.sh DIR
 */
public final class HtmlExtractionEval {

  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  record Page(String id, String url, String html, String gold) {}

  record Score(double precision, boolean hasPrecision, double recall, boolean hasRecall, boolean exact) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Page> pages = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(dir.resolve("gold.jsonl"))) {
      JsonNode n = json.readTree(line);
      String id = n.get("id").asText();
      String html = Files.readString(dir.resolve("html").resolve(id + ".html"), StandardCharsets.UTF_8);
      pages.add(new Page(id, n.get("url").asText(), html, n.get("articleBody").asText()));
    }
    Map<String, Function<Page, String>> extractors = new LinkedHashMap<>();
    extractors.put("newslens (Readability4J, block rules when it finds nothing)", p -> TextCleaner.cleanBody(HtmlArticle.extract(p.html()).text()));
    extractors.put("newslens block rules alone", p -> TextCleaner.cleanBody(HtmlArticle.blockText(
        org.newslens.shaded.jsoup.Jsoup.parse(p.html()))));
    extractors.put("Readability4J 1.0.8", p -> new net.dankito.readability4j.Readability4J(p.url(), p.html()).parse().getTextContent());
    extractors.put("whole page text (jsoup body)", p -> org.jsoup.Jsoup.parse(p.html()).body().text());
    System.out.printf("%d pages%n%n", pages.size());
    System.out.println("| extractor | F1 | precision | recall | accuracy | seconds |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (var e : extractors.entrySet()) {
      List<Score> scores = new ArrayList<>();
      long start = System.nanoTime();
      for (Page p : pages) {
        String predicted;
        try {
          predicted = e.getValue().apply(p);
        } catch (RuntimeException ex) {
          predicted = "";
        }
        scores.add(score(p.gold(), predicted == null ? "" : predicted));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] m = means(scores);
      double[] sd = bootstrap(scores);
      System.out.printf("| %s | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.1f |%n", e.getKey(),
          f1(m), sd[0], m[0], sd[1], m[1], sd[2], m[2], sd[3], seconds);
    }
  }

  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static Map<String, Integer> shingles(List<String> t) {
    Map<String, Integer> out = new HashMap<>();
    int n = Math.max(1, t.size() - 4 + 1);
    for (int i = 0; i < n; i++) {
      List<String> s = t.subList(Math.min(i, t.size()), Math.min(i + 4, t.size()));
      if (!s.isEmpty()) {
        out.merge(String.join("\u0001", s), 1, Integer::sum);
      }
    }
    return out;
  }

  static Score score(String gold, String predicted) {
    List<String> gt = tokens(gold);
    List<String> pt = tokens(predicted);
    Map<String, Integer> g = shingles(gt);
    Map<String, Integer> p = shingles(pt);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    var keys = new java.util.HashSet<>(g.keySet());
    keys.addAll(p.keySet());
    for (String k : keys) {
      int cg = g.getOrDefault(k, 0);
      int cp = p.getOrDefault(k, 0);
      tp += Math.min(cg, cp);
      fp += Math.max(0, cp - cg);
      fn += Math.max(0, cg - cp);
    }
    double s = tp + fp + fn;
    if (s > 0) {
      tp /= s;
      fp /= s;
      fn /= s;
    }
    boolean perfect = fp == 0 && fn == 0;
    return new Score(perfect ? 1 : tp / (tp + fp), tp + fp > 0, perfect ? 1 : tp / (tp + fn), tp + fn > 0, gt.equals(pt));
  }

  /** Mean precision, mean recall, accuracy. */
  static double[] means(List<Score> scores) {
    double p = 0;
    double r = 0;
    double a = 0;
    int np = 0;
    int nr = 0;
    for (Score s : scores) {
      if (s.hasPrecision()) {
        p += s.precision();
        np++;
      }
      if (s.hasRecall()) {
        r += s.recall();
        nr++;
      }
      a += s.exact() ? 1 : 0;
    }
    return new double[] {np == 0 ? 0 : p / np, nr == 0 ? 0 : r / nr, a / scores.size()};
  }

  static double f1(double[] m) {
    return m[0] + m[1] == 0 ? 0 : 2 * m[0] * m[1] / (m[0] + m[1]);
  }

  /** Standard deviations of F1, precision, recall and accuracy over 1,000 resamples of the pages. */
  static double[] bootstrap(List<Score> scores) {
    Random random = new Random(42);
    double[][] samples = new double[4][1000];
    for (int b = 0; b < 1000; b++) {
      List<Score> resample = new ArrayList<>(scores.size());
      for (int i = 0; i < scores.size(); i++) {
        resample.add(scores.get(random.nextInt(scores.size())));
      }
      double[] m = means(resample);
      samples[0][b] = f1(m);
      samples[1][b] = m[0];
      samples[2][b] = m[1];
      samples[3][b] = m[2];
    }
    double[] sd = new double[4];
    for (int k = 0; k < 4; k++) {
      double mean = java.util.Arrays.stream(samples[k]).average().orElse(0);
      sd[k] = Math.sqrt(java.util.Arrays.stream(samples[k]).map(x -> (x - mean) * (x - mean)).sum() / 999);
    }
    return sd;
  }
}
