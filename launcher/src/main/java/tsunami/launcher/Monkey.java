package tsunami.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import tsunami.BadInputException;
import tsunami.launcher.dashboard.DashboardCommand;
import tsunami.launcher.match.TournamentCommand;

/** Entry point of the {@code monkey} command line: the only place that calls System.exit. */
@Command(name = "monkey",
        mixinStandardHelpOptions = true,
        version = "Tsunami 0.1.0",
        description = "Tsunami, the squirrel monkey launcher: train, evaluate and run StarCraft: Brood War bots.",
        subcommands = {
                BenchCommand.class,
                NodeCommand.class,
                ActorCommand.class,
                HeuristicsCommand.class,
                ArenaCommand.class,
                ReplayCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                ModelCommand.class,
                HostCommand.class,
                MatchCommand.class,
                BotCommand.class,
                TournamentCommand.class,
                ContainersCommand.class,
                DashboardCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Monkey implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with Tsunami's error handling; tests call this instead of main. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** As {@link #commandLine()}, with commands made by {@code factory}: tests swap in commands built on test doubles. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new Monkey(), factory);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException) {
                commandLine.getErr().println("monkey: error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
