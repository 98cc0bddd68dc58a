import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.newslens.jobs.entities.ReportGold;

/**
 * Draws unjudged paragraphs of the bundled report texts for a new report-text NER gold set
 * (data-samples/eval/README-report-gold.md): per source (CRS reports, DoD contract notices, NRC
 * event reports), the paragraphs of at most 1,200 characters in a seeded random order, leaving
 * out every paragraph of the gold files named with --exclude, until each source has its count.
 * Writes one JSON line per paragraph (doc_id, paragraph, marked) with no marks: the annotators
 * mark every name from scratch.
 *
 *   java -cp "jobs/target/newslens-jobs-0.1.0.jar:jobs/target/spark-home/jars/*" bench/ReportGoldDraw.java \
 *     --seed 20261208 --crs 35 --dodc 15 --nrc 45 --out /tmp/draw.jsonl \
 *     --exclude data-samples/eval/report-gold-dev.jsonl data-samples/eval/report-gold-test.jsonl data-samples/eval/report-gold-heldout.jsonl
 */
public class ReportGoldDraw {

  static final int MAX_CHARS = 1200;

  public static void main(String[] args) throws Exception {
    long seed = 0;
    Path out = null;
    Map<String, Integer> wanted = new LinkedHashMap<>();
    Set<String> excluded = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--crs", "--dodc", "--nrc" -> wanted.put(args[i].substring(2), Integer.parseInt(args[++i]));
        case "--exclude" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            for (ReportGold.Paragraph p : ReportGold.load(Path.of(args[++i]))) {
              excluded.add(p.docId() + "#" + p.index());
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (out == null || wanted.isEmpty()) {
      throw new IllegalArgumentException("usage: --seed S --out FILE [--crs N] [--dodc N] [--nrc N] [--exclude GOLD...]");
    }
    Map<String, String> corpus = ReportGold.corpus(Path.of("data-samples/corpus"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (var source : wanted.entrySet()) {
      List<String[]> candidates = new ArrayList<>();
      for (var doc : corpus.entrySet()) {
        if (!doc.getKey().startsWith(source.getKey() + "-")) {
          continue;
        }
        List<int[]> paragraphs = ReportGold.paragraphs(doc.getValue());
        for (int p = 0; p < paragraphs.size(); p++) {
          String text = doc.getValue().substring(paragraphs.get(p)[0], paragraphs.get(p)[1]);
          if (!text.isBlank() && text.length() <= MAX_CHARS && !text.contains("[[") && !excluded.contains(doc.getKey() + "#" + p)) {
            candidates.add(new String[] {doc.getKey(), Integer.toString(p), text});
          }
        }
      }
      Collections.shuffle(candidates, new Random(seed));
      for (String[] c : candidates.subList(0, Math.min(source.getValue(), candidates.size()))) {
        var node = json.createObjectNode();
        node.put("doc_id", c[0]).put("paragraph", Integer.parseInt(c[1])).put("marked", c[2]);
        lines.add(json.writeValueAsString(node));
      }
      System.err.printf("%s: %d of %d unjudged paragraphs drawn%n", source.getKey(), Math.min(source.getValue(), candidates.size()), candidates.size());
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
  }
}
