import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * A crawl for the format throughput bench: each JSON record of the given JSON-lines files (such
 * as GenCorpus output) becomes a news page, with navigation, a share bar, related links and a
 * footer around the article and its metadata in Open Graph tags, written as a request and a 200
 * response to a record-gzipped WARC; one record in ten also gets an image response, which is not
 * a document. Unparseable lines are skipped. Usage:
 * {@code java -cp JOBJAR:SPARKJARS bench/GenWarc.java OUT.warc.gz PAGES IN.jsonl[.gz]...}
 */
public final class GenWarc {

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int pages = Integer.parseInt(args[1]);
    ObjectMapper json = new ObjectMapper();
    int written = 0;
    try (var channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        var writer = new WarcWriter(channel, WarcCompression.GZIP)) {
      for (int f = 2; f < args.length && written < pages; f++) {
        Path in = Path.of(args[f]);
        var stream = Files.newInputStream(in);
        try (var lines = new BufferedReader(new InputStreamReader(
            in.toString().endsWith(".gz") ? new GZIPInputStream(stream) : stream, StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null && written < pages; line = lines.readLine()) {
            JsonNode r;
            try {
              r = json.readTree(line);
            } catch (IOException e) {
              continue;
            }
            if (r == null || !r.hasNonNull("text")) {
              continue;
            }
            String url = "https://news.example/story/" + written;
            writer.write(new WarcRequest.Builder(URI.create(url))
                .body(MediaType.HTTP_REQUEST, ("GET /story/" + written + " HTTP/1.1\r\nHost: news.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
                .build());
            writer.write(response(url, "text/html; charset=utf-8", page(r).getBytes(StandardCharsets.UTF_8)));
            if (written % 10 == 0) {
              writer.write(response(url + ".png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
            }
            written++;
          }
        }
      }
    }
    System.out.printf("wrote %d pages to %s (%.1f MB)%n", written, out, Files.size(out) / 1e6);
  }

  private static WarcResponse response(String url, String type, byte[] body) throws IOException {
    return new WarcResponse.Builder(URI.create(url))
        .date(Instant.parse("2026-11-01T00:00:00Z"))
        .body(new HttpResponse.Builder(200, "OK").body(MediaType.parse(type), body).build())
        .build();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String page(JsonNode r) {
    String title = escape(r.path("title").asText("Untitled"));
    String date = r.path("date").asText("");
    var paragraphs = new StringBuilder();
    for (String p : r.get("text").asText().split("\n\n")) {
      paragraphs.append("<p>").append(escape(p)).append("</p>\n");
    }
    return "<!DOCTYPE html><html><head><title>" + title + " | Example News</title>"
        + "<meta property=\"og:title\" content=\"" + title + "\">"
        + "<meta property=\"og:site_name\" content=\"Example News\">"
        + (date.isEmpty() ? "" : "<meta property=\"article:published_time\" content=\"" + escape(date) + "\">")
        + "</head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/energy\">Energy</a></li></ul></nav>"
        + "<header class=\"masthead\"><p>Example News, independent since 1901</p></header>"
        + "<article><h1>" + title + "</h1>" + paragraphs
        + "<div class=\"share-tools\"><p>Share this article</p></div></article>"
        + "<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">Weather warning</a></li></ul></aside>"
        + "<footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>";
  }
}
