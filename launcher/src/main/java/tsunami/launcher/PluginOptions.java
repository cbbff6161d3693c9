package tsunami.launcher;

import picocli.CommandLine.Option;
import tsunami.bots.heuristic.HeuristicRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --plugin}, mixed into every command that names heuristics, so a plug-in serves wherever a
 * built-in does (arena, opponent, teacher, eval) and all of them read plug-ins alike.
 */
final class PluginOptions {
    @Option(names = "--plugin", paramLabel = "PATH",
            description = "Plug-in jar or folder of jars (repeatable); ./plugins or $" + HeuristicRegistry.PLUGINS_ENV + " is always read.")
    List<Path> plugins = new ArrayList<>();

    /** Built-ins, the plugins folder and the {@code --plugin} jars. */
    HeuristicRegistry registry() {
        return HeuristicRegistry.loadWithPlugins(plugins);
    }
}
