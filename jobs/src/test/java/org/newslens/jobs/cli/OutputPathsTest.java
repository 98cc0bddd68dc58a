package org.newslens.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newslens.jobs.cli.IngestCommandTest.assertError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs of reading commands never land inside the tables folder or on a directory; exit 2 with the option named. */
class OutputPathsTest {

  @TempDir Path tmp;

  @Test
  void outputsInsideTheTablesFolderOrOnADirectoryAreRefused() throws Exception {
    Path wh = tmp.resolve("wh");
    Path tables = Files.createDirectories(wh.resolve("newslens.db").resolve("documents"));
    assertError(List.of("graph", "--warehouse", wh.toString(), "--out", tables.resolve("g.graphml").toString()),
        "--out " + tables.resolve("g.graphml") + " is inside the warehouse's tables folder");
    assertError(List.of("graph", "--warehouse", wh.toString(), "--out", tmp.toString()), "--out " + tmp + " is a directory");
    assertError(List.of("sql", "--warehouse", wh.toString(), "--output", "parquet:" + tables.resolve("out"), "SELECT 1"),
        "--output parquet: " + tables.resolve("out") + " is inside the warehouse's tables folder");
    assertError(List.of("sql", "--warehouse", wh.toString(), "--output", "parquet:" + wh.resolve("newslens.db/../newslens.db/x"), "SELECT 1"),
        "is inside the warehouse's tables folder");
    assertError(List.of("export-duckdb", "--warehouse", wh.toString(), "--out", wh.resolve("newslens.db/n.duckdb").toString()),
        "is inside the warehouse's tables folder");
    assertThat(tables).isEmptyDirectory();
  }

  @Test
  void outputsBesideTheTablesAreAllowed() {
    Path wh = tmp.resolve("wh2");
    assertThat(Main.run("sql", "--warehouse", wh.toString(), "--output", "parquet:" + wh.resolve("exports/one"), "SELECT 1 AS x")).isZero();
    assertThat(wh.resolve("exports/one")).isDirectory();
  }
}
