package org.newslens.jobs.ingest;

import java.io.Serializable;
import java.time.Duration;
import org.newslens.jobs.cli.UserException;

/**
 * Limits for parsed files (reports, and PDFs inside WARC crawls).
 *
 * @param maxPages pages above which a report is quarantined as TOO_LARGE ({@code --max-pages})
 * @param parseTimeout time after which a parse is abandoned as PARSE_TIMEOUT ({@code --parse-timeout})
 */
public record ReportLimits(int maxPages, Duration parseTimeout) implements Serializable {

  /** Defaults: 5,000 pages (long parliamentary reports run to a few thousand), two minutes per file. */
  public static final ReportLimits DEFAULT = new ReportLimits(5_000, Duration.ofSeconds(120));

  public ReportLimits {
    if (maxPages < 1) {
      throw new UserException("--max-pages " + maxPages + " must be positive");
    }
    if (parseTimeout.isNegative() || parseTimeout.isZero()) {
      throw new UserException("--parse-timeout " + parseTimeout.toSeconds() + " must be a positive number of seconds");
    }
  }
}
