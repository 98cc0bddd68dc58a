package org.newslens.jobs.cli;

import picocli.CommandLine.Option;

/** {@code --include-duplicates}, shared by entities, cooccur, topics and run. */
public final class DuplicatesOption {
  @Option(names = "--include-duplicates",
      description = "Analyse every near-duplicate copy, not only the canonical document of each cluster.")
  boolean includeDuplicates;
}
