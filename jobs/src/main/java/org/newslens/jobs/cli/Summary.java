package org.newslens.jobs.cli;

import java.util.Map;
import java.util.stream.Collectors;
import org.newslens.jobs.ingest.IngestJob;

/** The one-screen summaries the CLI prints when a job finishes. */
final class Summary {

  private static final int TOP = 8;

  private Summary() {}

  static String ingest(IngestJob.Result r, String warehouse) {
    double seconds = r.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    var out = new StringBuilder();
    out.append(String.format("ingest %s: %d files (%.1f MB), %d records in %.1f s%n",
        r.runId(), r.files(), r.inputBytes() / 1e6, r.rowsIn(), seconds));
    out.append(String.format("  documents   %,10d   (%d periods, languages: %s)%n",
        r.documents(), r.periods().size(), top(r.languages())));
    out.append(String.format("  quarantine  %,10d   %s%n", r.quarantined(), r.reasons().isEmpty() ? "" : top(r.reasons())));
    out.append(String.format("  near-dups   %,10d   non-canonical copies in %,d near-duplicate clusters; %,d candidate pairs verified (%.2f a document)%n",
        r.nearDuplicates().copies(), r.nearDuplicates().clusters(), r.nearDuplicates().candidatePairs(),
        r.nearDuplicates().candidatePairs() / (double) Math.max(1, r.documents())));
    out.append(String.format("  check       %,10d = %d + %d (records in = documents + quarantine)%n",
        r.rowsIn(), r.documents(), r.quarantined()));
    out.append(String.format("  dates       %s%n", top(r.dateStatus())));
    out.append(String.format("  periods     %s%n", top(r.periods())));
    if (!r.rewrittenPeriods().equals(r.periods().keySet())) {
      out.append(String.format("  rewritten   %s (the other periods kept as they were)%n", String.join(", ", new java.util.TreeSet<>(r.rewrittenPeriods()))));
    }
    out.append(stages(r.stageSeconds()));
    out.append("  tables      newslens.documents, newslens.quarantine, newslens.runs in ").append(warehouse).append('\n');
    out.append(String.format("  try         bin/newslens sql \"SELECT period, count(*) FROM newslens.documents GROUP BY period ORDER BY period\"%n"));
    return out.toString();
  }

  static String entities(org.newslens.jobs.entities.EntitiesJob.Result r) {
    double seconds = r.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    var out = new StringBuilder();
    out.append(String.format("entities %s: %d documents, %,d tokens in %.1f s (%,.0f tokens/s)%n",
        r.runId(), r.documents(), r.tokens(), seconds, r.tokens() / Math.max(seconds, 1e-9)));
    out.append(String.format("  mentions    %,10d   %s%n", r.mentions(), top(r.byType())));
    out.append(String.format("  entities    %,10d%n", r.entities()));
    if (r.truncatedDocs() > 0) {
      out.append(String.format("  capped      %,10d documents longer than --max-ner-chars: CRF read only their start%n", r.truncatedDocs()));
    }
    long longRuns = r.counters().get(org.newslens.jobs.entities.EntitiesJob.SKIPPED_TOKENS);
    long longSentences = r.counters().get(org.newslens.jobs.entities.EntitiesJob.SPLIT_SENTENCES);
    if (longRuns + longSentences > 0) {
      out.append(String.format("  bounded     %,10d runs of over %d characters not tokenised, %,d sentences of over %d tokens cut%n",
          longRuns, org.newslens.jobs.entities.CrfNer.MAX_TOKEN_CHARS, longSentences, org.newslens.jobs.entities.CrfNer.MAX_SENTENCE_TOKENS));
    }
    out.append(skipped(r.skippedDocs(), "entities"));
    out.append(stages(r.stageSeconds()));
    out.append("  try         bin/newslens sql \"SELECT canonical_name, entity_type, mention_count FROM newslens.entities ORDER BY mention_count DESC LIMIT 20\"\n");
    return out.toString();
  }

  /** One line when a stage skipped documents, naming the table that says why; else nothing. */
  static String skipped(long docs, String stage) {
    return docs == 0 ? "" : String.format("  skipped     %,10d documents the stage could not analyse: "
        + "SELECT * FROM newslens.skipped_documents WHERE stage = '%s'%n", docs, stage);
  }

