package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --catalog hive}: a job registers its tables in Spark's Hive metastore (embedded Derby in
 * the warehouse), and a later JVM finds them there without registering anything itself.
 */
class HiveCatalogIT {

  @TempDir static Path tmp;

  @Test
  void aJobsTablesPersistInTheMetastoreForTheNextJvm() throws Exception {
    Path warehouse = tmp.resolve("warehouse");
    var ingest = Processes.newslens(Processes.ROOT, "ingest", "--catalog", "hive", "--input", "data-samples/corpus",
        "--warehouse", warehouse.toString(), "--master", "local[2]");
    assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
    assertThat(warehouse.resolve("metastore_db")).isDirectory();
    assertThat(Files.exists(Path.of(Processes.ROOT.toString(), "metastore_db"))).as("no Derby database in the working folder").isFalse();

    // A reader in hive mode registers nothing: what it sees was stored by the ingest JVM.
    var read = Processes.newslens(Processes.ROOT, "sql", "--catalog", "hive", "--warehouse", warehouse.toString(), "--output", "csv",
        "SELECT (SELECT count(*) FROM newslens.documents) + (SELECT count(*) FROM newslens.quarantine) AS records, "
            + "(SELECT count(*) FROM newslens.runs) AS runs");
    assertThat(read.exitCode()).as(read.stderr()).isZero();
    String[] row = read.stdout().strip().lines().toList().get(1).split(",");
    assertThat(Long.parseLong(row[0])).isEqualTo(Processes.sampleRecords());
    assertThat(Long.parseLong(row[1])).isEqualTo(1);

    // The same warehouse also opens in the default mode, where the folder is the catalog.
    // (in this JVM, whose session has no Hive support: what a default-mode reader has)
    assertThat(org.newslens.jobs.cli.Main.run("sql", "--warehouse", warehouse.toString(), "--output", "csv",
        "SELECT count(*) FROM newslens.documents")).isZero();
  }
}
