package org.newslens.jobs.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;

/**
 * Runs {@code serve-sql}'s queries: at most {@code maxConcurrent} at a time (one more is refused at
 * once, not queued), each on a worker thread under its own Spark job group, cancelled with its
 * future jobs when it runs longer than {@code timeout}. A cancelled query holds its slot until its
 * worker has stopped, so queries that ignore cancellation for a while cannot pile up.
 */
final class TimedQueries {

  /** All slots are taken. */
  static final class Busy extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** The query ran out of time and was cancelled. */
  static final class TimedOut extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private final SparkContext spark;
  private final Duration timeout;
  private final Semaphore slots;
  private final ExecutorService workers;
  private final AtomicLong ids = new AtomicLong();

  TimedQueries(SparkContext spark, int maxConcurrent, Duration timeout) {
    this.spark = spark;
    this.timeout = timeout;
    this.slots = new Semaphore(maxConcurrent);
    this.workers =
        Executors.newFixedThreadPool(
            maxConcurrent,
            r -> {
              Thread t = new Thread(r, "serve-sql-query");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The result of {@code work}, run under a job group named after {@code description}; its
   * exceptions are rethrown as they are (checked ones wrapped).
   */
  <T> T run(String description, Callable<T> work) throws Busy, TimedOut, InterruptedException {
    if (!slots.tryAcquire()) {
      throw new Busy();
    }
    String group = "serve-sql-" + ids.incrementAndGet();
    Future<T> result;
    try {
      result = workers.submit(() -> inGroup(group, description, work));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      spark.cancelJobGroupAndFutureJobs(
          group, "serve-sql: the query ran longer than --query-timeout");
      if (e instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new TimedOut();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private <T> T inGroup(String group, String description, Callable<T> work) throws Exception {
    spark.setJobGroup(group, description, true);
    try {
      return work.call();
    } finally {
      spark.clearJobGroup();
      slots.release();
    }
  }

  void shutdown() {
    workers.shutdownNow();
  }
}
