package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.heuristic.PluginJars;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** An actor node finds the learner's plug-in jars by content: at the learner's path, or among its own --plugin paths. */
class RunPluginsTest {
    @TempDir
    Path dir;

    private Path jar(String name, String description) throws Exception {
        String source = """
                package plug;
                import tsunami.bots.heuristic.*;
                public class Idle implements Heuristic {
                    public String name() { return "idle"; }
                    public String description() { return "%s"; }
                    public void onFrame(GameView g, int player, Commands c) { }
                }
                """.formatted(description);
        return PluginJars.jar(dir, name, Map.of("Idle", source), "plug.Idle\n");
    }

    @Test
    void theLearnersJarsAreFoundAtItsPathsOrAmongTheGivenOnesByContent() throws Exception {
        Path learnerJar = jar("mine", "the run's");
        HeuristicRegistry learner = HeuristicRegistry.load(List.of(learnerJar));
        List<RunPlugins.Jar> run = RunPlugins.parse(RunPlugins.setting(learner.pluginJars()));
        assertEquals(1, run.size());
        assertEquals(learnerJar.toAbsolutePath().normalize(), run.get(0).learnerPath());
        assertEquals(64, run.get(0).sha256().length());

        assertEquals(List.of(learnerJar.toAbsolutePath().normalize()), RunPlugins.locate(run, List.of(), "a"), "same machine: the learner's path");

        // another machine: a copy under another name in a folder given with --plugin
        Path folder = Files.createDirectories(dir.resolve("elsewhere"));
        Path copy = Files.copy(learnerJar, folder.resolve("renamed.jar"));
        Files.delete(learnerJar);
        assertEquals(List.of(copy), RunPlugins.locate(run, List.of(folder), "b"));
        assertEquals("the run's", HeuristicRegistry.load(RunPlugins.locate(run, List.of(folder), "b")).entries().stream()
                .filter(e -> e.name().equals("idle")).findFirst().orElseThrow().description());
        assertEquals(List.of(), RunPlugins.parse(null));
        assertNull(RunPlugins.setting(List.of()), "no plug-ins, no setting");
    }

    @Test
    void aMissingOrDifferentJarIsAnErrorNamingThePluginAndTheNode() throws Exception {
        Path learnerJar = jar("mine", "the run's");
        List<RunPlugins.Jar> run = RunPlugins.parse(RunPlugins.setting(List.of(learnerJar)));
        String sha = run.get(0).sha256().substring(0, 12);
        Path other = jar("other", "another");   // same heuristic name, other code

        BadInputException missing = assertThrows(BadInputException.class, () -> {
            Files.move(learnerJar, dir.resolve("away.jar"));
            RunPlugins.locate(run, List.of(), "node-7");
        });
        assertTrue(missing.getMessage().startsWith("actor node node-7 cannot load the run's plug-in mine.jar (sha256 " + sha), missing.getMessage());
        assertTrue(missing.getMessage().contains("no file at that path here") && missing.getMessage().contains("give --plugin PATH"), missing.getMessage());

        BadInputException wrong = assertThrows(BadInputException.class, () -> RunPlugins.locate(run, List.of(other), "node-7"));
        assertTrue(wrong.getMessage().contains("none of the --plugin jars given"), wrong.getMessage());

        Files.copy(other, learnerJar);   // the learner's path holds other code here
        BadInputException differs = assertThrows(BadInputException.class, () -> RunPlugins.locate(run, List.of(), "node-7"));
        assertTrue(differs.getMessage().contains("the file at that path here has other content"), differs.getMessage());

        BadInputException bad = assertThrows(BadInputException.class, () -> RunPlugins.locate(run, List.of(dir.resolve("nope.jar")), "node-7"));
        assertTrue(bad.getMessage().contains("--plugin '" + dir.resolve("nope.jar") + "' is neither a jar file nor a folder"), bad.getMessage());
    }
}
