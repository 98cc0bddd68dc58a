package org.newslens.jobs.dedup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * A text's sampled 5-word shingle ids and its words with a digit, in one pass over the text.
 *
 * <p>The ids are exactly those of MLlib {@code RegexTokenizer} (pattern {@code [^\p{L}\p{N}]+},
 * lower case) → {@code NGram(5)} → Spark's {@code xxhash64} (seed 42) of each shingle, kept when
 * {@code pmod(id, SAMPLE_MODULUS) = 0}, distinct, in first-seen order; the words with a digit are
 * those of {@code filter(words, w -> w rlike '\d')}, distinct. Built as DataFrame expressions,
 * that chain made a string per shingle and evaluated two interpreted higher-order functions per
 * word: 2 ms of CPU per article, more than MinHashing it. {@code ShinglesTest} checks that both
 * give the same ids.
 */
final class Shingles {

  /** Output fields: {@code ids array<bigint>}, {@code numbers array<string>}. */
  static final String IDS = "ids";
  static final String NUMBERS = "numbers";

  static final StructType TYPE = new StructType()
      .add(IDS, DataTypes.createArrayType(DataTypes.LongType, false), false)
      .add(NUMBERS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Seed of Spark's {@code xxhash64} function. */
  private static final long XXHASH_SEED = 42L;
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern DIGIT = Pattern.compile("\\d");

  private Shingles() {}

  /** The UDF: {@code struct<ids, numbers>} of a text column (null text: empty arrays). */
  static UserDefinedFunction udf() {
    return functions.udf((UDF1<String, Row>) Shingles::of, TYPE);
  }

  static Row of(String text) {
    List<String> words = words(text == null ? "" : text);
    Set<Long> ids = new LinkedHashSet<>();
    StringBuilder shingle = new StringBuilder();
    for (int i = 0; i + NearDuplicates.SHINGLE_WORDS <= words.size(); i++) {
      shingle.setLength(0);
      for (int k = i; k < i + NearDuplicates.SHINGLE_WORDS; k++) {
        shingle.append(k == i ? "" : " ").append(words.get(k));
      }
      byte[] bytes = shingle.toString().getBytes(StandardCharsets.UTF_8);
      long id = XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length, XXHASH_SEED);
      if (Math.floorMod(id, NearDuplicates.SAMPLE_MODULUS) == 0) {
        ids.add(id);
      }
    }
    Set<String> numbers = new LinkedHashSet<>();
    for (String w : words) {
      if (DIGIT.matcher(w).find()) {
        numbers.add(w);
      }
    }
    return RowFactory.create(new ArrayList<>(ids), new ArrayList<>(numbers));
  }

  /** As RegexTokenizer: the whole text lower-cased (default locale), split, empty tokens dropped. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NOT_WORD.split(text.toLowerCase())) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
