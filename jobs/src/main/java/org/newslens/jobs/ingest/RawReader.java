package org.newslens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.newslens.common.schema.ReasonCode;

/**
 * Reads all input files into raw records, in parallel: text-like files by {@link FileReaders}
 * inside Spark tasks (balanced bins of files, so ten thousand small files are not ten thousand
 * tasks), Parquet by Spark's reader after a check of each file's footer.
 */
public final class RawReader implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Bins per core: enough to balance uneven files, few enough to avoid tiny tasks. */
  static final int BINS_PER_CORE = 3;

  private final HashMap<String, String> hadoopConf;
  private final FieldMapping mapping;
  private final long maxRecordBytes;
  private final ReportLimits limits;

  public RawReader(Configuration conf, FieldMapping mapping, long maxRecordBytes) {
    this(conf, mapping, maxRecordBytes, ReportLimits.DEFAULT);
  }

  public RawReader(Configuration conf, FieldMapping mapping, long maxRecordBytes, ReportLimits limits) {
    this.hadoopConf = new HashMap<>();
    conf.forEach(e -> hadoopConf.put(e.getKey(), e.getValue()));
    this.mapping = mapping;
    this.maxRecordBytes = maxRecordBytes;
    this.limits = limits;
  }

  /** One raw record per input record, and one per file or folder that could not be read. */
  public Dataset<Row> read(SparkSession spark, InputListing.Listing listing) {
    List<FileTask> text = listing.tasks().stream().filter(t -> t.format() != InputFormat.PARQUET).toList();
    List<FileTask> parquet = listing.tasks().stream().filter(t -> t.format() == InputFormat.PARQUET).toList();
    Dataset<Row> raw = spark.createDataFrame(listing.unreadable(), RawRecords.SCHEMA);
    if (!text.isEmpty()) {
      raw = raw.union(readText(spark, text));
    }
    if (!parquet.isEmpty()) {
      raw = raw.union(readParquet(spark, parquet));
    }
    return raw;
  }

  private Dataset<Row> readText(SparkSession spark, List<FileTask> tasks) {
    var jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<FileTask>> bins = balance(tasks, Math.max(1, jsc.defaultParallelism() * BINS_PER_CORE));
    var rows = jsc.parallelize(bins, bins.size()).flatMap(this::readBin);
    return spark.createDataFrame(rows, RawRecords.SCHEMA);
  }

  /** Greedy longest-first assignment of tasks to the least-loaded bin. */
  static List<List<FileTask>> balance(List<FileTask> tasks, int maxBins) {
    int n = Math.min(maxBins, tasks.size());
    List<List<FileTask>> bins = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      bins.add(new ArrayList<>());
    }
    List<FileTask> bySize = new ArrayList<>(tasks);
    bySize.sort(Comparator.comparingLong(FileTask::length).reversed().thenComparing(FileTask::path));
    for (FileTask t : bySize) {
      int least = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      bins.get(least).add(t);
      load[least] += Math.max(t.length(), 1);
    }
    return bins;
  }

  private Iterator<Row> readBin(List<FileTask> bin) {
    FileReaders readers = new FileReaders(configuration(), mapping, maxRecordBytes, limits);
    return bin.stream().flatMap(t -> stream(readers.read(t))).iterator();
  }

  private static java.util.stream.Stream<Row> stream(Iterator<Row> it) {
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
  }

  private Configuration configuration() {
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    return conf;
  }

  private Dataset<Row> readParquet(SparkSession spark, List<FileTask> tasks) {
    var jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> paths = tasks.stream().map(FileTask::path).toList();
    List<Row> broken = jsc.parallelize(paths, Math.min(paths.size(), jsc.defaultParallelism() * BINS_PER_CORE))
        .flatMap(this::checkFooter)
        .collect();
    List<String> good = new ArrayList<>(paths);
    broken.forEach(r -> good.remove(r.getString(0)));
    Dataset<Row> out = spark.createDataFrame(broken, RawRecords.SCHEMA);
    if (good.isEmpty()) {
      return out;
    }
    Dataset<Row> df = spark.read().option("mergeSchema", "true").parquet(good.toArray(String[]::new));
    List<String> columns = Arrays.asList(df.columns());
    List<Column> select = new ArrayList<>();
    select.add(col("_metadata.file_path").as(RawRecords.INPUT_FILE));
    select.add(concat(lit("row "), col("_metadata.row_index").cast("string")).as(RawRecords.RECORD_LOCATOR));
    for (Field f : Field.values()) {
      select.add(mapping.column(f, columns).map(c -> asString(df, c)).orElse(lit(null).cast("string")).as(rawName(f)));
    }
    for (String c : List.of(RawRecords.ERROR_CODE, RawRecords.ERROR_DETAIL, RawRecords.RAW_EXCERPT)) {
      select.add(lit(null).cast("string").as(c));
    }
    select.add(lit(null).cast(RawRecords.SCHEMA.apply(RawRecords.PAGE_STARTS).dataType()).as(RawRecords.PAGE_STARTS));
    return out.union(df.select(select.toArray(Column[]::new)));
  }

  private static Column asString(Dataset<Row> df, String column) {
    Column c = df.col("`" + column + "`");
    return df.schema().apply(column).dataType() instanceof ArrayType ? concat_ws("\n\n", c) : c.cast("string");
  }

  static String rawName(Field f) {
    return Map.of(
            Field.ID, RawRecords.ID, Field.TITLE, RawRecords.TITLE, Field.TEXT, RawRecords.TEXT,
            Field.DATE, RawRecords.DATE, Field.URL, RawRecords.URL, Field.SOURCE, RawRecords.SOURCE,
            Field.AUTHOR, RawRecords.AUTHOR)
        .get(f);
  }

  private Iterator<Row> checkFooter(String path) {
    try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), configuration()))) {
      reader.getFooter();
      return java.util.Collections.emptyIterator();
    } catch (Exception e) {
      return List.of(RawRecords.error(path, "file", ReasonCode.UNREADABLE_FILE, "not a readable Parquet file: " + e.getMessage(), null)).iterator();
    }
  }
}
