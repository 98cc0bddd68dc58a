package org.newslens.jobs.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.newslens.common.schema.ReasonCode;

/**
 * Pulls raw records out of one file task lazily. A failure that stops reading (truncated
 * compression, broken quoting, an I/O error) becomes one quarantine record for the unread rest
 * of the file, after the records already read; the job never fails because of a file. A file
 * that holds no record at all becomes one {@code EMPTY_TEXT} record, so it is not silently lost.
 */
abstract class RecordIterator implements Iterator<Row>, Closeable {

  protected final FileTask task;
  private Row next;
  private boolean done;
  private boolean any;

  RecordIterator(FileTask task) {
    this.task = task;
  }

  /** The next record, or null at the end of the task. */
  protected abstract Row computeNext() throws Exception;

  /** Where reading stopped, for the quarantine record of a failure. */
  protected abstract String position();

  @Override
  public final boolean hasNext() {
    if (next == null && !done) {
      try {
        next = computeNext();
        if (next == null) {
          finish();
          if (!any && task.start() == 0) {
            next = RawRecords.error(task.path(), "file", ReasonCode.EMPTY_TEXT, "the file holds no records", null);
          }
        }
      } catch (Exception | StackOverflowError e) {
        next = RawRecords.error(task.path(), position(), classify(e), describe(e), null);
        finish();
      }
    }
    return next != null;
  }

  @Override
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    any = true;
    return r;
  }

  private void finish() {
    done = true;
    try {
      close();
    } catch (IOException e) {
      // nothing more to read from it either way
    }
  }

  static ReasonCode classify(Throwable e) {
    String m = String.valueOf(e.getMessage());
    if (e instanceof java.nio.charset.CharacterCodingException || m.contains("UTF-8") || m.contains("UTF8")) {
      return ReasonCode.NOT_UTF8;
    }
    if (e instanceof com.fasterxml.jackson.core.JacksonException
        || e instanceof StackOverflowError
        || m.contains("encapsulated token")
        || m.contains("invalid char between encapsulated")) {
      return ReasonCode.UNPARSEABLE_RECORD;
    }
    return ReasonCode.UNREADABLE_FILE;
  }

  static String describe(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return "reading stopped here, the rest of the file is not read: " + e.getClass().getSimpleName()
        + (m.isEmpty() ? "" : ": " + m);
  }
}
