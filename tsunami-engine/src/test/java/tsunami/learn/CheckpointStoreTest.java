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
    void theNetworkKindAndPpoClipRoundTripAndFormat3ReadsAsAnMlp(@TempDir Path dir) throws IOException {
        tsunami.env.EntityLayout units = new tsunami.env.EntityLayout(2, 2, 3, 3, 4, 0, 2);
        PolicyConfig entity = PolicyConfig.defaults(units.observationSize(), units.numActions()).withHidden(8).withEntities(units).withPpoClip(0.2);
        float[] p = PolicyNetwork.initialParams(entity, 1);
        Checkpoint c = new Checkpoint(entity, new ParameterSnapshot(3, p, new float[p.length], new float[p.length], 30), Map.of(), Map.of());
        CheckpointStore store = new CheckpointStore(dir.resolve("entity"), 3);
        store.savePeriodic(c);
        PolicyConfig back = store.latest().orElseThrow().checkpoint().config();
        assertEquals(entity, back);
        assertEquals(units, back.entities());
        assertEquals(0.2, back.ppoClip());

        // a format-3 file (before the network kind): the same bytes without the kind and the clip
        byte[] v4 = CheckpointStore.encode(checkpoint(5, 1f));
        int at = 4 + 4 + 4 * 4 + 1 + 8 * 8;   // magic, format, four sizes, value norm, eight doubles
        assertEquals(CheckpointStore.NETWORK_MLP, v4[at]);
        byte[] v3 = new byte[v4.length - 9];
        System.arraycopy(v4, 0, v3, 0, at);
        System.arraycopy(v4, at + 9, v3, at, v4.length - at - 9);
        java.nio.ByteBuffer.wrap(v3).putInt(4, 3);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v3, 0, v3.length - 8);
        java.nio.ByteBuffer.wrap(v3).putLong(v3.length - 8, crc.getValue());
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.write(old.resolve("ckpt-000000000005.tsck"), v3);
        Checkpoint read = new CheckpointStore(old, 3).latest().orElseThrow().checkpoint();
        assertEquals(CONFIG, read.config());
        assertEquals(null, read.config().entities());
        assertEquals(0.0, read.config().ppoClip());
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

    @Test
    void aCorruptNewestCheckpointIsSetAsideAndTakesNoneOfTheKeptSlots(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        for (int v = 1; v <= 5; v++) store.savePeriodic(checkpoint(v, v));
        Path newest = store.savePeriodic(checkpoint(6, 6f));   // prunes version 1: 2..6 kept
        Files.write(newest, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});   // torn
        CheckpointStore.Loaded loaded = store.latestSettingAsideCorrupt().orElseThrow();
        assertEquals(5, loaded.checkpoint().snapshot().version());
        assertEquals(1, loaded.skipped().size());
        Path aside = newest.resolveSibling(newest.getFileName() + CheckpointStore.CORRUPT_SUFFIX);
        assertTrue(Files.exists(aside), "the unusable file is kept, renamed aside");
        // the run goes on from version 5 and writes 6 anew, then 7
        store.savePeriodic(checkpoint(6, 6f));
        store.savePeriodic(checkpoint(7, 7f));
        assertEquals(5, store.periodicNewestFirst().size());
        for (Path p : store.periodicNewestFirst()) CheckpointStore.read(p);   // all five intact
        assertEquals(3, CheckpointStore.read(store.periodicNewestFirst().get(4)).snapshot().version());
        assertTrue(Files.exists(aside), "pruning leaves the set-aside file alone");
    }

    @Test
    void readingOnlyMovesNothing(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        store.savePeriodic(checkpoint(1, 1f));
        Path newest = store.savePeriodic(checkpoint(2, 2f));
        Files.write(newest, new byte[20]);
        assertEquals(1, store.latest().orElseThrow().checkpoint().snapshot().version());
        assertTrue(Files.exists(newest));
    }

    @Test
    void staleTemporariesAreRemovedAndTemporaryNamesAreUnique(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".ckpt-000000000003.tsck.tmp"), "left by a killed writer");
        Files.writeString(dir.resolve(".best.tsck.12345.tmp"), "left by a killed writer");
        Files.writeString(dir.resolve("notes.tmp"), "not ours: no leading dot");
        CheckpointStore store = new CheckpointStore(dir, 5);
        assertEquals(2, store.removeStaleTemporaries());
        assertTrue(Files.exists(dir.resolve("notes.tmp")));
        // two writers of the same target at once each use their own temporary file
        Path target = dir.resolve("best.tsck");
        Thread[] ts = new Thread[4];
        for (int i = 0; i < ts.length; i++) {
            int k = i;
            ts[i] = new Thread(() -> {
                for (int r = 0; r < 20; r++) CheckpointStore.write(target, checkpoint(k, k));
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        CheckpointStore.read(target);   // intact: no writer wrote into another's file
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary file left behind");
        }
    }

    @Test
    void parameterCountsThatOverflowAnIntAreRefused() {
        // 65536 x 65536 overflows int arithmetic to a small or negative count
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyConfig.defaults(65536, 3).withHidden(65536));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyConfig.defaults(Integer.MAX_VALUE, Integer.MAX_VALUE).withHidden(Integer.MAX_VALUE));
        assertEquals(CONFIG.layout().size(), CONFIG.numParams());
    }

    @Test
    void aCraftedCheckpointWithOverflowingSizesIsRefused(@TempDir Path dir) throws IOException {
        byte[] good = CheckpointStore.encode(checkpoint(1, 1f));
        // sizes are at bytes 8..19 (obs, actions, hidden): make hidden 65536 and obs 65536 so that
        // hidden*hidden + ... wraps around in int arithmetic
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(good);
        b.putInt(8, 65536);
        b.putInt(16, 65536);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(good, 0, good.length - 8);
        b.putLong(good.length - 8, crc.getValue());
        Path f = dir.resolve("crafted.tsck");
        Files.write(f, good);
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.read(f));
        assertTrue(e.getMessage().contains("crafted.tsck") && e.getMessage().contains("parameters"), e.getMessage());
    }
}
