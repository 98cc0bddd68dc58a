package org.newslens.jobs.dedup;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_intersect;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.newslens.common.schema.DocumentsTable;

/**
 * Near-duplicate clusters of documents (syndicated wire copies with a trimmed lead, a byline, new
 * paragraph breaks, a few changed words or another headline). I/O free.
 *
 * <p>Each text becomes its set of 5-word shingles (lower case, letters and digits only, so
 * punctuation and paragraph breaks do not count), of which one in {@link #SAMPLE_MODULUS} is kept
 * by hash ({@link Shingles}: the ids MLlib {@code RegexTokenizer} → {@code NGram} → {@code xxhash64}
 * give, in one pass), hashed to a sparse binary vector ({@code HashingTF}, 2^24 features) and
 * MinHashed ({@code MinHashLSH}).
 * Candidate pairs share all MinHash values of one band (see {@link DedupOptions}); a bucket's
 * pairs are capped, so a bucket of {@code n} documents costs at most {@code bucketCap · n} pairs.
 * Candidates are kept when the exact Jaccard similarity of their shingle sets reaches the
 * threshold and their numbers agree: the words with a digit of one text (amounts, dates, contract
 * and case numbers) are all in the other. Templated notices of one source (two contract awards in
 * the same words to different firms) reach a Jaccard of 0.85 and differ only in such words, while a
 * trimmed, bylined or copy-edited copy adds no number of its own; a story updated with a new figure
 * therefore starts a cluster of its own. Clusters are the connected components of the kept pairs ({@link Components}). The
 * title is not compared: syndicated copies often change it. Texts of fewer than five words have
 * no shingles, and texts of fewer than about 20 words often no sampled one: they stay alone.
 */
public final class NearDuplicates {

  /** Words per shingle. */
  public static final int SHINGLE_WORDS = 5;

  /**
   * One shingle in this many is kept, chosen by its hash ({@code pmod(hash, 4) = 0}), so every
   * document keeps the same shingles of a shared passage and the Jaccard similarity of the samples
   * estimates that of the whole sets (Broder's mod-m sampling; a 600-word article keeps about 150).
   * MinHashing and verification cost a quarter of what the whole sets cost.
   */
  public static final int SAMPLE_MODULUS = 4;

  /** HashingTF dimension: shingle collisions are negligible at 2^24. */
  static final int FEATURES = 1 << 24;

  private static final String SHINGLES = "shingles";
  private static final String IDS = "shingle_ids";
  private static final String NUMBERS = "numbers";
  private static final String FEATURES_COL = "features";
  private static final String HASHES = "hashes";
  private static final String BUCKET = "bucket";
  private static final String BUCKETS = "buckets";
  private static final String RANK = "rank";

  private NearDuplicates() {}

  /** The documents with their clusters set, and the candidate pairs the LSH buckets proposed. */
  public record Assigned(Dataset<Row> documents, long candidatePairs) {}

  /** Pairs that reached the threshold, and how many candidate pairs were verified to find them. */
  public record Similar(Dataset<Row> pairs, long candidatePairs) {}

  /**
   * {@code documents} (one row per distinct text, {@code syndication_count} holding its exact
   * copies) with {@code dup_cluster} (doc_id of the cluster's canonical document),
   * {@code is_canonical} and {@code syndication_count} (input records in the cluster) set.
   */
  public static Assigned assign(Dataset<Row> documents, DedupOptions options) {
    Similar similar = similarPairs(documents, options);
    Dataset<Row> labels = Components.canonical(similar.pairs(), documents);
    Dataset<Row> joined = documents.drop(DocumentsTable.DUP_CLUSTER, DocumentsTable.IS_CANONICAL)
        .join(labels, documents.col(DocumentsTable.DOC_ID).equalTo(labels.col(Components.NODE)), "left")
        .withColumn(DocumentsTable.DUP_CLUSTER, coalesce(col(Components.CANONICAL), col(DocumentsTable.DOC_ID)))
        .withColumn(DocumentsTable.IS_CANONICAL, col(DocumentsTable.DUP_CLUSTER).equalTo(col(DocumentsTable.DOC_ID)))
        .withColumn(DocumentsTable.SYNDICATION_COUNT,
            sum(col(DocumentsTable.SYNDICATION_COUNT)).over(Window.partitionBy(DocumentsTable.DUP_CLUSTER)).cast("int"));
    return new Assigned(joined.select(java.util.Arrays.stream(documents.columns()).map(c -> col(c)).toArray(Column[]::new)),
        similar.candidatePairs());
  }

