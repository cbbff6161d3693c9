package tsunami.learn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Checkpoints in one folder: periodic ones named {@code ckpt-<version>.tsck} and the best one so
 * far as {@code best.tsck}. Each file is written to a temporary name, forced to disk and renamed
 * atomically, and ends with a CRC-32 of everything before it; a file whose checksum, length or
 * contents do not hold up is reported and skipped, and the previous checkpoint is used.
 *
 * <p>Format (big-endian): magic "TSCK", format version, the policy config (sizes, global state size
 * and value normalisation since format 3, hyper-parameters; since format 4 the network kind, MLP
 * or entity with its unit layout, and the PPO clip), version, samples
 * learned, counters and metadata as (name, value) lists, three float arrays (parameters, Adam m,
 * Adam v), then the CRC-32 as a long. No Java serialization.
 */
public final class CheckpointStore {
    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
    private static final int MAGIC = 0x5453434B;   // "TSCK"
    private static final int FORMAT = 4;
    /** Format 2 had no centralised critic and no value normalisation; it is still read. */
    private static final int FORMAT_BEFORE_CRITIC = 2;
    /** Format 3 had no network kind (every network was the MLP) and no PPO clip; it is still read. */
    private static final int FORMAT_BEFORE_ENTITIES = 3;
    /** The network kinds as format 4 writes them. */
    static final byte NETWORK_MLP = 0, NETWORK_ENTITY = 1;
    private static final Pattern PERIODIC = Pattern.compile("ckpt-(\\d{12})\\.tsck");
    public static final String BEST = "best.tsck";
    /** Suffix of an unusable checkpoint set aside by {@link #latestSettingAsideCorrupt()}. */
    public static final String CORRUPT_SUFFIX = ".corrupt";

    private final Path dir;
    private final int keepPeriodic;

    /** A checkpoint read back, with where it came from and the newer files that were unusable. */
    public record Loaded(Checkpoint checkpoint, Path path, List<String> skipped) {
    }

    public CheckpointStore(Path dir, int keepPeriodic) {
        this.dir = dir;
        this.keepPeriodic = keepPeriodic;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a periodic checkpoint and prunes the oldest beyond the number kept; returns its path. */
    public Path savePeriodic(Checkpoint c) {
        Path p = dir.resolve(String.format("ckpt-%012d.tsck", c.snapshot().version()));
        write(p, c);
        prune();
        return p;
    }

    public Path saveBest(Checkpoint c) {
        Path p = dir.resolve(BEST);
        write(p, c);
        return p;
    }

    /** The newest periodic checkpoint that reads back intact, if any. Reads only: nothing is moved. */
    public Optional<Loaded> latest() {
        return latest(false);
    }

    /**
     * The newest intact periodic checkpoint, for a run that goes on writing here: the unusable
     * newer ones are renamed aside to {@code <name>.corrupt} (kept for inspection, logged) so that
     * they no longer count among the periodic checkpoints kept, and valid ones are not pruned in
     * their place. Call it only while holding the run directory.
     */
    public Optional<Loaded> latestSettingAsideCorrupt() {
        return latest(true);
    }

    private Optional<Loaded> latest(boolean setAside) {
        List<String> skipped = new ArrayList<>();
        for (Path p : periodicNewestFirst()) {
            try {
                return Optional.of(new Loaded(read(p), p, skipped));
            } catch (BadInputException e) {
                log.warn("skipping unusable checkpoint: {}", e.getMessage());
                String note = e.getMessage();
                if (setAside) {
                    Path aside = p.resolveSibling(p.getFileName() + CORRUPT_SUFFIX);
                    try {
                        Files.move(p, aside, StandardCopyOption.REPLACE_EXISTING);
                        syncDirectory(dir);
                        log.warn("renamed unusable checkpoint {} to {}", p.getFileName(), aside.getFileName());
                        note += " (renamed to " + aside.getFileName() + ")";
                    } catch (IOException io) {
                        log.warn("could not rename unusable checkpoint {} aside: {}", p, io.toString());
                    }
                }
                skipped.add(p.getFileName() + ": " + note);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the temporary files a killed writer left here ({@code .<name>.<random>.tmp}). Call it
     * only while holding the run directory: another writer's temporary file would go too.
     * Returns how many were removed.
     */
    public int removeStaleTemporaries() {
        return removeStaleTemporaries(dir);
    }

    /** Deletes the {@code .*.tmp} files in {@code folder} (see {@link #removeStaleTemporaries()}). */
    public static int removeStaleTemporaries(Path folder) {
        if (!Files.isDirectory(folder)) return 0;
        int n = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    log.info("removed stale temporary file {}", f);
                    n++;
                }
            }
        } catch (IOException e) {
            log.warn("could not clean temporary files in {}: {}", folder, e.toString());
        }
        return n;
    }

    /**
     * Forces a folder's entries (a rename into it) to disk, so that an atomic rename survives a
     * power cut too; best effort where the platform cannot open a folder (Windows).
     */
    public static void syncDirectory(Path folder) {
        try (FileChannel ch = FileChannel.open(folder.toAbsolutePath(), StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("could not sync folder {}: {}", folder, e.toString());
        }
    }

    /** The best checkpoint if intact, else the newest intact periodic one. */
    public Optional<Loaded> bestOrLatest() {
        Path best = dir.resolve(BEST);
        List<String> skipped = new ArrayList<>();
        if (Files.exists(best)) {
            try {
                return Optional.of(new Loaded(read(best), best, skipped));
            } catch (BadInputException e) {
                log.warn("skipping unusable checkpoint: {}", e.getMessage());
                skipped.add(BEST + ": " + e.getMessage());
            }
        }
        return latest().map(l -> {
            List<String> all = new ArrayList<>(skipped);
            all.addAll(l.skipped());
            return new Loaded(l.checkpoint(), l.path(), all);
        });
    }

    /** The periodic checkpoints here, newest first (not read yet: any of them may be unusable). */
    public List<Path> periodicNewestFirst() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> PERIODIC.matcher(f.getFileName().toString()).matches())
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune() {
        List<Path> all = periodicNewestFirst();
        for (int i = keepPeriodic; i < all.size(); i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                log.warn("could not prune old checkpoint {}: {}", all.get(i), e.toString());
            }
        }
    }

