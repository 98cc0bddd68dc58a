import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.regex.*;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Generates a synthetic news corpus for benchmarking newslens ingestion: records recombined from the
 * real articles in {@code data-samples/corpus}, streamed to JSONL shards of 5,000 records (every third
 * one gzipped), with near/exact duplicates, bad records, HTML noise and mixed date formats. The same
 * arguments always give byte-identical output, summarised in {@code manifest.json}. Run without a
 * build: {@code java bench/GenCorpus.java --size 10000 --seed 42 --out /tmp/corpus10k}.
 */
public final class GenCorpus {

  enum Kind { ORIGINAL, NEAR_DUPLICATE, EXACT_DUPLICATE, BAD }

  enum Edit { TRIM_LEAD, BYLINE, REPARAGRAPH, WORD_EDIT, HEADLINE }

  enum Bad {
    EMPTY_TEXT, BLANK_TEXT, MISSING_TEXT, TRUNCATED_JSON, HTML_BOILERPLATE, JSON_ARRAY, DUPLICATE_ID
  }

  enum DateFormat {
    ISO_DATE, ISO_INSTANT, ISO_OFFSET, RFC_1123, DAY_MONTH_YEAR, MONTH_DAY_YEAR, EPOCH_SECONDS, EPOCH_MILLIS,
    NONE
  }

  record Base(String title, List<String> paras, String source) {}

  record Doc(String title, List<String> paras, boolean html, long millis, DateFormat format, String source) {}

  record Options(long size, long seed, Path out, Path samples, double badRate, double dupRate) {}

