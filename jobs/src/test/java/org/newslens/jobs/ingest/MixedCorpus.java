package org.newslens.jobs.ingest;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a directory of good and bad input records across every format, generated here (no
 * committed blobs), and knows what ingest must make of it: 15 documents and 21 quarantined
 * records of 21 kinds. Tests ingest it with {@code --max-record-bytes 20000}.
 */
public final class MixedCorpus {

  public static final long MAX_RECORD_BYTES = 20_000;
  public static final int DOCUMENTS = 15;

  /** Quarantined records expected per reason code. */
  public static final Map<String, Long> QUARANTINE = new TreeMap<>(Map.of(
      "EMPTY_TEXT", 5L,
      "UNPARSEABLE_RECORD", 7L,
      "NOT_UTF8", 2L,
      "BINARY_CONTENT", 1L,
      "TOO_LARGE", 1L,
      "DUPLICATE_ID_CONFLICT", 1L,
      "EXACT_DUPLICATE", 1L,
      "UNREADABLE_FILE", 2L,
      "UNSUPPORTED_FORMAT", 1L));

  public static final int INPUT_RECORDS = DOCUMENTS + QUARANTINE.values().stream().mapToInt(Long::intValue).sum();

  private MixedCorpus() {}

  /** Writes the corpus into {@code dir} (created). */
  public static Path write(Path dir, SparkSession spark) throws IOException {
    Files.createDirectories(dir);
    writeJsonLines(dir.resolve("good.jsonl"));
    Files.writeString(dir.resolve("articles.csv"),
        "id,headline,body,published\n"
            + "csv-1,Grid upgrade,\"The grid operator approved a new interconnector.\n\nIt will carry 2 GW.\",2026-11-02\n"
            + "csv-2,Refinery,\"A refinery in Gujarat restarted its crude unit after maintenance.\",\"November 3, 2026\"\n"
            + "csv-3,Too many,columns,here,2026-11-04,extra\n");
    Files.writeString(dir.resolve("broken.csv"),
        "id,title,text\n"
            + "b-1,Fine,\"The navy commissioned a new frigate in Mumbai on Friday.\"\n"
            + "b-2,Broken,\"This quote never ends, so the rest of the file is lost\n");
    Files.copy(Path.of("..", "data-samples", "corpus", "seed-article.txt"), dir.resolve("seed.txt"));
    Files.write(dir.resolve("empty.txt"), new byte[0]);
    Files.write(dir.resolve("binary.txt"), binaryJunk());
    Files.write(dir.resolve("latin1.txt"), "Caf\u00e9 owners in Lyon complained about energy prices.".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("utf16.txt"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        "Gazprom cut gas flows through the pipeline to Europe, the company said.".getBytes(UTF_16LE)));
    Files.write(dir.resolve("truncated.jsonl.gz"), Arrays.copyOf(gzip("{\"id\":\"gz\",\"text\":\"never read\"}\n"), 20));
    Files.writeString(dir.resolve("notes.xyz"), "what format is this?");
    Files.writeString(dir.resolve("array.json"),
        "[{\"id\":\"arr-1\",\"text\":\"OPEC agreed to extend its output cuts into next year.\",\"date\":\"2026-11-05\"},"
            + "{\"id\":\"arr-2\",\"text\":\"The IAEA inspected the reactor site in Iran.\",\"date\":1794182400},"
            + "42]");
    Files.writeString(dir.resolve("truncated.json"),
        "[{\"id\":\"t-1\",\"text\":\"NATO ministers met in Brussels to discuss air defence.\"}, {\"id\":\"t-2\",\"text\":\"cut");
    writeBzip2(dir.resolve("more.jsonl.bz2"),
        "{\"id\":\"bz-1\",\"text\":\"LNG tankers queued outside the Qatari terminal.\",\"published_at\":\"2026-11-06T08:00:00Z\"}\n"
            + "{\"id\":\"bz-2\",\"text\":\"Rosatom offered compact reactors for Arctic ports.\",\"published_at\":\"2026-11-07T08:00:00+03:00\"}\n");
    writeParquet(spark, dir);
    Files.write(dir.resolve("corrupt.parquet"), "PAR1 this is not really parquet PAR1".getBytes(UTF_8));
    Files.writeString(dir.resolve(".hidden.jsonl"), "{\"id\":\"hidden\",\"text\":\"skipped like Hadoop skips it\"}\n");
    return dir;
  }

