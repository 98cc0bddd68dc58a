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
 * Topic models side by side on the same tokens and vocabulary: newslens's distributed Gibbs
 * sampler (the topics stage's default), Spark MLlib online LDA, Spark EM (with --em) and MALLET
 * 2.1.1 as its users run it (ParallelTopicModel with its command line's defaults, Σα 5, β 0.01,
 * 2 threads, 500 iterations), without and with {@code --optimize-interval 10}. Prints wall time of
 * the fit, mean NPMI (top-10 terms, document co-occurrence on the same corpus, the same code for
 * every engine), diversity, and the largest topic's share of documents (each document counted in
 * its heaviest topic).
 *
 *   bench/topics-bench.sh WAREHOUSE [--k 20] [--em] [--sweeps 500] [--iterations 100] [--mallet-iterations 500] [--mallet-optimize 0,10] [--mallet-threads 2] [--mallet-shuffle]
 *   [--seeds 1,2,3] [--no-default] [--no-online] [--gibbs-variants "sync,alphaSum,beta,burnIn,optimizeInterval,minTokensPerPartition,optimizeBeta[,blocks];..."]
 */
public class TopicsBench {

  public static void main(String[] args) throws Exception {
    String warehouse = args[0];
    int k = intArg(args, "--k", 20);
    int iterations = intArg(args, "--iterations", TopicsOptions.ITERATIONS_DEFAULT);
    int sweeps = intArg(args, "--sweeps", TopicsOptions.SWEEPS_DEFAULT);
    int malletIterations = intArg(args, "--mallet-iterations", 500);
    int malletThreads = intArg(args, "--mallet-threads", 2);
    // each document's tokens in a random order, as the Gibbs engine sees them (it reads term counts)
    boolean malletShuffle = Arrays.asList(args).contains("--mallet-shuffle");
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

    long[] seeds = Arrays.stream(stringArg(args, "--seeds", "42").split(",")).mapToLong(Long::parseLong).toArray();
    Map<String, Engine> engines = new java.util.LinkedHashMap<>();
    if (!Arrays.asList(args).contains("--no-default")) {
      engines.put("newslens Gibbs (" + sweeps + " sweeps)", seed -> measure(corpus, docsUsed, k, vocab.size(),
          options(k, sweeps, TopicsOptions.GIBBS, seed)));
    }
    String variants = stringArg(args, "--gibbs-variants", "");
    for (String v : variants.isEmpty() ? new String[0] : variants.split(";")) {
      // sync,alphaSum,beta,burnIn,optimizeInterval,minTokensPerPartition,optimizeBeta[,blocks]
      String[] p = v.split(",");
      engines.put("Gibbs variant " + v, seed -> {
        var settings = new org.newslens.jobs.topics.GibbsLda.Settings(k, sweeps, Double.parseDouble(p[1]), Double.parseDouble(p[2]),
            Integer.parseInt(p[3]), Integer.parseInt(p[4]), seed, Integer.parseInt(p[0]), Long.parseLong(p[5]), Boolean.parseBoolean(p[6]),
            p.length > 7 ? Integer.parseInt(p[7]) : 1);
        long start = System.nanoTime();
        var m = org.newslens.jobs.topics.GibbsLda.fit(corpus, vocab.size(), settings, List.of(), 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        var top = m.describe(25).stream().map(org.newslens.jobs.topics.FittedTopics.TopTerms::terms).toList();
        double npmi = Arrays.stream(TopicModel.coherence(corpus, docsUsed, top.stream().map(t -> Arrays.copyOf(t, 10)).toList(), vocab.size()))
            .average().orElse(0);
        double[] out = {seconds, npmi, Coherence.diversity(top), largestShare(m.heaviestTopicDocs(k))};
        System.out.printf("  variant %s seed %d: npmi %.4f, beta %.5f, alpha sum %.3f%n", v, seed, npmi, m.beta(), Arrays.stream(m.alpha()).sum());
        m.release();
        return out;
      });
    }
    if (!Arrays.asList(args).contains("--no-online")) {
      engines.put("Spark MLlib online LDA (" + iterations + " it)", seed -> measure(corpus, docsUsed, k, vocab.size(),
          options(k, iterations, TopicsOptions.ONLINE, seed)));
    }
    if (em) {
      engines.put("Spark MLlib EM LDA (" + iterations + " it)", seed -> measure(corpus, docsUsed, k, vocab.size(),
          options(k, iterations, TopicsOptions.EM, seed)));
    }
    // the command line's --optimize-interval (0: off, its default; the library's own default is 50)
    for (String interval : stringArg(args, "--mallet-optimize", "0,10").split(",")) {
      if (interval.isBlank()) {
        continue;
      }
      int optimize = Integer.parseInt(interval.trim());
      engines.put("MALLET 2.1.1 (" + malletIterations + " it, " + malletThreads + " threads" + (optimize > 0 ? ", optimize " + optimize : "")
          + (malletShuffle ? ", tokens shuffled" : "") + ")",
          seed -> mallet(corpus, docsUsed, sequences, vocab, k, malletIterations, optimize, malletThreads, malletShuffle, seed));
    }
    System.out.printf("seeds %s; each cell the mean over the seeds (npmi: ± standard deviation)%n", Arrays.toString(seeds));
    System.out.printf("%-52s %9s %18s %10s %14s%n", "engine", "seconds", "mean_npmi", "diversity", "largest_share");
    for (var e : engines.entrySet()) {
      double[][] runs = new double[seeds.length][];
      for (int i = 0; i < seeds.length; i++) {
        runs[i] = e.getValue().run(seeds[i]);
      }
      double[] npmi = Arrays.stream(runs).mapToDouble(r -> r[1]).toArray();
      double mean = Arrays.stream(npmi).average().orElse(0);
      double sd = Math.sqrt(Arrays.stream(npmi).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, npmi.length - 1));
      System.out.printf("%-52s %9.1f %10.4f ± %.4f %10.4f %14.3f%n", e.getKey(), avg(runs, 0), mean, sd, avg(runs, 2), avg(runs, 3));
    }
    spark.stop();
  }

