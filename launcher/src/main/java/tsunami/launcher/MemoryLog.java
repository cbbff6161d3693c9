package tsunami.launcher;

import tsunami.learn.MemoryUse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code memory.csv} in a run's folder: the process's memory every {@link #EVERY_SECONDS} seconds
 * ({@link MemoryUse}: resident set, heap used and committed, the graphs' array caches), beside the
 * frames simulated, so that memory can be read against work done as well as time. A resumed run
 * appends, its elapsed seconds starting again from 0.
 */
final class MemoryLog implements AutoCloseable {
    static final String NAME = "memory.csv";
    static final String HEADER = "elapsed_s,frames_simulated,rss_mb,heap_used_mb,heap_committed_mb,graph_cache_mb,guard_collections";
    static final int EVERY_SECONDS = 10;

    private final Path file;
    private final LongSupplier frames;
    private final long t0 = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-log");
        t.setDaemon(true);
        return t;
    });

    private MemoryLog(Path dir, LongSupplier frames) {
        this.file = dir.resolve(NAME);
        this.frames = frames;
    }

    /** Logs a row now and every {@link #EVERY_SECONDS} s until closed; {@code frames} gives the frames simulated so far. */
    static MemoryLog start(Path dir, LongSupplier frames) {
        MemoryLog log = new MemoryLog(dir, frames);
        log.timer.scheduleAtFixedRate(log::append, 0, EVERY_SECONDS, TimeUnit.SECONDS);
        return log;
    }

    private void append() {
        MemoryUse m = MemoryUse.now();
        String row = String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d%n", (System.nanoTime() - t0) / 1e9, frames.getAsLong(),
                mb(m.rssBytes()), mb(m.heapUsedBytes()), mb(m.heapCommittedBytes()), mb(m.graphCacheBytes()), m.guardCollections());
        try {
            if (!Files.exists(file)) Files.writeString(file, HEADER + System.lineSeparator());
            Files.writeString(file, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a full or vanished disk: the run goes on; the log is a diagnostic, not a result
            timer.shutdown();
        }
    }

    private static long mb(long bytes) {
        return bytes < 0 ? -1 : bytes >> 20;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