  /**
   * Pairs {@code (a, b, jaccard)}, {@code a < b}, of documents whose shingle sets reach the
   * threshold and whose numbers agree. The shingle sets and bucket keys are computed once and kept
   * by a local checkpoint (memory, spilling to disk) for the candidate join and the verification;
   * so are the candidate pairs, which are counted (what the LSH costs grows with pairs per document,
   * not with documents: the number to watch as a corpus grows).
   */
  public static Similar similarPairs(Dataset<Row> documents, DedupOptions options) {
    Dataset<Row> shingled = shingles(documents);
    Dataset<Row> hashed = new MinHashLSH()
        .setNumHashTables(options.bands() * options.rows())
        .setSeed(options.seed())
        .setInputCol(FEATURES_COL)
        .setOutputCol(HASHES)
        .fit(shingled)
        .transform(shingled)
        .select(col(DocumentsTable.DOC_ID), col(IDS), col(NUMBERS), bucketKeys(options).as(BUCKETS))
        .localCheckpoint();
    Dataset<Row> candidates = candidates(hashed.select(col(DocumentsTable.DOC_ID), explode(col(BUCKETS)).as(BUCKET)),
        options.bucketCap()).localCheckpoint();
    long candidatePairs = candidates.count();
    Dataset<Row> a = hashed.select(col(DocumentsTable.DOC_ID).as("a"), col(IDS).as("ids_a"), col(NUMBERS).as("numbers_a"));
    Dataset<Row> b = hashed.select(col(DocumentsTable.DOC_ID).as("b"), col(IDS).as("ids_b"), col(NUMBERS).as("numbers_b"));
    // |A ∪ B| = |A| + |B| - |A ∩ B|, so J >= t is |A ∩ B| (1 + t) >= t (|A| + |B|): one set
    // operation per candidate; the ratio itself is computed for the kept pairs only.
    Column common = size(array_intersect(col("ids_a"), col("ids_b")));
    Column sizes = size(col("ids_a")).plus(size(col("ids_b")));
    Column similar = common.multiply(1 + options.threshold()).geq(sizes.multiply(options.threshold()));
    Column jaccard = common.divide(sizes.minus(common));
    Column numbersAgree = size(array_except(col("numbers_a"), col("numbers_b"))).equalTo(0)
        .or(size(array_except(col("numbers_b"), col("numbers_a"))).equalTo(0));
    return new Similar(candidates.join(a, "a").join(b, "b")
        .where(numbersAgree.and(similar))
        .select(col("a"), col("b"), jaccard.as("jaccard")), candidatePairs);
  }

  /**
   * doc_id, distinct shingle ids, their binary HashingTF vector and the distinct words with a digit
   * (amounts, dates, ids); texts without shingles dropped.
   */
  static Dataset<Row> shingles(Dataset<Row> documents) {
    Dataset<Row> shingles = documents
        .select(col(DocumentsTable.DOC_ID), Shingles.udf().apply(col(DocumentsTable.TEXT)).as(SHINGLES))
        .select(col(DocumentsTable.DOC_ID), col(SHINGLES + "." + Shingles.IDS).as(IDS),
            col(SHINGLES + "." + Shingles.NUMBERS).as(NUMBERS))
        .where(size(col(IDS)).gt(0));
    return new HashingTF().setInputCol(IDS).setOutputCol(FEATURES_COL).setNumFeatures(FEATURES).setBinary(true)
        .transform(shingles);
  }

  /** Per band, the band's MinHash values hashed to one bucket key. */
  private static Column bucketKeys(DedupOptions options) {
    int rows = options.rows();
    Column values = transform(col(HASHES), h -> vector_to_array(h, "float64").getItem(0));
    return transform(sequence(lit(0), lit(options.bands() - 1)),
        band -> xxhash64(band, slice(values, band.multiply(rows).plus(1), lit(rows))));
  }

  /**
   * Distinct pairs {@code a < b} sharing a bucket, where {@code a} is among the bucket's first
   * {@code cap} members by doc_id: at most {@code cap · n} pairs for a bucket of {@code n}.
   */
  private static Dataset<Row> candidates(Dataset<Row> buckets, int cap) {
    Dataset<Row> members = buckets
        .withColumn(RANK, row_number().over(Window.partitionBy(BUCKET).orderBy(DocumentsTable.DOC_ID)))
        .withColumn("members", count(lit(1)).over(Window.partitionBy(BUCKET)))
        .where(col("members").gt(1));
    Dataset<Row> left = members.where(col(RANK).leq(cap))
        .select(col(BUCKET).as("bucket_l"), col(DocumentsTable.DOC_ID).as("x"), col(RANK).as("rank_l"));
    Dataset<Row> right = members.select(col(BUCKET), col(DocumentsTable.DOC_ID).as("y"), col(RANK));
    return left.join(right, col("bucket_l").equalTo(col(BUCKET)).and(col(RANK).gt(col("rank_l"))))
        .select(least(col("x"), col("y")).as("a"), greatest(col("x"), col("y")).as("b"))
        .distinct();
  }
}
