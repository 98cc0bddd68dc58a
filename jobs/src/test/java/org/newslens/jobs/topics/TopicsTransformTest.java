package org.newslens.jobs.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.SparkTestSession;

class TopicsTransformTest {

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static Row doc(String id, String text, Row... mentions) {
    return doc(id, null, text, mentions);
  }

  private static Row doc(String id, String title, String text, Row... mentions) {
    var schema = new StructType().add("doc_id", "string").add("period", "string").add("text", "string")
        .add("mentions", DataTypes.createArrayType(new StructType().add("begin_char", "int").add("end_char", "int")
            .add("entity_id", "string").add("theme", "string")))
        .add("title", "string");
    return new GenericRowWithSchema(new Object[] {id, "2026-11", text, mentions.length == 0 ? null
        : scala.jdk.javaapi.CollectionConverters.asScala(List.of(mentions)).toSeq(), title}, schema);
  }

  @Test
  void tokensKeepDesignationsReplaceMentionsAndCountThemeMatches() {
    var tokens = new TopicTokens(ThemeLexicon.load(Optional.empty()), java.util.Map.of());
    String text = "The army said its S-400 missiles guard the 😀 LNG terminal near Gazprom's pipeline on Monday.";
    int gazprom = text.codePointCount(0, text.indexOf("Gazprom"));
    Row row = tokens.tokens(doc("d1", text, RowFactory.create(gazprom, gazprom + 7, "gazprom", "energy")));
    assertThat((String[]) row.get(2)).containsExactly("army", "s-400", "missiles", "guard", "lng", "terminal", "near",
        "ent:gazprom", "pipeline");
    assertThat(row.getInt(3)).isEqualTo(2); // defence core: army, missiles
    assertThat(row.getInt(4)).isEqualTo(2);
    assertThat(row.getInt(5)).isEqualTo(3); // energy core: lng, ent:gazprom (an energy entity), pipeline
    assertThat(row.getInt(6)).isEqualTo(4); // and the context term terminal
    assertThat((String[]) row.get(8)).containsExactly("ent:gazprom", "lng", "pipeline", "terminal");
  }

  @Test
  void anExcludedPhraseIsNoMatchButItsWordsAloneAre() {
    var tokens = new TopicTokens(ThemeLexicon.load(Optional.empty()), java.util.Map.of());
    Row row = tokens.tokens(doc("d1", "Malaysian palm oil and crude sugar exports rose; crude oil and soybean oil fell, oil rigs idle."));
    // palm oil, crude sugar, soybean oil: no match; crude, oil (twice), rigs: core; exports: context
    assertThat(row.getInt(5)).isEqualTo(4);
    assertThat(row.getInt(6)).isEqualTo(5);
    assertThat(row.getInt(3)).isZero();
  }

