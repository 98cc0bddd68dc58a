package org.newslens.jobs.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.LineRecordReader;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcResponse;
import org.newslens.common.schema.ReasonCode;
import org.newslens.common.text.PlainTextArticle;
import org.newslens.common.text.TextCleaner;

/** Reads the raw records of one file task, by format. Runs on executors. */
final class FileReaders {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Configuration conf;
  private final FieldMapping mapping;
  private final long maxRecordBytes;
  private final ReportParser reports;

  FileReaders(Configuration conf, FieldMapping mapping, long maxRecordBytes, ReportLimits limits) {
    this.conf = conf;
    this.mapping = mapping;
    this.maxRecordBytes = maxRecordBytes;
    this.reports = new ReportParser(maxRecordBytes, limits.maxPages(), limits.parseTimeout());
  }

  Iterator<Row> read(FileTask task) {
    return switch (task.format()) {
      case TXT -> new TextFile(task);
      case JSONL -> new JsonLines(task);
      case JSON -> new JsonDocument(task);
      case CSV, TSV -> new Delimited(task);
      case REPORT -> new ReportFile(task);
      case HTML -> new HtmlFile(task);
      case WARC -> new WarcFile(task);
      case PARQUET -> throw new IllegalArgumentException("Parquet is read by Spark, not by FileReaders");
    };
  }

  private InputStream open(FileTask task) throws IOException {
    Path path = new Path(task.path());
    InputStream in = path.getFileSystem(conf).open(path);
    var codec = new CompressionCodecFactory(conf).getCodec(path);
    return codec == null ? in : codec.createInputStream(in);
  }

  /** Reads at most max + 1 bytes, so that an oversized record is recognised without reading it all. */
  private static byte[] readBounded(InputStream in, long max) throws IOException {
    return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
  }

  /** A file holding one record, read whole (up to --max-record-bytes) or streamed by its parser. */
  private abstract class SingleRecordFile extends RecordIterator {
    private boolean read;

    SingleRecordFile(FileTask task) {
      super(task);
    }

    /** The file's one record. */
    protected abstract Row record() throws IOException;

    @Override
    protected final Row computeNext() throws IOException {
      if (read) {
        return null;
      }
      read = true;
      return record();
    }

    /** The file's bytes; more than --max-record-bytes of them when it is too large. */
    protected byte[] bytes() throws IOException {
      try (InputStream in = open(task)) {
        return readBounded(in, maxRecordBytes);
      }
    }

    protected Row tooLarge(byte[] bytes) {
      return RawRecords.error(task.path(), position(), ReasonCode.TOO_LARGE,
          "more than --max-record-bytes " + maxRecordBytes + " bytes", Decoding.lossy(bytes, 300));
    }

    @Override
    protected String position() {
      return "file";
    }

    @Override
    public void close() {}
  }

  /** A plain-text file holding one article. */
  private final class TextFile extends SingleRecordFile {
    TextFile(FileTask task) {
      super(task);
    }

    @Override
    protected Row record() throws IOException {
      byte[] bytes = bytes();
      if (bytes.length > maxRecordBytes) {
        return tooLarge(bytes);
      }
      var decoded = Decoding.decode(bytes);
      if (!decoded.ok()) {
        return RawRecords.error(task.path(), position(), decoded.error(), decoded.detail(), Decoding.lossy(bytes, 300));
      }
      var article = PlainTextArticle.parse(TextCleaner.cleanBody(decoded.text()));
      Map<Field, String> fields = new EnumMap<>(Field.class);
      fields.put(Field.TEXT, article.body());
      article.title().ifPresent(t -> fields.put(Field.TITLE, t));
      article.source().ifPresent(s -> fields.put(Field.SOURCE, s));
      return RawRecords.of(task.path(), position(), fields);
    }
  }

  /** A report (PDF, Word, OpenDocument, RTF, EPUB) holding one document, parsed by Tika. */
  private final class ReportFile extends SingleRecordFile {
    ReportFile(FileTask task) {
      super(task);
    }

    @Override
    protected Row record() throws IOException {
      try {
        return ReportRecords.record(task.path(), position(), reports.parse(open(task), new Path(task.path()).getName()));
      } catch (ReportParser.Failure f) {
        return RawRecords.error(task.path(), position(), f.reason, f.getMessage(), null);
      }
    }
  }

  /** A saved web page holding one article. */
  private final class HtmlFile extends SingleRecordFile {
    HtmlFile(FileTask task) {
      super(task);
    }

