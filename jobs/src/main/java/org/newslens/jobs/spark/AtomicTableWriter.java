package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newslens.common.schema.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces tables atomically by write-to-temp-then-swap, several at once when one job writes
 * several ({@link #begin}, {@link TableCommit}): new versions are written to
 * {@code newslens.db/.staging/}, a journal naming every swap is written, then old folders are
 * moved aside and new ones moved in (renames, atomic each on local and HDFS file systems), and the
 * old versions deleted. A run killed before the journal leaves the previous versions untouched;
 * one killed after it is rolled forward by {@link #recover}.
 *
 * <p>Why not dynamic partition overwrite: it swaps partition by partition and table by table, so
 * a killed commit can leave a mix of old and new partitions, or of old and new tables, visible; a
 * journalled swap cannot once recovered.
 */
public final class AtomicTableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(AtomicTableWriter.class);

  /** Rows per Parquet file: bounds file size for big periods without a small-files explosion. */
  public static final long MAX_RECORDS_PER_FILE = 250_000;

  /** Folders of {@code newslens.db/} for new versions being written and old ones being deleted. */
  static final String STAGING = ".staging";
  static final String TRASH = ".trash";

  /** Suffix of a commit's journal, {@code newslens.db/.<commit>.swap}. */
  static final String JOURNAL = ".swap";

  private final Warehouse warehouse;

  public AtomicTableWriter(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * Starts the commit {@code name} (the job's name): its tables become visible together at
   * {@link TableCommit#commit}. A journal of an earlier commit of that name is a killed run's, and
   * is rolled forward first.
   */
  public TableCommit begin(String name) {
    recover(journal(warehouse, name));
    return new TableCommit(warehouse, name);
  }

  /** Writes {@code data} (already in the table's column order) as the new version of {@code table}. */
  public void replace(TableSpec table, Dataset<Row> data) {
    try (var commit = begin(table.name())) {
      commit.replace(table, data).commit();
    }
  }

  /** Replaces the partitions {@code values} of {@code table} only ({@link TableCommit#replacePartitions}). */
  public void replacePartitions(TableSpec table, Dataset<Row> data, Set<String> values) {
    try (var commit = begin(table.name())) {
      commit.replacePartitions(table, data, values).commit();
    }
  }

  /**
   * Rolls forward every commit a killed run left journalled; returns how many. Safe to call at
   * every start; only for a writer, or a reader once no writer is running ({@link #recoverIfStale}).
   */
  public int recover() {
    int finished = 0;
    for (Path journal : journals()) {
      if (recover(journal)) {
        finished++;
      }
    }
    return finished;
  }

  /**
   * {@link #recover} for readers: only the journals older than {@code age}, or all of them when no
   * writer holds the warehouse lock (its holder is gone), as a younger journal may be a running
   * commit's. A reader that loses a race with a writer finishing the same journal only warns.
   */
  public void recoverIfStale(Duration age) {
    List<Path> journals = journals();
    if (journals.isEmpty()) {
      return;
    }
    boolean writerGone = !WarehouseLock.isHeld(warehouse);
    for (Path journal : journals) {
      try {
        long modified = warehouse.fs().getFileStatus(journal).getModificationTime();
        if (writerGone || System.currentTimeMillis() - modified > age.toMillis()) {
          recover(journal);
        }
      } catch (java.io.FileNotFoundException e) {
        // finished meanwhile
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("could not finish the interrupted commit {}: {}", journal, e.toString());
      }
    }
  }

  /** Rolls the journal {@code file} forward if it exists; true when it did. */
  private boolean recover(Path file) {
    try {
      if (!warehouse.fs().exists(file)) {
        return false;
      }
      CommitJournal.read(warehouse.fs(), file).rollForward(warehouse, file);
      LOG.warn("finished the commit {} that a killed run left", file.getName());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("finishing the interrupted commit " + file + " failed", e);
    }
  }

  /** The journals in the warehouse: {@code newslens.db/.*.swap}. */
  List<Path> journals() {
    try {
      FileStatus[] found = warehouse.fs().globStatus(new Path(warehouse.databaseDir(), ".*" + JOURNAL));
      List<Path> out = new ArrayList<>();
      if (found != null) {
        for (FileStatus f : found) {
          out.add(f.getPath());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("listing the commit journals of " + warehouse.databaseDir() + " failed", e);
    }
  }

  static Path journal(Warehouse warehouse, String name) {
    return new Path(warehouse.databaseDir(), "." + name + JOURNAL);
  }
}
