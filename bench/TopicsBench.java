import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newslens.common.topics.Coherence;
import org.newslens.common.topics.ThemeLexicon;
import org.newslens.jobs.topics.TopicModel;
import org.newslens.jobs.topics.TopicTokens;
import org.newslens.jobs.topics.TopicsOptions;
import org.newslens.jobs.topics.TopicsTransform;
import scala.Tuple2;

/**
 * Topic models side by side on the same tokens and vocabulary: Spark MLlib online LDA (as the
 * topics stage fits it), Spark EM (with --em) and MALLET 2.1.1 (Gibbs sampling, 2 threads, 500
 * iterations). Prints wall time of the fit, mean NPMI (top-10 terms, document co-occurrence on
 * the same corpus, the same code for every engine) and diversity.
 *
 *   bench/topics-bench.sh WAREHOUSE [--k 20] [--em]
 */
public class TopicsBench {

  public static void main(String[] args) throws Exception {
    String warehouse = args[0];
    int k = intArg(args, "--k", 20);
    int iterations = intArg(args, "--iterations", 50);
    int malletIterations = intArg(args, "--mallet-iterations", 500);
    boolean em = Arrays.asList(args).contains("--em");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("topics bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    var docs = spark.read().parquet(warehouse + "/newslens.db/documents").where("is_canonical").select("doc_id", "period", "text");
    var input = docs.withColumn("mentions", org.apache.spark.sql.functions.lit(null)
        .cast("array<struct<begin_char:int,end_char:int,entity_id:string,theme:string>>"));
    var mentionsDir = new java.io.File(warehouse + "/newslens.db/entity_mentions");
    if (mentionsDir.isDirectory()) {
      var m = spark.read().parquet(mentionsDir.toString()).select("doc_id", "begin_char", "end_char", "entity_id")
          .join(spark.read().parquet(warehouse + "/newslens.db/entities").select("entity_id", "theme"), "entity_id")
          .groupBy("doc_id").agg(org.apache.spark.sql.functions.collect_list(org.apache.spark.sql.functions.struct("begin_char", "end_char", "entity_id", "theme")).as("mentions"));
      input = docs.join(m, new String[] {"doc_id"}, "left").select("doc_id", "period", "text", "mentions");
    }
    var tokens = input.mapPartitions(new TopicTokens(ThemeLexicon.load(Optional.empty())), Encoders.row(TopicTokens.SCHEMA)).cache();
    long nDocs = tokens.count();
    List<String> vocab = TopicsTransform.vocabulary(tokens, TopicsOptions.MIN_DF_DEFAULT, TopicsOptions.MAX_DF_DEFAULT, TopicsOptions.VOCAB_SIZE_DEFAULT);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocab.size(); i++) {
      index.put(vocab.get(i), i);
    }
    List<Row> rows = tokens.select("doc_id", "tokens").orderBy("doc_id").collectAsList();
    List<int[]> sequences = new ArrayList<>();
    List<Tuple2<Long, Vector>> vectors = new ArrayList<>();
    for (int d = 0; d < rows.size(); d++) {
      int[] seq = rows.get(d).<String>getList(1).stream().filter(index::containsKey).mapToInt(index::get).toArray();
      if (seq.length == 0) {
        continue;
      }
      sequences.add(seq);
      double[] counts = new double[vocab.size()];
      for (int t : seq) {
        counts[t]++;
      }
      vectors.add(new Tuple2<>((long) d, Vectors.dense(counts).compressed()));
    }
    JavaPairRDD<Long, Vector> corpus = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelizePairs(vectors, 2).cache();
    long docsUsed = corpus.count();
    long tokenCount = sequences.stream().mapToLong(s -> s.length).sum();
    System.out.printf("corpus: %d documents (%d with in-vocabulary tokens), %d terms, %,d tokens; k = %d%n", nDocs, docsUsed, vocab.size(), tokenCount, k);

    List<String[]> table = new ArrayList<>();
    var online = new TopicsOptions(k, 10, 10, iterations, "online", 42, TopicsOptions.MIN_DF_DEFAULT, TopicsOptions.MAX_DF_DEFAULT,
        TopicsOptions.VOCAB_SIZE_DEFAULT, 0.1, 0, 0, 3, 1.0, Optional.empty(), false, false);
    table.add(row("Spark MLlib online LDA (" + iterations + " it)", TopicModel.fit("all", corpus, docsUsed, k, online, List.of(), vocab.size(), false)));
    if (em) {
      var emOptions = new TopicsOptions(k, 10, 10, iterations, "em", 42, TopicsOptions.MIN_DF_DEFAULT, TopicsOptions.MAX_DF_DEFAULT,
          TopicsOptions.VOCAB_SIZE_DEFAULT, 0.1, 0, 0, 3, 1.0, Optional.empty(), false, false);
      table.add(row("Spark MLlib EM LDA (" + iterations + " it)", TopicModel.fit("all", corpus, docsUsed, k, emOptions, List.of(), vocab.size(), false)));
    }
    table.add(mallet(corpus, docsUsed, sequences, vocab, k, malletIterations));
    System.out.printf("%-36s %9s %10s %10s%n", "engine", "seconds", "mean_npmi", "diversity");
    table.forEach(r -> System.out.printf("%-36s %9s %10s %10s%n", (Object[]) r));
    spark.stop();
  }

  private static String[] row(String name, TopicModel.Fit fit) {
    return new String[] {name, String.format("%.1f", fit.seconds()), String.format("%.4f", fit.meanNpmi()), String.format("%.4f", fit.diversity())};
  }

  private static String[] mallet(JavaPairRDD<Long, Vector> corpus, long docs, List<int[]> sequences, List<String> vocab, int k, int iterations) throws Exception {
    java.util.logging.Logger.getLogger("cc.mallet").setLevel(java.util.logging.Level.OFF);
    ParallelTopicModel.logger.setLevel(java.util.logging.Level.OFF);
    Alphabet alphabet = new Alphabet();
    vocab.forEach(t -> alphabet.lookupIndex(t, true));
    InstanceList instances = new InstanceList(alphabet, null);
    for (int[] seq : sequences) {
      instances.add(new Instance(new FeatureSequence(alphabet, seq), null, null, null));
    }
    ParallelTopicModel model = new ParallelTopicModel(k, 0.1 * k, 0.01);
    model.setRandomSeed(42);
    model.setNumThreads(2);
    model.setNumIterations(iterations);
    model.setTopicDisplay(iterations + 1, 0);
    model.addInstances(instances);
    long start = System.nanoTime();
    model.estimate();
    double seconds = (System.nanoTime() - start) / 1e9;
    List<int[]> top25 = new ArrayList<>();
    for (TreeSet<IDSorter> words : model.getSortedWords()) {
      top25.add(words.stream().limit(25).mapToInt(IDSorter::getID).toArray());
    }
    List<int[]> top10 = top25.stream().map(t -> Arrays.copyOf(t, Math.min(10, t.length))).toList();
    double npmi = Arrays.stream(TopicModel.coherence(corpus, docs, top10, vocab.size())).average().orElse(0);
    return new String[] {"MALLET 2.1.1 Gibbs (" + iterations + " it, 2 threads)", String.format("%.1f", seconds),
        String.format("%.4f", npmi), String.format("%.4f", Coherence.diversity(top25))};
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
