package org.newslens.jobs.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.newslens.common.schema.TableSpec;
import org.newslens.common.schema.Tables;
import org.newslens.jobs.cli.UserException;

/**
 * The warehouse: {@code <warehouse>/newslens.db/<table>/}, Spark's layout for database newslens,
 * on any Hadoop file system (a local folder by default, HDFS or an object store on a cluster).
 */
public final class Warehouse {

  /** Marker file that identifies a folder as a newslens warehouse. */
  public static final String MARKER = ".newslens-warehouse";

  private final Path root;
  private final FileSystem fs;

  private Warehouse(Path root, FileSystem fs) {
    this.root = root;
    this.fs = fs;
  }

  /** A warehouse at {@code location}: a URI, or a local path made absolute. */
  public static Warehouse at(String location, Configuration conf) {
    URI uri = URI.create(location.replace(" ", "%20"));
    Path path =
        uri.getScheme() == null || uri.getScheme().length() == 1
            ? new Path(Paths.get(location).toAbsolutePath().normalize().toUri())
            : new Path(uri);
    try {
      return new Warehouse(path, path.getFileSystem(conf));
    } catch (IOException e) {
      throw new UserException("--warehouse " + location + ": no file system for it: " + e.getMessage(), e);
    }
  }

  /** A path for messages: a local one as a plain path, without {@code file:} or a trailing slash. */
  public static String shown(Path path) {
    String shown = "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    return shown.length() > 1 && shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
  }

  public Path root() {
    return root;
  }

  public FileSystem fs() {
    return fs;
  }

  public Path databaseDir() {
    return new Path(root, Tables.DATABASE_DIR);
  }

  public Path tableDir(TableSpec table) {
    return new Path(databaseDir(), table.name());
  }

  /** True when the table folder exists. */
  public boolean hasTable(TableSpec table) {
    try {
      return fs.exists(tableDir(table));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails with a message naming {@code option} when {@code path}, an output a command writes, lies
   * in the warehouse's tables folder, where a stray file or folder would become part of a table.
   */
  public void refuseInsideTables(String option, String path) {
    String target = Path.getPathWithoutSchemeAndAuthority(Warehouse.at(path, fs.getConf()).root()).toString();
    String tables = Path.getPathWithoutSchemeAndAuthority(databaseDir()).toString();
    if (target.equals(tables) || target.startsWith(tables + "/")) {
      throw new UserException(option + " " + path + " is inside the warehouse's tables folder " + databaseDir()
          + "; write it outside newslens.db");
    }
  }

  /**
   * Creates the warehouse if needed and checks that it can be written; refuses a non-empty folder
   * that is not a newslens warehouse, so a typo cannot turn someone's data folder into one.
   */
  public Warehouse prepareForWrite() {
    try {
      if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
        throw new UserException("--warehouse " + root + " is a file, not a directory");
      }
      boolean fresh = !fs.exists(root) || fs.listStatus(root).length == 0;
      if (!fresh && !fs.exists(new Path(root, MARKER)) && !fs.exists(databaseDir())) {
        throw new UserException(
            "--warehouse " + root + " is a non-empty directory that is not a newslens warehouse; "
                + "choose an empty or new directory");
      }
      fs.mkdirs(databaseDir());
      Path probe = new Path(root, ".write-probe-" + System.nanoTime());
      fs.create(probe, true).close();
      fs.delete(probe, false);
      if (!fs.exists(new Path(root, MARKER))) {
        try (var out = fs.create(new Path(root, MARKER), true)) {
          out.write("newslens warehouse\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      return this;
    } catch (IOException e) {
      throw StorageFailure.kind(e)
          .<RuntimeException>map(kind -> new StorageFailure(kind + ": cannot write the warehouse " + shown(root) + "; no table was changed", e))
          .orElseGet(() -> new UserException("--warehouse " + root + " is not writable: " + e.getMessage(), e));
    }
  }
}
