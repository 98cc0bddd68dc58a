package org.newslens.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newslens.jobs.SparkTestSession;
import scala.Option;
import scala.Tuple2;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

class ProgressTest {

  private static final long SECOND = 1_000_000_000L;
  /** Released by the test; tasks of partitions other than 0 wait for it. */
  private static volatile CountDownLatch release;

  private final AtomicLong clock = new AtomicLong();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private SparkContext sc;
  private Progress progress;

  @BeforeEach
  void attach() {
    sc = SparkTestSession.get().sparkContext();
    progress = new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), clock::get);
    Progress.attach(sc, progress);
  }

  @AfterEach
  void detach() {
    Progress.detach(sc, progress);
  }

  private void at(long seconds) {
    clock.set(seconds * SECOND);
  }

  @Test
  void aStageWithItsOwnUnitReportsDoneOfTotalRateAndTimeLeftOnceItHasRunAnInterval() {
    progress.begin("topics:fit all", "topics fit all");
    Progress.Counter sweeps = Progress.counter(sc, "sweeps", 500);
    at(10);
    sweeps.set(40);
    assertThat(progress.line()).as("not before the stage has run an interval").isNull();
    at(25);
    sweeps.set(100);
    assertThat(progress.line()).isEqualTo("  ... topics fit all: 100/500 sweeps, 4.00 sweeps/s, about 1m40s left (25 s in)");
    progress.tick();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(progress.line() + System.lineSeparator());
    at(40);
    progress.tick();
    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).as("not again within an interval of the last line").hasSize(1);
    at(45);
    progress.tick();
    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    progress.end();
    assertThat(progress.line()).as("nothing between stages").isNull();
  }

  @Test
  void tasksAddToTheCounterAndRunningTasksCountThroughHeartbeats() {
    progress.begin("topics:fit all", "topics fit all");
    Progress.Counter sweeps = Progress.counter(sc, "sweeps", 100);
    var acc = sweeps.accumulator();
    JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1, 2, 3, 4), 4).foreach(x -> acc.add(10));
    at(40);
    assertThat(progress.line()).startsWith("  ... topics fit all: 40/100 sweeps, 1.00 sweeps/s, about 1m00s left");
    // a task still running reports 30 so far with its executor's heartbeat
    AccumulableInfo running = acc.toInfo(Option.apply(30L), Option.empty());
    var update = new SparkListenerExecutorMetricsUpdate("driver",
        CollectionConverters.asScala(List.of(new Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>>(
            123456L, 0, 0, CollectionConverters.asScala(List.of(running)).toSeq()))).toSeq(),
        scala.collection.immutable.Map$.MODULE$.<Tuple2<Object, Object>, ExecutorMetrics>empty());
    progress.onExecutorMetricsUpdate(update);
    assertThat(progress.line()).startsWith("  ... topics fit all: 70/100 sweeps");
  }

  /** Starts a job of eight one-element partitions under {@code group}; partitions from 2 on wait for {@link #release}. */
  private JavaFutureAction<Void> blockedJob(String group) throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    release = new CountDownLatch(1);
    jsc.setJobGroup(group, group, false);
    JavaFutureAction<Void> job;
    try {
      job = jsc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8).foreachPartitionAsync(it -> {
        if (it.next() >= 2) {
          release.await(60, TimeUnit.SECONDS);
        }
      });
    } finally {
      jsc.clearJobGroup();
    }
    // until partitions 0 and 1 are done and every listener has heard of it
    long deadline = System.nanoTime() + 30 * SECOND;
    while (System.nanoTime() < deadline && java.util.Arrays.stream(jsc.statusTracker().getActiveStageIds())
        .mapToObj(id -> jsc.statusTracker().getStageInfo(id)).noneMatch(i -> i != null && i.numCompletedTasks() >= 2)) {
      Thread.sleep(20);
    }
    sc.listenerBus().waitUntilEmpty(10_000);
    return job;
  }

  @Test
  void withoutAUnitOfItsOwnAStageCountsTheTasksOfItsRunningSparkStages() throws Exception {
    progress.begin("ingest:read+clean", "ingest read+clean");
    JavaFutureAction<Void> job = blockedJob("ingest:read+clean");
    at(30);
    assertThat(progress.line()).isEqualTo("  ... ingest read+clean: 2/8 tasks, 0.07 tasks/s, about 1m30s left (30 s in)");
    release.countDown();
    job.get(60, TimeUnit.SECONDS);
    sc.listenerBus().waitUntilEmpty(10_000);
    assertThat(progress.line()).as("its Spark stage has ended").isEqualTo("  ... ingest read+clean: working (30 s in)");
  }

  @Test
  void jobsOfOtherGroupsAreNotCounted() throws Exception {
    progress.begin("cooccur:count", "cooccur count");
    JavaFutureAction<Void> job = blockedJob("someone else");
    at(30);
    try {
      assertThat(progress.line()).isEqualTo("  ... cooccur count: working (30 s in)");
    } finally {
      release.countDown();
      job.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void theCountersOfFitsRunSideBySideAddUp() {
    progress.begin("topics:fit", "topics fit");
    Progress.Counter all = Progress.counter(sc, "sweeps", 500);
    at(5);
    Progress.Counter defence = Progress.counter(sc, "sweeps", 500);
    at(25);
    all.set(300);
    defence.set(100);
    assertThat(progress.line()).isEqualTo("  ... topics fit: 400/1000 sweeps, 16 sweeps/s, about 38 s left (25 s in)");
  }

  @Test
  void onceItsOwnUnitIsDoneAStageCountsTasksAgain() {
    progress.begin("topics:fit all", "topics fit all");
    Progress.counter(sc, "sweeps", 500).set(500);
    at(30);
    assertThat(progress.line()).isEqualTo("  ... topics fit all: 500 sweeps done, working (30 s in)");
  }

  @Test
  void durationsReadAsSecondsMinutesOrHours() {
    assertThat(Progress.duration(59.4)).isEqualTo("59 s");
    assertThat(Progress.duration(100)).isEqualTo("1m40s");
    assertThat(Progress.duration(3 * 3600 + 7 * 60 + 5)).isEqualTo("3h07m");
  }
}
