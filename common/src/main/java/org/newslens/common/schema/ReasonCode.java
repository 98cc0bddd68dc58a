package org.newslens.common.schema;

/** Why an input record went to {@code quarantine}; the name is stored in {@code reason_code}. */
public enum ReasonCode {
  /** No text, or nothing left after markup and whitespace were removed. */
  EMPTY_TEXT,
  /** Bytes that are not valid UTF-8 (and carry no UTF-16 byte-order mark). */
  NOT_UTF8,
  /** Binary content: NUL bytes or mostly control characters. */
  BINARY_CONTENT,
  /** A record the format's parser rejects: bad JSON, broken CSV quoting, wrong column count. */
  UNPARSEABLE_RECORD,
  /** A record over the size limits (raw bytes or cleaned characters). */
  TOO_LARGE,
  /** A record whose id is already taken by a record with different text. */
  DUPLICATE_ID_CONFLICT,
  /** Same normalised text as a kept document; counted in its {@code syndication_count}. */
  EXACT_DUPLICATE,
  /** A file that cannot be opened or read: permissions, I/O errors, corrupt or truncated compression. */
  UNREADABLE_FILE,
  /** A file whose format cannot be determined from its name; use {@code --format}. */
  UNSUPPORTED_FORMAT,
  /** An encrypted or password-protected report (PDF, Word, OpenDocument). */
  ENCRYPTED,
  /** A PDF whose pages hold no text, only images: a scan that would need OCR. */
  NO_TEXT_LAYER,
  /** A report whose parser did not finish within {@code --parse-timeout}. */
  PARSE_TIMEOUT
}
