package org.newslens.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lock on a local folder, without Spark: fast. */
class WarehouseLockTest {

  @TempDir Path dir;
  private Warehouse warehouse;
  private Path lockFile;

  @BeforeEach
  void warehouse() {
    warehouse = Warehouse.at(dir.toString(), new Configuration()).prepareForWrite();
    lockFile = dir.resolve("newslens.db").resolve(WarehouseLock.FILE);
  }

  private WarehouseLock acquire(String command, Duration timeout) {
    return WarehouseLock.acquire(warehouse, command, timeout);
  }

  private static WarehouseLock.Holder me() {
    return WarehouseLock.Holder.ofThisProcess("x");
  }

  @Test
  void theLockFileNamesItsHolderAndIsRemovedOnClose() throws Exception {
    try (var lock = acquire("newslens ingest --input a", Duration.ZERO)) {
      String text = Files.readString(lockFile);
      assertThat(text).contains("host=" + me().host(), "pid=" + ProcessHandle.current().pid(),
          "command=newslens ingest --input a", "started_at=" + Instant.now().toString().substring(0, 10));
      assertThat(WarehouseLock.Holder.parse(text)).get().extracting(WarehouseLock.Holder::command).isEqualTo("newslens ingest --input a");
    }
    assertThat(lockFile).doesNotExist();
  }

  @Test
  void aSecondWriterFailsAtOnceNamingTheHolder() {
    try (var first = acquire("newslens ingest --input a", Duration.ZERO)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> acquire("newslens ingest --input b", Duration.ZERO))
          .isInstanceOf(WarehouseLockedException.class)
          .hasMessageContaining("is locked by another job: newslens ingest --input a (pid " + ProcessHandle.current().pid()
              + " on host " + me().host() + ", started ")
          .hasMessageContaining("--lock-timeout")
          .hasMessageContaining(lockFile.toString());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aSecondWriterWaitsUpToTheTimeoutThenFails() {
    try (var first = acquire("first", Duration.ZERO)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> acquire("second", Duration.ofSeconds(1)))
          .isInstanceOf(WarehouseLockedException.class)
          .hasMessageContaining("waited 1 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void aSecondWriterWaitingLongEnoughGetsTheLockOnceReleased() throws Exception {
    var first = acquire("first", Duration.ZERO);
    var pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> release = pool.submit(() -> {
        Thread.sleep(700);
        first.close();
        return null;
      });
      try (var second = acquire("second", Duration.ofSeconds(30))) {
        assertThat(release.isDone()).isTrue();
        assertThat(Files.readString(lockFile)).contains("command=second");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void creatingTheLockIsAtomicUnderContention() throws Exception {
    int threads = 8;
    var pool = Executors.newFixedThreadPool(threads);
    var start = new CountDownLatch(1);
    List<Future<WarehouseLock>> tries = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String name = "writer-" + i;
      tries.add(pool.submit(() -> {
        start.await();
        try {
          return acquire(name, Duration.ZERO);
        } catch (WarehouseLockedException e) {
          return null;
        }
      }));
    }
    start.countDown();
    List<WarehouseLock> won = new ArrayList<>();
    for (var t : tries) {
      WarehouseLock lock = t.get(30, TimeUnit.SECONDS);
      if (lock != null) {
        won.add(lock);
      }
    }
    pool.shutdown();
    assertThat(won).hasSize(1);
    won.get(0).close();
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLock(new WarehouseLock.Holder(me().host(), gone.pid(), Instant.now().minusSeconds(60), "newslens ingest killed"));

    try (var lock = acquire("newslens ingest next", Duration.ZERO)) {
      assertThat(Files.readString(lockFile)).contains("command=newslens ingest next");
    }
  }

  @Test
  void aLockWhosePidWasReusedByALaterProcessIsTakenOver() throws Exception {
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
    // This JVM has the pid, but started an hour after the lock was taken: not its holder.
    writeLock(new WarehouseLock.Holder(me().host(), ProcessHandle.current().pid(), jvmStart.minus(Duration.ofHours(1)), "old"));

    try (var lock = acquire("new", Duration.ZERO)) {
      assertThat(Files.readString(lockFile)).contains("command=new");
    }
  }

  @Test
  void aLockOfAnotherHostIsRespectedUntilItsHeartbeatIsLongOverdue() throws Exception {
    writeLock(new WarehouseLock.Holder("other-host", 1, Instant.now().minus(Duration.ofHours(2)), "newslens run elsewhere"));
    assertThatThrownBy(() -> acquire("here", Duration.ZERO)).hasMessageContaining("pid 1 on host other-host");

    age(lockFile, WarehouseLock.FOREIGN_STALE.plusMinutes(1));
    try (var lock = acquire("here", Duration.ZERO)) {
      assertThat(Files.readString(lockFile)).contains("command=here");
    }
  }

  @Test
  void anUnreadableLockFileIsRespectedWhileYoungAndTakenOverWhenOld() throws Exception {
    Files.writeString(lockFile, "host=half-writ");
    assertThatThrownBy(() -> acquire("here", Duration.ZERO)).hasMessageContaining("a job that is writing its lock file");

    age(lockFile, WarehouseLock.UNREADABLE_GRACE.plusSeconds(5));
    try (var lock = acquire("here", Duration.ZERO)) {
      assertThat(Files.readString(lockFile)).contains("command=here");
    }
  }

  @Test
  void closingLeavesALockAnotherJobHasTakenOverAlone() throws Exception {
    var lock = acquire("mine", Duration.ZERO);
    String theirs = new WarehouseLock.Holder("other-host", 7, Instant.now(), "theirs").toFileText();
    Files.writeString(lockFile, theirs);
    lock.close();
    assertThat(Files.readString(lockFile)).isEqualTo(theirs);
  }

  @Test
  void theHolderOfALiveLockIsThisProcess() {
    assertThat(WarehouseLock.isAlive(me())).isTrue();
    assertThat(WarehouseLock.isAlive(new WarehouseLock.Holder(me().host(), Long.MAX_VALUE / 2, Instant.now(), "x"))).isFalse();
  }

  @Test
  void aLockFileStillBeingWrittenIsNamedOnceWritten() throws Exception {
    var holder = new WarehouseLock.Holder(me().host(), ProcessHandle.current().pid(), Instant.now(), "newslens ingest --input slow");
    // the holder has written its first line only
    Files.writeString(lockFile, holder.toFileText().lines().findFirst().orElseThrow() + "\n");
    var writer = new Thread(() -> {
      try {
        Thread.sleep(300);
        writeLock(holder);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    assertThatThrownBy(() -> acquire("newslens ingest --input b", Duration.ZERO))
        .hasMessageContaining("locked by another job: newslens ingest --input slow");
    writer.join();
  }

  private void writeLock(WarehouseLock.Holder holder) throws Exception {
    Files.writeString(lockFile, holder.toFileText());
  }

  private static void age(Path file, Duration age) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
  }
}
