package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tsunami.launcher.TrainCommandTest.monkey;

/** {@code train --model-based}: the world model is trained beside the run, saved with it, restored on resume, and a corrupt one is refused. */
class ModelBasedTrainTest {
    @TempDir
    Path dir;

    @Test
    void modelIsSavedRestoredOnResumeAndACorruptOneRefused() throws Exception {
        Path run = dir.resolve("run");
        var first = monkey("train", "--scenario", "m5v5", "--frames", "200000", "--model-based", "--model-ensemble", "2",
                "--env-workers", "1", "--envs-per-worker", "16", "--run-dir", run.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("world model") && first.out().contains("imagined"), first.out());
        Path model = run.resolve("world-model.tswm");
        assertTrue(Files.exists(model));

        // model-based is saved with the run: a resume without the flag keeps it, and restores the model
        var again = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "260000");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("world model         restored from the run's last save"), again.out());

        // the run's model, evaluated on real episodes the run's own policy plays, with its paths drawn
        var eval = CliRun.of("model", "eval", run.toString(), "--envs", "4", "--real-steps", "200", "--k", "2");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("played by the run's policy") && eval.out().contains("paths drawn to"), eval.out());
        assertEquals(2, eval.out().lines().filter(l -> l.matches("\\s+[12]\\s+\\d+\\s.*")).count(), "one line per k: " + eval.out());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(run.resolve(ModelCommand.PATHS_PNG).toFile());
        assertTrue(png != null && png.getWidth() > 0, "a readable PNG");
        assertTrue(hasColour(png, 0x1f77b4) && hasColour(png, 0xd62728), "both sides' paths are drawn");
        var noModel = CliRun.of("model", "eval", dir.toString());
        assertEquals(2, noModel.exitCode());
        assertTrue(noModel.err().contains("no training run"), noModel.err());

        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 3] ^= 0x33;
        Files.write(model, bytes);
        var corrupt = monkey("train", "--resume", "--run-dir", run.toString(), "--frames", "300000");
        assertEquals(2, corrupt.code(), corrupt.err());
        assertTrue(corrupt.err().contains("refused") && corrupt.err().contains(model.toString()), corrupt.err());
        assertArrayEquals(bytes, Files.readAllBytes(model), "the refused model is left in place");
    }

    @Test
    void modelFlagsNeedModelBased() {
        var r = monkey("train", "--scenario", "m5v5", "--frames", "100", "--model-horizon", "3", "--run-dir", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("need --model-based"), r.err());
        var bad = monkey("train", "--scenario", "m5v5", "--frames", "100", "--model-based", "--model-ensemble", "0",
                "--run-dir", dir.resolve("y").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--model-ensemble must be"), bad.err());
        var central = monkey("train", "--scenario", "m5v5", "--frames", "100", "--model-based", "--critic", "central",
                "--run-dir", dir.resolve("z").toString());
        assertEquals(2, central.code());
        assertTrue(central.err().contains("--critic central"), central.err());
    }

    private static boolean hasColour(java.awt.image.BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) return true;
        }
        return false;
    }
}
