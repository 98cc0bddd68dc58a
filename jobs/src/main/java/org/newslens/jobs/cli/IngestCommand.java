package org.newslens.jobs.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newslens.jobs.dedup.DedupOptions;
import org.newslens.jobs.ingest.FieldMapping;
import org.newslens.jobs.ingest.IngestJob;
import org.newslens.jobs.ingest.IngestOptions;
import org.newslens.jobs.ingest.InputFormat;
import org.newslens.jobs.ingest.ReportLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens ingest}: read a corpus into documents and quarantine. */
@Command(name = "ingest", description = "Load files (txt, jsonl, json, csv, tsv, parquet; gzip/bz2) into documents and quarantine.")
public final class IngestCommand implements Callable<Integer> {

  @Mixin JobOptions job;
  @Mixin InputOptions input;

  @Override
  public Integer call() {
    try (var lock = job.lockWarehouse()) {
      var spark = job.session("ingest");
      var warehouse = job.warehouse(spark);
      var result = new IngestJob(spark, warehouse, input.toOptions(job.seed)).run();
      System.out.print(Summary.ingest(result, warehouse.root().toString()));
      return 0;
    }
  }

  /** The input options shared by {@code ingest} and {@code run}. */
  public static final class InputOptions {
    @Option(names = {"--input", "-i"}, paramLabel = "PATH", required = true, arity = "1..*",
        description = "Files, directories (read recursively) or globs.")
    List<String> inputs;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "txt|jsonl|json|csv|tsv|parquet|report|html|warc for all inputs (default: from each file's extension).")
    String format;

    @Option(names = "--map", paramLabel = "FIELD=COLUMN",
        description = "Column holding a field (id, title, text, date, url, source, author), e.g. --map text=body_html.")
    List<String> map = List.of();

    @Option(names = "--max-record-bytes", paramLabel = "N", description = "Records larger than this are quarantined as TOO_LARGE (default: 33554432).")
    long maxRecordBytes = IngestOptions.MAX_RECORD_BYTES_DEFAULT;

    @Option(names = "--max-text-chars", paramLabel = "N", description = "Cleaned texts longer than this are quarantined as TOO_LARGE (default: 2000000).")
    int maxTextChars = IngestOptions.MAX_TEXT_CHARS_DEFAULT;

    @Option(names = "--max-pages", paramLabel = "N",
        description = "Reports with more pages are quarantined as TOO_LARGE (default: 5000).")
    int maxPages = ReportLimits.DEFAULT.maxPages();

    @Option(names = "--parse-timeout", paramLabel = "SECONDS",
        description = "A report not parsed within this time is quarantined as PARSE_TIMEOUT (default: 120).")
    long parseTimeoutSeconds = ReportLimits.DEFAULT.parseTimeout().toSeconds();

    @Option(names = "--dedup-threshold", paramLabel = "J",
        description = "Jaccard similarity of 5-word shingle sets from which two texts are near-duplicates (default: 0.5).")
    double dedupThreshold = DedupOptions.THRESHOLD_DEFAULT;

    @Option(names = "--since", paramLabel = "yyyy-MM",
        description = "Incremental: rewrite the periods from this month on (and 'unknown'), older ones only where their documents change.")
    String since;

    IngestOptions toOptions(long seed) {
      Map<org.newslens.jobs.ingest.Field, String> mappings = IngestOptions.parseMappings(map);
      return new IngestOptions(inputs, Optional.ofNullable(format).map(InputFormat::fromCli),
          new FieldMapping(mappings), maxRecordBytes, maxTextChars, DedupOptions.of(dedupThreshold, seed),
          Optional.ofNullable(since), new ReportLimits(maxPages, java.time.Duration.ofSeconds(parseTimeoutSeconds)));
    }
  }
}
