package org.newslens.jobs.spark;

/**
 * Another job holds the warehouse's {@link WarehouseLock} and did not release it in time. The
 * message names the holder; the CLI prints it and exits with {@code Main.WAREHOUSE_LOCKED}.
 */
public final class WarehouseLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient WarehouseLock.Holder holder;

  public WarehouseLockedException(String message, WarehouseLock.Holder holder) {
    super(message);
    this.holder = holder;
  }

  /** Who held the lock when waiting ended (an unknown holder when its file could not be read). */
  public WarehouseLock.Holder holder() {
    return holder;
  }
}