  private static void writeJsonLines(Path file) throws IOException {
    var out = new ByteArrayOutputStream();
    line(out, "{\"id\":\"g1\",\"title\":\"Talks in Delhi\",\"text\":\"Rajnath Singh held talks with Andrei Belousov.\",\"date\":\"2026-11-01\"}");
    line(out, "{\"id\":\"g2\",\"text\":\"The S-400 regiments will be delivered next year, officials said.\",\"published\":\"Tue, 24 Nov 2026 10:15:30 GMT\"}");
    line(out, "{\"guid\":\"g3\",\"headline\":\"Oil\",\"content\":\"Brent crude rose above 80 dollars a barrel.\",\"pubDate\":\"24 Nov 2026\"}");
    line(out, "{\"id\":\"e1\",\"text\":\"\"}");
    line(out, "{\"id\":\"e2\",\"text\":\"   \\t  \"}");
    line(out, "{\"id\":\"e3\",\"title\":\"no text at all\"}");
    line(out, "{\"id\":\"bad json\", \"text\": \"abc\"");
    line(out, "[\"an\",\"array\"]");
    out.write("{\"id\":\"u1\",\"text\":\"caf".getBytes(UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
    line(out, " is not UTF-8\"}");
    line(out, "{\"id\":\"h1\",\"text\":\"<script>var x = 1;</script><style>p { color: red }</style>\"}");
    line(out, "{\"id\":\"g1\",\"text\":\"Different text under an id already taken.\"}");
    line(out, "{\"id\":\"c1\",\"text\":\"The S-400 regiments will be delivered next year,   officials said.\"}");
    line(out, "{\"id\":\"obj\",\"text\":{\"nested\":1}}");
    line(out, "");
    line(out, "{\"id\":\"huge\",\"text\":\"" + "x".repeat((int) MAX_RECORD_BYTES + 1000) + "\"}");
    Files.write(file, out.toByteArray());
  }

  private static void line(ByteArrayOutputStream out, String s) {
    out.writeBytes((s + "\n").getBytes(UTF_8));
  }

  private static byte[] binaryJunk() {
    byte[] b = new byte[4096];
    new Random(7).nextBytes(b);
    for (int i = 0; i < b.length; i += 3) {
      b[i] = 0;
    }
    return b;
  }

  private static byte[] gzip(String s) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bytes)) {
      gz.write(s.getBytes(UTF_8));
    }
    return bytes.toByteArray();
  }

  private static void writeBzip2(Path file, String s) throws IOException {
    var codec = new BZip2Codec();
    codec.setConf(new Configuration());
    try (OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
      out.write(s.getBytes(UTF_8));
    }
  }

  private static void writeParquet(SparkSession spark, Path dir) throws IOException {
    var schema = new StructType()
        .add("guid", DataTypes.StringType)
        .add("headline", DataTypes.StringType)
        .add("content", DataTypes.StringType)
        .add("pubDate", DataTypes.TimestampType);
    var rows = java.util.List.of(
        RowFactory.create("pq-1", "Drones", "Ukraine reported a wave of Shahed drones over Kyiv.", java.sql.Timestamp.valueOf("2026-10-30 23:00:00")),
        RowFactory.create("pq-2", "Sanctions", "The EU added tankers of the shadow fleet to its sanctions list.", java.sql.Timestamp.valueOf("2026-11-08 12:00:00")));
    Path tmp = Files.createTempDirectory("mixed-parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(tmp.resolve("out").toString());
    try (var files = Files.list(tmp.resolve("out"))) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, dir.resolve("feed.parquet"));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