  static String cooccur(org.newslens.jobs.cooccur.CooccurJob.Result r) {
    double seconds = r.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    var out = new StringBuilder(String.format("cooccur %s: %,d mentions -> %,d pair rows in %.1f s (over all periods: %s)%n",
        r.runId(), r.mentions(), r.pairs(), seconds, top(r.pairsByWindow())));
    out.append(String.format("  capped      %s windows over --max-entities-per-window: only their most salient entities paired%n",
        top(r.cappedWindows())));
    out.append("  try         bin/newslens sql \"SELECT name_a, name_b, n_ab, round(npmi, 2) AS npmi, round(llr, 1) AS llr "
        + "FROM newslens.top_pairs WHERE period = 'all' AND window = 'sentence' AND rank <= 15 ORDER BY rank\"\n");
    return out.toString();
  }

  static String topics(org.newslens.jobs.topics.TopicsJob.Result r) {
    var out = new StringBuilder(String.format("topics %s: %d documents, %d terms, themes: %s%n", r.runId(), r.documents(),
        r.vocabulary(), top(r.themes())));
    out.append(String.format("  %-8s %4s %6s %10s %10s %10s %12s %14s%n", "model", "k", "docs", "mean_npmi", "diversity", "stability",
        "perplexity", "largest_share"));
    for (var f : r.fits()) {
      var balance = r.balance().get(f.model());
      out.append(String.format("  %-8s %4d %6d %10.4f %10.4f %10s %12.1f %14.3f%n", f.model(), f.k(), f.docs(), f.meanNpmi(), f.diversity(),
          f.stability() == null ? "-" : String.format("%.4f", f.stability()), f.perplexity() == null ? Double.NaN : f.perplexity(),
          balance.largestShare()));
    }
    for (var f : r.fits()) {
      if (f.fitDocs() < f.docs()) {
        out.append(String.format("  sampled     model %s: fitted on %,d of its %,d documents (drawn per month), the others' topics inferred%n",
            f.model(), f.fitDocs(), f.docs()));
      }
    }
    for (var f : r.fits()) {
      var balance = r.balance().get(f.model());
      if (balance.degenerate()) {
        out.append(String.format("  WARNING     model %s: topic %d is the heaviest of %.0f %% of its %d documents (%d of %d topics under 0.5 %%):"
            + " one kind of document dominates the corpus, or the model did not separate them; read that topic's top_terms%n",
            f.model(), balance.largestTopic(), 100 * balance.largestShare(), f.docs(), balance.smallTopics(), f.k()));
      }
    }
    long truncated = r.counters().get(org.newslens.jobs.topics.TopicsJob.TRUNCATED_DOCS);
    if (truncated > 0) {
      out.append(String.format("  capped      %,10d documents of over %,d topic tokens: their first ones kept%n", truncated,
          org.newslens.jobs.topics.TopicTokens.MAX_DOC_TOKENS));
    }
    out.append(skipped(r.counters().get(org.newslens.jobs.topics.TopicsJob.SKIPPED_DOCS), "topics"));
    out.append(stages(r.stageSeconds()));
    out.append("  try         bin/newslens sql \"SELECT model, topic_id, label, round(npmi, 3) AS npmi, round(prevalence, 3) AS prevalence FROM newslens.topics ORDER BY model, prevalence DESC\"\n");
    return out.toString();
  }

  /** One line of stage wall times, in the order the stages ran. */
  static String stages(Map<String, Double> seconds) {
    return "  stages      " + seconds.entrySet().stream()
        .map(e -> String.format("%s %.1fs", e.getKey(), e.getValue())).collect(Collectors.joining(", ")) + "\n";
  }

  /** The largest counts first, at most {@link #TOP}, as {@code key=count}. */
  static String top(Map<String, Long> counts) {
    var sorted = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
    String shown = sorted.stream().limit(TOP).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    return sorted.size() > TOP ? shown + ", … (" + (sorted.size() - TOP) + " more)" : shown;
  }
}
