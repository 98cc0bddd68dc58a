package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.jobs.ingest.IngestJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newslens run}: every stage in order. Today the pipeline is ingest; later stages join here. */
@Command(name = "run", description = "Run the whole pipeline on the inputs (the stages available: ingest).")
public final class RunCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin IngestCommand.InputOptions input;

  @Override
  public Integer call() {
    var spark = job.session("run");
    var warehouse = job.warehouse(spark).prepareForWrite();
    var ingest = new IngestJob(spark, warehouse, input.toOptions()).run();
    System.out.print(Summary.ingest(ingest, warehouse.root().toString()));
    return 0;
  }
}
