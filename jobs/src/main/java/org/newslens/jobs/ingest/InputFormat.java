package org.newslens.jobs.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.newslens.jobs.cli.CliNames;

/** Input formats {@code ingest} reads, each possibly gzip- or bzip2-compressed. */
public enum InputFormat {
  /** One article per file: optional headline, paragraphs, optional trailing source line. */
  TXT("txt", "text"),
  /** One JSON object per line. */
  JSONL("jsonl", "ndjson"),
  /** A JSON array of objects, one object, or several concatenated objects. */
  JSON("json"),
  /** Comma-separated with a header row; quoted fields may span lines. */
  CSV("csv"),
  /** Tab-separated with a header row. */
  TSV("tsv", "tab"),
  /** Parquet files with any column names (mapped like the others). */
  PARQUET("parquet", "pq"),
  /** A report, one document per file, through Apache Tika: PDF, Word, OpenDocument, RTF, EPUB. */
  REPORT("pdf", "docx", "doc", "odt", "rtf", "epub"),
  /** A saved web page, reduced to its article. */
  HTML("html", "htm", "xhtml"),
  /** A WARC crawl: each HTML or PDF response is a document. */
  WARC("warc");

  private static final String[] COMPRESSION_SUFFIXES = {".gz", ".gzip", ".bz2", ".bzip2"};

  private final String[] extensions;

  InputFormat(String... extensions) {
    this.extensions = extensions;
  }

  /** The name as given to {@code --format}. */
  public String cliName() {
    return CliNames.of(this);
  }

  /** Parses a {@code --format} value, failing with the list of valid names. */
  public static InputFormat fromCli(String value) {
    return CliNames.parse(InputFormat.class, value, "--format " + value + " is not a known format");
  }

  /** The format a file name's extension names, looking past a compression suffix. */
  public static Optional<InputFormat> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSION_SUFFIXES) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1);
    return Arrays.stream(values()).filter(f -> Arrays.asList(f.extensions).contains(ext)).findFirst();
  }

  /** True when the file name carries a compression suffix. */
  public static boolean isCompressed(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return Arrays.stream(COMPRESSION_SUFFIXES).anyMatch(name::endsWith);
  }
}
