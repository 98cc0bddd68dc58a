package org.newslens.jobs.cooccur;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ln;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.common.schema.EntityMentionsTable;

/**
 * Entity co-occurrence counts and significance, all with Spark aggregations (nothing collected).
 *
 * <p>A window is a sentence or a document of a canonical document. In each window the entities
 * are capped at {@code maxPerWindow} by salience (mentions in the window, then first position, then
 * id), which bounds the pairs of a long document to maxPerWindow² / 2. For each window kind and
 * period (each month and {@code all}): {@code n_windows} counts windows with at least one entity,
 * {@code n_a} windows with a, {@code n_ab} windows with both, and
 * <ul>
 *   <li>PMI = ln(n_ab·N / (n_a·n_b)),
 *   <li>NPMI = PMI / −ln(n_ab/N) (1 when n_ab = N),
 *   <li>G² = 2 Σ k·ln(k·N / (row·col)) over the 2×2 table, 0·ln 0 = 0.
 * </ul>
 * Pairs with n_ab below {@code minCount} are dropped; that never changes the counts of kept pairs.
 * {@code n_ab_syndicated} sums the windows' weights (a document's {@code syndication_count} under
 * {@code --weight-by-syndication}, else null).
 *
 * <p>How it is counted: entity ids become numbers of a dictionary built once per run (in id
 * order, so comparing numbers compares ids); the mentions are grouped by document in one shuffle
 * of numbers; each document's windows are built once, capped, and cached with how many of them
 * the cap shortened; they yield the document's pairs, singles and window counts already
 * added up over its sentences (a pair in three sentences of a document is one row of count 3);
 * only those per-document counts are shuffled to be summed per month, the months summed into
 * {@code all}, and the ids looked up again for the pairs kept. The windows are never joined with
 * themselves and no string key is shuffled but the example documents'.
 */
public final class CooccurTransform {

  /** Input column: what a window of this document counts for in {@code n_ab_syndicated} (null: not weighted). */
  public static final String WEIGHT = "weight";

  /** Dictionary column: an entity's number. */
  static final String ENTITY_NUMBER = "entity_number";

  private static final String DOC_MENTIONS = "doc_mentions";
  private static final String N = "n";
  private static final String A = "a";
  private static final String B = "b";
  private static final String[] KINDS = {CooccurrencesTable.SENTENCE, CooccurrencesTable.DOCUMENT};

  private static final StructType DICTIONARY = new StructType()
      .add(EntityMentionsTable.ENTITY_ID, DataTypes.StringType, false)
      .add(ENTITY_NUMBER, DataTypes.LongType, false);
  /**
   * A document's windows: doc_id, period, weight, then per window kind its windows' entities one
   * after the other ({@code <kind>_entities}), where each window ends in them ({@code <kind>_ends})
   * and how many windows the cap shortened ({@code <kind>_capped}).
   */
  private static final StructType WINDOWS = windowsSchema();
  private static final StructType WINDOW_COUNTS = new StructType()
      .add(CooccurrencesTable.WINDOW, DataTypes.StringType, false).add(CooccurrencesTable.PERIOD, DataTypes.StringType)
      .add(N, DataTypes.LongType, false);
  private static final StructType SINGLES = new StructType()
      .add(CooccurrencesTable.WINDOW, DataTypes.StringType, false).add(CooccurrencesTable.PERIOD, DataTypes.StringType)
      .add(ENTITY_NUMBER, DataTypes.LongType, false).add(N, DataTypes.LongType, false);
  private static final StructType PAIRS = new StructType()
      .add(CooccurrencesTable.WINDOW, DataTypes.StringType, false).add(CooccurrencesTable.PERIOD, DataTypes.StringType)
      .add(A, DataTypes.LongType, false).add(B, DataTypes.LongType, false).add(N, DataTypes.LongType, false)
      .add(EntityMentionsTable.DOC_ID, DataTypes.StringType, false).add(WEIGHT, DataTypes.LongType);

  private CooccurTransform() {}

