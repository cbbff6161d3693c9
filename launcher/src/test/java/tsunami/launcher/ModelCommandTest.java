package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void evalTrainsSavesAndALoadedModelIsEvaluatedAgain() {
        CliRun r = CliRun.of("model", "eval", "--envs", "4", "--real-steps", "200", "--updates", "20", "--model-ensemble", "2",
                "--hidden", "32", "--k", "3", "--save", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("position px") && r.out().contains("coasting px"), r.out());
        long rows = r.out().lines().filter(l -> l.matches("\\s+[123]\\s+\\d+\\s.*")).count();
        assertEquals(3, rows, "one line per k: " + r.out());
        Path saved = dir.resolve("world-model.tswm");
        assertTrue(Files.exists(saved));

        CliRun again = CliRun.of("model", "eval", "--envs", "4", "--real-steps", "200", "--k", "1", "--load", saved.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("position px"), again.out());
    }

    @Test
    void corruptOrMissingModelIsRefusedWithANamedError() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.tswm"), "this is not a world model, but it is long enough to have a tail");
        byte[] before = Files.readAllBytes(bad);
        CliRun r = CliRun.of("model", "eval", "--envs", "2", "--real-steps", "20", "--load", bad.toString());
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("refused"), r.err());
        assertArrayEquals(before, Files.readAllBytes(bad), "the refused file is left alone");

        CliRun missing = CliRun.of("model", "eval", "--envs", "2", "--real-steps", "20", "--load", dir.resolve("none.tswm").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        CliRun badK = CliRun.of("model", "eval", "--k", "0");
        assertEquals(2, badK.exitCode());
        assertTrue(badK.err().contains("--k"), badK.err());
    }
}
