package org.newslens.jobs.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.newslens.common.schema.ReasonCode;

/**
 * Bytes to text, strictly: UTF-8 (a BOM is dropped), or UTF-16 when a UTF-16 BOM says so.
 * Anything else that is not valid UTF-8 is an error, as is binary content.
 */
public final class Decoding {

  /** Share of control bytes (other than tab, newline, carriage return, form feed) that marks binary. */
  static final double BINARY_CONTROL_SHARE = 0.10;

  static final int SNIFF_BYTES = 8192;

  /** Decoded text, or the reason it could not be decoded. */
  public record Result(String text, ReasonCode error, String detail) {
    static Result ok(String text) {
      return new Result(text, null, null);
    }

    static Result fail(ReasonCode code, String detail) {
      return new Result(null, code, detail);
    }

    public boolean ok() {
      return error == null;
    }
  }

  private Decoding() {}

  public static Result decode(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
      return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16BE");
    }
    if (bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
      return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16LE");
    }
    int offset = hasUtf8Bom(bytes) ? 3 : 0;
    if (isBinary(bytes, offset)) {
      return Result.fail(ReasonCode.BINARY_CONTENT, "more than " + (int) (BINARY_CONTROL_SHARE * 100) + "% control bytes in the first " + SNIFF_BYTES + " bytes");
    }
    return strict(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
  }

  private static boolean hasUtf8Bom(byte[] b) {
    return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
  }

  private static boolean isBinary(byte[] bytes, int offset) {
    int n = Math.min(bytes.length - offset, SNIFF_BYTES);
    if (n <= 0) {
      return false;
    }
    int control = 0;
    for (int i = offset; i < offset + n; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        control++;
      }
    }
    return control > n * BINARY_CONTROL_SHARE;
  }

  private static Result strict(byte[] bytes, int offset, java.nio.charset.Charset cs, String name) {
    var decoder = cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return Result.ok(decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
    } catch (CharacterCodingException e) {
      ReasonCode code = cs == StandardCharsets.UTF_8 ? ReasonCode.NOT_UTF8 : ReasonCode.UNPARSEABLE_RECORD;
      return Result.fail(code, "invalid " + name + " at byte " + firstBadByte(bytes, offset, cs));
    }
  }

  private static int firstBadByte(byte[] bytes, int offset, java.nio.charset.Charset cs) {
    var decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    var in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    var out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
    decoder.decode(in, out, true);
    return in.position();
  }

  /** A lossy decoding for excerpts of records that failed. */
  public static String lossy(byte[] bytes, int max) {
    return new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8);
  }
}
