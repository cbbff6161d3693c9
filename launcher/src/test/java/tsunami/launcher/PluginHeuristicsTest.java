package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.ArenaVectorEnv;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.heuristic.Order;
import tsunami.bots.heuristic.PluginJars;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static tsunami.launcher.TrainCommandTest.monkey;

/** A plug-in heuristic serves wherever a built-in does: opponent and teacher of training, opponent of eval. */
class PluginHeuristicsTest {
    @TempDir
    Path dir;

    /**
     * Source of a plug-in that gives every unit of its side {@code order} at each decision: orders
     * no built-in gives every time, so the test can tell that the plug-in is the one playing.
     */
    private static String everyUnit(String cls, String name, String order) {
        return """
                package plug;
                import tsunami.bots.heuristic.*;
                public class %1$s implements Heuristic {
                    public String name() { return "%2$s"; }
                    public String description() { return "every unit: %3$s"; }
                    public void onFrame(GameView g, int player, Commands c) {
                        for (int u = 0; u < g.getUnitCount(); u++) if (g.exists(u) && g.getPlayer(u) == player) c.%3$s(u);
                    }
                }
                """.formatted(cls, name, order);
    }

    private Path pluginJar() throws IOException {
        return PluginJars.jar(dir, "mine", Map.of("Hold", everyUnit("Hold", "hold-all", "holdPosition"),
                "Stopper", everyUnit("Stopper", "stop-all", "stop")), "plug.Hold\nplug.Stopper\n");
    }

    @Test
    void aPluginCanBeTheOpponentAndTheTeacherOfTheTrainingArena() throws IOException {
        HeuristicRegistry registry = HeuristicRegistry.load(List.of(pluginJar()));
        ArenaSetup setup = ArenaSetup.of("m5v5", "hold-all", null, ArenaSetup.ATTACKS_ANY, "stop-all", registry);
        try (VectorEnv env = setup.factory().create(2, 7)) {
            StepBatch out = new StepBatch(env.spec());
            env.reset(7, out);
            for (int i = 0; i < env.spec().agents(); i++) assertEquals(ObservationLayout.STOP, out.advice[i], "agent " + i + " is advised by the plug-in teacher");
            env.step(new int[env.spec().agents()], out);
            Arena arena = ((ArenaVectorEnv) env).arena(0);
            int enemy = 1;   // the agents play red
            int held = 0;
            for (int u = arena.firstUnit(enemy); u < arena.firstUnit(enemy) + arena.unitCount(enemy); u++) {
                if (arena.exists(u)) {
                    assertEquals(Order.HOLD_POSITION, arena.getOrder(u), "unit " + u + " is ordered by the plug-in opponent");
                    held++;
                }
            }
            assertTrue(held > 0);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void trainAndEvalTakePluginsFromTheCommandLine() throws Exception {
        Path jar = pluginJar();
        Path run = dir.resolve("run");
        TrainCommandTest.Outcome train = monkey("train", "--scenario", "m5v5", "--frames", "2000", "--env-workers", "1", "--envs-per-worker", "4",
                "--plugin", jar.toString(), "--opponent", "hold-all", "--teacher", "stop-all", "--run-dir", run.toString());
        assertEquals(0, train.code(), train.err());
        String config = Files.readString(run.resolve(RunDirectory.CONFIG));
        assertTrue(config.contains("opponent=hold-all") && config.contains("teacher=stop-all"), config);

        TrainCommandTest.Outcome eval = monkey("eval", "--checkpoint", run.toString(), "--scenario", "m5v5", "--games", "4", "--envs", "2",
                "--plugin", jar.toString(), "--opponent", "hold-all", "--json");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("\"opponent\":\"hold-all\"") && eval.out().contains("\"games\":4"), eval.out());

        TrainCommandTest.Outcome without = monkey("eval", "--checkpoint", run.toString(), "--scenario", "m5v5", "--games", "4", "--opponent", "hold-all");
        assertEquals(2, without.code());
        assertTrue(without.err().contains("unknown heuristic 'hold-all'"), without.err());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aResumedRunFindsItsPluginsAgainOrSaysWhichFlagToGive() throws Exception {
        Path jar = pluginJar();
        Path run = dir.resolve("run");
        TrainCommandTest.Outcome train = monkey("train", "--scenario", "m5v5", "--frames", "1000", "--env-workers", "1", "--envs-per-worker", "4",
                "--plugin", jar.toString(), "--opponent", "attack-move:1,hold-all:1", "--run-dir", run.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals(jar.toAbsolutePath().normalize().toString(), TrainCommandTest.runProperties(run).getProperty(TrainCommand.PLUGINS_KEY));

        TrainCommandTest.Outcome resumed = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "2000");
        assertEquals(0, resumed.code(), resumed.err());

        Path moved = Files.move(jar, dir.resolve("elsewhere.jar"));
        TrainCommandTest.Outcome gone = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "3000");
        assertEquals(2, gone.code(), gone.err());
        assertTrue(gone.err().contains("plug-in " + jar.toAbsolutePath().normalize()) && gone.err().contains("--plugin"), gone.err());
        TrainCommandTest.Outcome given = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "3000", "--plugin", moved.toString());
        assertEquals(0, given.code(), given.err());
        assertEquals(moved.toAbsolutePath().normalize().toString(), TrainCommandTest.runProperties(run).getProperty(TrainCommand.PLUGINS_KEY));

        // a run from a build that did not record its plug-ins
        Path config = run.resolve(RunDirectory.CONFIG);
        Files.writeString(config, Files.readAllLines(config).stream().filter(l -> !l.startsWith(TrainCommand.PLUGINS_KEY + "=")).toList()
                .stream().reduce("", (a, b) -> a + b + "\n"));
        TrainCommandTest.Outcome old = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "4000");
        assertEquals(2, old.code(), old.err());
        assertTrue(old.err().contains("unknown heuristic 'hold-all'") && old.err().contains("give --plugin PATH"), old.err());
    }
}
