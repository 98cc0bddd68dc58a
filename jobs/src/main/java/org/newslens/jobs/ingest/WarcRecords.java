package org.newslens.jobs.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.spark.sql.Row;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcResponse;
import org.newslens.common.schema.ReasonCode;

/** Records from WARC responses: HTML pages reduced to their article, PDFs parsed as reports. */
final class WarcRecords {

  private WarcRecords() {}

  /**
   * The record of an HTTP response with a 2xx status and an HTML or PDF payload; null for any
   * other response (DNS lookups, redirects, errors, images, scripts), which is not a document.
   */
  static Row record(String file, String locator, WarcResponse response, long maxBytes, ReportParser reports) {
    String url = response.target();
    if (!isHttp(response)) {
      return null;
    }
    try {
      var http = response.http();
      if (http.status() < 200 || http.status() >= 300) {
        return null;
      }
      MediaType type;
      try {
        type = http.contentType();
      } catch (RuntimeException e) {
        return null; // no or no readable Content-Type: not a page
      }
      String base = type.base().toString();
      boolean html = base.equals("text/html") || base.equals("application/xhtml+xml");
      boolean pdf = base.equals("application/pdf");
      if (!html && !pdf) {
        return null;
      }
      byte[] body;
      try (InputStream in = http.bodyDecoded().stream()) {
        body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
      }
      if (body.length > maxBytes) {
        return RawRecords.error(file, locator, ReasonCode.TOO_LARGE, url + ": payload over --max-record-bytes " + maxBytes, null);
      }
      String date = response.date().toString();
      if (html) {
        return ReportRecords.page(file, locator, body, type.parameters().get("charset"), url, date);
      }
      try {
        var parsed = reports.parse(new ByteArrayInputStream(body), fileName(url));
        return ReportRecords.record(file, locator, parsed, url, date);
      } catch (ReportParser.Failure f) {
        return RawRecords.error(file, locator, f.reason, url + ": " + f.getMessage(), null);
      }
    } catch (IOException | RuntimeException e) {
      return RawRecords.error(file, locator, ReasonCode.UNPARSEABLE_RECORD,
          url + ": malformed HTTP response: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    }
  }

  /** An HTTP(S) response; crawlers also store DNS lookups and other protocols as responses. */
  private static boolean isHttp(WarcResponse response) {
    try {
      return response.contentType().base().toString().equals("application/http")
          && (url(response).startsWith("http:") || url(response).startsWith("https:"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String url(WarcResponse response) {
    return response.target().toLowerCase(java.util.Locale.ROOT);
  }

  private static String fileName(String url) {
    try {
      String path = URI.create(url).getPath();
      return path == null || path.isEmpty() ? "document.pdf" : path.substring(path.lastIndexOf('/') + 1);
    } catch (IllegalArgumentException e) {
      return "document.pdf";
    }
  }
}
