package tsunami.launcher.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code status.json} in a run's folder: what a running train or match is made of right now (its
 * processes, their restarts, last exit reasons and mailbox depths, the node and its peers),
 * rewritten once a second by the run and read by any dashboard. A file, not a port, so that a
 * dashboard started later, in another JVM or by another user who may read the folder, sees it, and
 * the run opens nothing to the network. Each write goes to a temporary name and is renamed over the
 * old one, so a reader sees a whole file, never half of one. Not synced to disk: after a crash an old
 * or missing status only means the run is shown as gone, which it is.
 */
public final class StatusFile implements AutoCloseable {
    public static final String NAME = "status.json";
    static final String FORMAT = "tsunami-status/1";
    /** A status older than this from a process still alive is shown as not answering. */
    static final long STALE_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(StatusFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String command;
    private final Supplier<Map<String, Object>> snapshot;
    private final ScheduledExecutorService timer;

    private StatusFile(Path dir, String command, Supplier<Map<String, Object>> snapshot) {
        this.file = dir.resolve(NAME);
        this.command = command;
        this.snapshot = snapshot;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-file");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts rewriting {@code dir/status.json} every second with what {@code snapshot} returns (the
     * fields of the run's state, e.g. {@link ProcessTreeJson#of}); {@link #close()} writes a last one
     * marked stopped.
     */
    public static StatusFile start(Path dir, String command, Supplier<Map<String, Object>> snapshot) {
        StatusFile s = new StatusFile(dir, command, snapshot);
        s.write("running");
        s.timer.scheduleWithFixedDelay(() -> s.write("running"), 1, 1, TimeUnit.SECONDS);
        return s;
    }

    /** Writes the status soon, without waiting for the next second: something worth seeing has happened. */
    public void changed() {
        if (!timer.isShutdown()) {
            try {
                timer.execute(() -> write("running"));
            } catch (RejectedExecutionException e) {
                // closing: the last write, marked stopped, is on its way
            }
        }
    }

    private synchronized void write(String state) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("command", command);
            m.put("pid", ProcessHandle.current().pid());
            m.put("state", state);
            m.put("updated_ms", System.currentTimeMillis());
            m.putAll(snapshot.get());
            byte[] bytes = JSON.writeValueAsBytes(m);
            Path tmp = file.resolveSibling(NAME + "." + ProcessHandle.current().pid() + ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // the run matters more than its status: a failed write is retried on the next tick
            log.debug("cannot write {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write("stopped");
    }

    /**
     * The status for the page: the file's fields plus {@code liveness}: {@code running} (written in the
     * last {@value #STALE_MS} ms by a live process), {@code not answering} (its process lives but has not
     * written lately), {@code gone} (its process is not running: killed, or crashed) or {@code stopped}
     * (the run ended and said so). Null when the folder has no status file (a run or match from
     * before the dashboard published one); a damaged one gives {@code problem}.
     */
    static Map<String, Object> readForPage(Path dir) {
        Path f = dir.resolve(NAME);
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return Map.of("problem", NAME + " cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !FORMAT.equals(node.path("format").asText())) {
            return Map.of("problem", NAME + " is not a " + FORMAT + " status file");
        }
        Map<String, Object> out = JSON.convertValue(node, Map.class);
        long pid = node.path("pid").asLong(-1);
        long age = System.currentTimeMillis() - node.path("updated_ms").asLong(0);
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        String liveness = "stopped".equals(node.path("state").asText()) ? "stopped"
                : !alive ? "gone" : age > STALE_MS ? "not answering" : "running";
        out.put("liveness", liveness);
        out.put("age_ms", age);
        out.put("updated_at", Instant.ofEpochMilli(node.path("updated_ms").asLong(0)).toString());
        return out;
    }
}
