package org.newslens.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newslens.jobs.topics.TopicsJob;
import org.newslens.jobs.topics.TopicsOptions;
import org.newslens.jobs.topics.TopicsSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens topics}: themes, and LDA topics over all documents and per theme. */
@Command(name = "topics", description = "Score defence/energy themes and fit LDA topics (all documents, defence, energy).")
public final class TopicsCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin Options topics;
  @Mixin DuplicatesOption duplicates;

  @Option(names = "--sweep", paramLabel = "K,K,...", split = ",",
      description = "Fit the all-documents model for each k and print the quality table (writes no tables).")
  List<Integer> sweep = List.of();

  @Override
  public Integer call() {
    TopicsOptions options = topics.toOptions(job.seed, duplicates.includeDuplicates);
    if (!sweep.isEmpty()) {
      // A sweep writes no tables, so it reads without the warehouse lock.
      var spark = job.session("topics");
      System.out.print(TopicsSweep.run(spark, job.warehouse(spark), options, sweep));
      return 0;
    }
    try (var lock = job.lockWarehouse()) {
      var spark = job.session("topics");
      System.out.print(Summary.topics(new TopicsJob(spark, job.warehouse(spark), options).run()));
      return 0;
    }
  }

  /** Options of the topics stage, shared with {@code run}. */
  public static final class Options {
    @Option(names = "--k-all", paramLabel = "K", description = "Topics over all documents (default: 20).")
    int kAll = TopicsOptions.K_ALL_DEFAULT;

    @Option(names = "--k-defence", paramLabel = "K", description = "Topics of the defence model (default: 10).")
    int kDefence = TopicsOptions.K_THEME_DEFAULT;

    @Option(names = "--k-energy", paramLabel = "K", description = "Topics of the energy model (default: 10).")
    int kEnergy = TopicsOptions.K_THEME_DEFAULT;

    @Option(names = "--iterations", paramLabel = "N", description = "Gibbs sweeps (default: 500) or MLlib iterations (default: 100).")
    Integer iterations;

    @Option(names = "--optimizer", paramLabel = "gibbs|online|em",
        description = "gibbs (default: collapsed Gibbs sampling over the partitions), or MLlib's online or em LDA.")
    String optimizer = TopicsOptions.GIBBS;

    @Option(names = "--min-df", paramLabel = "N", description = "Terms in fewer documents are dropped (default: 3).")
    long minDf = TopicsOptions.MIN_DF_DEFAULT;

    @Option(names = "--max-df", paramLabel = "SHARE", description = "Terms in a larger share of documents are dropped (default: 0.5).")
    double maxDf = TopicsOptions.MAX_DF_DEFAULT;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Most frequent terms kept (default: 20000).")
    int vocabSize = TopicsOptions.VOCAB_SIZE_DEFAULT;

    @Option(names = "--doc-topic-floor", paramLabel = "W", description = "doc_topics keeps weights of at least W (default: 0.1).")
    double floor = TopicsOptions.FLOOR_DEFAULT;

    @Option(names = "--seed-boost", paramLabel = "X",
        description = "Pseudo-counts of each seeded lexicon term in its theme topic (default: 100; 0 = unseeded).")
    double boost = TopicsOptions.BOOST_DEFAULT;

    @Option(names = "--seeds-per-topic", paramLabel = "N", description = "Most frequent lexicon terms seeded per theme topic (default: 2).")
    int seedsPerTopic = TopicsOptions.SEEDS_PER_TOPIC_DEFAULT;

    @Option(names = "--theme-min-matches", paramLabel = "N", description = "Core lexicon matches (or entities of the theme) a document needs for a theme decided by its lexicon (default: 3).")
    int themeMinMatches = TopicsOptions.THEME_MIN_MATCHES_DEFAULT;

    @Option(names = "--theme-min-score", paramLabel = "X", description = "And core plus context matches per 100 tokens (default: 1.0).")
    double themeMinScore = TopicsOptions.THEME_MIN_SCORE_DEFAULT;

    @Option(names = "--themes", paramLabel = "DIR", description = "Folder with defence.txt and energy.txt lexicons (default: bundled).")
    Path themes;

    @Option(names = "--theme-rule", paramLabel = "either|classifier|lexicon",
        description = "either (default): a theme with a trained classifier (<theme>.model, bundled for energy) takes the documents "
            + "its classifier or its lexicon takes; classifier: only its classifier's; lexicon: every theme by its lexicon. "
            + "A theme without a classifier (defence) is its lexicon's.")
    String themeRule = TopicsOptions.EITHER;

    @Option(names = "--fit-docs", paramLabel = "N",
        description = "Fit each model on at most N of its documents, drawn per month in proportion, and infer the topics of the rest "
            + "(default: " + TopicsOptions.FIT_DOCS_DEFAULT + "; 0: fit on all).")
    long fitDocs = TopicsOptions.FIT_DOCS_DEFAULT;

    @Option(names = "--no-stability", description = "Skip measuring stability (a second fit per model under online and em).")
    boolean noStability;

    TopicsOptions toOptions(long seed, boolean includeDuplicates) {
      int n = iterations != null ? iterations : TopicsOptions.defaultIterations(optimizer);
      return new TopicsOptions(kAll, kDefence, kEnergy, n, optimizer, seed, minDf, maxDf, vocabSize, floor, boost,
          seedsPerTopic, themeMinMatches, themeMinScore, Optional.ofNullable(themes), !noStability, includeDuplicates,
          fitDocs, themeRule);
    }
  }
}
