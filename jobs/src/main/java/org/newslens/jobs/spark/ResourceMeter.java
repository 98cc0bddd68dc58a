package org.newslens.jobs.spark;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What each newslens job cost the executors, for {@code runs.counters} and the benchmark: bytes
 * spilled (memory and disk), shuffle bytes written, the largest task's peak execution memory and
 * the executors' peak JVM heap (sampled at task ends and heartbeats). A task counts towards the
 * job whose {@link StageTimer} group its stage ran under. One listener per SparkContext.
 */
public final class ResourceMeter extends SparkListener {

  private static final String GROUP = "spark.jobGroup.id";
  private static final String HEAP = "JVMHeapMemory";
  private static final long DRAIN_WAIT_MILLIS = 5_000;
  private static final Map<SparkContext, ResourceMeter> METERS = new ConcurrentHashMap<>();

  private final Map<Integer, String> stageJobs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> byJob = new ConcurrentHashMap<>();
  private volatile String lastJob;

  private ResourceMeter() {}

  /** The listener of {@code sc}, registered on first use. */
  public static ResourceMeter of(SparkContext sc) {
    return METERS.computeIfAbsent(sc, c -> {
      ResourceMeter meter = new ResourceMeter();
      c.addSparkListener(meter);
      return meter;
    });
  }

  /**
   * The job's counters so far ({@code spill_memory_bytes}, {@code spill_disk_bytes},
   * {@code shuffle_write_bytes}, {@code peak_task_execution_memory_bytes},
   * {@code peak_executor_heap_bytes}), and starts it afresh for its next run. Listener events are
   * delivered asynchronously: this waits up to 5 s for the bus to empty.
   */
  public Map<String, Long> drain(SparkContext sc, String job) {
    try {
      sc.listenerBus().waitUntilEmpty(DRAIN_WAIT_MILLIS);
    } catch (Exception e) {
      // A busy listener bus costs the last few tasks' numbers, never the run.
    }
    Map<String, Long> counters = byJob.remove(job);
    return counters == null ? Map.of() : new TreeMap<>(counters);
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    Properties p = submitted.properties();
    String group = p == null ? null : p.getProperty(GROUP);
    if (group != null) {
      String job = group.contains(":") ? group.substring(0, group.indexOf(':')) : group;
      stageJobs.put(submitted.stageInfo().stageId(), job);
      lastJob = job;
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    String job = stageJobs.get(end.stageId());
    TaskMetrics m = end.taskMetrics();
    if (job == null || m == null) {
      return;
    }
    Map<String, Long> c = byJob.computeIfAbsent(job, j -> new ConcurrentHashMap<>());
    c.merge("spill_memory_bytes", m.memoryBytesSpilled(), Long::sum);
    c.merge("spill_disk_bytes", m.diskBytesSpilled(), Long::sum);
    c.merge("shuffle_write_bytes", m.shuffleWriteMetrics().bytesWritten(), Long::sum);
    c.merge("peak_task_execution_memory_bytes", m.peakExecutionMemory(), Math::max);
    heap(job, end.taskExecutorMetrics());
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    String job = lastJob;
    if (job != null) {
      CollectionConverters.asJava(update.executorUpdates()).values().forEach(metrics -> heap(job, metrics));
    }
  }

  private void heap(String job, ExecutorMetrics metrics) {
    long heap = metrics == null ? 0 : metrics.getMetricValue(HEAP);
    if (heap > 0) {
      byJob.computeIfAbsent(job, j -> new ConcurrentHashMap<>()).merge("peak_executor_heap_bytes", heap, Math::max);
    }
  }
}
