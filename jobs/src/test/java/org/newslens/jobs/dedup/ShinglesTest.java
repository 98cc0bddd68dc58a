package org.newslens.jobs.dedup;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.newslens.common.schema.DocumentsTable;
import org.newslens.jobs.SparkTestSession;

/** {@link Shingles} gives the ids and numbers of the MLlib chain it replaces. */
class ShinglesTest {

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void sameIdsAndNumbersAsRegexTokenizerNGramAndXxhash64OnEveryLabelledText() {
    Dataset<Row> docs = LabelledNearDuplicates.build(spark, 7).select(DocumentsTable.DOC_ID, DocumentsTable.TEXT);
    Dataset<Row> words = new RegexTokenizer().setInputCol(DocumentsTable.TEXT).setOutputCol("words")
        .setPattern("[^\\p{L}\\p{N}]+").setToLowercase(true).transform(docs);
    Dataset<Row> expected = new NGram().setN(NearDuplicates.SHINGLE_WORDS).setInputCol("words").setOutputCol("ngrams")
        .transform(words)
        .select(col(DocumentsTable.DOC_ID),
            array_distinct(filter(transform(col("ngrams"), s -> xxhash64(s)),
                h -> pmod(h, lit(NearDuplicates.SAMPLE_MODULUS)).equalTo(0))).as("ids"),
            array_distinct(filter(col("words"), w -> w.rlike("\\d"))).as("numbers"));
    Dataset<Row> actual = docs.select(col(DocumentsTable.DOC_ID), Shingles.udf().apply(col(DocumentsTable.TEXT)).as("s"))
        .select(col(DocumentsTable.DOC_ID), col("s.ids").as("ids"), col("s.numbers").as("numbers"));

    assertThat(actual.count()).isGreaterThan(1000);
    assertThat(actual.except(expected).count()).isZero();
    assertThat(expected.except(actual).count()).isZero();
    long sampled = actual.selectExpr("sum(size(ids))").first().getLong(0);
    long all = words.selectExpr("sum(greatest(size(words) - 4, 0))").first().getLong(0);
    // A quarter of the shingles, give or take repeats within a text.
    assertThat((double) sampled / all).isBetween(0.2, 0.27);
  }

  @Test
  void shortTextsAndUnicode() {
    assertThat(Shingles.words("  Ünïcode-aware, TEXT: 3.5% of «Ölkonzern» ")).containsExactly(
        "ünïcode", "aware", "text", "3", "5", "of", "ölkonzern");
    // The UDF's rows hold Java lists (Spark converts them); Row.getList expects Scala's.
    assertThat((List<?>) Shingles.of("only four words here").get(0)).isEmpty();
    assertThat((List<?>) Shingles.of(null).get(0)).isEmpty();
    assertThat((List<?>) Shingles.of("five words make one shingle").get(0)).hasSizeLessThanOrEqualTo(1);
    assertThat((List<?>) Shingles.of("F-35 deliveries rose 12% in 2026, to 170 jets, and 12 more").get(1))
        .isEqualTo(List.of("35", "12", "2026", "170"));
  }
}
