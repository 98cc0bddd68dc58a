package org.newslens.jobs.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>{@link #replacePartitions} (incremental runs) swaps only some partitions: the new ones are
 * staged complete first, then a journal naming them is written, then each old partition folder is
 * moved aside and the new one moved in. A run killed after the journal is rolled forward by
 * {@link #recover}, so readers see the old set of partitions or the new one once recovery ran.
 *
 * <p>A write that fails (a full or read-only disk, a failed task) removes its staged files and
 * leaves the previous version; storage errors become a {@link StorageFailure} that says so. The
 * journal is written to a temporary file and renamed, so it is whole or absent. Staged versions
 * of killed runs are removed by {@link Leftovers#cleanUp}, which the holder of the
 * {@link WarehouseLock} calls before it writes.
 */
public final class AtomicTableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(AtomicTableWriter.class);

  /** Rows per Parquet file: bounds file size for big periods without a small-files explosion. */
  public static final long MAX_RECORDS_PER_FILE = 250_000;

  /** Folders of {@code newslens.db/} for new versions being written and old ones being deleted. */
  static final String STAGING = ".staging";
  static final String TRASH = ".trash";

  /** Suffix of a table's swap journal, {@code newslens.db/.<table>.swap}. */
  static final String JOURNAL = ".swap";

  /** Third line of a partition swap's journal; the lines after it name the partitions. */
  private static final String PARTITIONS = "partitions";
  private static final String REPLACE = "replace ";
  private static final String REMOVE = "remove ";

  private final Warehouse warehouse;

  /** Tables this writer has replaced, named when a later write fails. */
  private final List<String> replaced = new ArrayList<>();

  public AtomicTableWriter(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** Writes {@code data} (already in the table's column order) as the new version of {@code table}. */
  public void replace(TableSpec table, Dataset<Row> data) {
    FileSystem fs = warehouse.fs();
    recover(table); // this job is the table's writer: any journal left is a killed run's
    String tag = table.name() + "-" + UUID.randomUUID();
    Path staging = stage(table, data, tag);
    Path trash = new Path(trashDir(), tag);
    try {
      fs.mkdirs(trashDir());
      writeJournal(fs, table, staging + "\n" + trash + "\n");
    } catch (IOException e) {
      throw abandoned(table, staging, e);
    }
    swap(fs, table, staging, trash);
    replaced.add(table.name());
  }

  /** Writes {@code data} to {@code .staging/<tag>}; on failure removes what it wrote. */
  private Path stage(TableSpec table, Dataset<Row> data, String tag) {
    Path staging = new Path(stagingDir(), tag);
    try {
      data.write()
          .mode(SaveMode.ErrorIfExists)
          .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
          .partitionBy(table.partitionColumns().toArray(String[]::new))
          .parquet(staging.toString());
      return staging;
    } catch (Exception e) { // Spark's SparkException is checked, though Scala throws it unannounced
      deleteQuietly(staging);
      probeStorage(e);
      var storage = StorageFailure.whileWriting(e, table.name(), warehouse.databaseDir(), unchanged(table));
      if (storage.isPresent()) {
        throw storage.get();
      }
      throw e;
    }
  }

  /** The failure of a write whose swap never started: its staged version is removed. */
  private RuntimeException abandoned(TableSpec table, Path staging, IOException e) {
    deleteQuietly(staging);
    deleteQuietly(journal(table).suffix(".tmp"));
    var failure = new UncheckedIOException("journalling the swap of " + table.name() + " failed", e);
    return StorageFailure.whileWriting(failure, table.name(), warehouse.databaseDir(), unchanged(table))
        .<RuntimeException>map(f -> f).orElse(failure);
  }

  /**
   * Adds to {@code e}, a failed write that does not say why, the storage's answer to a probe file
   * (Hadoop's mkdirs on a read-only disk reports only "Mkdirs failed").
   */
  private void probeStorage(Exception e) {
    if (StorageFailure.kind(e).isPresent()) {
      return;
    }
    Path probe = new Path(warehouse.databaseDir(), ".probe-" + UUID.randomUUID());
    try (var out = warehouse.fs().create(probe, true)) {
      out.write(0);
    } catch (IOException refused) {
      e.addSuppressed(refused);
    }
    deleteQuietly(probe);
  }

  /** The outcome of a failed write of {@code table}, naming the other tables this writer had replaced. */
  private String unchanged(TableSpec table) {
    var others = replaced.stream().filter(t -> !t.equals(table.name())).distinct().toList();
    return "the previous table is unchanged" + (others.isEmpty() ? "" : " (this run had already replaced " + String.join(", ", others) + ")");
  }

  private void deleteQuietly(Path path) {
    try {
      warehouse.fs().delete(path, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", path, e.toString());
    }
  }

  /**
   * Replaces the partitions {@code values} of {@code table} (partitioned by one column) with the rows
   * of {@code data}, which holds rows of those partitions only; a value without rows is removed.
   * Other partitions are left as they are.
   */
  public void replacePartitions(TableSpec table, Dataset<Row> data, java.util.Set<String> values) {
    if (table.partitionColumns().size() != 1) {
      throw new IllegalArgumentException(table.name() + " is not partitioned by one column");
    }
    FileSystem fs = warehouse.fs();
    recover(table);
    String tag = table.name() + "-" + UUID.randomUUID();
    Path staging = stage(table, data, tag);
    Path trash = new Path(trashDir(), tag);
    String column = table.partitionColumns().get(0);
    StringBuilder journal = new StringBuilder(staging + "\n" + trash + "\n" + PARTITIONS + "\n");
    try {
      for (String v : new java.util.TreeSet<>(values)) {
        String dir = column + "=" + v;
        journal.append(fs.exists(new Path(staging, dir)) ? REPLACE : REMOVE).append(dir).append('\n');
      }
      fs.mkdirs(trash);
      writeJournal(fs, table, journal.toString());
    } catch (IOException e) {
      throw abandoned(table, staging, e);
    }
    try {
      rollForward(fs, table, readJournal(fs, journal(table)));
      replaced.add(table.name());
      LOG.info("table {}: partitions {} replaced", table.name(), values);
    } catch (IOException e) {
      throw new UncheckedIOException("swapping in new partitions of " + table.name() + " failed", e);
    }
  }

  /**
   * Moves each journalled partition aside and its staged version in (or only aside when removed).
   * Safe to repeat: a staged folder that is gone was already moved in.
   */
  private void rollForward(FileSystem fs, TableSpec table, String[] journal) throws IOException {
    Path staging = new Path(journal[0]);
    Path trash = new Path(journal[1]);
    Path target = warehouse.tableDir(table);
    fs.mkdirs(target);
    for (int i = 3; i < journal.length; i++) {
      boolean replace = journal[i].startsWith(REPLACE);
      String dir = journal[i].substring(replace ? REPLACE.length() : REMOVE.length());
      Path staged = new Path(staging, dir);
      Path current = new Path(target, dir);
      if (replace && !fs.exists(staged)) {
        continue;
      }
      if (fs.exists(current) && !fs.rename(current, new Path(trash, dir))) {
        throw new IOException("cannot move " + current + " aside");
      }
      if (replace && !fs.rename(staged, current)) {
        throw new IOException("cannot move " + staged + " to " + current);
      }
    }
    fs.delete(journal(table), false);
    fs.delete(trash, true);
    fs.delete(staging, true);
  }

  /** Moves the old version aside and the staged one in; the journal is already written. */
  private void swap(FileSystem fs, TableSpec table, Path staging, Path trash) {
    Path target = warehouse.tableDir(table);
    Path journal = journal(table);
    try {
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
        if (lines.length > 2 && lines[2].equals(PARTITIONS)) {
          rollForward(fs, table, lines);
          LOG.warn("table {}: finished an interrupted partition swap", table.name());
          return;
        }
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

  private Path stagingDir() {
    return new Path(warehouse.databaseDir(), STAGING);
  }

  private Path trashDir() {
    return new Path(warehouse.databaseDir(), TRASH);
  }

  private Path journal(TableSpec table) {
    return new Path(warehouse.databaseDir(), "." + table.name() + JOURNAL);
  }

  /** Writes the journal whole or not at all: to a temporary file, then renamed. */
  private void writeJournal(FileSystem fs, TableSpec table, String text) throws IOException {
    Path tmp = journal(table).suffix(".tmp");
    try (var out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (!fs.rename(tmp, journal(table))) {
      throw new IOException("cannot move " + tmp + " to " + journal(table));
    }
  }

  static String[] readJournal(FileSystem fs, Path journal) throws IOException {
    try (var in = fs.open(journal)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    }
  }

  /** Appends rows to a table as new files (used for the {@code runs} log); visible at commit. */
  public void append(TableSpec table, Dataset<Row> rows) {
    try {
      rows.coalesce(1).write().mode(SaveMode.Append).parquet(warehouse.tableDir(table).toString());
    } catch (Exception e) {
      var storage = StorageFailure.whileWriting(e, table.name(), warehouse.databaseDir(), "no row was added");
      if (storage.isPresent()) {
        throw storage.get();
      }
      throw e;
    }
  }
}
