package org.newslens.jobs.spark;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Progress lines on stderr while a {@link StageTimer} stage runs: every {@link #INTERVAL_SECONDS}
 * seconds after the stage's first, one line with what is done of what there is to do, the rate and
 * an estimate of the time left. The unit is the stage's own when it declares one ({@link #counter}:
 * Gibbs sweeps, for example, counted on the driver or by tasks through an accumulator whose running
 * values arrive with the executors' heartbeats), otherwise the tasks of the Spark stages running
 * under it. Off unless {@link #enable}d (the CLI does, unless {@code --quiet}); Spark's own console
 * progress bar stays off. One listener per SparkContext.
 */
public final class Progress extends SparkListener {

  /** Seconds between lines; with {@link #TICK_SECONDS} under 30, so that a line comes at least every 30 s. */
  public static final int INTERVAL_SECONDS = 20;
  /** How often the ticker looks. */
  private static final int TICK_SECONDS = 5;

  private static final String GROUP = "spark.jobGroup.id";
  private static final Map<SparkContext, Progress> ALL = new ConcurrentHashMap<>();

  private final PrintStream out;
  private final LongSupplier clock;
  /** Spark stages running under the current newslens stage: id → [tasks, tasks done, nanos submitted]. */
  private final Map<Integer, long[]> running = new ConcurrentHashMap<>();
  /** Latest partial values of the counters' accumulators in running tasks, by task id and accumulator id. */
  private final Map<Long, Map<Long, Long>> partial = new ConcurrentHashMap<>();
  private volatile Stage current;

  /** The newslens stage being timed, with its own counters once it declares them (one per fit run side by side). */
  private static final class Stage {
    final String group;
    final String label;
    final long startNanos;
    final List<Counter> counters = new CopyOnWriteArrayList<>();
    long printedNanos;

    Stage(String group, String label, long startNanos) {
      this.group = group;
      this.label = label;
      this.startNanos = startNanos;
      this.printedNanos = startNanos;
    }
  }

  /**
   * A stage's own unit of work: {@code done} of {@code total} {@code unit}s, advanced on the driver
   * ({@link #set}) or by tasks through {@link #accumulator()}.
   */
  public static final class Counter {
    private final String unit;
    private final long total;
    private final LongAccumulator accumulator;
    private volatile long driverDone;
    private final long startNanos;

    private Counter(String unit, long total, LongAccumulator accumulator, long startNanos) {
      this.unit = unit;
      this.total = total;
      this.accumulator = accumulator;
      this.startNanos = startNanos;
    }

    /** Tasks add to this; the driver sees finished tasks' additions and running tasks' through heartbeats. */
    public LongAccumulator accumulator() {
      return accumulator;
    }

    /** Sets the work done, counted on the driver. */
    public void set(long done) {
      driverDone = done;
    }
  }

  Progress(PrintStream out, LongSupplier clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Starts progress lines on {@code out} for the jobs of {@code sc} (once; later calls do nothing). */
  public static void enable(SparkContext sc, PrintStream out) {
    ALL.computeIfAbsent(sc, c -> {
      Progress p = new Progress(out, System::nanoTime);
      c.addSparkListener(p);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "newslens-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(p::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
      return p;
    });
  }

  /** Makes {@code p} the progress of {@code sc} without a ticker (tests call {@link #line} themselves). */
  static void attach(SparkContext sc, Progress p) {
    ALL.put(sc, p);
    sc.addSparkListener(p);
  }

  static void detach(SparkContext sc, Progress p) {
    ALL.remove(sc, p);
    sc.removeSparkListener(p);
  }

  /** Called by {@link StageTimer} as a stage starts; {@code group} is its Spark job group. */
  static void begin(SparkContext sc, String group, String label) {
    Progress p = ALL.get(sc);
    if (p != null) {
      p.begin(group, label);
    }
  }

  /** Called by {@link StageTimer} as a stage ends. */
  static void end(SparkContext sc) {
    Progress p = ALL.get(sc);
    if (p != null) {
      p.end();
    }
  }

  void begin(String group, String label) {
    end();
    current = new Stage(group, label, clock.getAsLong());
  }

  void end() {
    current = null;
    running.clear();
    partial.clear();
  }

  /**
   * Declares the current stage's own unit of work ({@code total} {@code unit}s). Returns a counter
   * even when progress is off, so callers need not ask; its accumulator is registered with {@code sc}.
   */
  public static Counter counter(SparkContext sc, String unit, long total) {
    LongAccumulator acc = sc.longAccumulator("newslens progress " + unit);
    Progress p = ALL.get(sc);
    long now = p == null ? System.nanoTime() : p.clock.getAsLong();
    Counter c = new Counter(unit, total, acc, now);
    if (p != null) {
      Stage s = p.current;
      if (s != null) {
        s.counters.add(c);
      }
    }
    return c;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    Stage s = current;
    if (s != null && submitted.properties() != null && s.group.equals(submitted.properties().getProperty(GROUP))) {
      StageInfo info = submitted.stageInfo();
      running.put(info.stageId(), new long[] {info.numTasks(), 0, clock.getAsLong()});
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    running.remove(completed.stageInfo().stageId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    long[] tasks = running.get(end.stageId());
    if (tasks != null && end.taskInfo().successful()) {
      synchronized (tasks) {
        tasks[1]++;
      }
    }
    partial.remove(end.taskInfo().taskId());
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    Stage s = current;
    if (s == null || s.counters.isEmpty()) {
      return;
    }
    Set<Long> ids = new HashSet<>();
    s.counters.forEach(c -> ids.add(c.accumulator.id()));
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
        : CollectionConverters.asJava(update.accumUpdates())) {
      for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
        if (ids.contains(info.id()) && info.update().isDefined() && info.update().get() instanceof Number n) {
          partial.computeIfAbsent((Long) task._1(), t -> new ConcurrentHashMap<>()).put(info.id(), n.longValue());
        }
      }
    }
  }

  /** Prints the current stage's line when an interval has passed since its start or its last line. */
  void tick() {
    try {
      Stage s = current;
      long now = clock.getAsLong();
      if (s == null || now - s.printedNanos < INTERVAL_SECONDS * 1_000_000_000L) {
        return;
      }
      String line = line();
      if (line != null) {
        s.printedNanos = now;
        out.println(line);
        out.flush();
      }
    } catch (RuntimeException e) {
      // Progress is a courtesy: it never fails a run.
    }
  }

  /** The line for now, or null when no stage has run long enough to need one. */
  String line() {
    Stage s = current;
    if (s == null) {
      return null;
    }
    long now = clock.getAsLong();
    double elapsed = (now - s.startNanos) / 1e9;
    if (elapsed < INTERVAL_SECONDS) {
      return null;
    }
    List<Counter> counters = List.copyOf(s.counters);
    long done = 0;
    long total = 0;
    String unit = "tasks";
    double since = 0;
    String prefix = "";
    for (Counter c : counters) {
      long tasksDone = c.accumulator.value();
      for (Map<Long, Long> byAccumulator : partial.values()) {
        tasksDone += byAccumulator.getOrDefault(c.accumulator.id(), 0L);
      }
      done += Math.min(c.total, Math.max(c.driverDone, tasksDone));
      total += c.total;
      unit = c.unit;
      since = Math.max(since, (now - c.startNanos) / 1e9);
    }
    if (counters.isEmpty() || done >= total) {
      // no unit of its own, or its units are all done and what follows (scoring, writing) runs as Spark tasks
      prefix = counters.isEmpty() ? "" : total + " " + unit + " done, ";
      done = 0;
      total = 0;
      long first = now;
      for (long[] t : running.values()) {
        synchronized (t) {
          total += t[0];
          done += t[1];
          first = Math.min(first, t[2]);
        }
      }
      unit = "tasks";
      since = (now - first) / 1e9;
    }
    StringBuilder b = new StringBuilder("  ... ").append(s.label).append(": ").append(prefix);
    if (total == 0) {
      b.append("working");
    } else {
      b.append(done).append('/').append(total).append(' ').append(unit);
      double rate = since > 0 ? done / since : 0;
      // a rate from the first few of many units (long tasks) would promise nonsense
      if (rate > 0 && done >= Math.max(2, total / 10)) {
        b.append(String.format(Locale.ROOT, ", %s %s/s, about %s left", rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate)
            : String.format(Locale.ROOT, "%.2f", rate), unit, duration((total - done) / rate)));
      }
    }
    return b.append(" (").append(duration(elapsed)).append(" in)").toString();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }
}
