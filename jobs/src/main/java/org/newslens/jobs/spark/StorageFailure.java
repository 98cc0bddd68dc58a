package org.newslens.jobs.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * A write the warehouse's storage refused: the disk or quota is full, or the file system is
 * read-only. Spark wraps the operating system's error in task failures and job aborts, so the
 * cause chain is searched for its text. The message is the one line the user sees; the CLI exits
 * with {@code Main.STORAGE_FAILED}.
 */
public final class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The texts of ENOSPC, EDQUOT, EROFS and HDFS's quota error, each with what the user is told. */
  private static final List<Map.Entry<String, String>> KINDS = List.of(
      Map.entry("No space left on device", "no space left on device"),
      Map.entry("Disk quota exceeded", "disk quota exceeded"),
      Map.entry("DiskSpace quota", "disk space quota exceeded"),
      Map.entry("Read-only file system", "read-only file system"));

  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * What the storage refused ("no space left on device", "read-only file system", ...) when
   * {@code e} or one of its causes says so.
   */
  public static Optional<String> kind(Throwable e) {
    return chain(e).stream().map(t -> kindOf(t.getMessage())).flatMap(Optional::stream).findFirst();
  }

  /** The first line of the innermost message naming the error, e.g. {@code /x/part-0 (No space left on device)}. */
  public static String detail(Throwable e) {
    List<Throwable> chain = chain(e);
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (kindOf(chain.get(i).getMessage()).isPresent()) {
        return chain.get(i).getMessage().lines().findFirst().orElse("");
      }
    }
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  private static Optional<String> kindOf(String message) {
    return KINDS.stream().filter(k -> message != null && message.contains(k.getKey())).map(Map.Entry::getValue).findFirst();
  }

  /** {@code e}, its causes, and the exceptions suppressed by any of them, outermost first. */
  private static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    addChain(e, chain, Collections.newSetFromMap(new IdentityHashMap<>()));
    return chain;
  }

  private static void addChain(Throwable e, List<Throwable> chain, Set<Throwable> seen) {
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
      for (Throwable s : t.getSuppressed()) {
        addChain(s, chain, seen);
      }
    }
  }

  /**
   * {@code e} as a storage failure of writing {@code table} into {@code dir}, followed by
   * {@code outcome} (what is left, e.g. "the previous table is unchanged"), when storage caused it.
   */
  static Optional<StorageFailure> whileWriting(Exception e, String table, Path dir, String outcome) {
    return kind(e).map(k -> new StorageFailure(k + " while writing table " + table + " under " + Warehouse.shown(dir) + ": " + outcome, e));
  }
}