  private static StructType windowsSchema() {
    StructType t = new StructType()
        .add(EntityMentionsTable.DOC_ID, DataTypes.StringType, false).add(EntityMentionsTable.PERIOD, DataTypes.StringType)
        .add(WEIGHT, DataTypes.LongType);
    for (String kind : KINDS) {
      t = t.add(entities(kind), DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add(ends(kind), DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add(capped(kind), DataTypes.IntegerType, false);
    }
    return t;
  }

  private static String entities(String kind) {
    return kind + "_entities";
  }

  private static String ends(String kind) {
    return kind + "_ends";
  }

  private static String capped(String kind) {
    return kind + "_capped";
  }

  /**
   * A counting: its pairs, to read or write once, and the intermediate results it caches (the
   * dictionary, each document's windows, the monthly pairs, the singles and window
   * totals: each is read more than once, and a plan that reads a Dataset twice computes it twice).
   * Close it after the pairs are written.
   */
  public static final class Counting implements AutoCloseable {
    private final Dataset<Row> pairs;
    private final Dataset<Row> windows;
    private final List<Dataset<Row>> cached;

    private Counting(Dataset<Row> pairs, Dataset<Row> windows, List<Dataset<Row>> cached) {
      this.pairs = pairs;
      this.windows = windows;
      this.cached = cached;
    }

    /** The {@code cooccurrences} rows. */
    public Dataset<Row> pairs() {
      return pairs;
    }

    /**
     * Windows holding more than {@code maxPerWindow} distinct entities, by window kind: the windows
     * whose least salient entities the cap leaves out (reported in {@code runs}). Read from the
     * cached windows: no second shuffle of the mentions.
     */
    public Map<String, Long> cappedWindows() {
      Column[] sums = Arrays.stream(KINDS).map(k -> coalesce(sum(col(capped(k))), lit(0L))).toArray(Column[]::new);
      Row total = windows.agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length)).first();
      Map<String, Long> out = new TreeMap<>();
      for (int i = 0; i < KINDS.length; i++) {
        out.put(KINDS[i], total.getLong(i));
      }
      return out;
    }

    @Override
    public void close() {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * @param mentions {@code entity_mentions} rows of canonical documents (doc_id, sentence_idx,
   *     begin_char, entity_id, period, weight)
   */
  public static Counting countPairs(Dataset<Row> mentions, int maxPerWindow, long minCount) {
    List<Dataset<Row>> cached = new ArrayList<>();
    Dataset<Row> dictionary = cache(dictionary(mentions), cached);
    Dataset<Row> documents = mentions.join(dictionary, EntityMentionsTable.ENTITY_ID)
        .groupBy(col(EntityMentionsTable.DOC_ID), col(EntityMentionsTable.PERIOD), col(WEIGHT))
        .agg(collect_list(struct(col(EntityMentionsTable.SENTENCE_IDX), col(EntityMentionsTable.BEGIN_CHAR), col(ENTITY_NUMBER)))
            .as(DOC_MENTIONS));
    Dataset<Row> windows = cache(documents.map((MapFunction<Row, Row>) doc -> windows(doc, maxPerWindow), Encoders.row(WINDOWS)), cached);
    return new Counting(statistics(windows, dictionary, minCount, cached), windows, cached);
  }

  private static Dataset<Row> cache(Dataset<Row> d, List<Dataset<Row>> cached) {
    Dataset<Row> out = d.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(out);
    return out;
  }

  /** Every entity id of the mentions with its number, numbered in id order from 0. */
  static Dataset<Row> dictionary(Dataset<Row> mentions) {
    JavaRDD<Row> numbered = mentions.select(EntityMentionsTable.ENTITY_ID).distinct().sort(EntityMentionsTable.ENTITY_ID).javaRDD()
        .zipWithIndex()
        .map(t -> {
          if (t._2() > Integer.MAX_VALUE) {
            throw new IllegalStateException("more than 2^31 distinct entities");
          }
          return RowFactory.create(t._1().getString(0), t._2());
        });
    return mentions.sparkSession().createDataFrame(numbered, DICTIONARY);
  }

  /** A document's row of {@link #WINDOWS}, from its grouped mentions (doc_id, period, weight, mentions). */
  private static Row windows(Row doc, int maxPerWindow) {
    List<Row> ms = doc.getList(doc.fieldIndex(DOC_MENTIONS));
    int[] sentence = new int[ms.size()];
    int[] begin = new int[ms.size()];
    long[] entity = new long[ms.size()];
    for (int i = 0; i < ms.size(); i++) {
      Row m = ms.get(i);
      sentence[i] = m.getInt(0);
      begin[i] = m.getInt(1);
      entity[i] = m.getLong(2);
    }
    Object[] out = new Object[3 + 3 * KINDS.length];
    out[0] = doc.getAs(EntityMentionsTable.DOC_ID);
    out[1] = doc.getAs(EntityMentionsTable.PERIOD);
    out[2] = doc.getAs(WEIGHT);
    int c = 3;
    for (String kind : KINDS) {
      DocumentWindows.Windows w = DocumentWindows.windows(sentence, begin, entity, kind.equals(CooccurrencesTable.SENTENCE), maxPerWindow);
      long[] flat = new long[w.windows().stream().mapToInt(e -> e.length).sum()];
      int[] ends = new int[w.windows().size()];
      int n = 0;
      for (int i = 0; i < ends.length; i++) {
        long[] e = w.windows().get(i);
        System.arraycopy(e, 0, flat, n, e.length);
        n += e.length;
        ends[i] = n;
      }
      out[c++] = flat;
      out[c++] = ends;
      out[c++] = w.capped();
    }
    return RowFactory.create(out);
  }

  /** A document's windows of one kind, from its cached row: each window's entities, ascending. */
  private static List<long[]> windows(Row doc, String kind) {
    List<Long> entities = doc.getList(doc.fieldIndex(entities(kind)));
    List<Integer> ends = doc.getList(doc.fieldIndex(ends(kind)));
    List<long[]> out = new ArrayList<>(ends.size());
    int from = 0;
    for (int end : ends) {
      long[] w = new long[end - from];
      for (int i = from; i < end; i++) {
        w[i - from] = entities.get(i);
      }
      out.add(w);
      from = end;
    }
    return out;
  }

  /** Per document and window kind: its windows (each holds an entity). */
  private static Dataset<Row> windowCounts(Dataset<Row> documents) {
    return documents.flatMap((FlatMapFunction<Row, Row>) doc -> {
      String period = doc.getAs(EntityMentionsTable.PERIOD);
      List<Row> out = new ArrayList<>(KINDS.length);
      for (String kind : KINDS) {
        out.add(RowFactory.create(kind, period, (long) doc.getList(doc.fieldIndex(ends(kind))).size()));
      }
      return out.iterator();
    }, Encoders.row(WINDOW_COUNTS));
  }

  /** Per document, window kind and entity: the windows holding it. */
  private static Dataset<Row> singles(Dataset<Row> documents) {
    return documents.flatMap((FlatMapFunction<Row, Row>) doc -> {
      String period = doc.getAs(EntityMentionsTable.PERIOD);
      List<Row> out = new ArrayList<>();
      for (String kind : KINDS) {
        Map<Long, Long> n = new TreeMap<>();
        for (var w : windows(doc, kind)) {
          for (long e : w) {
            n.merge(e, 1L, Long::sum);
          }
        }
        n.forEach((e, c) -> out.add(RowFactory.create(kind, period, e, c)));
      }
      return out.iterator();
    }, Encoders.row(SINGLES));
  }

  /** Per document, window kind and pair (a before b): the windows holding both. */
  private static Dataset<Row> pairs(Dataset<Row> documents) {
    return documents.flatMap((FlatMapFunction<Row, Row>) doc -> {
      String docId = doc.getAs(EntityMentionsTable.DOC_ID);
      String period = doc.getAs(EntityMentionsTable.PERIOD);
      Long weight = doc.getAs(WEIGHT);
      List<Row> out = new ArrayList<>();
      for (String kind : KINDS) {
        // a pair of entity numbers (each under 2^31) as one long: a in the high half
        Map<Long, Long> n = new TreeMap<>();
        for (long[] e : windows(doc, kind)) {
          for (int i = 0; i < e.length; i++) {
            for (int j = i + 1; j < e.length; j++) {
              n.merge(e[i] << 32 | e[j], 1L, Long::sum);
            }
          }
        }
        n.forEach((pair, c) -> out.add(RowFactory.create(kind, period, pair >>> 32, pair & 0xFFFFFFFFL, c, docId, weight)));
      }
      return out.iterator();
    }, Encoders.row(PAIRS));
  }

  /**
   * The counts per month, then over {@code all} by adding up the months: a window lies in one
   * document and a document in one month, so every count of {@code all} is the sum of the months'
   * and its five smallest example doc_ids are among the months' five smallest.
   */
  private static Dataset<Row> statistics(Dataset<Row> windows, Dataset<Row> dictionary, long minCount,
      List<Dataset<Row>> cached) {
    String w = CooccurrencesTable.WINDOW;
    String p = CooccurrencesTable.PERIOD;
    String e = ENTITY_NUMBER;
    String ex = CooccurrencesTable.EXAMPLE_DOC_IDS;
    Column all = lit(CooccurrencesTable.ALL).as(p);
    Dataset<Row> monthlyTotals = windowCounts(windows).groupBy(w, p).agg(sum(col(N)).as(CooccurrencesTable.N_WINDOWS));
    Dataset<Row> totals = cache(monthlyTotals.unionByName(monthlyTotals.groupBy(col(w), all)
        .agg(sum(col(CooccurrencesTable.N_WINDOWS)).as(CooccurrencesTable.N_WINDOWS))), cached);
    Dataset<Row> monthlySingles = singles(windows).groupBy(w, p, e).agg(sum(col(N)).as(N));
    Dataset<Row> singles = cache(monthlySingles.unionByName(monthlySingles.groupBy(col(w), all, col(e)).agg(sum(col(N)).as(N))), cached);
    Dataset<Row> monthlyPairs = cache(pairs(windows)
        .groupBy(w, p, A, B)
        .agg(sum(col(N)).as(CooccurrencesTable.N_AB),
            sum(col(N).multiply(col(WEIGHT))).as(CooccurrencesTable.N_AB_SYNDICATED),
            slice(array_sort(collect_list(col(EntityMentionsTable.DOC_ID))), 1, 5).as(ex)), cached);
    Dataset<Row> allPairs = monthlyPairs
        .groupBy(col(w), all, col(A), col(B))
        .agg(sum(col(CooccurrencesTable.N_AB)).as(CooccurrencesTable.N_AB),
            sum(col(CooccurrencesTable.N_AB_SYNDICATED)).as(CooccurrencesTable.N_AB_SYNDICATED),
            slice(array_sort(flatten(collect_list(col(ex)))), 1, 5).as(ex));
    Dataset<Row> pairs = monthlyPairs.unionByName(allPairs).where(col(CooccurrencesTable.N_AB).geq(minCount));
    Dataset<Row> withCounts = pairs
        .join(singles.withColumnRenamed(e, A).withColumnRenamed(N, CooccurrencesTable.N_A), new String[] {w, p, A})
        .join(singles.withColumnRenamed(e, B).withColumnRenamed(N, CooccurrencesTable.N_B), new String[] {w, p, B})
        .join(totals, new String[] {w, p})
        .join(dictionary.withColumnRenamed(EntityMentionsTable.ENTITY_ID, CooccurrencesTable.ENTITY_A).withColumnRenamed(e, A), A)
        .join(dictionary.withColumnRenamed(EntityMentionsTable.ENTITY_ID, CooccurrencesTable.ENTITY_B).withColumnRenamed(e, B), B);
    return withCounts
        .withColumn(CooccurrencesTable.PMI, pmi())
        .withColumn(CooccurrencesTable.NPMI, npmi())
        .withColumn(CooccurrencesTable.LLR, llr())
        .select(Arrays.stream(CooccurrencesTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  private static Column d(String c) {
    return col(c).cast("double");
  }

  static Column pmi() {
    return ln(d(CooccurrencesTable.N_AB).multiply(d(CooccurrencesTable.N_WINDOWS))
        .divide(d(CooccurrencesTable.N_A).multiply(d(CooccurrencesTable.N_B))));
  }

  static Column npmi() {
    Column pAb = d(CooccurrencesTable.N_AB).divide(d(CooccurrencesTable.N_WINDOWS));
    Column raw = pmi().divide(ln(pAb).multiply(-1));
    // Rounding can take the ratio a hair past ±1.
    return when(col(CooccurrencesTable.N_AB).equalTo(col(CooccurrencesTable.N_WINDOWS)), lit(1.0))
        .otherwise(org.apache.spark.sql.functions.least(lit(1.0), org.apache.spark.sql.functions.greatest(lit(-1.0), raw)));
  }

  /** G² = 2 Σ k ln(k N / (row col)) over k11 = n_ab, k12 = n_a − n_ab, k21 = n_b − n_ab, k22 = N − n_a − n_b + n_ab. */
  static Column llr() {
    Column n = d(CooccurrencesTable.N_WINDOWS);
    Column na = d(CooccurrencesTable.N_A);
    Column nb = d(CooccurrencesTable.N_B);
    Column k11 = d(CooccurrencesTable.N_AB);
    Column k12 = na.minus(k11);
    Column k21 = nb.minus(k11);
    Column k22 = n.minus(na).minus(nb).plus(k11);
    Column g = term(k11, na, nb, n).plus(term(k12, na, n.minus(nb), n))
        .plus(term(k21, n.minus(na), nb, n)).plus(term(k22, n.minus(na), n.minus(nb), n));
    return org.apache.spark.sql.functions.greatest(g.multiply(2), lit(0.0));
  }

  private static Column term(Column k, Column row, Column column, Column n) {
    return when(k.leq(0), lit(0.0)).otherwise(k.multiply(ln(k.multiply(n).divide(row.multiply(column)))));
  }
}
