package org.newslens.jobs.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a {@link TableCommit} will do, written before it does any of it, so that a killed commit
 * is rolled forward whole: the commit's staging and trash folders, then one step a line. Steps are
 * written tab-separated: {@code replace <table>} (the whole folder), {@code partition <table>
 * <col=value> replace|remove}, {@code append <table>} (the staged files join the table's).
 *
 * <p>Every step can be repeated: a staged folder or file that is gone was already moved in, so
 * {@link #rollForward} finishes whatever a killed one left, however far it got.
 */
record CommitJournal(Path staging, Path trash, List<String[]> steps) {

  static final String REPLACE = "replace";
  static final String PARTITION = "partition";
  static final String APPEND = "append";
  static final String REMOVE = "remove";

  String text() {
    StringBuilder out = new StringBuilder("staging\t" + staging + "\ntrash\t" + trash + "\n");
    steps.forEach(s -> out.append(String.join("\t", s)).append('\n'));
    return out.toString();
  }

  static CommitJournal parse(String text, Path file) throws IOException {
    String[] lines = text.split("\n");
    if (lines.length < 2 || !lines[0].startsWith("staging\t") || !lines[1].startsWith("trash\t")) {
      throw new IOException(file + " is not a newslens commit journal");
    }
    List<String[]> steps = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      steps.add(lines[i].split("\t"));
    }
    return new CommitJournal(new Path(lines[0].substring(8)), new Path(lines[1].substring(6)), steps);
  }

  static CommitJournal read(FileSystem fs, Path file) throws IOException {
    try (var in = fs.open(file)) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
    }
  }

  /** Writes the journal whole or not at all: to a temporary file, then renamed. */
  void write(FileSystem fs, Path file) throws IOException {
    Path tmp = file.suffix(".tmp");
    try (var out = fs.create(tmp, true)) {
      out.write(text().getBytes(StandardCharsets.UTF_8));
    }
    if (!fs.rename(tmp, file)) {
      throw new IOException("cannot move " + tmp + " to " + file);
    }
  }

  /** Does (or finishes) every step, then removes the journal, the old versions and the staging folder. */
  void rollForward(Warehouse warehouse, Path file) throws IOException {
    FileSystem fs = warehouse.fs();
    for (String[] step : steps) {
      Path target = new Path(warehouse.databaseDir(), step[1]);
      Path staged = new Path(staging, step[1]);
      switch (step[0]) {
        case REPLACE -> swap(fs, staged, target, new Path(trash, step[1]), true);
        case PARTITION -> {
          fs.mkdirs(target);
          swap(fs, new Path(staged, step[2]), new Path(target, step[2]), new Path(new Path(trash, step[1]), step[2]),
              step[3].equals(REPLACE));
        }
        case APPEND -> {
          fs.mkdirs(target);
          for (FileStatus f : list(fs, staged)) {
            if (f.getPath().getName().startsWith("part-") && !fs.rename(f.getPath(), new Path(target, f.getPath().getName()))) {
              throw new IOException("cannot move " + f.getPath() + " into " + target);
            }
          }
        }
        default -> throw new IOException(file + ": unknown step " + step[0]);
      }
    }
    fs.delete(file, false);
    fs.delete(trash, true);
    fs.delete(staging, true);
  }

  /**
   * Moves {@code current} aside to {@code aside} and, when {@code replace}, {@code staged} in. Done
   * already when {@code staged} is gone (a replace) or {@code current} is (a removal).
   */
  private static void swap(FileSystem fs, Path staged, Path current, Path aside, boolean replace) throws IOException {
    if (replace && !fs.exists(staged)) {
      return;
    }
    if (fs.exists(current)) {
      fs.mkdirs(aside.getParent());
      if (!fs.rename(current, aside)) {
        throw new IOException("cannot move " + current + " aside to " + aside);
      }
    }
    if (replace && !fs.rename(staged, current)) {
      throw new IOException("cannot move " + staged + " to " + current);
    }
  }

  private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (java.io.FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
