package org.newslens.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.newslens.common.entities.Gazetteer;
import org.newslens.jobs.entities.EntitiesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens entities}: typed mentions with evidence, and canonical entities. */
@Command(name = "entities", description = "Find entity mentions in documents (CoreNLP CRF, gazetteers, patterns) and build entities.")
public final class EntitiesCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin Options recognisers;
  @Mixin DuplicatesOption duplicates;

  @Override
  public Integer call() {
    var options = recognisers.toOptions(duplicates.includeDuplicates);
    try (var lock = job.lockWarehouse()) {
      var spark = job.session("entities");
      System.out.print(Summary.entities(new EntitiesJob(spark, job.warehouse(spark), options).run()));
      return 0;
    }
  }

  /** Options of the entity stage, shared with {@code run} and {@code eval-ner}. */
  public static final class Options {
    @Option(names = "--gazetteer", paramLabel = "FILE",
        description = "Extra gazetteer TSV (id, canonical_name, type, aliases, wikidata, theme); replaces bundled ids.")
    List<Path> gazetteers = List.of();

    @Option(names = "--max-ner-chars", paramLabel = "N",
        description = "Characters of each document the CRF reads; longer ones are counted in runs (default: 200000).")
    int maxNerChars = EntitiesJob.MAX_NER_CHARS_DEFAULT;

    EntitiesJob.Options toOptions(boolean includeDuplicates) {
      List<String> contents = new ArrayList<>();
      for (Path p : gazetteers) {
        try {
          contents.add(Files.readString(p));
        } catch (IOException e) {
          throw new UserException("--gazetteer " + p + " cannot be read: " + e.getMessage());
        }
      }
      try {
        Gazetteer.load(contents);
      } catch (IllegalArgumentException e) {
        throw new UserException("--gazetteer: " + e.getMessage());
      }
      return new EntitiesJob.Options(gazetteers.stream().map(Path::toString).toList(), contents, maxNerChars, includeDuplicates, java.util.Optional.empty());
    }
  }
}