    /** Writes {@code c} to {@code target} atomically (temporary file, force, rename, folder sync). */
    public static void write(Path target, Checkpoint c) {
        writeAtomically(target, encode(c));
    }

    /**
     * Writes {@code bytes} to {@code target} atomically: a temporary file with a unique name (two
     * writers never share one), forced to disk, renamed over the target, then the folder forced so
     * the rename itself is durable. A temporary file is removed if anything fails.
     */
    public static void writeAtomically(Path target, byte[] bytes) {
        Path folder = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stale temporary file is cleaned at the next start
                }
            }
        }
    }

    /** Reads and verifies one checkpoint file; anything wrong is a {@link BadInputException} naming the file. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("checkpoint " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (bytes.length < 16) throw new BadInputException("checkpoint " + file + ": truncated (" + bytes.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new BadInputException("checkpoint " + file + ": checksum mismatch (file is corrupt or truncated)");
        }
        try {
            return decode(bytes, file);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("checkpoint " + file + ": malformed contents (" + e.getMessage() + ")", e);
        }
    }

    static byte[] encode(Checkpoint c) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + 12 * c.snapshot().params().length);
            DataOutputStream out = new DataOutputStream(bos);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            PolicyConfig pc = c.config();
            out.writeInt(pc.observationSize());
            out.writeInt(pc.numActions());
            out.writeInt(pc.hidden());
            out.writeInt(pc.stateSize());
            out.writeBoolean(pc.valueNorm());
            for (double d : new double[]{pc.learningRate(), pc.gamma(), pc.entropyCoef(), pc.valueCoef(), pc.maxGradNorm(), pc.rhoBar(), pc.cBar(), pc.defaultActionPrior()}) {
                out.writeDouble(d);
            }
            out.writeByte(pc.entityNetwork() ? NETWORK_ENTITY : NETWORK_MLP);
            if (pc.entityNetwork()) {
                tsunami.env.EntityLayout e = pc.entities();
                for (int v : new int[]{e.selfSize(), e.allySlots(), e.allySize(), e.enemySlots(), e.enemySize(), e.presentIndex(), e.firstTargetAction()}) {
                    out.writeInt(v);
                }
            }
            out.writeDouble(pc.ppoClip());
            out.writeLong(c.snapshot().version());
            out.writeLong(c.snapshot().samplesLearned());
            out.writeInt(c.counters().size());
            for (Map.Entry<String, Long> e : c.counters().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeInt(c.metadata().size());
            for (Map.Entry<String, String> e : c.metadata().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            writeFloats(out, c.snapshot().params());
            writeFloats(out, c.snapshot().adamM());
            writeFloats(out, c.snapshot().adamV());
            out.flush();
            CRC32 crc = new CRC32();
            byte[] body = bos.toByteArray();
            crc.update(body);
            out.writeLong(crc.getValue());
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Checkpoint decode(byte[] bytes, Path file) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
        if (in.readInt() != MAGIC) throw new BadInputException("checkpoint " + file + ": not a Tsunami checkpoint (bad magic)");
        int format = in.readInt();
        if (format != FORMAT && format != FORMAT_BEFORE_ENTITIES && format != FORMAT_BEFORE_CRITIC) {
            throw new BadInputException("checkpoint " + file + ": unsupported format version " + format);
        }
        int obs = in.readInt(), actions = in.readInt(), hidden = in.readInt();
        int stateSize = format == FORMAT_BEFORE_CRITIC ? 0 : in.readInt();
        boolean valueNorm = format != FORMAT_BEFORE_CRITIC && in.readBoolean();
        if (stateSize < 0) throw new IllegalArgumentException("negative global state size " + stateSize);
        double[] d = new double[8];
        for (int i = 0; i < d.length; i++) d[i] = in.readDouble();
        tsunami.env.EntityLayout entities = null;
        double ppoClip = 0;
        if (format == FORMAT) {
            byte kind = in.readByte();
            if (kind == NETWORK_ENTITY) {
                int[] v = new int[7];
                for (int i = 0; i < v.length; i++) v[i] = in.readInt();
                entities = new tsunami.env.EntityLayout(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
            } else if (kind != NETWORK_MLP) {
                throw new IllegalArgumentException("unknown network kind " + kind);
            }
            ppoClip = in.readDouble();
        }
        // refuses sizes whose parameter count overflows or cannot be held
        PolicyConfig pc = new PolicyConfig(obs, actions, hidden, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], stateSize, valueNorm,
                entities, ppoClip);
        // three arrays of that many floats must fit in what the file holds
        if (3L * 4 * pc.numParams() > bytes.length) {
            throw new IllegalArgumentException("the network's sizes (" + obs + " inputs, " + actions + " actions, " + hidden
                    + " hidden) need " + pc.numParams() + " parameters, more than the file's " + bytes.length + " bytes hold");
        }
        long version = in.readLong();
        long samples = in.readLong();
        Map<String, Long> counters = new LinkedHashMap<>();
        int nc = count(in.readInt(), 10_000, "counters");
        for (int i = 0; i < nc; i++) counters.put(in.readUTF(), in.readLong());
        Map<String, String> meta = new LinkedHashMap<>();
        int nm = count(in.readInt(), 10_000, "metadata entries");
        for (int i = 0; i < nm; i++) meta.put(in.readUTF(), in.readUTF());
        float[] params = readFloats(in, pc.numParams(), "parameters");
        float[] m = readFloats(in, pc.numParams(), "Adam m");
        float[] v = readFloats(in, pc.numParams(), "Adam v");
        if (in.available() != 0) throw new IllegalArgumentException(in.available() + " unexpected trailing bytes");
        for (float f : params) {
            if (!Float.isFinite(f)) throw new IllegalArgumentException("non-finite parameter");
        }
        return new Checkpoint(pc, new ParameterSnapshot(version, params, m, v, samples), counters, meta);
    }

    private static int count(int n, int max, String what) {
        if (n < 0 || n > max) throw new IllegalArgumentException("implausible number of " + what + ": " + n);
        return n;
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * a.length);
        buf.asFloatBuffer().put(a);
        out.write(buf.array());
    }

    private static float[] readFloats(DataInputStream in, int expected, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) throw new IllegalArgumentException(what + ": expected " + expected + " floats, found " + n);
        if (n < 0 || 4L * n > in.available()) throw new IllegalArgumentException(what + ": " + n + " floats do not fit in the file");
        byte[] raw = new byte[4 * n];
        in.readFully(raw);
        float[] out = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(out);
        return out;
    }
}
