package tsunami.learn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(4, 3).withHidden(8);

    private static Checkpoint checkpoint(long version, float fill) {
        float[] p = new float[CONFIG.numParams()], m = new float[p.length], v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = fill + i * 1e-3f;
            m[i] = -i;
            v[i] = i * 2;
        }
        return new Checkpoint(CONFIG, new ParameterSnapshot(version, p, m, v, version * 100),
                Map.of("frames", version * 1000, "episodes", version), Map.of("scenario", "grid"));
    }

    @Test
    void roundTripsEverythingIncludingOptimizerStateAndCounters(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        Checkpoint c = checkpoint(42, 0.5f);
        store.savePeriodic(c);
        CheckpointStore.Loaded back = store.latest().orElseThrow();
        assertEquals(CONFIG, back.checkpoint().config());
        assertEquals(42, back.checkpoint().snapshot().version());
        assertEquals(4200, back.checkpoint().snapshot().samplesLearned());
        assertArrayEquals(c.snapshot().params(), back.checkpoint().snapshot().params());
        assertArrayEquals(c.snapshot().adamM(), back.checkpoint().snapshot().adamM());
        assertArrayEquals(c.snapshot().adamV(), back.checkpoint().snapshot().adamV());
        assertEquals(42_000, back.checkpoint().counter("frames"));
        assertEquals("grid", back.checkpoint().metadata().get("scenario"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void corruptNewestCheckpointIsDetectedAndPreviousUsed(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        store.savePeriodic(checkpoint(10, 1f));
        Path newest = store.savePeriodic(checkpoint(20, 2f));
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x40);   // one flipped bit in the parameters
        }
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.read(newest));
        assertTrue(e.getMessage().contains(newest.getFileName().toString()) && e.getMessage().contains("checksum"), e.getMessage());
        CheckpointStore.Loaded loaded = store.latest().orElseThrow();
        assertEquals(10, loaded.checkpoint().snapshot().version());
        assertEquals(1, loaded.skipped().size());
        assertTrue(Files.exists(newest), "the corrupt file is left for inspection, not deleted");
    }

    @Test
    void truncatedFileAndForeignFileAreRejectedAndPruningKeepsNewest(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (long v = 1; v <= 4; v++) store.savePeriodic(checkpoint(v, v));
        assertEquals(2, store.periodicNewestFirst().size());
        Path newest = store.periodicNewestFirst().get(0);
        byte[] all = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(all, all.length - 100));
        assertEquals(3, store.latest().orElseThrow().checkpoint().snapshot().version());
        Path foreign = dir.resolve("best.tsck");
        Files.writeString(foreign, "definitely not a checkpoint, but long enough to have a tail");
        assertThrows(BadInputException.class, () -> CheckpointStore.read(foreign));
        assertEquals(3, store.bestOrLatest().orElseThrow().checkpoint().snapshot().version(), "falls back from a bad best");
    }
}
