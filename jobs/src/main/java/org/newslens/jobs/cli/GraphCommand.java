package org.newslens.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.newslens.common.schema.CooccurrencesTable;
import org.newslens.jobs.cooccur.GraphExport;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newslens graph}: export the entity network of a period as GraphML and CSV. */
@Command(name = "graph", description = "Export the entity network of one period as GraphML plus nodes/edges CSV.")
public final class GraphCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "all", description = "yyyy-MM, unknown or all (default: all).")
  String period;

  @Option(names = "--window", paramLabel = "KIND", defaultValue = "sentence", description = "sentence or document (default: sentence).")
  String window;

  @Option(names = "--min-npmi", paramLabel = "X", defaultValue = "0.0", description = "Keep edges with NPMI at least X (default: 0.0).")
  double minNpmi;

  @Option(names = "--min-count", paramLabel = "N", defaultValue = "1", description = "Keep edges seen in at least N windows (default: 1).")
  long minCount;

  @Option(names = "--max-edges", paramLabel = "N", defaultValue = "5000", description = "Strongest edges by LLR kept (default: 5000).")
  int maxEdges;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "GraphML file; FILE-nodes.csv and FILE-edges.csv go beside it.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!window.equals(CooccurrencesTable.SENTENCE) && !window.equals(CooccurrencesTable.DOCUMENT)) {
      throw new UserException("--window " + window + " must be sentence or document");
    }
    if (!period.matches("\\d{4}-\\d{2}|unknown|all")) {
      throw new UserException("--period " + period + " must be yyyy-MM, unknown or all");
    }
    var spark = job.session("graph");
    OutputPaths.file("--out", out, job.warehouse(spark));
    var tables = WarehouseCatalog.openForReading(spark, job.warehouse(spark));
    if (tables.stream().noneMatch(t -> t.name().equals(CooccurrencesTable.NAME))) {
      throw new UserException("no cooccurrences in " + job.warehouse + ": run cooccur first");
    }
    var graph = GraphExport.select(spark, new GraphExport.Options(period, window, minNpmi, minCount, maxEdges, out));
    var files = GraphExport.write(graph, out);
    System.out.printf("graph %s %s: %d nodes, %d edges -> %s%n", period, window, graph.nodes().size(), graph.edges().size(), files);
    return 0;
  }
}