    @Override
    protected Row record() throws IOException {
      byte[] bytes = bytes();
      return bytes.length > maxRecordBytes ? tooLarge(bytes) : ReportRecords.page(task.path(), position(), bytes, null, null, null);
    }
  }

  /**
   * A WARC crawl (plain or record-gzipped): each successful HTML or PDF response becomes a record
   * located by its byte offset; requests, metadata, redirects and other payloads are not records.
   * A task of a split file reads the records that start in its byte range (see {@link WarcSplits}).
   */
  private final class WarcFile extends RecordIterator {
    private WarcReader reader;
    private long base;
    private long offset = -1;
    private boolean none;

    WarcFile(FileTask task) {
      super(task);
    }

    @Override
    protected Row computeNext() throws IOException {
      if (none) {
        return null;
      }
      if (reader == null) {
        Path path = new Path(task.path());
        var fs = path.getFileSystem(conf);
        if (task.start() > 0) {
          base = WarcSplits.firstRecord(fs, path, task.start(), end(), InputFormat.isCompressed(task.path()));
          if (base < 0) {
            none = true;
            return null;
          }
        }
        var in = fs.open(path);
        in.seek(base);
        reader = new WarcReader(Channels.newChannel(in));
        reader.setLenient(true);
      }
      while (true) {
        var next = reader.next();
        if (next.isEmpty()) {
          return null;
        }
        offset = base + reader.position();
        if (task.length() < task.fileLength() && offset >= end()) {
          return null;
        }
        if (next.get() instanceof WarcResponse response) {
          Row row = WarcRecords.record(task.path(), "offset " + offset, response, maxRecordBytes, reports);
          if (row != null) {
            return row;
          }
        }
      }
    }

    private long end() {
      return task.start() + task.length();
    }

