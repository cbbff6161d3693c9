package tsunami.launcher;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.bwapi.BwapiBot;
import tsunami.bots.bwapi.BwapiClient;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.bwapi.HeuristicBot;
import tsunami.bots.bwapi.PolicyBot;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.learn.Checkpoint;
import tsunami.bots.data.GameData;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** {@code monkey bot}: a heuristic or a trained policy as a BWAPI 4.4 client process. */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "Run a heuristic or a trained policy as a BWAPI 4.4 bot: connects to a BWAPI server on this machine ('monkey host', "
                + "or OpenBW with BWAPI's Linux server) and plays until the server closes.")
public final class BotCommand implements Runnable {
    static final class What {
        @Option(names = "--heuristic", required = true, description = "Built-in or plug-in heuristic to play.")
        String heuristic;

        @Option(names = "--checkpoint", required = true,
                description = "Trained policy to play: a run directory, its checkpoints folder (best.tsck, else the newest intact one), or a .tsck file.")
        Path checkpoint;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--scenario", description = "With --checkpoint: the scenario whose observation the policy reads (default: the one it was trained on).")
    String scenario;

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
        String name = what.heuristic != null ? what.heuristic : what.checkpoint.toString();
        BwapiBot bot = what.heuristic != null
                ? new HeuristicBot(plugins.registry().create(what.heuristic), GameData.standard(), every == null ? 8 : every, every != null)
                : policyBot();
        try (BwapiClient client = server == null ? BwapiClient.connect(Duration.ofSeconds(connectTimeout)) : BwapiClient.connect(serverId())) {
            out.println("bot " + name + " joined BWAPI server " + Integer.toUnsignedString(client.serverId()));
            out.flush();
            int games = client.play(bot);
            out.println("bot " + name + ": " + games + " game(s) played; the server closed the connection");
        } catch (IOException e) {
            throw new BadInputException("bot " + name + ": " + e.getMessage(), e);
        }
    }

    private BwapiBot policyBot() {
        if (every != null) throw new BadInputException("--every applies to --heuristic; a policy decides at the interval it was trained with");
        Checkpoint c = EvalCommand.load(what.checkpoint).checkpoint();
        String scenarioName = scenario != null ? scenario : c.metadata().get("scenario");
        if (scenario != null) EvalCommand.warnIfOtherScenario(c, scenario);
        if (scenarioName == null) throw new BadInputException("--checkpoint " + what.checkpoint + " does not name its scenario: give --scenario");
        ArenaEnvConfig env = ArenaEnvConfig.of(new ScenarioLoader().load(scenarioName), null);
        boolean inRange = ArenaSetup.ATTACKS_IN_RANGE.equals(c.metadata().getOrDefault(ArenaSetup.ATTACKS_KEY, ArenaSetup.ATTACKS_ANY));
        return new PolicyBot(c.config(), c.snapshot().params(), env, inRange);
    }

    private int serverId() {
        try {
            return Integer.parseUnsignedInt(server);
        } catch (NumberFormatException e) {
            throw new BadInputException("--server must be a BWAPI server id (a number), got '" + server + "'");
        }
    }
}
