package org.newslens.common.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Stable, content-derived ids: the same input always gets the same id (DESIGN.md conventions). */
public final class StableIds {

  /** Length of generated document ids in hex characters (64 bits). */
  public static final int DOC_ID_HEX = 16;

  /** Length of content hashes in hex characters (128 bits). */
  public static final int CONTENT_HASH_HEX = 32;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private StableIds() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of the parts, separated by NUL. */
  public static String sha256Hex(String... parts) {
    MessageDigest md = sha256();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        md.update((byte) 0);
      }
      md.update((parts[i] == null ? "" : parts[i]).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The text as duplicates are compared: case-folded, whitespace runs collapsed to one space. */
  public static String duplicateKey(String cleanedText) {
    return WHITESPACE.matcher(cleanedText.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** {@code content_hash}: hash of the duplicate key of the cleaned text. */
  public static String contentHash(String cleanedText) {
    return sha256Hex(duplicateKey(cleanedText)).substring(0, CONTENT_HASH_HEX);
  }

  /** A document id for a record without its own id: hash of source and duplicate key. */
  public static String docId(String source, String cleanedText) {
    return sha256Hex(source == null ? "" : source.strip(), duplicateKey(cleanedText))
        .substring(0, DOC_ID_HEX);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
