package org.newslens.jobs.cli;

/** A problem the user can fix (bad argument, missing path): printed without a stack trace. */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
