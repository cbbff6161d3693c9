package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.bwapi.FrameTimes;
import tsunami.bots.bwapi.GameHost;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayRecorder;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code monkey host}: an arena game served over the BWAPI 4.4 protocol to bots in other processes. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Serve arena games over BWAPI 4.4 (Linux shared memory and socket): each side is a BWAPI client "
                + "that connects (e.g. 'monkey bot', a JBWAPI bot) or a heuristic run by the host.")
public final class HostCommand implements Runnable {
    static final String CLIENT = "client";

    @Option(names = "--scenario", required = true, description = "Built-in scenario or a YAML file; its name is the BWAPI map name.")
    String scenario;

    @Option(names = "--red", defaultValue = CLIENT, description = "'client' (a BWAPI bot connects; 'client:NAME' names it) or a heuristic (default ${DEFAULT-VALUE}).")
    String red;

    @Option(names = "--blue", defaultValue = "attack-move", description = "'client', 'client:NAME' or a heuristic (default ${DEFAULT-VALUE}).")
    String blue;

    @Option(names = "--games", defaultValue = "1", description = "Games to play in this session (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; game g uses the same derived seed as 'monkey arena' (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--complete-map", description = "Clients see every unit from the first frame (BWAPI's CompleteMapInformation); otherwise only what their units' sight reaches, until they enable the flag.")
    boolean completeMap;

    @Option(names = "--connect-timeout", defaultValue = "120", description = "Seconds to wait for the clients (default ${DEFAULT-VALUE}).")
    int connectTimeout;

    @Option(names = "--frame-timeout", defaultValue = "10", description = "Seconds a client may take over one frame before it loses (default ${DEFAULT-VALUE}).")
    double frameTimeout;

    @Option(names = "--replay", paramLabel = "DIR", description = "Record every game as DIR/<scenario>-<red>-<blue>-<game>.tsr.")
    Path replayDir;

    @picocli.CommandLine.Mixin
    PluginOptions plugins;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (games <= 0) throw new BadInputException("--games must be positive, got " + games);
        if (connectTimeout <= 0) throw new BadInputException("--connect-timeout must be positive, got " + connectTimeout);
        if (!(frameTimeout > 0) || frameTimeout > 86_400) throw new BadInputException("--frame-timeout must be between 0 and 86400 seconds, got " + frameTimeout);
        ScenarioLoader loader = new ScenarioLoader();
        Scenario s = loader.load(scenario);
        HeuristicRegistry registry = plugins.registry();
        GameHost.Side r = side("--red", red, registry), b = side("--blue", blue, registry);
        if (replayDir != null) {
            try {
                Files.createDirectories(replayDir);
            } catch (IOException e) {
                throw new BadInputException("cannot create replay folder " + replayDir + ": " + e.getMessage(), e);
            }
        }
        var settings = new GameHost.Settings(s, scenarioText(s), GameData.standard(), r, b, games, seed,
                Duration.ofSeconds(connectTimeout), Duration.ofMillis((long) (frameTimeout * 1000)), completeMap);
        int[] game = {0};
        try (GameHost host = new GameHost(settings)) {
            out.println("BWAPI 4.4 host for " + s.name() + ": waiting for " + host.serverIds().size() + " client(s); server ids "
                    + host.serverIds().stream().map(Integer::toUnsignedString).toList() + " in /dev/shm/bwapi_shared_memory_game_list");
            out.flush();
            GameHost.Result result = host.run(replayDir == null ? null : ReplayRecorder.into(replay -> {
                Path f = replayDir.resolve(String.format("%s-%s-%s-%04d.tsr", s.name(), r.name(), b.name(), game[0]++));
                try {
                    ReplayFile.write(f, replay);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write replay " + f, e);
                }
            }));
            int played = result.games().size();
            out.printf("%s: red %s %d, blue %s %d, draws %d of %d games%n", s.name(), r.name(), result.wins(0), b.name(), result.wins(1),
                    played - result.wins(0) - result.wins(1), played);
            if (played < games) out.printf("  session ended after %d of %d games: %s%n", played, games, result.games().get(played - 1).end());
            for (GameHost.ClientReport c : result.clients()) {
                FrameTimes t = c.frameTimes();
                out.printf("  %s client %s: %s; commands ignored %d, counts out of range %d%s%n", c.side(), c.name(), t,
                        c.ignoredCommands(), c.clampedCounts(), c.disconnected() == null ? "" : "; " + c.disconnected());
            }
        } catch (IOException e) {
            throw new BadInputException("BWAPI host: " + e.getMessage(), e);
        }
    }

    static GameHost.Side side(String flag, String value, HeuristicRegistry registry) {
        if (value.equals(CLIENT)) return new GameHost.Client(flag.substring(2) + "-client");
        if (value.startsWith(CLIENT + ":")) {
            String name = value.substring(CLIENT.length() + 1);
            if (name.isBlank() || name.length() > 24) throw new BadInputException(flag + " " + value + ": a client's name is 1 to 24 characters");
            return new GameHost.Client(name);
        }
        registry.create(value);   // an unknown name fails here, with the list of known ones
        return new GameHost.Builtin(value, () -> registry.create(value));
    }

    /** The scenario's text for the map hash: the file's bytes, or the built-in resource's. */
    private String scenarioText(Scenario s) {
        try {
            Path p = Path.of(scenario);
            if (!ScenarioLoader.BUILT_IN.contains(scenario) && Files.isRegularFile(p)) return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read scenario file " + scenario + ": " + e.getMessage(), e);
        }
        return s.name();
    }
}
