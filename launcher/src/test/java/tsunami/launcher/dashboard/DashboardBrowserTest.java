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

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void matchPageShowsTheBotProcessesOfARunningMatchAndHowTheyEnded(@TempDir Path tmp) throws Exception {
        Path chromium = HeadlessChromium.find();
        assumeTrue(chromium != null, "Chromium is not installed (scripts/install-deps.sh installs Debian's 'chromium'): browser test skipped");
        Path match = tmp.resolve("m");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        String rows = "[...document.querySelectorAll('#bot-processes tr[data-pid]')]";
        // the page is open before the match starts (its folder is missing until then), so it cannot miss the bots playing
        try (DashboardServer server = DashboardServer.start(List.of(match), "127.0.0.1", 0, null);
             HeadlessChromium browser = new HeadlessChromium(chromium, profile, 1280, 1000)) {
            browser.open(server.url());
            // 100 games of about 0.1 s each (more under load): time for several of the page's 2 s polls
            CompletableFuture<Integer> playing = CompletableFuture.supplyAsync(() -> Monkey.commandLine().execute("match", "heuristic:hold-focus",
                    "heuristic:attack-move", "--scenario", "m5v5", "--games", "100", "--container", "none", "--out", match.toString()));
            try {
                await("both bot processes on the page, running", () -> {
                    boolean ended = playing.isDone();
                    if (browser.evaluate(rows + ".filter(r => r.cells[4].textContent === 'running')"
                            + ".map(r => r.cells[0].textContent).sort().join(' ')").asText().equals("attack-move hold-focus")) return true;
                    if (ended) throw new AssertionError("the match ended before the page showed its bots running");
                    return false;
                }, playing);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the page says: " + browser.evaluate("document.body.innerText").asText(), e);
            }
            String liveness = browser.evaluate("document.querySelector('[data-liveness]')?.dataset.liveness ?? ''").asText();
            assertEquals(0, playing.get(180, TimeUnit.SECONDS), "the match ends normally");
            await("the stopped match on the page", () -> "stopped".equals(browser.evaluate(
                    "document.querySelector('[data-liveness]')?.dataset.liveness ?? ''").asText()), playing);
            JsonNode ends = browser.evaluate(rows + ".map(r => r.cells[4].textContent + ' ' + r.cells[6].textContent)");
            assertTrue(ends.size() >= 2, ends.toString());
            for (JsonNode e : ends) assertEquals("exited session_over", e.asText(), "each bot process's end, as the page shows it");
            assertTrue(browser.evaluate("document.getElementById('bot-processes').textContent").asText().contains("100 of 100 games done"));
            Files.write(Path.of("target", "dashboard-match-test.png"), browser.screenshot());
            assertEquals("running", liveness, "the match's status, read while it plays");
            assertEquals(List.of(), browser.errors(), "JavaScript errors on the page");
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits for {@code check}, failing early if the training or match it watches ended with an error. */
    private static void await(String what, Check check, CompletableFuture<Integer> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!check.holds()) {
            if (run.isDone() && run.join() != 0) throw new AssertionError("the run failed while waiting for " + what);
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