  @Test
  void themesNeedEnoughCoreMatchesAndDensityAndOtherwiseOther() {
    var schema = TopicTokens.SCHEMA;
    String[] ten = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    var rows = List.of(
        RowFactory.create("both", "p", ten, 3, 3, 3, 4, new String[] {"army"}, new String[] {"oil"}, null, null, false, null, null),
        RowFactory.create("sparse", "p", java.util.Collections.nCopies(200, "w").toArray(String[]::new), 3, 3, 0, 0, new String[] {"army"},
            new String[0], null, null, false, null, null),
        // six matches in ten tokens, but only two core ones: prices and exports alone are no energy story
        RowFactory.create("context", "p", ten, 0, 0, 2, 6, new String[0], new String[] {"oil", "prices"}, null, null, false, null, null),
        RowFactory.create("none", "p", new String[] {"x"}, 0, 0, 0, 0, new String[0], new String[0], null, null, false, null, null));
    var themes = TopicsTransform.docThemes(spark.createDataFrame(rows, schema), 3, 2.0, java.util.Map.of(), true).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getString(1), r -> r.getDouble(2)));
    assertThat(themes).containsOnlyKeys("both/defence", "both/energy", "sparse/other", "context/other", "none/other");
    assertThat(themes.get("both/defence")).isCloseTo(30.0, within(1e-9));
    assertThat(themes.get("both/energy")).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void aThemeWithAClassifierTakesWhatItsClassifierTakesAndUnderEitherWhatItsLexiconTakes() {
    String[] ten = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    var rows = List.of(
        // the lexicon takes both for both themes; energy has a classifier (threshold -1.0) and defence none
        RowFactory.create("above", "p", ten, 3, 3, 3, 4, new String[] {"army"}, new String[] {"oil"}, null, 0.5, false, null, null),
        RowFactory.create("below", "p", ten, 3, 3, 3, 4, new String[] {"army"}, new String[] {"oil"}, null, -1.5, false, null, null),
        // no lexicon match at all, but the classifier's score is at its threshold
        RowFactory.create("words", "p", ten, 0, 0, 0, 0, new String[0], new String[0], null, -1.0, false, null, null));
    Dataset<Row> tokens = spark.createDataFrame(rows, TopicTokens.SCHEMA);
    for (boolean orLexicon : List.of(false, true)) {
      var themes = TopicsTransform.docThemes(tokens, 3, 2.0, java.util.Map.of("energy", -1.0), orLexicon)
          .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0) + "/" + r.getString(1), r -> r.getDouble(2)));
      if (orLexicon) {
        assertThat(themes).containsOnlyKeys("above/defence", "above/energy", "below/defence", "below/energy", "words/energy");
        assertThat(themes.get("below/energy")).as("the classifier's probability, also when the lexicon took it")
            .isCloseTo(1 / (1 + Math.exp(1.5)), within(1e-6));
      } else {
        assertThat(themes).containsOnlyKeys("above/defence", "above/energy", "below/defence", "words/energy");
      }
      assertThat(themes.get("above/energy")).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-6));
      assertThat(themes.get("words/energy")).isCloseTo(1 / (1 + Math.exp(1.0)), within(1e-6));
      assertThat(themes.get("below/defence")).isCloseTo(30.0, within(1e-9));
    }
  }

  @Test
  void theClassifierScoreIsOverTheTitleAndEveryWordOfTheTextMentionsIncluded() {
    var classifier = new ThemeClassifier("energy", -2.0, 0.0, java.util.Map.of("gazprom", 3.0, "pipeline", 1.0, "football", -4.0), List.of());
    var tokens = new TopicTokens(ThemeLexicon.load(Optional.empty()), java.util.Map.of("energy", classifier));
    String text = "Gazprom opened the pipeline.";
    Row row = tokens.tokens(doc("d1", "Gazprom pipeline opens", text, RowFactory.create(0, 7, "gazprom", "energy")));
    // gazprom (a mention, still read as a word) and pipeline: 2 of the model's words, each once
    assertThat(row.getDouble(TopicTokens.SCHEMA.fieldIndex("energy_model"))).isCloseTo(-2.0 + 4.0 / Math.sqrt(2), within(1e-9));
    assertThat(row.isNullAt(TopicTokens.SCHEMA.fieldIndex("defence_model"))).isTrue();
    Row football = tokens.tokens(doc("d2", "Cup final", "The football final ended in a pipeline of penalties."));
    assertThat(football.getDouble(TopicTokens.SCHEMA.fieldIndex("energy_model"))).isCloseTo(-2.0 + (-4.0 + 1.0) / Math.sqrt(2), within(1e-9));
  }

  @Test
  void trendsSumWeightsAndShareByPeriodDocuments() {
    var schema = new StructType().add("doc_id", "string").add("period", "string").add("model", "string")
        .add("topic_id", "int").add("weight", "double");
    var weights = spark.createDataFrame(List.of(
        RowFactory.create("a", "2026-10", "all", 0, 0.7), RowFactory.create("a", "2026-10", "all", 1, 0.3),
        RowFactory.create("b", "2026-10", "all", 0, 0.05), RowFactory.create("b", "2026-10", "all", 1, 0.95),
        RowFactory.create("c", "2026-11", "all", 0, 0.5), RowFactory.create("c", "2026-11", "all", 1, 0.5)), schema);
    var trends = TopicsTransform.trends(weights, 0.1).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getInt(1) + "@" + r.getString(2), r -> r));
    Row t0oct = trends.get("0@2026-10");
    assertThat(t0oct.getLong(3)).isEqualTo(1); // only a is above the floor
    assertThat(t0oct.getDouble(4)).isCloseTo(0.75, within(1e-9));
    assertThat(t0oct.getDouble(5)).isCloseTo(0.375, within(1e-9));
    assertThat(trends.get("1@2026-10").getDouble(5)).isCloseTo(0.625, within(1e-9));
    assertThat(trends.get("0@2026-11").getDouble(5)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aFitSampleKeepsEachMonthsShareAndEveryMonth() {
    var counts = new java.util.TreeMap<String, Long>(java.util.Map.of("2024-01", 900L, "2024-02", 90L, "2024-03", 9L, "unknown", 1L));
    var quotas = TopicsTransform.sampleQuotas(counts, 100);
    assertThat(quotas.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    assertThat(quotas).containsEntry("unknown", 1L);
    assertThat(quotas.get("2024-03")).as("0.9 of a document, one plus its share of the rest rounded up").isEqualTo(2L);
    assertThat(quotas.get("2024-01")).isBetween(88L, 90L);
    assertThat(quotas.get("2024-02")).isBetween(8L, 10L);
    counts.forEach((p, n) -> assertThat(quotas.get(p)).as(p).isLessThanOrEqualTo(n));
    assertThat(TopicsTransform.sampleQuotas(counts, 2000)).as("all when there are fewer").isEqualTo(counts);
    assertThat(TopicsTransform.sampleQuotas(counts, 2)).as("more months than documents wanted: the largest months")
        .isEqualTo(java.util.Map.of("2024-01", 1L, "2024-02", 1L));
  }

  @Test
  void aFitSampleDrawsTheSameDocumentsForTheSameSeed() {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(RowFactory.create("d" + i, i < 300 ? "2024-01" : "2024-02"));
    }
    var schema = new org.apache.spark.sql.types.StructType().add("doc_id", "string").add("period", "string");
    Dataset<Row> docs = spark.createDataFrame(rows, schema);
    List<Row> a = TopicsTransform.fitSample(docs, 40, 1).orderBy("doc_id").collectAsList();
    assertThat(a).hasSize(40);
    assertThat(a.stream().filter(r -> r.<String>getAs("period").equals("2024-02")).count()).as("a quarter from February").isEqualTo(10);
    assertThat(TopicsTransform.fitSample(docs, 40, 1).orderBy("doc_id").collectAsList()).isEqualTo(a);
    assertThat(TopicsTransform.fitSample(docs, 40, 2).orderBy("doc_id").collectAsList()).isNotEqualTo(a);
  }
}
