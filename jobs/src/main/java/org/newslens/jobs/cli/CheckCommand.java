package org.newslens.jobs.cli;

import java.util.concurrent.Callable;
import org.newslens.jobs.check.WarehouseCheck;
import org.newslens.jobs.spark.WarehouseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code newslens check}: verifies the warehouse and prints a report; exit 1 when anything is off. */
@Command(name = "check", description = "Verify the warehouse: tables readable, row counts match runs, mention offsets valid, "
    + "no orphan mentions, entities or pairs. Exit 0 when all is well, 1 with a report of each failure.")
public final class CheckCommand implements Callable<Integer> {

  @Mixin JobOptions job;

  @Override
  public Integer call() {
    var spark = job.session("check");
    var warehouse = job.warehouse(spark);
    var findings = WarehouseCheck.run(spark, WarehouseCatalog.openForReading(spark, warehouse));
    System.out.println("check " + warehouse.root());
    for (var f : findings) {
      System.out.printf("  %-5s %-18s %-58s %s%n", f.ok() ? "ok" : "FAIL", f.check(), f.subject(), f.detail());
    }
    long failed = findings.stream().filter(f -> !f.ok()).count();
    if (failed == 0) {
      System.out.printf("all %d checks passed%n", findings.size());
      return 0;
    }
    System.out.printf("%d of %d checks FAILED:%n", failed, findings.size());
    findings.stream().filter(f -> !f.ok()).forEach(f -> System.out.printf("  %s %s: %s%n", f.check(), f.subject(), f.detail()));
    return Main.JOB_FAILED;
  }
}
