package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.newslens.common.schema.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What killed runs leave in {@code newslens.db/}: staged versions never swapped in
 * ({@code .staging/}), old versions never deleted ({@code .trash/}), journals cut off before their
 * rename ({@code .<table>.swap.tmp}). Never part of a table, but they fill the disk.
 */
public final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /**
   * Clears up after killed runs; only for the holder of the {@link WarehouseLock}, as no other job
   * can be writing then. First finishes every interrupted swap of {@code tables} from its journal
   * ({@link AtomicTableWriter#recover}), then deletes the leftovers, except what a journal still
   * left (of a table not listed) names. Returns what it deleted.
   */
  public static List<Path> cleanUp(Warehouse warehouse, List<TableSpec> tables) {
    var writer = new AtomicTableWriter(warehouse);
    tables.forEach(writer::recover);
    var fs = warehouse.fs();
    Path db = warehouse.databaseDir();
    try {
      Set<String> needed = new HashSet<>();
      for (FileStatus journal : glob(warehouse, new Path(db, ".*" + AtomicTableWriter.JOURNAL))) {
        for (String line : AtomicTableWriter.readJournal(fs, journal.getPath())) {
          needed.add(new Path(line).getName());
        }
      }
      String pattern = "{" + AtomicTableWriter.STAGING + "/*," + AtomicTableWriter.TRASH + "/*,.*" + AtomicTableWriter.JOURNAL + ".tmp}";
      List<Path> removed = new ArrayList<>();
      for (FileStatus s : glob(warehouse, new Path(db, pattern))) {
        if (!needed.contains(s.getPath().getName()) && fs.delete(s.getPath(), true)) {
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

  private static FileStatus[] glob(Warehouse warehouse, Path pattern) throws IOException {
    FileStatus[] found = warehouse.fs().globStatus(pattern);
    return found == null ? new FileStatus[0] : found;
  }
}
