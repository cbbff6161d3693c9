package tsunami.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;
import tsunami.launcher.dashboard.DashboardServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A running {@code monkey match} publishes its bot processes in {@code status.json}, and the
 * dashboard serves them: two heuristic bots as real processes (no sandbox), watched while they
 * play and after the match ends.
 */
class MatchStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aRunningMatchShowsBothBotProcessesAndTheStoppedOneEachGamesReason() throws Exception {
        Path m = dir.resolve("m");
        StringWriter out = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        CompletableFuture<Integer> match = CompletableFuture.supplyAsync(() -> cli.execute("match", "heuristic:hold-focus",
                "heuristic:attack-move", "--scenario", "m5v5", "--games", "3", "--container", "none", "--out", m.toString()));

        // while it plays: both bots' processes, alive, with their pids
        JsonNode running = await(m, s -> "running".equals(s.path("state").asText())
                && s.path("matches").path(0).path("processes").size() == 2
                && s.path("matches").path(0).path("playing").isObject(), match);
        assertEquals("match", running.path("command").asText());
        assertEquals(ProcessHandle.current().pid(), running.path("pid").asLong(), "the launcher's pid");
        assertEquals(3, running.path("games_planned").asInt());
        JsonNode live = running.path("matches").path(0);
        assertEquals("hold-focus", live.path("a").asText());
        assertEquals("attack-move", live.path("b").asText());
        Set<String> names = new HashSet<>();
        for (JsonNode p : live.path("processes")) {
            names.add(p.path("bot").asText());
            assertEquals("none", p.path("driver").asText());
            assertEquals(1, p.path("session").asInt());
            long pid = p.path("pid").asLong();
            assertNotEquals(ProcessHandle.current().pid(), pid);
            assertEquals("running", p.path("state").asText(), p.toString());
            assertTrue(p.path("reason").isNull(), p.toString());
            // the pid is a real process of ours (the bot's JVM), not a made-up number
            assertEquals(ProcessHandle.current().pid(), ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L),
                    "bot " + p.path("bot").asText() + " (pid " + pid + ") is a child of the launcher");
        }
        assertEquals(Set.of("hold-focus", "attack-move"), names);

        // the dashboard serves the same, called running
        try (DashboardServer page = DashboardServer.start(List.of(m), "127.0.0.1", 0, null)) {
            JsonNode view = entry(page);
            assertEquals("match", view.path("kind").asText());
            JsonNode status = view.path("status");
            assertTrue(List.of("running", "stopped").contains(status.path("liveness").asText()), status.toString());
            assertTrue(status.path("matches").path(0).path("processes").size() >= 2, status.toString());

            assertEquals(0, match.get(5, TimeUnit.MINUTES), out.toString());
            JsonNode stopped = read(m);
            assertEquals("stopped", stopped.path("state").asText());
            assertEquals(3, stopped.path("games_done").asInt());
            JsonNode done = stopped.path("matches").path(0);
            assertEquals("finished", done.path("state").asText());
            assertTrue(done.path("playing").isNull());
            assertEquals(3, done.path("results").size());
            for (JsonNode r : done.path("results")) {
                JsonNode recorded = JSON.readTree(m.resolve(String.format("game-%04d", r.path("game").asInt())).resolve("result.json").toFile());
                assertFalse(r.path("reason").asText().isEmpty(), r.toString());
                assertEquals(recorded.path("reason").asText(), r.path("reason").asText(), "the status says what result.json says");
                assertEquals(recorded.path("red").asText(), r.path("red").asText());
            }
            assertTrue(done.path("processes").size() >= 2);
            for (JsonNode p : done.path("processes")) {
                assertEquals("exited", p.path("state").asText(), p.toString());
                assertTrue(p.path("exit_status").isInt(), p.toString());
                assertFalse(ProcessHandle.of(p.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false), "bot process gone: " + p);
                // two well-behaved bots break no rule: their processes end with their session
                assertEquals("session_over", p.path("reason").asText(), p.toString());
            }
            JsonNode after = entry(page).path("status");
            assertEquals("stopped", after.path("liveness").asText(), after.toString());
            assertEquals(done.path("results"), after.path("matches").path(0).path("results"));
        }
    }

    private JsonNode entry(DashboardServer page) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port() + "/api/entry?id=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode read(Path m) throws IOException {
        return JSON.readTree(m.resolve("status.json").toFile());
    }

    /** Reads the status file until it shows what {@code ok} wants; fails if the match ends first or after 3 minutes. */
    private static JsonNode await(Path m, Predicate<JsonNode> ok, CompletableFuture<Integer> match) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(m.resolve("status.json"))) {
                // renamed into place whole: every read parses
                last = read(m);
                if (ok.test(last)) return last;
            }
            if (match.isDone()) fail("the match ended (exit " + match.get() + ") before its status showed it running: " + last);
            Thread.sleep(50);
        }
        return fail("no status showed the match running within 3 minutes: " + last);
    }
}
