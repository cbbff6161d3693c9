package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.bots.heuristic.HeuristicRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code monkey heuristics list}: the scripted behaviours available to the arena. */
@Command(name = "heuristics", mixinStandardHelpOptions = true,
        description = "Heuristics (scripted behaviours) available to the arena: built-ins and plug-ins.",
        subcommands = HeuristicsCommand.ListCommand.class)
public final class HeuristicsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List heuristics with a one-line description, and plug-ins that failed to load.")
    static final class ListCommand implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--plugin", paramLabel = "PATH", description = "Plug-in jar or folder of jars (repeatable); ./plugins or $TSUNAMI_PLUGINS is always read.")
        List<Path> plugins = new ArrayList<>();

        @Override
        public void run() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            HeuristicRegistry r = HeuristicRegistry.loadWithPlugins(plugins);
            int w = r.entries().stream().mapToInt(e -> e.name().length()).max().orElse(10);
            for (var e : r.entries()) {
                String from = e.source().equals("classpath") ? "" : "  [" + e.source() + "]";
                out.printf("%-" + w + "s  %s%s%n", e.name(), e.description(), from);
            }
            for (var p : r.problems()) out.println("broken plug-in: " + p);
        }
    }
}
