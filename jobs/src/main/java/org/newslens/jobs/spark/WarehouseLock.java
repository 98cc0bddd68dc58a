package org.newslens.jobs.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per warehouse: the file {@code <warehouse>/newslens.db/.lock}, created atomically
 * (create-new on the local file system, {@code create(path, overwrite=false)} on HDFS), names its
 * holder: host, pid, start time and command. Every command that writes tables holds it from before
 * its Spark session starts until it ends, on failure too, and a JVM shutdown hook releases it on
 * Ctrl-C. Readers never take it.
 *
 * <p>A lock is stale, and taken over with a warning, when its holder is gone: on the same host,
 * when no process has its pid (or the process with that pid started after the lock was taken, so
 * the pid was reused); from another host, whose processes cannot be seen, when the holder has not
 * touched the file for {@link #FOREIGN_STALE} (holders touch it every {@link #HEARTBEAT}).
 */
public final class WarehouseLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);

  /** The lock file's name in {@code newslens.db/}. */
  public static final String FILE = ".lock";

  /** How often the holder touches its lock file, so that other hosts can tell it is alive. */
  static final Duration HEARTBEAT = Duration.ofMinutes(1);

  /** A lock of another host untouched for this long is stale: its holder missed 15 heartbeats. */
  public static final Duration FOREIGN_STALE = Duration.ofMinutes(15);

  /** An unreadable (empty or cut-off) lock file younger than this is being written right now. */
  static final Duration UNREADABLE_GRACE = Duration.ofSeconds(30);

  /** A takeover marker older than this was left by a process killed while taking over. */
  static final Duration TAKEOVER_GRACE = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * How long a lock file may be found empty or half written (its job between creating and
   * writing it) before a job that cannot wait reports it without the holder's name.
   */
  static final Duration WRITING_GRACE = Duration.ofSeconds(2);

  private static final Duration WRITING_POLL = Duration.ofMillis(20);

  /** Who holds a lock: the contents of the lock file, one {@code key=value} a line. */
  public record Holder(String host, long pid, Instant startedAt, String command) {

    /** The holder written for a lock this process takes now. */
    public static Holder ofThisProcess(String command) {
      return new Holder(localHost(), ProcessHandle.current().pid(), Instant.now(), command);
    }

    /** The lock file's text. */
    public String toFileText() {
      return "host=" + host + "\npid=" + pid + "\nstarted_at=" + startedAt + "\ncommand=" + command.replace('\n', ' ') + "\n";
    }

    /** The holder a lock file names; empty when it is cut off or not a lock file. */
    public static Optional<Holder> parse(String text) {
      Map<String, String> fields = new LinkedHashMap<>();
      text.lines().filter(l -> l.indexOf('=') > 0).forEach(l -> fields.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      try {
        return Optional.of(new Holder(fields.get("host"), Long.parseLong(fields.get("pid")),
            Instant.parse(fields.get("started_at")), fields.get("command")))
            .filter(h -> h.host() != null && h.command() != null && text.endsWith("\n"));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    /** For messages: {@code ingest --input x (pid 123 on host h, started 2026-01-01T10:00:00Z)}. */
    public String describe() {
      return command + " (pid " + pid + " on host " + host + ", started " + startedAt + ")";
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final String text;
  private final ScheduledExecutorService heartbeat;
  private final Runnable hook = this::close;
  private final AtomicBoolean released = new AtomicBoolean();

  private WarehouseLock(FileSystem fs, Path file, String text) {
    this.fs = fs;
    this.file = file;
    this.text = text;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "newslens-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    // Before Hadoop closes its file systems at exit, so that the lock can still be deleted.
    ShutdownHookManager.get().addShutdownHook(hook, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
  }

  /**
   * Takes the lock of {@code warehouse} (whose folder exists) for {@code command}, waiting up to
   * {@code timeout} for another job to release it; throws {@link WarehouseLockedException} naming
   * the holder when it does not.
   */
  public static WarehouseLock acquire(Warehouse warehouse, String command, Duration timeout) {
    return acquire(warehouse, Holder.ofThisProcess(command), timeout);
  }

  static WarehouseLock acquire(Warehouse warehouse, Holder me, Duration timeout) {
    FileSystem fs = warehouse.fs() instanceof ChecksumFileSystem c ? c.getRawFileSystem() : warehouse.fs();
    Path file = new Path(warehouse.databaseDir(), FILE);
    long deadline = System.nanoTime() + timeout.toNanos();
    long unreadableSince = -1;
    boolean announced = false;
    try {
      while (true) {
        if (tryCreate(fs, file, me.toFileText())) {
          LOG.info("took the warehouse lock {}", file);
          return new WarehouseLock(fs, file, me.toFileText());
        }
        Optional<String> seen = readText(fs, file);
        if (seen.isEmpty()) {
          continue; // released between the two calls
        }
        Optional<Holder> holder = seen.flatMap(Holder::parse);
        if (isStale(holder, modified(fs, file), me.host())) {
          if (!takeOver(fs, file, seen.get(), holder)) {
            Thread.sleep(POLL.toMillis());
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 && holder.isEmpty()) {
          // a job that has created its lock file but not yet written it: give it a moment, so the
          // message can name it
          unreadableSince = unreadableSince < 0 ? System.nanoTime() : unreadableSince;
          if (System.nanoTime() - unreadableSince < WRITING_GRACE.toNanos()) {
            Thread.sleep(WRITING_POLL.toMillis());
            continue;
          }
        }
        if (left <= 0) {
          throw locked(warehouse, file, holder, timeout);
        }
        if (!announced) {
          LOG.warn("the warehouse {} is locked by {}; waiting up to {} s for it", Warehouse.shown(warehouse.root()), describe(holder), timeout.toSeconds());
          announced = true;
        }
        Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("taking the warehouse lock " + file + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the warehouse lock " + file, e);
    }
  }

  /**
   * True when a live job holds the lock of {@code warehouse}: its file exists and is not stale.
   * Readers use it to tell a running commit from one a killed job left.
   */
  public static boolean isHeld(Warehouse warehouse) {
    FileSystem fs = warehouse.fs() instanceof ChecksumFileSystem c ? c.getRawFileSystem() : warehouse.fs();
    Path file = new Path(warehouse.databaseDir(), FILE);
    try {
      Optional<String> seen = readText(fs, file);
      return seen.isPresent() && !isStale(seen.flatMap(Holder::parse), modified(fs, file), localHost());
    } catch (IOException e) {
      return true; // unreadable: assume a writer, as a reader must not touch its commit
    }
  }

  /** Releases the lock (idempotent); leaves the file alone if another job has taken it over. */
  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    heartbeat.shutdownNow();
    try {
      ShutdownHookManager.get().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: this is the hook
    }
    try {
      if (readText(fs, file).filter(text::equals).isPresent()) {
        fs.delete(file, false);
        LOG.info("released the warehouse lock {}", file);
      } else {
        LOG.warn("the warehouse lock {} is no longer this job's; left as it is", file);
      }
    } catch (IOException e) {
      LOG.warn("could not release the warehouse lock {}: {}", file, e.toString());
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  private void touch() {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException e) {
      LOG.warn("could not touch the warehouse lock {}: {}", file, e.toString());
    }
  }

  /** Creates {@code file} with {@code content} unless it exists, atomically; false when it exists. */
  private static boolean tryCreate(FileSystem fs, Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create(overwrite=false) checks, then creates: not atomic. O_EXCL is.
      java.nio.file.Path path = local.pathToFile(file).toPath();
      try {
        Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        Files.deleteIfExists(path); // created but not written (a full disk): no half lock
        throw e;
      }
    }
    try (var out = fs.create(file, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file) && readText(fs, file).filter(content::equals).isEmpty()) {
        return false; // another process created it first (HDFS reports that as an IOException)
      }
      throw e;
    }
  }

  private static boolean isStale(Optional<Holder> holder, Instant modified, String thisHost) {
    Duration age = Duration.between(modified, Instant.now());
    if (holder.isEmpty()) {
      return age.compareTo(UNREADABLE_GRACE) > 0;
    }
    if (!holder.get().host().equals(thisHost)) {
      return age.compareTo(FOREIGN_STALE) > 0;
    }
    return !isAlive(holder.get());
  }

  /** True when a process with the holder's pid runs and started before the lock was taken. */
  static boolean isAlive(Holder holder) {
    return ProcessHandle.of(holder.pid())
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().startInstant().map(s -> !s.isAfter(holder.startedAt().plusSeconds(2))).orElse(true))
        .orElse(false);
  }

  /**
   * Deletes the stale lock whose text was {@code seen}. A takeover marker, itself created
   * atomically, makes sure that of two processes taking over at once, the later one does not
   * delete the lock the earlier one has just created. False when another process is taking over.
   */
  private static boolean takeOver(FileSystem fs, Path file, String seen, Optional<Holder> holder) throws IOException {
    Path marker = file.suffix(".takeover");
    if (!tryCreate(fs, marker, Holder.ofThisProcess("takeover").toFileText())) {
      if (Duration.between(modified(fs, marker), Instant.now()).compareTo(TAKEOVER_GRACE) > 0) {
        fs.delete(marker, false);
      }
      return false;
    }
    try {
      if (readText(fs, file).filter(seen::equals).isPresent()) {
        LOG.warn("taking over the stale warehouse lock {} of {}: {}", file, describe(holder),
            holder.isEmpty() ? "its file is unreadable" : "that process is gone");
        fs.delete(file, false);
      }
    } finally {
      fs.delete(marker, false);
    }
    return true;
  }

  private static WarehouseLockedException locked(Warehouse warehouse, Path file, Optional<Holder> holder, Duration timeout) {
    String waited = timeout.isZero() ? "" : " (waited " + timeout.toSeconds() + " s)";
    return new WarehouseLockedException("the warehouse " + Warehouse.shown(warehouse.root()) + " is locked by another job: "
        + describe(holder) + waited + ". Wait for it to end (--lock-timeout SECONDS waits); if that process is gone for good, delete "
        + Warehouse.shown(file), holder.orElse(new Holder("unknown", -1, Instant.EPOCH, "unknown")));
  }

  private static String describe(Optional<Holder> holder) {
    return holder.map(Holder::describe).orElse("a job that is writing its lock file");
  }

  private static Optional<String> readText(FileSystem fs, Path file) throws IOException {
    try (var in = fs.open(file)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Instant modified(FileSystem fs, Path file) throws IOException {
    try {
      return Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
    } catch (FileNotFoundException e) {
      return Instant.now();
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
  }
}
