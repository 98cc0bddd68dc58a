package org.newslens.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.EntityExtractor;
import org.newslens.jobs.entities.EntityExtractor.Recogniser;
import org.newslens.jobs.entities.NerEvaluation;
import org.newslens.jobs.entities.NerEvaluation.Score;
import org.newslens.jobs.entities.ReportGold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens eval-ner}: precision, recall and F1 of the recogniser stack on a CoNLL file. */
@Command(name = "eval-ner",
    description = "Score the entity recognisers on a CoNLL-2003-format file, or on a report-text gold set of judged paragraphs (per type and micro PER/ORG/LOC).")
public final class EvalNerCommand implements Callable<Integer> {

  private static final String MICRO = "micro(PER,ORG,LOC)";

  @Option(names = "--conll", paramLabel = "FILE", description = "CoNLL file: token ... tag per line, blank line between sentences.")
  Path conll;

  @Option(names = "--report-gold", paramLabel = "FILE",
      description = "Judged paragraphs of report text (data-samples/eval/report-gold-*.jsonl), scored against --corpus.")
  Path reportGold;

  @Option(names = "--errors", description = "With --report-gold: list each wrong and each missed name after the scores.")
  boolean errors;

  @Option(names = "--corpus", paramLabel = "DIR", description = "The JSON Lines corpus the --report-gold paragraphs come from (default: ${DEFAULT-VALUE}).")
  Path corpus = Path.of("data-samples/corpus");

  @Option(names = "--recognisers", paramLabel = "LIST",
      description = "Layers to score, comma-separated: crf, rules (the resolver's filters, acronyms, name linking), gazetteer, patterns, or all (default: all).")
  String recognisers = "all";

  @Option(names = "--ablation", description = "Print one table: the CRF alone, each layer added to CRF+rules, and all; each document is run through the CRF once.")
  boolean ablation;

  @Mixin EntitiesCommand.Options options;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if ((conll == null) == (reportGold == null)) {
      throw new UserException("give one of --conll FILE or --report-gold FILE");
    }
    if (errors && reportGold == null) {
      throw new UserException("--errors lists the disagreements with --report-gold; it has no meaning with --conll");
    }
    Set<Recogniser> layers;
    try {
      layers = Recogniser.parse(recognisers);
    } catch (IllegalArgumentException e) {
      throw new UserException("--recognisers: " + e.getMessage());
    }
    if (reportGold != null) {
      return scoreReportGold(layers);
    }
    if (!Files.isReadable(conll)) {
      throw new UserException("--conll " + conll + " does not exist or cannot be read");
    }
    var docs = NerEvaluation.parse(Files.readAllLines(conll));
    if (docs.isEmpty()) {
      throw new UserException("--conll " + conll + " holds no tokens");
    }
    var jobOptions = options.toOptions(false);
    var extractor = new EntityExtractor(Gazetteer.load(jobOptions.gazetteerContents()), jobOptions.maxNerChars());
    long start = System.nanoTime();
    var stacks = ablation ? NerEvaluation.ABLATION : List.of(layers);
    var scores = NerEvaluation.evaluate(docs, extractor, stacks);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %d documents, %.1f s%n", conll, docs.size(), seconds);
    if (ablation) {
      printAblation(scores);
    } else {
      System.out.println("recognisers: " + Recogniser.label(layers));
      printTypes(scores.get(layers));
    }
    System.out.println("(exact: same span and type; lenient: overlapping span of the same type)");
    return 0;
  }

  private int scoreReportGold(Set<Recogniser> layers) throws IOException {
    if (!Files.isReadable(reportGold)) {
      throw new UserException("--report-gold " + reportGold + " does not exist or cannot be read");
    }
    if (!Files.isDirectory(corpus)) {
      throw new UserException("--corpus " + corpus + " is not a directory");
    }
    var jobOptions = options.toOptions(false);
    var extractor = new EntityExtractor(Gazetteer.load(jobOptions.gazetteerContents()), jobOptions.maxNerChars());
    var gold = ReportGold.load(reportGold);
    var stacks = ablation ? NerEvaluation.ABLATION : List.of(layers);
    Map<Set<Recogniser>, ReportGold.Result> results;
    try {
      results = ReportGold.evaluate(gold, ReportGold.corpus(corpus), extractor, stacks);
    } catch (IllegalArgumentException e) {
      throw new UserException("--report-gold " + reportGold + ": " + e.getMessage());
    }
    System.out.printf("%s: %d judged paragraphs%n", reportGold, gold.size());
    if (ablation) {
      Map<Set<Recogniser>, Map<String, Score>> scores = new java.util.LinkedHashMap<>();
      results.forEach((stack, r) -> scores.put(stack, r.scores()));
      printAblation(scores);
    } else {
      System.out.println("recognisers: " + Recogniser.label(layers));
      printTypes(results.get(layers).scores());
      System.out.println("(exact: same span and type; lenient: overlapping span of the same type)");
    }
    if (errors) {
      results.get(ablation ? Recogniser.ALL : layers).errors(gold).forEach(System.out::println);
    }
    return 0;
  }

  private static void printTypes(Map<String, Score> scores) {
    System.out.printf("%-20s %6s %6s %6s %7s %7s %7s %12s%n", "type", "gold", "pred", "ok", "P", "R", "F1", "lenient F1");
    scores.values().forEach(s -> System.out.printf("%-20s %6d %6d %6d %7.3f %7.3f %7.3f %12.3f%n",
        s.type(), s.gold(), s.predicted(), s.correct(), s.precision(), s.recall(), s.f1(), s.lenientF1()));
  }

  private static void printAblation(Map<Set<Recogniser>, Map<String, Score>> scores) {
    System.out.printf("%-36s %7s %7s %7s %7s %7s %7s %7s %7s %9s%n",
        "recognisers", "P", "R", "F1", "PER F1", "ORG F1", "LOC F1", "MISC F1", "MIL F1", "lenient");
    scores.forEach((layers, byType) -> {
      Score micro = byType.get(MICRO);
      System.out.printf("%-36s %7.3f %7.3f %7.3f %7s %7s %7s %7s %7s %9.3f%n", Recogniser.label(layers),
          micro.precision(), micro.recall(), micro.f1(), f1(byType, "PER"), f1(byType, "ORG"), f1(byType, "LOC"),
          f1(byType, "MISC"), f1(byType, "MILITARY_SYSTEM"), micro.lenientF1());
    });
    System.out.println("(P, R, F1: exact span and type, micro over PER, ORG and LOC; per-type columns exact F1; MIL: military systems)");
  }

  private static String f1(Map<String, Score> byType, String type) {
    Score s = byType.get(type);
    return s == null || s.gold() == 0 ? "-" : String.format("%.3f", s.f1());
  }
}
