package org.newslens.jobs.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newslens.jobs.cli.UserException;
import org.newslens.jobs.dedup.DedupOptions;

/**
 * The effective options of one ingest run, validated on construction.
 *
 * @param inputs files, directories or globs ({@code --input})
 * @param format the format for every input, else detected per file from its extension
 * @param mapping explicit field-to-column mappings ({@code --map field=column})
 * @param maxRecordBytes raw bytes above which a record is quarantined as TOO_LARGE
 * @param maxTextChars cleaned characters above which a record is quarantined as TOO_LARGE
 * @param dedup how near-duplicates are clustered
 * @param since incremental run: periods from this yyyy-MM on (and 'unknown') are rewritten, older
 *     ones only where their rows change ({@code --since})
 * @param reports page and time limits for reports
 */
public record IngestOptions(
    List<String> inputs,
    Optional<InputFormat> format,
    FieldMapping mapping,
    long maxRecordBytes,
    int maxTextChars,
    DedupOptions dedup,
    Optional<String> since,
    ReportLimits reports) {

  /** Default for {@code --max-record-bytes}: 32 MiB. */
  public static final long MAX_RECORD_BYTES_DEFAULT = 32L << 20;

  /** Default for {@code --max-text-chars}: two million characters (a long report is ~100k). */
  public static final int MAX_TEXT_CHARS_DEFAULT = 2_000_000;

  public IngestOptions {
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new UserException("--input is required: a file, a directory or a glob");
    }
    if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 16) {
      throw new UserException("--max-record-bytes " + maxRecordBytes + " must be between 1 and " + (Integer.MAX_VALUE - 16));
    }
    since.ifPresent(s -> {
      if (!s.matches("\\d{4}-(0[1-9]|1[0-2])")) {
        throw new UserException("--since " + s + " must be a month yyyy-MM, e.g. 2026-11");
      }
    });
    if (maxTextChars < 1) {
      throw new UserException("--max-text-chars " + maxTextChars + " must be positive");
    }
  }

  /** Options with the default report limits. */
  public IngestOptions(List<String> inputs, Optional<InputFormat> format, FieldMapping mapping, long maxRecordBytes,
      int maxTextChars, DedupOptions dedup, Optional<String> since) {
    this(inputs, format, mapping, maxRecordBytes, maxTextChars, dedup, since, ReportLimits.DEFAULT);
  }

  /** Parses {@code field=column} entries of {@code --map}. */
  public static Map<Field, String> parseMappings(List<String> entries) {
    Map<Field, String> out = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new UserException("--map " + e + ": expected field=column, e.g. --map text=body_html");
      }
      out.put(Field.fromCli(e.substring(0, eq)), e.substring(eq + 1).strip());
    }
    return out;
  }

  /** The options as recorded in {@code runs.config}. */
  public Map<String, Object> toConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("format", format.map(InputFormat::cliName).orElse("auto"));
    Map<String, String> m = new LinkedHashMap<>();
    mapping.overrides().forEach((k, v) -> m.put(k.cliName(), v));
    c.put("map", m);
    c.put("max_record_bytes", maxRecordBytes);
    c.put("max_text_chars", maxTextChars);
    c.putAll(dedup.toConfig());
    c.put("since", since.orElse("all"));
    c.put("max_pages", reports.maxPages());
    c.put("parse_timeout_seconds", reports.parseTimeout().toSeconds());
    return c;
  }
}