  static final String USAGE = "usage: java bench/GenCorpus.java --size N --out DIR [--seed 42]"
      + " [--samples data-samples/corpus] [--bad-rate 0.01] [--dup-rate 0.05]";
  static final int SHARD_RECORDS = 5_000, MIN_LEN = 300, MAX_LEN = 15_000, SENTENCES_PER_PARA = 3;
  static final double EXACT_DUP_RATE = 0.01, HTML_RATE = 0.03, NO_DATE_RATE = 0.02, OWN_SOURCE_RATE = 0.25;
  static final double KEEP_SENTENCE_RATE = 0.5, FOREIGN_SENTENCE_RATE = 0.4;
  static final int MIN_ORIGINAL_LEN = 1_500;
  /** Share of an original's inner capitalised words swapped for other names from the samples. */
  static final double NAME_SWAP_RATE = 0.1;
  /** Share of its lower-case words of four letters or more swapped for other such words. */
  static final double WORD_SWAP_RATE = 0.3;
  static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}'-]+");
  static final Pattern LOWER_WORD = Pattern.compile("\\p{Ll}{4,}");
  static final Pattern TRAILING_PUNCT = Pattern.compile("[^\\p{L}\\p{N}]+$");
  static final Pattern DIGIT = Pattern.compile("\\d");
  static final long FIRST_MILLIS = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli();
  static final long END_MILLIS = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
  static final long SYNDICATION_DELAY_MILLIS = 36 * 3_600_000L;
  static final long STREAM_STRIDE = 0xBF58476D1CE4E5B9L;
  static final Edit[] TEXT_EDITS = {Edit.TRIM_LEAD, Edit.BYLINE, Edit.REPARAGRAPH, Edit.WORD_EDIT};
  static final DateFormat[] DATED = Arrays.copyOf(DateFormat.values(), DateFormat.values().length - 1);
  static final ZoneOffset[] OFFSETS = Stream.of("+05:30", "-05:00", "+01:00", "+09:00", "-08:00", "+03:00")
      .map(ZoneOffset::of).toArray(ZoneOffset[]::new);
  static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  static final DateTimeFormatter MONTH_DAY_YEAR = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
  static final String[] OUTLETS = {"Reuters", "Associated Press", "Agence France-Presse", "BBC News",
      "The Guardian", "Al Jazeera", "India Today", "The Hindu", "Deutsche Welle", "NHK World", "Yonhap",
      "Defense News", "Breaking Defense", "Energy Intelligence", "S&P Global Platts", "Nikkei Asia",
      "South China Morning Post", "The Straits Times", "ABC News (Australia)", "Politico"};
  static final String[] REPORTERS = {"Jane Doe", "John Smith", "Priya Sharma", "Ahmed Hassan", "Maria Garcia",
      "Kim Min-jun", "Olga Petrova", "David Okafor"};
  static final String[] HEADLINES = {"UPDATE 1-%s", "UPDATE 2-%s", "Analysis: %s", "%s - sources",
      "%s (updated)"};
  static final String[] FILLER = {"officials", "reportedly", "on Tuesday", "the government", "analysts",
      "major", "key", "earlier", "senior", "regional"};
  static final String[] BLANKS = {" ", "\n\n", " \t \n  ", "\r\n \r\n"};
  static final String BOILERPLATE = "<script type=\"text/javascript\">window.dataLayer=window.dataLayer||[];"
      + "function gtag(){dataLayer.push(arguments);}gtag('js',new Date());</script>"
      + "<style>.nav{display:flex}.ad-slot{min-height:250px}</style>";
  static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");
  static final Pattern SENTENCE_END = Pattern.compile("(?<=[a-z0-9)\"”’%][.!?])"
      + "(?<!\\b(?:Mr|Mrs|Ms|Dr|St|No|Inc|Co|Corp|Jr|Gen|Col|Lt|Sgt|Capt|Adm)\\.)\\s+(?=[A-Z\"“])");
  static final Pattern SOURCE_LINE = Pattern.compile("(?i)based on\\s+(.+?)(?:\\s+video)?\\s+report\\.?");

  private final Options opt;
  private final List<Base> bases;
  private final long streamKey;
  private final Map<String, Map<Enum<?>, Long>> tallies = new LinkedHashMap<>();
  private final Map<String, String> slugs = new HashMap<>();
  /** Each base's sentences, split once. */
  private final Map<Base, List<String>> sentences = new IdentityHashMap<>();
  /** The capitalised words inside sentences (names, places, organisations), with repeats. */
  private final List<String> names;
  /** The lower-case words of four letters or more, with repeats. */
  private final List<String> lowerWords;
  private final List<String> shards = new ArrayList<>();
  /** Hashes of the texts written so far (bad records aside): the manifest's distinctTexts. */
  private final Set<Long> texts = new HashSet<>();
  /** Originals that came out equal to an earlier text and were given this many extra paragraphs. */
  private final Map<Long, Integer> extraParas = new HashMap<>();
  private long htmlWrapped;

  GenCorpus(Options opt, List<Base> bases) {
    this.opt = opt;
    this.bases = bases;
    this.streamKey = new SplittableRandom(opt.seed()).nextLong();
    this.names = bases.stream().flatMap(b -> sentences(b).stream())
        .flatMap(t -> Arrays.stream(t.split(" ")).skip(1))
        .map(w -> TRAILING_PUNCT.matcher(w).replaceAll(""))
        .filter(w -> NAME.matcher(w).matches()).toList();
    this.lowerWords = bases.stream().flatMap(b -> sentences(b).stream())
        .flatMap(t -> Arrays.stream(t.split(" ")))
        .map(w -> TRAILING_PUNCT.matcher(w).replaceAll(""))
        .filter(w -> LOWER_WORD.matcher(w).matches()).toList();
    addTally("counts", Kind.values());
    addTally("nearDuplicateEdits", Edit.values());
    addTally("badKinds", Bad.values());
    addTally("dateFormats", DateFormat.values());
  }

  public static void main(String[] args) {
    long start = System.nanoTime();
    try {
      Options opt = parseArgs(args);
      new GenCorpus(opt, loadBases(opt.samples())).run();
      System.err.printf(Locale.ROOT, "wrote %d records to %s in %.1f s%n", opt.size(), opt.out(),
          (System.nanoTime() - start) / 1e9);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("GenCorpus: " + (e instanceof IOException ? e.toString() : e.getMessage()));
      System.exit(2);
    }
  }

  static Options parseArgs(String[] args) {
    Map<String, String> a = new HashMap<>(Map.of("--seed", "42", "--samples", "data-samples/corpus",
        "--bad-rate", "0.01", "--dup-rate", "0.05"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0 || a.size() != 6 || !a.containsKey("--size") || !a.containsKey("--out")) {
      throw new IllegalArgumentException(USAGE);
    }
    var opt = new Options(Long.parseLong(a.get("--size")), Long.parseLong(a.get("--seed")),
        Path.of(a.get("--out")), Path.of(a.get("--samples")),
        Double.parseDouble(a.get("--bad-rate")), Double.parseDouble(a.get("--dup-rate")));
    if (opt.size() < 0 || opt.badRate() < 0 || opt.dupRate() < 0
        || opt.badRate() + opt.dupRate() + EXACT_DUP_RATE > 1) {
      throw new IllegalArgumentException("need size >= 0, rates >= 0, bad-rate + dup-rate <= 0.99");
    }
    return opt;
  }

  // ---- base articles ----

  /** Every article in the samples directory: *.jsonl (one object a line) and *.txt (one article). */
  static List<Base> loadBases(Path dir) throws IOException {
    List<Base> bases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".jsonl")) {
          bases.addAll(jsonlBases(f));
        } else if (name.endsWith(".txt")) {
          bases.add(plainTextBase(Files.readString(f, StandardCharsets.UTF_8).strip(), name));
        }
      }
    }
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("no base articles in " + dir);
    }
    return bases;
  }

  /** The objects with a non-blank text; keys other than title, text and source are ignored. */
  static List<Base> jsonlBases(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Base> bases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      try {
        if (!lines.get(i).isBlank() && Json.parse(lines.get(i)) instanceof Map<?, ?> m
            && m.get("text") instanceof String t && !t.isBlank()) {
          String source = stringOr(m.get("source"), file.getFileName().toString());
          bases.add(new Base(stringOr(m.get("title"), firstSentence(t)), paragraphs(t), source));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return bases;
  }

  /** A plain-text article whose last line may name its source ("Based On India Today Video Report"). */
  static Base plainTextBase(String text, String fileName) {
    int cut = text.lastIndexOf('\n');
    Matcher m = SOURCE_LINE.matcher(text.substring(cut + 1).strip());
    String body = m.matches() && cut > 0 ? text.substring(0, cut).strip() : text;
    return new Base(firstSentence(body), paragraphs(body), m.matches() ? m.group(1) : fileName);
  }

  static String stringOr(Object value, String fallback) {
    return value instanceof String s && !s.isBlank() ? s : fallback;
  }

  static String firstSentence(String text) {
    return clip(SENTENCE_END.split(text.strip(), 2)[0], 90);
  }

  /** Paragraphs split on blank lines, or for text without them, unwrapped sentences in threes. */
  static List<String> paragraphs(String text) {
    if (BLANK_LINE.matcher(text).find()) {
      return Arrays.stream(BLANK_LINE.split(text)).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
    List<String> sentences = Arrays.asList(SENTENCE_END.split(text.strip().replaceAll("\\s*\\n\\s*", " ")));
    List<String> paras = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i += SENTENCES_PER_PARA) {
      paras.add(String.join(" ", sentences.subList(i, Math.min(i + SENTENCES_PER_PARA, sentences.size()))));
    }
    return paras;
  }

  /** The text cut at the last space before {@code max} chars, if longer. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int space = text.lastIndexOf(' ', max);
    return text.substring(0, space > 0 ? space : max);
  }

  // ---- generation ----

  void run() throws IOException {
    Files.createDirectories(opt.out());
    try (Stream<Path> existing = Files.list(opt.out())) {
      if (existing.findAny().isPresent()) {
        throw new IllegalArgumentException("output directory is not empty: " + opt.out());
      }
    }
    Writer w = Writer.nullWriter();
    for (long n = 0; n < opt.size(); n++) {
      if (n % SHARD_RECORDS == 0) {
        w.close();
        w = openShard(shards.size());
      }
      w.write(line(n));
      w.write('\n');
    }
    w.close();
    Files.writeString(opt.out().resolve("manifest.json"), Json.write(manifest(), "\n") + "\n");
  }

  private Writer openShard(int index) throws IOException {
    String name = String.format(Locale.ROOT, "part-%05d.jsonl%s", index, index % 3 == 1 ? ".gz" : "");
    shards.add(name);
    OutputStream os = new BufferedOutputStream(Files.newOutputStream(opt.out().resolve(name)), 1 << 16);
    os = name.endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os;
    return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Record n's line. Each record draws from its own random stream, so earlier ones can be rebuilt. */
  String line(long n) {
    Kind kind = kind(n);
    tally("counts", kind);
    SplittableRandom rng = bodyRng(n);
    if (kind == Kind.BAD) {
      return bad(rng, n);
    }
    Doc doc = switch (kind) {
      case ORIGINAL -> uniqueOriginal(n);
      case NEAR_DUPLICATE -> nearDuplicate(rng, original(earlierOriginal(rng, n)));
      default -> original(earlierOriginal(rng, n));
    };
    texts.add(fnv64(text(doc)));
    tally("dateFormats", doc.format());
    htmlWrapped += doc.html() ? 1 : 0;
    return Json.write(record(id(n), doc), null);
  }

  private SplittableRandom rng(long n) {
    return new SplittableRandom(streamKey + n * STREAM_STRIDE);
  }

  /** Record n's stream after its first draw, which decides its kind. */
  private SplittableRandom bodyRng(long n) {
    SplittableRandom rng = rng(n);
    rng.nextDouble();
    return rng;
  }

  private Kind kind(long n) {
    double r = rng(n).nextDouble();
    if (n == 0 || r >= opt.badRate() + opt.dupRate() + EXACT_DUP_RATE) {
      return Kind.ORIGINAL;
    }
    return r < opt.badRate() ? Kind.BAD
        : r < opt.badRate() + opt.dupRate() ? Kind.NEAR_DUPLICATE : Kind.EXACT_DUPLICATE;
  }

  /** A random earlier original record; record 0 is always one. */
  private long earlierOriginal(SplittableRandom rng, long n) {
    for (int tries = 0; tries < 32; tries++) {
      long j = rng.nextLong(n);
      if (kind(j) == Kind.ORIGINAL) {
        return j;
      }
    }
    return 0;
  }

  private String id(long n) {
    return "bench-" + opt.seed() + "-" + n;
  }

  /** Original n, given extra paragraphs (remembered for rebuilding it) while its text is not new. */
  private Doc uniqueOriginal(long n) {
    Doc doc = original(n);
    while (!texts.add(fnv64(text(doc)))) {
      extraParas.merge(n, 1, Integer::sum);
      doc = original(n);
    }
    return doc;
  }

  private Doc original(long n) {
    SplittableRandom rng = bodyRng(n);
    Doc d = freshDoc(rng);
    List<String> paras = new ArrayList<>(d.paras());
    for (int k = extraParas.getOrDefault(n, 0); k > 0; k--) {
      paras.add(clip(pick(rng, pick(rng, bases).paras()), MAX_LEN));
    }
    return new Doc(d.title(), paras, d.html(), d.millis(), d.format(), d.source());
  }

  private Doc freshDoc(SplittableRandom rng) {
    Base base = pick(rng, bases);
    List<String> paras = compose(rng, base);
    String source = rng.nextDouble() < OWN_SOURCE_RATE ? base.source() : pick(rng, OUTLETS);
    long millis = rng.nextLong(FIRST_MILLIS, END_MILLIS);
    return new Doc(base.title(), paras, rng.nextDouble() < HTML_RATE, millis, dateFormat(rng), source);
  }

  private static DateFormat dateFormat(SplittableRandom rng) {
    return rng.nextDouble() < NO_DATE_RATE ? DateFormat.NONE : pick(rng, DATED);
  }

  /**
   * Half of the base's sentences in order (its lead always) with sentences of other bases between
   * them, in paragraphs of one to four sentences. Two originals drawn from one base share about a
   * quarter of its sentences, a 5-word-shingle Jaccard near 0.1, as two stories on one topic do;
   * so the near-duplicates in the corpus are the injected ones (and the manifest is their count).
   */
  private List<String> compose(SplittableRandom rng, Base base) {
    List<String> own = sentences(base), picked = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      if (i == 0 || rng.nextDouble() < KEEP_SENTENCE_RATE) {
        picked.add(vary(rng, own.get(i)));
      }
      while (rng.nextDouble() < FOREIGN_SENTENCE_RATE) {
        picked.add(vary(rng, pick(rng, sentences(pick(rng, bases)))));
      }
    }
    // A short base (a one-sentence contract notice) is topped up, so its lead is not most of the text.
    for (int len = join(picked).length(), target = rng.nextInt(MIN_ORIGINAL_LEN, 4 * MIN_ORIGINAL_LEN); len < target; ) {
      String s = vary(rng, pick(rng, sentences(pick(rng, bases))));
      picked.add(rng.nextInt(1, picked.size() + 1), s);
      len += s.length() + 1;
    }
    List<String> paras = new ArrayList<>();
    for (int i = 0, k; i < picked.size(); i += k) {
      k = rng.nextInt(1, 5);
      paras.add(String.join(" ", picked.subList(i, Math.min(i + k, picked.size()))));
    }
    return fitLength(rng, paras);
  }

  /**
   * The sentence with other figures (every digit redrawn), a tenth of its inner capitalised words
   * swapped for names and 30% of its longer lower-case words for other words from elsewhere in the
   * samples, so that originals reusing one sample sentence still differ in most of their 5-word
   * shingles, as distinct reports do, while most names stay as real names.
   */
  private String vary(SplittableRandom rng, String sentence) {
    String[] words = sentence.split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (DIGIT.matcher(w).find()) {
        StringBuilder b = new StringBuilder(w);
        for (int c = 0; c < b.length(); c++) {
          if (Character.isDigit(b.charAt(c)) && b.charAt(c) < 128) {
            b.setCharAt(c, (char) ('0' + rng.nextInt(c == 0 ? 1 : 0, 10)));
          }
        }
        words[i] = b.toString();
      } else {
        Matcher tail = TRAILING_PUNCT.matcher(w);
        String core = tail.find() ? w.substring(0, tail.start()) : w;
        if (i > 0 && NAME.matcher(core).matches() && rng.nextDouble() < NAME_SWAP_RATE) {
          words[i] = pick(rng, names) + w.substring(core.length());
        } else if (LOWER_WORD.matcher(core).matches() && rng.nextDouble() < WORD_SWAP_RATE) {
          words[i] = pick(rng, lowerWords) + w.substring(core.length());
        }
      }
    }
    return String.join(" ", words);
  }

  private List<String> sentences(Base base) {
    return sentences.computeIfAbsent(base, b -> b.paras().stream()
        .flatMap(p -> Arrays.stream(SENTENCE_END.split(p))).map(String::strip).filter(t -> !t.isEmpty()).toList());
  }

  /** The paragraphs (from a random one if too long) that fit a random budget, topped up to MIN_LEN. */
  private List<String> fitLength(SplittableRandom rng, List<String> paras) {
    int budget = rng.nextInt(5 * MIN_LEN, MAX_LEN + 1);
    int i = join(paras).length() > budget && rng.nextBoolean() ? rng.nextInt(paras.size() / 2 + 1) : 0;
    List<String> out = new ArrayList<>();
    for (int len = 0; i < paras.size(); i++) {
      String p = clip(paras.get(i), MAX_LEN);
      if (out.isEmpty() || len + p.length() <= budget) {
        out.add(p);
        len += p.length() + 2;
      }
    }
    while (join(out).length() < MIN_LEN) {
      out.add(clip(pick(rng, pick(rng, bases).paras()), MAX_LEN));
    }
    return out;
  }

  /** A syndicated copy of src: one text edit, maybe a new headline, another outlet, a later time. */
  private Doc nearDuplicate(SplittableRandom rng, Doc src) {
    String source = src.source();
    while (source.equals(src.source())) {
      source = pick(rng, OUTLETS);
    }
    Edit edit = pick(rng, TEXT_EDITS);
    List<String> paras = edit(rng, edit, src.paras(), source);
    if (join(paras).length() < MIN_LEN || join(paras).equals(join(src.paras()))) {
      edit = Edit.BYLINE;
      paras = edit(rng, edit, src.paras(), source);
    }
    tally("nearDuplicateEdits", edit);
    String title = src.title();
    if (rng.nextBoolean()) {
      tally("nearDuplicateEdits", Edit.HEADLINE);
      title = String.format(Locale.ROOT, pick(rng, HEADLINES), title);
    }
    long millis = Math.min(END_MILLIS - 1, src.millis() + rng.nextLong(SYNDICATION_DELAY_MILLIS));
    return new Doc(title, paras, src.html(), millis, dateFormat(rng), source);
  }

  private static List<String> edit(SplittableRandom rng, Edit edit, List<String> paras, String source) {
    return switch (edit) {
      case TRIM_LEAD -> paras.subList(1, paras.size());
      case BYLINE -> Stream.concat(Stream.of("By " + pick(rng, REPORTERS) + ", " + source), paras.stream())
          .toList();
      case REPARAGRAPH -> reparagraph(rng, paras);
      case WORD_EDIT -> editWords(rng, paras);
      case HEADLINE -> throw new IllegalArgumentException("not a text edit");
    };
  }

  /** The same sentences with the paragraph breaks moved. */
  private static List<String> reparagraph(SplittableRandom rng, List<String> paras) {
    List<String> sentences = paras.stream().flatMap(p -> Arrays.stream(SENTENCE_END.split(p))).toList();
    List<String> out = new ArrayList<>();
    for (int i = 0, k; i < sentences.size(); i += k) {
      k = rng.nextInt(1, 5);
      out.add(String.join(" ", sentences.subList(i, Math.min(i + k, sentences.size()))));
    }
    return out;
  }

  /** A few words of one paragraph replaced. */
  private static List<String> editWords(SplittableRandom rng, List<String> paras) {
    List<String> out = new ArrayList<>(paras);
    int p = rng.nextInt(out.size());
    String[] words = out.get(p).split(" ", -1);
    for (int k = rng.nextInt(2, 6); k > 0; k--) {
      words[rng.nextInt(words.length)] = pick(rng, FILLER);
    }
    out.set(p, String.join(" ", words));
    return out;
  }

  /** A bad line of a random kind; all but the truncated one are still valid JSON. */
  private String bad(SplittableRandom rng, long n) {
    Bad kind = pick(rng, Bad.values());
    tally("badKinds", kind);
    Map<String, Object> rec = record(id(n), freshDoc(rng));
    switch (kind) {
      case EMPTY_TEXT -> rec.put("text", "");
      case BLANK_TEXT -> rec.put("text", pick(rng, BLANKS));
      case MISSING_TEXT -> rec.remove("text");
      case HTML_BOILERPLATE -> rec.put("text", BOILERPLATE);
      case DUPLICATE_ID -> {
        rec.put("id", id(earlierOriginal(rng, n)));
        rec.put("url", url((String) rec.get("source"), (String) rec.get("id")));
      }
      case JSON_ARRAY -> {
        return "[" + Json.write(rec, null) + "]";
      }
      case TRUNCATED_JSON -> {
        String json = Json.write(rec, null);
        return json.substring(0, rng.nextInt(json.length() / 4, 3 * json.length() / 4));
      }
    }
    return Json.write(rec, null);
  }

  // ---- rendering ----

  private Map<String, Object> record(String id, Doc d) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("id", id);
    rec.put("title", d.title());
    rec.put("text", text(d));
    if (d.format() != DateFormat.NONE) {
      rec.put("date", date(d.millis(), d.format()));
    }
    rec.put("url", url(d.source(), id));
    rec.put("source", d.source());
    return rec;
  }

  static String text(Doc d) {
    return d.html() ? html(d.paras()) : join(d.paras());
  }

  static String join(List<String> paras) {
    return String.join("\n\n", paras);
  }

  private static String html(List<String> paras) {
    StringBuilder sb = new StringBuilder("<div class=\"article-body\">\n");
    for (String p : paras) {
      String escaped = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
      sb.append("<p>").append(escaped).append("</p>\n");
    }
    return sb.append("</div>").toString();
  }

  private String url(String source, String id) {
    String slug = slugs.computeIfAbsent(source,
        s -> s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""));
    return "https://example.org/" + slug + "/" + id;
  }

  /** The instant in the given feed format: a string, or a number for the epoch forms. */
  static Object date(long millis, DateFormat format) {
    Instant t = Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS);
    ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
    return switch (format) {
      case ISO_DATE -> utc.toLocalDate().toString();
      case ISO_INSTANT -> DateTimeFormatter.ISO_INSTANT.format(t);
      case ISO_OFFSET -> DateTimeFormatter.ISO_OFFSET_DATE_TIME
          .format(t.atOffset(OFFSETS[(int) (millis % OFFSETS.length)]));
      case RFC_1123 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(utc);
      case DAY_MONTH_YEAR -> DAY_MONTH_YEAR.format(utc);
      case MONTH_DAY_YEAR -> MONTH_DAY_YEAR.format(utc);
      case EPOCH_SECONDS -> t.getEpochSecond();
      case EPOCH_MILLIS -> millis;
      case NONE -> throw new IllegalArgumentException("no date");
    };
  }

  private Map<String, Object> manifest() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "bench/GenCorpus.java");
    m.put("size", opt.size());
    m.put("seed", opt.seed());
    m.put("badRate", opt.badRate());
    m.put("dupRate", opt.dupRate());
    m.put("exactDupRate", EXACT_DUP_RATE);
    m.put("baseArticles", bases.size());
    tallies.forEach((section, counts) -> {
      Map<String, Long> named = new LinkedHashMap<>();
      counts.forEach((e, count) -> named.put(camel(e.name()), count));
      m.put(section, named);
    });
    m.put("htmlWrapped", htmlWrapped);
    m.put("distinctTexts", texts.size());
    List<Map<String, Object>> files = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < shards.size(); i++) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("name", shards.get(i));
      file.put("records", Math.min(SHARD_RECORDS, opt.size() - (long) i * SHARD_RECORDS));
      file.put("bytes", Files.size(opt.out().resolve(shards.get(i))));
      total += (long) file.get("bytes");
      files.add(file);
    }
    m.put("files", files);
    m.put("totalBytes", total);
    return m;
  }

  /** 64-bit FNV-1a over the chars: collisions are negligible for millions of texts. */
  static long fnv64(String text) {
    long h = 0xcbf29ce484222325L;
    for (int k = 0; k < text.length(); k++) {
      h = (h ^ text.charAt(k)) * 0x100000001b3L;
    }
    return h;
  }

  private void addTally(String section, Enum<?>[] values) {
    Map<Enum<?>, Long> zeros = new LinkedHashMap<>();
    Arrays.stream(values).forEach(e -> zeros.put(e, 0L));
    tallies.put(section, zeros);
  }

  private void tally(String section, Enum<?> value) {
    tallies.get(section).merge(value, 1L, Long::sum);
  }

  /** {@code NEAR_DUPLICATE} as {@code nearDuplicate}. */
  static String camel(String constant) {
    Matcher m = Pattern.compile("_([a-z0-9])").matcher(constant.toLowerCase(Locale.ROOT));
    return m.replaceAll(r -> r.group(1).toUpperCase(Locale.ROOT));
  }

  static <T> T pick(SplittableRandom rng, List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  static <T> T pick(SplittableRandom rng, T[] items) {
    return items[rng.nextInt(items.length)];
  }

  /** Minimal strict JSON: reads any value (objects as maps, numbers as doubles), writes maps and lists. */
  static final class Json {
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json p = new Json(text);
      Object v = p.value();
      if (p.peek() != -1) {
        throw p.error("trailing characters");
      }
      return v;
    }

    private Object value() {
      return switch (peek()) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        default -> scalar();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      if (!consume('}')) {
        do {
          String key = string();
          expect(':');
          m.put(key, value());
        } while (consume(','));
        expect('}');
      }
      return m;
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      i++;
      if (!consume(']')) {
        do {
          list.add(value());
        } while (consume(','));
        expect(']');
      }
      return list;
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      for (char c = next(); c != '"'; c = next()) {
        if (c < 0x20) {
          throw error("control character in string");
        }
        sb.append(c == '\\' ? escape(next()) : c);
      }
      return sb.toString();
    }

    private char escape(char c) {
      int simple = "\"\\/bfnrt".indexOf(c);
      if (simple >= 0) {
        return "\"\\/\b\f\n\r\t".charAt(simple);
      }
      if (c != 'u' || i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
        throw error("bad escape");
      }
      i += 4;
      return (char) Integer.parseInt(s.substring(i - 4, i), 16);
    }

    private Object scalar() {
      for (String word : List.of("true", "false", "null")) {
        if (s.startsWith(word, i)) {
          i += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      Matcher m = NUMBER.matcher(s).region(i, s.length());
      if (!m.lookingAt()) {
        throw error(i < s.length() ? "unexpected character" : "unexpected end");
      }
      i = m.end();
      return Double.parseDouble(m.group());
    }

    /** The next non-space char, not consumed, or -1 at the end. */
    private int peek() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      return i < s.length() ? s.charAt(i) : -1;
    }

    private char next() {
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(i++);
    }

    private boolean consume(char c) {
      boolean found = peek() == c;
      i += found ? 1 : 0;
      return found;
    }

    private void expect(char c) {
      if (!consume(c)) {
        throw error("expected '" + c + "'");
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad JSON at offset " + i + ": " + what);
    }

    /** The value as JSON, on one line if {@code newline} is null, else pretty-printed with it. */
    static String write(Object value, String newline) {
      StringBuilder sb = new StringBuilder(4096);
      write(value, sb, newline);
      return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, String nl) {
      String inner = nl == null ? null : nl + "  ";
      if (v instanceof String str) {
        quote(str, sb);
      } else if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
        boolean isMap = v instanceof Map<?, ?>;
        Collection<?> items = isMap ? ((Map<?, ?>) v).entrySet() : (Collection<?>) v;
        sb.append(isMap ? '{' : '[');
        String comma = "";
        for (Object item : items) {
          sb.append(comma).append(nl == null ? "" : inner);
          if (item instanceof Map.Entry<?, ?> e) {
            quote((String) e.getKey(), sb);
            sb.append(nl == null ? ":" : ": ");
            item = e.getValue();
          }
          write(item, sb, inner);
          comma = ",";
        }
        sb.append(items.isEmpty() || nl == null ? "" : nl).append(isMap ? '}' : ']');
      } else {
        sb.append(v); // numbers, booleans and null
      }
    }

    /** Escapes quotes, backslashes, control characters and (losslessly, as pairs) surrogates. */
    private static void quote(String str, StringBuilder sb) {
      sb.append('"');
      for (int k = 0; k < str.length(); k++) {
        char c = str.charAt(k);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20 || Character.isSurrogate(c)) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
  }
}
