package org.newslens.jobs.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.schema.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All the tables one job writes, and its {@code runs} row, made visible together or not at all.
 * Each new version is first written whole under {@code newslens.db/.staging/<commit>/}; nothing a
 * reader sees changes until {@link #commit}, which writes one journal naming every step and then
 * does the steps (renames). A run killed before the journal leaves every table as it was (its
 * staged files are removed by the next writer, {@link Leftovers}); one killed after it is rolled
 * forward from the journal by the next writer, or by a reader once the writer is gone
 * ({@link AtomicTableWriter#recover}). So {@code entity_mentions} is never ahead of
 * {@code entities}, nor a table ahead of the run that wrote it.
 *
 * <p>Close it (try-with-resources) so that a job that fails before its commit removes what it
 * staged.
 */
public final class TableCommit implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TableCommit.class);

  private final Warehouse warehouse;
  private final String name;
  private final Path staging;
  private final Path trash;
  private final List<String[]> steps = new ArrayList<>();
  /** The staged tables, each with the partition values it replaces (empty: the whole table or an append). */
  private final Map<TableSpec, Set<String>> staged = new LinkedHashMap<>();
  private boolean done;

  TableCommit(Warehouse warehouse, String name) {
    this.warehouse = warehouse;
    this.name = name;
    String tag = name + "-" + UUID.randomUUID();
    this.staging = new Path(new Path(warehouse.databaseDir(), AtomicTableWriter.STAGING), tag);
    this.trash = new Path(new Path(warehouse.databaseDir(), AtomicTableWriter.TRASH), tag);
  }

  /** Stages {@code data} (in the table's column order) as the new version of the whole {@code table}. */
  public TableCommit replace(TableSpec table, Dataset<Row> data) {
    stage(table, data);
    steps.add(new String[] {CommitJournal.REPLACE, table.name()});
    staged.put(table, Set.of());
    return this;
  }

  /**
   * Stages new versions of the partitions {@code values} of {@code table} (partitioned by one
   * column) from {@code data}, which holds rows of those partitions only; a value without rows
   * will be removed. The other partitions stay as they are.
   */
  public TableCommit replacePartitions(TableSpec table, Dataset<Row> data, Set<String> values) {
    if (table.partitionColumns().size() != 1) {
      throw new IllegalArgumentException(table.name() + " is not partitioned by one column");
    }
    Path dir = stage(table, data);
    String column = table.partitionColumns().get(0);
    try {
      for (String v : new TreeSet<>(values)) {
        String partition = column + "=" + v;
        boolean rows = warehouse.fs().exists(new Path(dir, partition));
        steps.add(new String[] {CommitJournal.PARTITION, table.name(), partition, rows ? CommitJournal.REPLACE : CommitJournal.REMOVE});
      }
    } catch (IOException e) {
      throw failed(table, new UncheckedIOException("listing the staged partitions of " + table.name() + " failed", e));
    }
    staged.put(table, Set.copyOf(values));
    return this;
  }

  /** Stages {@code rows} to be added to {@code table} as new files (the {@code runs} log). */
  public TableCommit append(TableSpec table, Dataset<Row> rows) {
    stage(table, rows.coalesce(1));
    steps.add(new String[] {CommitJournal.APPEND, table.name()});
    staged.put(table, Set.of());
    return this;
  }

  /** {@code table} as it will read once committed: staged rows and, for a partial or appended table, the kept ones. */
  public Dataset<Row> read(SparkSession spark, TableSpec table) {
    Set<String> values = staged.get(table);
    if (values == null) {
      throw new IllegalArgumentException(table.name() + " is not part of the commit " + name);
    }
    Dataset<Row> rows = spark.read().schema(table.schema()).parquet(new Path(staging, table.name()).toString());
    boolean whole = steps.stream().anyMatch(s -> s[0].equals(CommitJournal.REPLACE) && s[1].equals(table.name()));
    if (whole || !warehouse.hasTable(table)) {
      return rows;
    }
    Dataset<Row> kept = spark.read().schema(table.schema()).parquet(warehouse.tableDir(table).toString());
    if (!values.isEmpty()) {
      kept = kept.where(not(col(table.partitionColumns().get(0)).isin(values.toArray())));
    }
    return rows.unionByName(kept);
  }

  /**
   * Makes every staged table visible: writes the journal, then moves each new version in and each
   * old one aside. After the journal is written the commit happens, if need be by the next writer.
   */
  public void commit() {
    if (done) {
      throw new IllegalStateException("the commit " + name + " is already closed");
    }
    CommitJournal journal = new CommitJournal(staging, trash, List.copyOf(steps));
    Path file = AtomicTableWriter.journal(warehouse, name);
    try {
      journal.write(warehouse.fs(), file);
    } catch (IOException e) {
      deleteQuietly(file.suffix(".tmp"));
      throw failed(staged.keySet().iterator().next(), new UncheckedIOException("journalling the commit of " + name + " failed", e));
    }
    done = true;
    try {
      journal.rollForward(warehouse, file);
    } catch (IOException e) {
      throw new UncheckedIOException("committing " + name + " failed after its journal " + file
          + " was written; the next job or reader finishes it", e);
    }
    LOG.info("{}: committed {}", name, staged.keySet().stream().map(TableSpec::name).toList());
  }

  /** Removes what was staged, unless committed. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      deleteQuietly(staging);
    }
  }

  /** Writes {@code data} to the commit's staging folder; on failure removes everything this commit staged. */
  private Path stage(TableSpec table, Dataset<Row> data) {
    if (done) {
      throw new IllegalStateException("the commit " + name + " is already closed");
    }
    if (staged.containsKey(table)) {
      throw new IllegalArgumentException(table.name() + " is staged twice in the commit " + name);
    }
    Path dir = new Path(staging, table.name());
    try {
      data.write()
          .mode(SaveMode.ErrorIfExists)
          .option("maxRecordsPerFile", AtomicTableWriter.MAX_RECORDS_PER_FILE)
          .partitionBy(table.partitionColumns().toArray(String[]::new))
          .parquet(dir.toString());
      return dir;
    } catch (Exception e) { // Spark's SparkException is checked, though Scala throws it unannounced
      probeStorage(e);
      throw failed(table, e);
    }
  }

  /** Abandons the commit after {@code e}; a storage error becomes a {@link StorageFailure} saying what is unchanged. */
  private RuntimeException failed(TableSpec table, Exception e) {
    close();
    var others = staged.keySet().stream().map(TableSpec::name).filter(t -> !t.equals(table.name())).toList();
    String outcome = "the previous table is unchanged" + (others.isEmpty() ? "" : ", and so are " + String.join(", ", others));
    var storage = StorageFailure.whileWriting(e, table.name(), warehouse.databaseDir(), outcome);
    if (storage.isPresent()) {
      return storage.get();
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
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

  private void deleteQuietly(Path path) {
    try {
      warehouse.fs().delete(path, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", path, e.toString());
    }
  }
}
