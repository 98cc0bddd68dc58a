package org.newslens.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.newslens.jobs.spark.Warehouse;

/** Checks of the files commands write besides the tables (graph, DuckDB), before any work. */
final class OutputPaths {

  private OutputPaths() {}

  /** {@code file}, when it is not an existing directory and not inside the warehouse's tables folder. */
  static Path file(String option, Path file, Warehouse warehouse) {
    if (Files.isDirectory(file)) {
      throw new UserException(option + " " + file + " is a directory; give a file name");
    }
    warehouse.refuseInsideTables(option, file.toString());
    return file;
  }
}
