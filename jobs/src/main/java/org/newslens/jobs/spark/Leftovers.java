package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What killed runs leave in {@code newslens.db/}: staged versions never committed
 * ({@code .staging/}), old versions never deleted ({@code .trash/}), journals cut off before their
 * rename ({@code .<commit>.swap.tmp}). Never part of a table, but they fill the disk.
 */
public final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /**
   * Clears up after killed runs; only for the holder of the {@link WarehouseLock}, as no other job
   * can be writing then. First finishes every journalled commit ({@link AtomicTableWriter#recover}),
   * then deletes the leftovers. Returns what it deleted.
   */
  public static List<Path> cleanUp(Warehouse warehouse) {
    new AtomicTableWriter(warehouse).recover();
    var fs = warehouse.fs();
    Path db = warehouse.databaseDir();
    try {
      String pattern = "{" + AtomicTableWriter.STAGING + "/*," + AtomicTableWriter.TRASH + "/*,.*" + AtomicTableWriter.JOURNAL + ".tmp}";
      FileStatus[] found = fs.globStatus(new Path(db, pattern));
      List<Path> removed = new ArrayList<>();
      for (FileStatus s : found == null ? new FileStatus[0] : found) {
        if (fs.delete(s.getPath(), true)) {
          removed.add(s.getPath());
        }
      }
      if (!removed.isEmpty()) {
        LOG.warn("removed {} leftovers of killed runs: {}", removed.size(), removed);
      }
      return List.copyOf(removed);
    } catch (IOException e) {
      throw new UncheckedIOException("removing the leftovers of killed runs in " + db + " failed", e);
    }
  }
}
