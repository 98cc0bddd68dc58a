package org.newslens.jobs.cli;

import java.io.PrintWriter;
import org.newslens.jobs.spark.RunLog;
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
    versionProvider = Main.Version.class,
    subcommands = {RunCommand.class, IngestCommand.class, EntitiesCommand.class, CooccurCommand.class, GraphCommand.class, TopicsCommand.class, EvalNerCommand.class, SqlCommand.class, TablesCommand.class, DescribeCommand.class, ExportDuckDbCommand.class, ServeSqlCommand.class, CheckCommand.class, CommandLine.HelpCommand.class},
    description = "Spark batch analytics that turn news and report corpora into tables.%n"
        + "Spark options (--master, --conf, --driver-memory, ...) go to spark-submit when run through bin/newslens.")
public final class Main implements Runnable {

  /** Exit code for errors the user can fix (bad option, missing path). */
  public static final int USAGE_ERROR = 2;

  /** Exit code for failures during a job. */
  public static final int JOB_FAILED = 1;

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
    Throwable user = userCause(e);
    if (user != null) {
      err.println("newslens " + cli.getCommandName() + ": " + user.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return USAGE_ERROR;
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

  private static Throwable userCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UserException) {
        return t;
      }
    }
    return null;
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"newslens " + RunLog.appVersion() + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
    }
  }
}
