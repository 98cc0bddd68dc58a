package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.jobs.cooccur.CooccurJob;
import org.newslens.jobs.entities.EntitiesJob;
import org.newslens.jobs.ingest.IngestJob;
import org.newslens.jobs.topics.TopicsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newslens run}: every stage in order. Stages: ingest, entities, cooccur, topics; later stages join here. */
@Command(name = "run", description = "Run the whole pipeline on the inputs (ingest, entities, cooccur, topics).")
public final class RunCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin IngestCommand.InputOptions input;
  @Mixin EntitiesCommand.Options recognisers;
  @Mixin CooccurCommand.Options counting;
  @Mixin TopicsCommand.Options topics;
  @Mixin DuplicatesOption duplicates;

  @Override
  public Integer call() {
    try (var lock = job.lockWarehouse()) { // once, for every stage
      return runStages();
    }
  }

  private int runStages() {
    var spark = job.session("run");
    var warehouse = job.warehouse(spark);
    var ingest = new IngestJob(spark, warehouse, input.toOptions(job.seed)).run();
    System.out.print(Summary.ingest(ingest, warehouse.root().toString()));
    var entityOptions = recognisers.toOptions(duplicates.includeDuplicates);
    var countOptions = counting.toOptions(duplicates.includeDuplicates);
    if (input.since != null) {
      // Later stages redo only the periods ingest rewrote; aggregates over all periods are rebuilt.
      entityOptions = entityOptions.onlyPeriods(ingest.rewrittenPeriods());
    }
    var entities = new EntitiesJob(spark, warehouse, entityOptions).run();
    System.out.print(Summary.entities(entities));
    if (entities.rewrittenPeriods().isPresent()) {
      // and those whose mentions a merge of aliases across documents changed
      countOptions = countOptions.onlyPeriods(entities.rewrittenPeriods().get());
    }
    System.out.print(Summary.cooccur(new CooccurJob(spark, warehouse, countOptions).run()));
    try {
      System.out.print(Summary.topics(new TopicsJob(spark, warehouse, topics.toOptions(job.seed, duplicates.includeDuplicates)).run()));
    } catch (UserException e) {
      // A corpus too small for topic models still gets every other table.
      System.out.println("topics skipped: " + e.getMessage());
    }
    return 0;
  }
}
