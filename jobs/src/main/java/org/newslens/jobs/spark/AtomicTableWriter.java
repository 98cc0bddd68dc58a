package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.newslens.common.schema.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a whole table atomically by write-to-temp-then-swap: the new version is written to
 * {@code newslens.db/.staging/}, then a journal is written, the old folder is moved aside and the
 * new one moved in (two renames, atomic each on local and HDFS file systems), and the old version
 * is deleted. A run killed before the swap leaves the previous version untouched; one killed
 * between the renames is completed by {@link #recover} on the next start from the journal.
 *
 * <p>Why not dynamic partition overwrite: it swaps partition by partition, so a killed commit can
 * leave a mix of old and new partitions visible; a whole-folder swap cannot.
 */
public final class AtomicTableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(AtomicTableWriter.class);

  /** Rows per Parquet file: bounds file size for big periods without a small-files explosion. */
  public static final long MAX_RECORDS_PER_FILE = 250_000;

  private final Warehouse warehouse;

  public AtomicTableWriter(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** Writes {@code data} (already in the table's column order) as the new version of {@code table}. */
  public void replace(TableSpec table, Dataset<Row> data) {
    FileSystem fs = warehouse.fs();
    recover(table); // this job is the table's writer: any journal left is a killed run's
    String tag = table.name() + "-" + UUID.randomUUID();
    Path staging = new Path(new Path(warehouse.databaseDir(), ".staging"), tag);
    data.write()
        .mode(SaveMode.ErrorIfExists)
        .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
        .partitionBy(table.partitionColumns().toArray(String[]::new))
        .parquet(staging.toString());
    swap(fs, table, staging, new Path(new Path(warehouse.databaseDir(), ".trash"), tag));
  }

  private void swap(FileSystem fs, TableSpec table, Path staging, Path trash) {
    Path target = warehouse.tableDir(table);
    Path journal = journal(table);
    try {
      fs.mkdirs(trash.getParent());
      try (var out = fs.create(journal, true)) {
        out.write((staging + "\n" + trash + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target) && !fs.rename(target, trash)) {
        throw new IOException("cannot move " + target + " aside to " + trash);
      }
      if (!fs.rename(staging, target)) {
        throw new IOException("cannot move " + staging + " to " + target);
      }
      fs.delete(journal, false);
      fs.delete(trash, true);
      LOG.info("table {} replaced", table.name());
    } catch (IOException e) {
      throw new UncheckedIOException("swapping in the new version of " + table.name() + " failed", e);
    }
  }

  /**
   * Finishes or rolls back a swap that a killed run left half done. Safe to call at every start.
   * Staging folders of killed runs stay under {@code .staging/} (a running job may own them); they
   * are never part of a table.
   */
  public void recover(TableSpec table) {
    FileSystem fs = warehouse.fs();
    Path journal = journal(table);
    Path target = warehouse.tableDir(table);
    try {
      if (fs.exists(journal)) {
        String[] lines = readJournal(fs, journal);
        Path staging = new Path(lines[0]);
        Path trash = new Path(lines[1]);
        if (!fs.exists(target)) {
          boolean complete = fs.exists(new Path(staging, "_SUCCESS"));
          Path restore = complete ? staging : trash;
          if (fs.exists(restore) && !fs.rename(restore, target)) {
            throw new IOException("cannot restore " + restore);
          }
          LOG.warn("table {}: finished an interrupted swap from {}", table.name(), restore);
        }
        fs.delete(trash, true);
        fs.delete(journal, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("recovering table " + table.name() + " failed", e);
    }
  }

  /** {@link #recover} only when the swap journal is older than {@code age}: its writer is gone. */
  public void recoverIfStale(TableSpec table, java.time.Duration age) {
    try {
      var status = warehouse.fs().getFileStatus(journal(table));
      if (System.currentTimeMillis() - status.getModificationTime() > age.toMillis()) {
        recover(table);
      }
    } catch (java.io.FileNotFoundException e) {
      // no swap in progress or left over
    } catch (IOException e) {
      throw new UncheckedIOException("reading the swap journal of " + table.name() + " failed", e);
    }
  }

  private Path journal(TableSpec table) {
    return new Path(warehouse.databaseDir(), "." + table.name() + ".swap");
  }

  private static String[] readJournal(FileSystem fs, Path journal) throws IOException {
    try (var in = fs.open(journal)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    }
  }

  /** Appends rows to a table as new files (used for the {@code runs} log); visible at commit. */
  public void append(TableSpec table, Dataset<Row> rows) {
    rows.coalesce(1).write().mode(SaveMode.Append).parquet(warehouse.tableDir(table).toString());
  }
}