  interface Engine {
    double[] run(long seed) throws Exception;
  }

  private static double avg(double[][] runs, int column) {
    return Arrays.stream(runs).mapToDouble(r -> r[column]).average().orElse(0);
  }

  private static TopicsOptions options(int k, int iterations, String optimizer, long seed) {
    return new TopicsOptions(k, 10, 10, iterations, optimizer, seed, TopicsOptions.MIN_DF_DEFAULT, TopicsOptions.MAX_DF_DEFAULT,
        TopicsOptions.VOCAB_SIZE_DEFAULT, 0.1, 0, 0, 3, 1.0, Optional.empty(), false, false, 0);
  }

  /** seconds, mean NPMI, diversity, largest topic share of one fit. */
  private static double[] measure(JavaPairRDD<Long, Vector> corpus, long docs, int k, int vocabSize, TopicsOptions o) {
    TopicModel.Fit fit = TopicModel.fit("all", corpus, docs, k, o, List.of(), vocabSize, false);
    double[] out = {fit.seconds(), fit.meanNpmi(), fit.diversity(), largestShare(org.newslens.jobs.topics.FittedTopics.heaviestTopicDocs(fit.docTopics(), k))};
    fit.topics().release();
    return out;
  }

  private static int argmax(double[] w) {
    int best = 0;
    for (int i = 1; i < w.length; i++) {
      if (w[i] > w[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double largestShare(long[] heaviest) {
    long total = Arrays.stream(heaviest).sum();
    return (double) Arrays.stream(heaviest).max().orElse(0) / Math.max(total, 1);
  }

  private static double[] mallet(JavaPairRDD<Long, Vector> corpus, long docs, List<int[]> sequences, List<String> vocab, int k, int iterations,
      int optimizeInterval, int threads, boolean shuffle, long seed) throws Exception {
    java.util.logging.Logger.getLogger("cc.mallet").setLevel(java.util.logging.Level.OFF);
    ParallelTopicModel.logger.setLevel(java.util.logging.Level.OFF);
    Alphabet alphabet = new Alphabet();
    vocab.forEach(t -> alphabet.lookupIndex(t, true));
    InstanceList instances = new InstanceList(alphabet, null);
    java.util.Random shuffler = new java.util.Random(seed);
    for (int[] original : sequences) {
      int[] seq = original.clone();
      for (int i = seq.length - 1; shuffle && i > 0; i--) {
        int j = shuffler.nextInt(i + 1);
        int t = seq[i];
        seq[i] = seq[j];
        seq[j] = t;
      }
      instances.add(new Instance(new FeatureSequence(alphabet, seq), null, null, null));
    }
    ParallelTopicModel model = new ParallelTopicModel(k, 5.0, 0.01);
    // as Vectors2Topics does: the interval is always set (the library's default, 50, is not the command line's, 0)
    model.setOptimizeInterval(optimizeInterval);
    model.setBurninPeriod(200);
    model.setRandomSeed((int) seed);
    model.setNumThreads(threads);
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
    long[] heaviest = new long[k];
    for (int d = 0; d < sequences.size(); d++) {
      heaviest[argmax(model.getTopicProbabilities(d))]++;
    }
    return new double[] {seconds, npmi, Coherence.diversity(top25), largestShare(heaviest)};
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
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
