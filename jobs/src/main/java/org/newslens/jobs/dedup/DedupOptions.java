package org.newslens.jobs.dedup;

import java.util.LinkedHashMap;
import java.util.Map;
import org.newslens.jobs.cli.UserException;

/**
 * How near-duplicates are found, validated on construction.
 *
 * <p>MinHash LSH with {@code bands × rows} MinHash functions (MLlib {@code MinHashLSH} hash
 * tables): a pair becomes a candidate when all {@code rows} values of at least one band agree,
 * with probability {@code 1 - (1 - J^rows)^bands} for Jaccard similarity {@code J}. With the
 * defaults (10 bands of 2) that is 0.9999 at J = 0.8, 0.93 at J = 0.5 and 0.6 at J = 0.3:
 * every pair near the threshold is found and most unrelated pairs are never compared.
 *
 * @param threshold Jaccard similarity of 5-word shingle sets at or above which two documents are
 *     near-duplicates ({@code --dedup-threshold})
 * @param bands LSH bands
 * @param rows MinHash values per band
 * @param bucketCap members of a bucket that are compared with every other member; a bucket of
 *     {@code n} documents yields at most {@code bucketCap · n} candidate pairs instead of
 *     {@code n²/2} (boilerplate shared by thousands of documents cannot blow up the join)
 * @param seed seed of the MinHash functions
 */
public record DedupOptions(double threshold, int bands, int rows, int bucketCap, long seed) {

  /** Default for {@code --dedup-threshold}, tuned on the labelled set of {@code NearDuplicatesLabelledTest}. */
  public static final double THRESHOLD_DEFAULT = 0.5;

  /** LSH bands. */
  public static final int BANDS_DEFAULT = 10;

  /** MinHash values per band. */
  public static final int ROWS_DEFAULT = 2;

  /** Bucket members compared with all others. */
  public static final int BUCKET_CAP_DEFAULT = 100;

  public DedupOptions {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new UserException("--dedup-threshold " + threshold + " must be in (0, 1]");
    }
    if (bands < 1 || rows < 1 || bucketCap < 1) {
      throw new IllegalArgumentException("bands, rows and bucketCap must be positive");
    }
  }

  /** The defaults with the given threshold and seed. */
  public static DedupOptions of(double threshold, long seed) {
    return new DedupOptions(threshold, BANDS_DEFAULT, ROWS_DEFAULT, BUCKET_CAP_DEFAULT, seed);
  }

  /** The options as recorded in {@code runs.config}. */
  public Map<String, Object> toConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("dedup_threshold", threshold);
    c.put("dedup_bands", bands);
    c.put("dedup_rows", rows);
    c.put("dedup_bucket_cap", bucketCap);
    c.put("seed", seed);
    return c;
  }
}
