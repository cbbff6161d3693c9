package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.actor.ActorSystem;
import tsunami.actor.ChildSpec;
import tsunami.actor.Pid;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** status.json as a running actor system writes it and the dashboard reads it. */
class StatusFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishesTheTreeWithRestartsAndLastExitReasonThenSaysStopped(@TempDir Path dir) throws Exception {
        try (ActorSystem system = ActorSystem.create("status-test")) {
            Pid root = Supervisor.start(system, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(
                    ChildSpec.worker("steady", self -> self.receive()),
                    ChildSpec.worker("fragile", self -> {
                        self.receive(String.class);
                        throw new IllegalStateException("bad frame");
                    }))).named("root"));
            Pid fragile = Supervisor.whichChildren(system, root).get(1).pid();
            system.send(fragile, "crash");
            StatusFile status = StatusFile.start(dir, "test", () -> ProcessTreeJson.of(system));
            try {
                JsonNode slot = awaitChild(dir, "fragile", n -> n.path("restarts").asInt() == 1 && n.path("state").asText().equals("waiting"));
                assertTrue(slot.path("last_exit").asText().contains("bad frame"), slot.toString());
                Map<String, Object> page = StatusFile.readForPage(dir);
                assertEquals("running", page.get("liveness"));
                assertEquals("status-test", page.get("node"));
                JsonNode steady = child(JSON.valueToTree(page), "steady");
                assertEquals(0, steady.path("restarts").asInt());
                assertTrue(steady.path("last_exit").isNull());
            } finally {
                status.close();
            }
            assertEquals("stopped", StatusFile.readForPage(dir).get("liveness"));
        }
    }

    @Test
    void aStatusLeftByAProcessThatIsGoneOrADamagedFileIsSaidSo(@TempDir Path dir) throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(dir.resolve(StatusFile.NAME), "{\"format\":\"" + StatusFile.FORMAT + "\",\"pid\":" + exited.pid()
                + ",\"state\":\"running\",\"updated_ms\":" + System.currentTimeMillis() + ",\"trees\":[]}");
        assertEquals("gone", StatusFile.readForPage(dir).get("liveness"));
        Files.writeString(dir.resolve(StatusFile.NAME), "{\"format\":\"" + StatusFile.FORMAT + "\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"state\":\"running\",\"updated_ms\":" + (System.currentTimeMillis() - 60_000) + ",\"trees\":[]}");
        assertEquals("not answering", StatusFile.readForPage(dir).get("liveness"));
        Files.writeString(dir.resolve(StatusFile.NAME), "{\"format\":");
        assertTrue(((String) StatusFile.readForPage(dir).get("problem")).startsWith("status.json cannot be read"));
    }

    interface NodeCheck {
        boolean holds(JsonNode n);
    }

    private static JsonNode awaitChild(Path dir, String id, NodeCheck check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (Files.exists(dir.resolve(StatusFile.NAME))) {
                JsonNode n = child(JSON.readTree(dir.resolve(StatusFile.NAME).toFile()), id);
                if (n != null && check.holds(n)) return n;
                if (System.nanoTime() > deadline) throw new AssertionError("status.json never showed " + id + " as wanted; last: " + n);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode child(JsonNode status, String id) {
        for (JsonNode root : status.path("trees")) {
            for (JsonNode c : root.path("children")) if (c.path("id").asText().equals(id)) return c;
        }
        return null;
    }
}
