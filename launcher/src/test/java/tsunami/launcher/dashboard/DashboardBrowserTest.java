package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.launcher.Monkey;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser on the live page: headless Chromium opens the dashboard while a short real
 * training runs (in this JVM, through the CLI), waits for the win-rate curve to gain points and for
 * the run's process tree to show, and takes a screenshot that must show a drawn page. Any
 * JavaScript error fails the test.
 */
class DashboardBrowserTest {
    /** The run's curve colour (the first of the page's palette): its pixels mean the curve was drawn. */
    private static final int CURVE_RGB = 0xe63946;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void livePageDrawsTheCurveAndProcessTreeOfARunningTraining(@TempDir Path tmp) throws Exception {
        Path chromium = HeadlessChromium.find();
        assumeTrue(chromium != null, "Chromium is not installed (scripts/install-deps.sh installs Debian's 'chromium'): browser test skipped");
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path run = runs.resolve("m5v5-live");
        // small batches: a metrics row about every 10k frames, so the curve grows while the page watches
        CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> Monkey.commandLine().execute("train", "--scenario", "m5v5",
                "--frames", "200000", "--env-workers", "1", "--envs-per-worker", "8", "--segments-per-batch", "1", "--run-dir", run.toString()));
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        try (DashboardServer server = DashboardServer.start(List.of(runs), "127.0.0.1", 0, null);
             HeadlessChromium browser = new HeadlessChromium(chromium, profile, 1280, 1000)) {
            await("the run to start", () -> Files.exists(run.resolve(StatusFile.NAME)), training);
            browser.open(server.url());
            await("the process tree of the running run", () -> browser.evaluate(
                    "[...document.querySelectorAll('tr[data-process]')].map(r => r.dataset.process).join(' ')").asText().contains("env-worker-0"),
                    training);
            String liveness = browser.evaluate("document.querySelector('[data-liveness]')?.dataset.liveness ?? ''").asText();
            String points = "Number(document.querySelector('#chart-win_rate')?.dataset.points ?? -1)";
            int first = browser.evaluate(points).asInt();
            await("the curve to gain points (it had " + first + ")", () -> browser.evaluate(points).asInt() >= Math.max(2, first + 1), training);
            byte[] png = browser.screenshot();
            Files.write(Path.of("target", "dashboard-browser-test.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(luminanceDeviation(shot) > 20, "the screenshot is close to blank: luminance deviation " + luminanceDeviation(shot));
            JsonNode box = browser.evaluate("(() => { const r = document.querySelector('#chart-win_rate canvas').getBoundingClientRect();"
                    + " return [r.x, r.y, r.width, r.height]; })()");
            int curvePixels = countColour(shot, box.get(0).asInt(), box.get(1).asInt(), box.get(2).asInt(), box.get(3).asInt());
            assertTrue(curvePixels > 20, "the win-rate chart shows " + curvePixels + " pixels of the curve's colour");
            assertEquals("running", liveness, "the run's status, read while it trains");
            assertEquals(List.of(), browser.errors(), "JavaScript errors on the page");
        }
        assertEquals(0, training.get(180, TimeUnit.SECONDS), "the training run ends normally");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits for {@code check}, failing early if the training it watches ended with an error. */
    private static void await(String what, Check check, CompletableFuture<Integer> training) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!check.holds()) {
            if (training.isDone() && training.join() != 0) throw new AssertionError("training failed while waiting for " + what);
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }

    static double luminanceDeviation(BufferedImage img) {
        double sum = 0, sq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    private static int countColour(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
                int rgb = img.getRGB(x, y);
                int dr = (rgb >> 16 & 255) - (CURVE_RGB >> 16 & 255), dg = (rgb >> 8 & 255) - (CURVE_RGB >> 8 & 255), db = (rgb & 255) - (CURVE_RGB & 255);
                if (dr * dr + dg * dg + db * db < 40 * 40) n++;
            }
        }
        return n;
    }
}
