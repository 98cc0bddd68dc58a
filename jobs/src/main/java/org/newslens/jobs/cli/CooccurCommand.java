package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.jobs.cooccur.CooccurJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens cooccur}: entity pairs per sentence and document window, per month and overall. */
@Command(name = "cooccur", description = "Count entity co-occurrences per window and month with PMI, NPMI and log-likelihood.")
public final class CooccurCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin Options counting;
  @Mixin DuplicatesOption duplicates;

  @Override
  public Integer call() {
    try (var lock = job.lockWarehouse()) {
      var spark = job.session("cooccur");
      System.out.print(Summary.cooccur(new CooccurJob(spark, job.warehouse(spark), counting.toOptions(duplicates.includeDuplicates)).run()));
      return 0;
    }
  }

  /** Options of the co-occurrence stage, shared with {@code run}. */
  public static final class Options {
    @Option(names = "--min-count", paramLabel = "N", description = "Keep pairs seen in at least N windows (default: 2).")
    long minCount = CooccurJob.MIN_COUNT_DEFAULT;

    @Option(names = "--max-entities-per-window", paramLabel = "N",
        description = "Most salient entities kept per window, bounding pairs in long documents (default: 50).")
    int maxPerWindow = CooccurJob.MAX_PER_WINDOW_DEFAULT;

    @Option(names = "--weight-by-syndication",
        description = "Also count each window once per input record of its document's near-duplicate cluster, in n_ab_syndicated.")
    boolean weightBySyndication;

    CooccurJob.Options toOptions(boolean includeDuplicates) {
      return new CooccurJob.Options(minCount, maxPerWindow, includeDuplicates, weightBySyndication, java.util.Optional.empty());
    }
  }
}
