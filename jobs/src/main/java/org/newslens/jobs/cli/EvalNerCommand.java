package org.newslens.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.EntityExtractor;
import org.newslens.jobs.entities.NerEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens eval-ner}: precision, recall and F1 of the recogniser stack on a CoNLL file. */
@Command(name = "eval-ner", description = "Score the entity recognisers on a CoNLL-2003-format file (per type and micro PER/ORG/LOC).")
public final class EvalNerCommand implements Callable<Integer> {

  @Option(names = "--conll", paramLabel = "FILE", required = true, description = "CoNLL file: token ... tag per line, blank line between sentences.")
  Path conll;

  @Mixin EntitiesCommand.Options recognisers;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if (!Files.isReadable(conll)) {
      throw new UserException("--conll " + conll + " does not exist or cannot be read");
    }
    var docs = NerEvaluation.parse(Files.readAllLines(conll));
    if (docs.isEmpty()) {
      throw new UserException("--conll " + conll + " holds no tokens");
    }
    var options = recognisers.toOptions(false);
    var extractor = new EntityExtractor(Gazetteer.load(options.gazetteerContents()), options.maxNerChars());
    long start = System.nanoTime();
    var scores = NerEvaluation.evaluate(docs, extractor);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %d documents, %.1f s%n", conll, docs.size(), seconds);
    System.out.printf("%-20s %6s %6s %6s %7s %7s %7s %12s%n", "type", "gold", "pred", "ok", "P", "R", "F1", "lenient F1");
    scores.values().forEach(s -> System.out.printf("%-20s %6d %6d %6d %7.3f %7.3f %7.3f %12.3f%n",
        s.type(), s.gold(), s.predicted(), s.correct(), s.precision(), s.recall(), s.f1(), s.lenientF1()));
    System.out.println("(exact: same span and type; lenient: overlapping span of the same type)");
    return 0;
  }
}
