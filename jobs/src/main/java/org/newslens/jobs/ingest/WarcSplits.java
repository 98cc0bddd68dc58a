package org.newslens.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;

/**
 * Splitting a large WARC file across tasks. A WARC is a sequence of records, each gzipped on its
 * own in a {@code .warc.gz}; a task owns the records that start inside its byte range, finds the
 * first of them by scanning for a record start (a gzip member header, or {@code WARC/1.} after a
 * record's blank lines) that jwarc reads as a record, and reads on past its end to finish the last.
 */
final class WarcSplits {

  private static final byte[] WARC_MAGIC = "WARC/1.".getBytes(StandardCharsets.US_ASCII);
  private static final int SCAN_BUFFER = 1 << 16;

  private WarcSplits() {}

  /**
   * True when the file can be split: uncompressed, or gzipped record by record (the WARC
   * standard's way); a file gzipped as one stream cannot, and is read by one task.
   */
  static boolean splittable(FileSystem fs, Path path) {
    try (FSDataInputStream in = fs.open(path); var reader = new WarcReader(Channels.newChannel(in))) {
      if (reader.compression() == WarcCompression.NONE) {
        return true;
      }
      if (reader.next().isEmpty() || reader.next().isEmpty()) {
        return false;
      }
      long second = reader.position();
      try (FSDataInputStream at = fs.open(path)) {
        at.seek(second);
        return second > 0 && at.read() == 0x1f && at.read() == 0x8b;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The offset of the first record starting in [from, to), or -1 when none does. */
  static long firstRecord(FileSystem fs, Path path, long from, long to, boolean gzip) throws IOException {
    try (FSDataInputStream in = fs.open(path)) {
      in.seek(from);
      byte[] buf = new byte[SCAN_BUFFER + 8];
      long bufStart = from;
      int carried = 0;
      while (bufStart < to) {
        int n = in.readNBytes(buf, carried, SCAN_BUFFER);
        int len = carried + n;
        for (int i = 0; i + 8 <= len || (n == 0 && i < len); i++) {
          long at = bufStart + i;
          if (at >= to) {
            return -1;
          }
          if (startsRecord(buf, i, len, gzip) && readsAsRecord(fs, path, at)) {
            return at;
          }
        }
        if (n == 0) {
          return -1;
        }
        int keep = Math.min(8, len);
        System.arraycopy(buf, len - keep, buf, 0, keep);
        bufStart += len - keep;
        carried = keep;
      }
      return -1;
    }
  }

  private static boolean startsRecord(byte[] b, int i, int len, boolean gzip) {
    if (gzip) {
      return i + 3 <= len && b[i] == 0x1f && b[i + 1] == (byte) 0x8b && b[i + 2] == 8;
    }
    if (i + WARC_MAGIC.length > len) {
      return false;
    }
    for (int k = 0; k < WARC_MAGIC.length; k++) {
      if (b[i + k] != WARC_MAGIC[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean readsAsRecord(FileSystem fs, Path path, long at) {
    try (FSDataInputStream in = fs.open(path)) {
      in.seek(at);
      try (var reader = new WarcReader(Channels.newChannel(bounded(in)))) {
        return reader.next().isPresent();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Enough of the stream to read one record's header; the body is not needed to recognise it. */
  private static InputStream bounded(InputStream in) {
    return new java.io.FilterInputStream(in) {
      private long left = 1 << 20;

      @Override
      public int read() throws IOException {
        return left-- > 0 ? super.read() : -1;
      }

      @Override
      public int read(byte[] b, int off, int n) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int r = super.read(b, off, (int) Math.min(n, left));
        left -= Math.max(r, 0);
        return r;
      }
    };
  }
}
