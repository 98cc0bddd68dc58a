import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.newslens.common.entities.Gazetteer;
import org.newslens.common.text.TextCleaner;
import org.newslens.jobs.entities.EntityExtractor;

/**
 * Entity-stage throughput against bare CoreNLP on the same texts, one thread each, printed side
 * by side. Bare CoreNLP is the stock pipeline "tokenize,ssplit,ner" with the same 4-class CRF
 * (numeric classifiers, SUTime and fine-grained NER off); the entity stage adds the gazetteer,
 * patterns and resolution on top of the same tokenisation.
 *
 *   java -cp "jobs/target/newslens-jobs-0.1.0.jar:jobs/target/spark-home/jars/*" bench/NerBench.java [ROUNDS]
 */
public class NerBench {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> texts = samples(Path.of("data-samples/corpus"));
    var bare = bareCoreNlp();
    var ours = new EntityExtractor(Gazetteer.load(List.of()), 200_000);
    bare.annotate(new Annotation(texts.get(0)));
    ours.extract(texts.get(0));
    long tokens = 0;
    for (String t : texts) {
      tokens += ours.extract(t).tokens();
    }
    double bareSeconds = time(rounds, () -> texts.forEach(t -> bare.annotate(new Annotation(t))));
    double oursSeconds = time(rounds, () -> texts.forEach(ours::extract));
    long chars = texts.stream().mapToLong(String::length).sum();
    System.out.printf("%d documents, %,d tokens, %,d characters, best of %d rounds, 1 thread%n", texts.size(), tokens, chars, rounds);
    System.out.printf("%-44s %10s %12s%n", "engine", "seconds", "tokens/s");
    System.out.printf("%-44s %10.2f %,12.0f%n", "bare CoreNLP (tokenize,ssplit,ner 4-class)", bareSeconds, tokens / bareSeconds);
    System.out.printf("%-44s %10.2f %,12.0f%n", "newslens entity stage (CRF+gazetteer+rules)", oursSeconds, tokens / oursSeconds);
  }

  private static StanfordCoreNLP bareCoreNlp() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,ner");
    p.setProperty("tokenize.options", "splitHyphenated=false");
    p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz");
    p.setProperty("ner.applyNumericClassifiers", "false");
    p.setProperty("ner.useSUTime", "false");
    p.setProperty("ner.applyFineGrained", "false");
    p.setProperty("ner.buildEntityMentions", "false");
    p.setProperty("enforceRequirements", "false");
    return new StanfordCoreNLP(p);
  }

  private static double time(int rounds, Runnable r) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      long s = System.nanoTime();
      r.run();
      best = Math.min(best, (System.nanoTime() - s) / 1e9);
    }
    return best;
  }

  /** The texts of the sample corpus (JSON lines' "text" fields and the plain-text article). */
  private static List<String> samples(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.toString().endsWith(".txt")) {
          out.add(TextCleaner.cleanBody(Files.readString(f)));
        } else if (f.toString().endsWith(".jsonl")) {
          for (String line : Files.readAllLines(f)) {
            out.add(TextCleaner.cleanBody(JSON.readTree(line).path("text").asText()));
          }
        }
      }
    }
    return out;
  }
}
