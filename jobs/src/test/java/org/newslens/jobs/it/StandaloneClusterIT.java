package org.newslens.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newslens.jobs.cli.Main;

/**
 * A real Spark standalone cluster on 127.0.0.1 (Master + 1 Worker from the Spark jars), the
 * ingest job submitted to it in client mode, and the same tables as a local run.
 */
class StandaloneClusterIT {

  @TempDir static Path tmp;
  private static LoopbackCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LoopbackCluster.start(tmp);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void ingestOnTheClusterWritesTheSameTablesAsALocalRun() throws Exception {
    Path clusterWarehouse = tmp.resolve("cluster-warehouse");
    List<String> args = new ArrayList<>(List.of("ingest"));
    args.addAll(cluster.submitOptions());
    args.addAll(List.of("--input", "data-samples/corpus", "--warehouse", clusterWarehouse.toString()));
    var out = Processes.newslens(Processes.ROOT, args.toArray(String[]::new));
    assertThat(out.exitCode()).as(out.stderr() + "\n" + cluster.logs()).isZero();

    Path localWarehouse = tmp.resolve("local-warehouse");
    assertThat(Main.run("ingest", "--input", Processes.ROOT.resolve("data-samples/corpus").toString(),
        "--warehouse", localWarehouse.toString())).isZero();
    var clusterDocs = SparkSubmitIT.documents(clusterWarehouse);
    assertThat(clusterDocs).hasSizeGreaterThan(400).isEqualTo(SparkSubmitIT.documents(localWarehouse));
    assertThat(Files.list(cluster.workDir()).count()).as("the worker ran an executor for the app").isPositive();
  }
}
