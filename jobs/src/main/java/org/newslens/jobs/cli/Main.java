package org.newslens.jobs.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.newslens.jobs.spark.RunLog;
import org.newslens.jobs.spark.StorageFailure;
import org.newslens.jobs.spark.WarehouseLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The newslens command line, the job jar's main class: {@code spark-submit --class
 * org.newslens.jobs.cli.Main newslens-jobs.jar <command> ...} or {@code bin/newslens <command>}.
 */
@Command(
    name = "newslens",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    subcommands = {RunCommand.class, IngestCommand.class, EntitiesCommand.class, CooccurCommand.class, GraphCommand.class, TopicsCommand.class, EvalNerCommand.class, TrainThemesCommand.class, SqlCommand.class, TablesCommand.class, DescribeCommand.class, ExportDuckDbCommand.class, ServeSqlCommand.class, CheckCommand.class, CommandLine.HelpCommand.class},
    description = "Spark batch analytics that turn news and report corpora into tables.%n"
        + "Spark options (--master, --conf, --driver-memory, ...) go to spark-submit when run through bin/newslens.")
public final class Main implements Runnable {

  /** Exit code for errors the user can fix (bad option, missing path). */
  public static final int USAGE_ERROR = 2;

  /** Exit code for failures during a job. */
  public static final int JOB_FAILED = 1;

  /** Exit code when another job holds the warehouse's lock ({@code --lock-timeout} waits for it). */
  public static final int WAREHOUSE_LOCKED = 3;

  /** Exit code when storage refused a write (disk or quota full, read-only): the tables are unchanged. */
  public static final int STORAGE_FAILED = 4;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code; tests call this instead of main. */
  public static int run(String... args) {
    var cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean verbose = parsed.asCommandLineList().stream()
        .anyMatch(c -> c.getParseResult().hasMatchedOption("--verbose"));
    PrintWriter err = cli.getErr();
    Optional<String> storage = StorageFailure.kind(e);
    Optional<Integer> known = printKnown(e, cli, StorageFailure.class, STORAGE_FAILED)
        .or(() -> printKnown(e, cli, WarehouseLockedException.class, WAREHOUSE_LOCKED))
        .or(() -> printKnown(e, cli, UserException.class, USAGE_ERROR))
        .or(() -> storage.map(kind -> {
          err.println("newslens " + cli.getCommandName() + ": " + kind + ": " + StorageFailure.detail(e));
          return STORAGE_FAILED;
        }));
    if (known.isPresent()) {
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return known.get();
    }
    err.println("newslens " + cli.getCommandName() + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
    if (verbose) {
      e.printStackTrace(err);
    } else {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return JOB_FAILED;
  }

  /** Prints the message of the first {@code type} in the cause chain of {@code e}, if any; then its exit code. */
  private static Optional<Integer> printKnown(Throwable e, CommandLine cli, Class<? extends Throwable> type, int exitCode) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        cli.getErr().println("newslens " + cli.getCommandName() + ": " + t.getMessage());
        return Optional.of(exitCode);
      }
    }
    return Optional.empty();
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"newslens " + RunLog.appVersion() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
    }
  }
}
