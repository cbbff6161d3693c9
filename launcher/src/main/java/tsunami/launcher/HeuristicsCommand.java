package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tsunami.bots.heuristic.HeuristicRegistry;

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

        @Mixin
        PluginOptions plugins;

        @Override
        public void run() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            HeuristicRegistry r = plugins.registry();
            int w = r.entries().stream().mapToInt(e -> e.name().length()).max().orElse(10);
            for (var e : r.entries()) {
                String from = e.source().equals("classpath") ? "" : "  [" + e.source() + "]";
                out.printf("%-" + w + "s  %s%s%n", e.name(), e.description(), from);
            }
            for (var p : r.problems()) out.println("broken plug-in: " + p);
        }
    }
}
