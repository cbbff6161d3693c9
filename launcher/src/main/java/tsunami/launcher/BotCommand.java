package tsunami.launcher;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.bwapi.BwapiBot;
import tsunami.bots.bwapi.BwapiClient;
import tsunami.bots.bwapi.HeuristicBot;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/** {@code monkey bot}: a heuristic as a BWAPI 4.4 client process. */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "Run a heuristic as a BWAPI 4.4 bot: connects to a BWAPI server on this machine ('monkey host', "
                + "or OpenBW with BWAPI's Linux server) and plays until the server closes.")
public final class BotCommand implements Runnable {
    static final class What {
        @Option(names = "--heuristic", required = true, description = "Built-in or plug-in heuristic to play.")
        String heuristic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--server", paramLabel = "ID", description = "BWAPI server id to join (default: the first free server in the game table).")
    String server;

    @Option(names = "--connect-timeout", defaultValue = "60", description = "Seconds to wait for a server (default ${DEFAULT-VALUE}).")
    int connectTimeout;

    @Option(names = "--every", paramLabel = "FRAMES", description = "Decide every N frames (default: the scenario's decision interval when the map is a built-in scenario, else 8).")
    Integer every;

    @picocli.CommandLine.Mixin
    PluginOptions plugins;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (connectTimeout <= 0) throw new BadInputException("--connect-timeout must be positive, got " + connectTimeout);
        if (every != null && every < 1) throw new BadInputException("--every must be at least 1, got " + every);
        HeuristicRegistry registry = plugins.registry();
        BwapiBot bot = new HeuristicBot(registry.create(what.heuristic), GameData.standard(), every == null ? 8 : every, every != null);
        try (BwapiClient client = server == null ? BwapiClient.connect(Duration.ofSeconds(connectTimeout)) : BwapiClient.connect(serverId())) {
            out.println("bot " + what.heuristic + " joined BWAPI server " + Integer.toUnsignedString(client.serverId()));
            out.flush();
            int games = client.play(bot);
            out.println("bot " + what.heuristic + ": " + games + " game(s) played; the server closed the connection");
        } catch (IOException e) {
            throw new BadInputException("bot " + what.heuristic + ": " + e.getMessage(), e);
        }
    }

    private int serverId() {
        try {
            return Integer.parseUnsignedInt(server);
        } catch (NumberFormatException e) {
            throw new BadInputException("--server must be a BWAPI server id (a number), got '" + server + "'");
        }
    }
}
