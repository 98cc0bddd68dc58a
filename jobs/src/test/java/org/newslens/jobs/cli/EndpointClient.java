package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** A client of one running {@link SqlEndpoint}: well-formed requests and raw bytes. */
final class EndpointClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)");

  private final SqlEndpoint endpoint;
  private final String token;

  EndpointClient(SqlEndpoint endpoint, String token) {
    this.endpoint = endpoint;
    this.token = token;
  }

  String base() {
    return "http://127.0.0.1:" + endpoint.address().getPort();
  }

  int port() {
    return endpoint.address().getPort();
  }

  /** POSTs the statement to /sql with the client's token; {@code params} like "&format=csv". */
  HttpResponse<String> post(String statement, String params) throws Exception {
    return post(statement, params, token);
  }

  /** POSTs the statement with {@code bearer} as the token (null: no Authorization header). */
  HttpResponse<String> post(String statement, String params, String bearer) throws Exception {
    return HTTP.send(request(statement, params, bearer), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> postAsync(String statement) {
    return HTTP.sendAsync(request(statement, "", token), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs a path (with its query string) with {@code bearer} as the token, if not null. */
  HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
    var builder = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts that the endpoint answers the count of documents (a GET, as CSV). */
  void assertCounts(String countQuery, long documents) throws Exception {
    HttpResponse<String> answer =
        get("/sql?format=csv&q=" + URLEncoder.encode(countQuery, StandardCharsets.UTF_8), token);
    assertThat(answer.statusCode()).as("count after; body: %s", answer.body()).isEqualTo(200);
    assertThat(answer.body().lines().toList())
        .containsExactly("count(1)", String.valueOf(documents));
  }

  /** Sends raw bytes and returns what the server answers before it closes (or 5 s pass). */
  String raw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      var out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        for (int n = s.getInputStream().read(buffer); n > 0; n = s.getInputStream().read(buffer)) {
          out.write(buffer, 0, n);
          if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException | SocketException e) {
        // no answer, or a reset after it: what arrived is the answer
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private HttpRequest request(String statement, String params, String bearer) {
    var builder =
        HttpRequest.newBuilder(URI.create(base() + "/sql?x=1" + params))
            .timeout(Duration.ofSeconds(180))
            .POST(HttpRequest.BodyPublishers.ofString(statement));
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return builder.build();
  }

  private static boolean complete(String text) {
    int head = text.indexOf("\r\n\r\n");
    var length = CONTENT_LENGTH.matcher(text);
    return head >= 0
        && length.find()
        && text.length() - head - 4 >= Integer.parseInt(length.group(1));
  }
}
