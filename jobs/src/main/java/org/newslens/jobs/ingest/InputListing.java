package org.newslens.jobs.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.newslens.common.ids.StableIds;
import org.newslens.common.schema.ReasonCode;
import org.newslens.jobs.cli.UserException;

/**
 * Expands {@code --input} values (files, directories, globs) into file tasks on the driver. Hidden
 * files ({@code .x}, {@code _x}) are skipped as Hadoop does; files of unknown format and folders
 * that cannot be listed become quarantine records, so nothing given is silently ignored.
 */
public final class InputListing {

  /** Uncompressed JSON-lines files and WARC files larger than this are read in ranges of this size. */
  public static final long SPLIT_BYTES = 128L << 20;

  /** Directory depth limit: a guard against symlink loops on file systems without real paths. */
  static final int MAX_DEPTH = 64;

  /** What the inputs expand to. */
  public record Listing(List<FileTask> tasks, List<Row> unreadable, long totalBytes, String fingerprint) {
    public int files() {
      return (int) tasks.stream().map(FileTask::path).distinct().count() + unreadable.size();
    }
  }

  private final Configuration conf;
  private final Optional<InputFormat> forced;
  private final long splitBytes;
  private final List<FileTask> tasks = new ArrayList<>();
  private final List<Row> unreadable = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private InputListing(Configuration conf, Optional<InputFormat> forced, long splitBytes) {
    this.conf = conf;
    this.forced = forced;
    this.splitBytes = splitBytes;
  }

  /** Lists the inputs; fails with a {@link UserException} naming a path that does not exist. */
  public static Listing list(List<String> inputs, Optional<InputFormat> forced, Configuration conf) {
    return list(inputs, forced, conf, SPLIT_BYTES);
  }

  static Listing list(List<String> inputs, Optional<InputFormat> forced, Configuration conf, long splitBytes) {
    var listing = new InputListing(conf, forced, splitBytes);
    for (String input : inputs) {
      listing.expand(input);
    }
    listing.tasks.sort(Comparator.comparing(FileTask::path).thenComparingLong(FileTask::start));
    long bytes = listing.tasks.stream().mapToLong(FileTask::length).sum();
    var fp = new StringBuilder();
    listing.tasks.forEach(t -> fp.append(t.path()).append('|').append(t.fileLength()).append('|').append(t.format()).append('\n'));
    listing.unreadable.forEach(r -> fp.append(r.getString(0)).append('\n'));
    return new Listing(List.copyOf(listing.tasks), List.copyOf(listing.unreadable), bytes, StableIds.sha256Hex(fp.toString()));
  }

  /** A user path: a URI with a scheme, else a local path made absolute. */
  static Path toPath(String input) {
    boolean hasScheme = input.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*");
    return hasScheme ? new Path(input) : new Path(Paths.get(input).toAbsolutePath().normalize().toUri());
  }

  private void expand(String input) {
    Path path = toPath(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (input.matches(".*[*?\\[{].*")) {
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          throw new UserException("--input " + input + " matches no files");
        }
        for (FileStatus s : matches) {
          visit(fs, s, 0);
        }
      } else {
        visit(fs, fs.getFileStatus(path), 0);
      }
    } catch (FileNotFoundException e) {
      throw new UserException("--input " + input + " does not exist");
    } catch (IOException e) {
      throw new UserException("--input " + input + " cannot be read: " + e.getMessage(), e);
    }
  }

  private void visit(FileSystem fs, FileStatus status, int depth) {
    Path p = status.getPath();
    if (!status.isDirectory()) {
      addFile(fs, status);
      return;
    }
    if (depth > MAX_DEPTH || !seen.add(realPath(p))) {
      return;
    }
    FileStatus[] children;
    try {
      children = fs.listStatus(p);
    } catch (IOException e) {
      unreadable.add(RawRecords.error(p.toString(), "directory", ReasonCode.UNREADABLE_FILE, "cannot list: " + e.getMessage(), null));
      return;
    }
    reportUnlisted(p, children);
    java.util.Arrays.sort(children, Comparator.comparing(c -> c.getPath().getName()));
    for (FileStatus child : children) {
      if (!isHidden(child.getPath())) {
        visit(fs, child, depth + 1);
      }
    }
  }

  /**
   * Hadoop's local file system leaves out entries it cannot stat (a symlink to a missing file, a
   * symlink loop); they become quarantine records instead of disappearing.
   */
  private void reportUnlisted(Path dir, FileStatus[] listed) {
    if (!"file".equals(dir.toUri().getScheme())) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (FileStatus s : listed) {
      names.add(s.getPath().getName());
    }
    try (var entries = java.nio.file.Files.list(Paths.get(dir.toUri()))) {
      entries.map(e -> e.getFileName().toString())
          .filter(name -> !names.contains(name) && !isHidden(new Path(dir, name)))
          .sorted()
          .forEach(name -> unreadable.add(RawRecords.error(new Path(dir, name).toString(), "file", ReasonCode.UNREADABLE_FILE,
              "cannot read: a broken symbolic link (missing target or a loop) or a file that cannot be examined", null)));
    } catch (IOException | RuntimeException e) {
      unreadable.add(RawRecords.error(dir.toString(), "directory", ReasonCode.UNREADABLE_FILE, "cannot list: " + e.getMessage(), null));
    }
  }

  private void addFile(FileSystem fs, FileStatus status) {
    String path = status.getPath().toString();
    if (!seen.add(realPath(status.getPath()))) {
      return;
    }
    Optional<InputFormat> format = forced.or(() -> InputFormat.fromFileName(status.getPath().getName()));
    if (format.isEmpty()) {
      unreadable.add(RawRecords.error(path, "file", ReasonCode.UNSUPPORTED_FORMAT,
          "no known format for this file name; use --format txt|jsonl|json|csv|tsv|parquet|report|html|warc", null));
      return;
    }
    long len = status.getLen();
    boolean splittable = format.get() == InputFormat.JSONL && !InputFormat.isCompressed(path)
        || format.get() == InputFormat.WARC && len > splitBytes && WarcSplits.splittable(fs, status.getPath());
    if (splittable && len > splitBytes) {
      for (long start = 0; start < len; start += splitBytes) {
        tasks.add(new FileTask(path, format.get(), start, Math.min(splitBytes, len - start), len));
      }
    } else {
      tasks.add(new FileTask(path, format.get(), 0, len, len));
    }
  }

  private static boolean isHidden(Path p) {
    String name = p.getName();
    return name.startsWith(".") || name.startsWith("_");
  }

  /** The real path of a local file (resolving symlinks), else the path itself. */
  private static String realPath(Path p) {
    if ("file".equals(p.toUri().getScheme())) {
      try {
        return Paths.get(p.toUri()).toRealPath().toString();
      } catch (IOException | RuntimeException e) {
        return p.toString();
      }
    }
    return p.toString();
  }
}
