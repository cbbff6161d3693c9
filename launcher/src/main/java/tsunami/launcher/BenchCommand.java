package tsunami.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code monkey bench ...}: the project's benchmarks, each printing a table or one JSON line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures (a table, or one JSON object with --json).",
        subcommands = {
                BenchActorsCommand.class,
                BenchNetCommand.class,
                BenchTrainCommand.class,
                BenchScaleCommand.class,
                BenchArenaCommand.class,
                BenchBwapiCommand.class,
                BenchMatchCommand.class,
                BenchModelCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
