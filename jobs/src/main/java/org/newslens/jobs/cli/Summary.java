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
    out.append(String.format("  check       %,10d = %d + %d (records in = documents + quarantine)%n",
        r.rowsIn(), r.documents(), r.quarantined()));
    out.append(String.format("  dates       %s%n", top(r.dateStatus())));
    out.append(String.format("  periods     %s%n", top(r.periods())));
    out.append("  stages      ").append(r.stageSeconds().entrySet().stream()
        .map(e -> String.format("%s %.1fs", e.getKey(), e.getValue())).collect(Collectors.joining(", "))).append('\n');
    out.append("  tables      newslens.documents, newslens.quarantine, newslens.runs in ").append(warehouse).append('\n');
    out.append(String.format("  try         bin/newslens sql \"SELECT period, count(*) FROM newslens.documents GROUP BY period ORDER BY period\"%n"));
    return out.toString();
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
