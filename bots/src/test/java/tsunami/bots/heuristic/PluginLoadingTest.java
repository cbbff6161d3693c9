package tsunami.bots.heuristic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;
import tsunami.bots.arena.Arena;
import tsunami.bots.data.GameData;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Plug-in jars built here at run time: a good one, a broken one, and one that fails mid-game. */
class PluginLoadingTest {
    @TempDir
    Path dir;

    private static final String CHARGE = """
            package plug;
            import tsunami.bots.heuristic.*;
            public class Charge implements Heuristic {
                public String name() { return "charge"; }
                public String description() { return "everyone attack-moves to the map centre"; }
                public void onFrame(GameView g, int player, Commands c) {
                    for (int u = 0; u < g.getUnitCount(); u++)
                        if (g.exists(u) && g.getPlayer(u) == player && g.getOrder(u) == Order.STOP && g.getTarget(u) < 0)
                            c.attackMove(u, g.mapWidth() / 2, g.mapHeight() / 2);
                }
            }
            """;
    private static final String FAULTY = """
            package plug;
            import tsunami.bots.heuristic.*;
            public class Faulty implements Heuristic {
                public String name() { return "faulty"; }
                public String description() { return "throws on frame 16"; }
                public void onFrame(GameView g, int player, Commands c) {
                    if (g.getFrameCount() == 16) throw new IllegalStateException("boom");
                    for (int u = 0; u < g.getUnitCount(); u++)
                        if (g.exists(u) && g.getPlayer(u) == player) c.attackMove(u, g.mapWidth() / 2, g.mapHeight() / 2);
                }
            }
            """;
    private static final String EXPLODING = """
            package plug;
            public class Exploding implements tsunami.bots.heuristic.Heuristic {
                public Exploding() { throw new RuntimeException("cannot start"); }
                public String name() { return "exploding"; }
                public String description() { return ""; }
                public void onFrame(tsunami.bots.heuristic.GameView g, int p, tsunami.bots.heuristic.Commands c) { }
            }
            """;

    private Path jar(String name, Map<String, String> sources, String services) throws IOException {
        return PluginJars.jar(dir, name, sources, services);
    }

    @Test
    void builtInsAreFoundThroughServiceLoader() {
        HeuristicRegistry r = HeuristicRegistry.load();
        List<String> names = r.entries().stream().map(HeuristicRegistry.Entry::name).toList();
        assertEquals(List.of("attack-closest", "attack-weakest", "weakest-closest", "no-overkill-no-change",
                "attack-move", "focus-fire", "kiting", "guard", "hold-focus", "bw-ai"), names);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        for (var e : r.entries()) assertFalse(e.description().isBlank(), e.name());
        assertNotSame(r.create("kiting"), r.create("kiting"), "a fresh instance per game");
        String m = assertThrows(BadInputException.class, () -> r.create("nope")).getMessage();
        assertTrue(m.contains("nope") && m.contains("attack-closest"), m);
    }

    @Test
    void goodJarLoadsAndBrokenOnesAreReportedByName() throws IOException {
        Path good = jar("good", Map.of("Charge", CHARGE, "Faulty", FAULTY), "plug.Charge\nplug.Faulty\n");
        Path broken = jar("broken", Map.of("Exploding", EXPLODING), "plug.Exploding\nplug.Missing\n");
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(broken, folder.resolve("broken.jar"));
        Files.writeString(folder.resolve("garbage.jar"), "this is not a jar");

        HeuristicRegistry r = HeuristicRegistry.load(List.of(good, folder));
        assertTrue(r.has("charge"));
        assertTrue(r.has("faulty"));
        assertTrue(r.has("attack-move"), "built-ins are still there");
        String problems = r.problems().toString();
        assertTrue(problems.contains("plug.Exploding") && problems.contains("cannot start"), problems);
        assertTrue(problems.contains("plug.Missing"), problems);
        assertTrue(problems.contains("garbage.jar"), problems);

        // the plug-in plays a real game
        Arena a = new Arena(new ScenarioLoader().load("m5v5"), GameData.standard());
        a.setController(0, r.create("charge"));
        a.setController(1, r.create("attack-move"));
        a.reset(1);
        assertNotEquals(Arena.NO_WINNER, a.playOut());
        assertNull(a.controllerFailure(0));
    }

    @Test
    void aHeuristicThatThrowsIsDisabledAndTheGameGoesOn() throws IOException {
        Path good = jar("faulty", Map.of("Faulty", FAULTY), "plug.Faulty\n");
        HeuristicRegistry r = HeuristicRegistry.load(List.of(good));
        Arena a = new Arena(new ScenarioLoader().load("m5v5"), GameData.standard());
        a.setController(0, r.create("faulty"));
        a.setController(1, r.create("attack-move"));
        a.reset(1);
        int winner = a.playOut();
        assertNotEquals(Arena.NO_WINNER, winner);
        assertTrue(a.getFrameCount() > 16);
        String failure = a.controllerFailure(0);
        assertNotNull(failure);
        assertTrue(failure.contains("'faulty'") && failure.contains("boom") && failure.contains("frame 16"), failure);
    }

    @Test
    void missingPluginPathIsBadInput() {
        String m = assertThrows(BadInputException.class, () -> HeuristicRegistry.load(List.of(dir.resolve("nothing.jar")))).getMessage();
        assertTrue(m.contains("nothing.jar"), m);
    }
}