    @Override
    protected String position() {
      return offset < 0 ? "file" : "after offset " + offset;
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** One JSON object per line; large uncompressed files are read in byte ranges. */
  private final class JsonLines extends RecordIterator {
    private LineRecordReader lines;
    private final LongWritable offset = new LongWritable();
    private final Text line = new Text();
    private long lineNo;

    JsonLines(FileTask task) {
      super(task);
    }

    @Override
    protected Row computeNext() throws IOException {
      if (lines == null) {
        // opened here, not in the constructor: a corrupt compressed header is then a quarantine record
        lines = new LineRecordReader(conf, new FileSplit(new Path(task.path()), task.start(), task.length(), (String[]) null));
      }
      while (lines.next(offset, line)) {
        lineNo++;
        if (line.getLength() == 0 || isBlank(line)) {
          continue;
        }
        return parseLine(java.util.Arrays.copyOf(line.getBytes(), line.getLength()));
      }
      return null;
    }

    private Row parseLine(byte[] bytes) {
      String locator = position();
      if (bytes.length > maxRecordBytes) {
        return RawRecords.error(task.path(), locator, ReasonCode.TOO_LARGE,
            "line of " + bytes.length + " bytes exceeds --max-record-bytes " + maxRecordBytes, Decoding.lossy(bytes, 300));
      }
      var decoded = Decoding.decode(bytes);
      if (!decoded.ok()) {
        return RawRecords.error(task.path(), locator, decoded.error(), decoded.detail(), Decoding.lossy(bytes, 300));
      }
      return jsonRecord(task.path(), locator, decoded.text());
    }

    @Override
    protected String position() {
      return task.start() == 0 ? "line " + lineNo : "byte " + offset.get();
    }

    @Override
    public void close() throws IOException {
      if (lines != null) {
        lines.close();
      }
    }
  }

  private static boolean isBlank(Text line) {
    byte[] b = line.getBytes();
    for (int i = 0; i < line.getLength(); i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private Row jsonRecord(String file, String locator, String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return RawRecords.error(file, locator, ReasonCode.UNPARSEABLE_RECORD, "invalid JSON: " + firstLine(e), json);
    } catch (StackOverflowError e) {
      return RawRecords.error(file, locator, ReasonCode.UNPARSEABLE_RECORD, "JSON nested too deeply", json);
    }
    return objectRecord(file, locator, node, json);
  }

  private Row objectRecord(String file, String locator, JsonNode node, String raw) {
    if (node == null || !node.isObject()) {
      String kind = node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      return RawRecords.error(file, locator, ReasonCode.UNPARSEABLE_RECORD, "expected a JSON object, found " + kind, raw);
    }
    try {
      return RawRecords.of(file, locator, JsonFields.extract(node, mapping));
    } catch (IllegalArgumentException e) {
      return RawRecords.error(file, locator, ReasonCode.UNPARSEABLE_RECORD, e.getMessage(), raw);
    }
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  /** A JSON array of objects, a single object, or several concatenated values, streamed. */
  private final class JsonDocument extends RecordIterator {
    private JsonParser parser;
    private boolean inArray;
    private long index = -1;

    JsonDocument(FileTask task) {
      super(task);
    }

    @Override
    protected Row computeNext() throws IOException {
      if (parser == null) {
        parser = JSON.getFactory().createParser(open(task));
        JsonToken first = parser.nextToken();
        if (first == null) {
          return null;
        }
        inArray = first == JsonToken.START_ARRAY;
      }
      JsonToken t = inArray ? parser.nextToken() : (index < 0 ? parser.currentToken() : parser.nextToken());
      if (t == null || (inArray && t == JsonToken.END_ARRAY)) {
        return null;
      }
      index++;
      JsonNode node = JSON.readTree(parser);
      return objectRecord(task.path(), position(), node, node == null ? null : node.toString());
    }

    @Override
    protected String position() {
      return inArray ? "[" + Math.max(index, 0) + "]" : "value " + Math.max(index, 0);
    }

    @Override
    public void close() throws IOException {
      if (parser != null) {
        parser.close();
      }
    }
  }

  /** CSV or TSV with a header row; quoted fields may span lines. */
  private final class Delimited extends RecordIterator {
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> header;
    private long recordNo;
    private final Charset[] charset = new Charset[1];

    Delimited(FileTask task) {
      super(task);
    }

    @Override
    protected Row computeNext() throws IOException {
      if (parser == null) {
        CSVFormat format = CSVFormat.RFC4180.builder()
            .setDelimiter(task.format() == InputFormat.TSV ? '\t' : ',')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .build();
        parser = CSVParser.parse(markingReader(open(task), charset), format);
        header = parser.getHeaderNames();
        records = parser.iterator();
      }
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord r = records.next();
      recordNo = r.getRecordNumber();
      String locator = "record " + recordNo + " (line " + parser.getCurrentLineNumber() + ")";
      String raw = String.join(task.format() == InputFormat.TSV ? "\t" : ",", r.values());
      if (raw.indexOf(UNDECODABLE) >= 0) {
        boolean utf8 = charset[0] == StandardCharsets.UTF_8;
        return RawRecords.error(task.path(), locator, utf8 ? ReasonCode.NOT_UTF8 : ReasonCode.UNPARSEABLE_RECORD,
            "invalid " + charset[0].name() + " bytes in this record", raw.replace(UNDECODABLE, '\uFFFD'));
      }
      if (!r.isConsistent()) {
        return RawRecords.error(task.path(), locator, ReasonCode.UNPARSEABLE_RECORD,
            "expected " + header.size() + " columns, found " + r.size(), raw);
      }
      if (raw.length() > maxRecordBytes) {
        return RawRecords.error(task.path(), locator, ReasonCode.TOO_LARGE,
            "record of " + raw.length() + " characters exceeds --max-record-bytes " + maxRecordBytes, raw);
      }
      Map<Field, String> fields = new EnumMap<>(Field.class);
      for (Field f : Field.values()) {
        mapping.column(f, header).filter(r::isMapped).map(r::get).ifPresent(v -> fields.put(f, v));
      }
      return RawRecords.of(task.path(), locator, fields);
    }

    @Override
    protected String position() {
      return "after record " + recordNo;
    }

    @Override
    public void close() throws IOException {
      if (parser != null) {
        parser.close();
      }
    }
  }

  /** Stands in for undecodable bytes: a Unicode noncharacter, never in interchanged text. */
  static final char UNDECODABLE = '\uFDD0';

  /**
   * A reader that turns undecodable bytes into {@link #UNDECODABLE}, so that the record holding
   * them is quarantined and the rest of the file is still read: UTF-16 when the input starts with
   * a UTF-16 byte-order mark, else UTF-8 (a UTF-8 BOM is dropped).
   */
  private static Reader markingReader(InputStream raw, Charset[] detected) throws IOException {
    var in = new PushbackInputStream(raw, 3);
    byte[] head = in.readNBytes(3);
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (head.length >= 2 && (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)) {
      charset = head[0] == (byte) 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
      skip = 3;
    }
    in.unread(head, skip, head.length - skip);
    detected[0] = charset;
    var decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(String.valueOf(UNDECODABLE));
    return new InputStreamReader(in, decoder);
  }
}
