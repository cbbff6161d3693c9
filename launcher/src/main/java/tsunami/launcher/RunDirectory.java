package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.launcher.cluster.SlurmOptions;
import tsunami.learn.CheckpointStore;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A training run's folder: {@code run.properties} (the configuration as run), {@code metrics.csv},
 * {@code timing.csv}, {@code memory.csv}, {@code checkpoints/}, {@code curve.png} and {@code summary.txt}. A folder that already holds a
 * run is only ever continued with {@code --resume}, never overwritten; a non-empty folder that
 * holds no run is refused.
 */
final class RunDirectory implements AutoCloseable {
    static final String CONFIG = "run.properties";
    /** Held (an OS file lock) by the one training that writes here; holds its pid, for the refusal message. */
    static final String LOCK = ".lock";
    static final String METRICS = "metrics.csv";
    static final String TIMING = "timing.csv";
    static final String CURVE = "curve.png";
    static final String SUMMARY = "summary.txt";

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Takes the run directory for this process: a second training on the same folder (another
     * JVM, or this one) is refused with the holder's pid. The OS releases the lock when the
     * process dies, however it dies, so a killed run never leaves the folder locked. Then the
     * temporary files a killed writer left behind are removed (no writer can be mid-way now).
     */
    RunDirectory lock() {
        Path p = dir.resolve(LOCK);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                l = null;
            }
            if (l == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new BadInputException("--run-dir " + dir + " is in use by another training (pid " + holder
                        + "); wait for it to end or stop it, or choose another --run-dir. Nothing was changed.");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            lockChannel = ch;
            lock = l;
        } catch (IOException e) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new BadInputException("cannot lock run directory " + dir + " (" + p + "): " + e.getMessage(), e);
        }
        CheckpointStore.removeStaleTemporaries(dir);
        CheckpointStore.removeStaleTemporaries(checkpoints());
        return this;
    }

    private static String readHolder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d{1,19}") ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Releases the lock taken by {@link #lock()}; the lock file stays (removing it would race a new holder). */
    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway; the OS does at exit
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    Path dir() {
        return dir;
    }

    /** The checkpoints' folder within a run directory. */
    static final String CHECKPOINTS = "checkpoints";

    Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    Path metrics() {
        return dir.resolve(METRICS);
    }

    /** A new run in {@code dir}, which must not exist or be empty; returned locked (see {@link #lock()}). */
    static RunDirectory create(Path dir, Map<String, String> config) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) throw new BadInputException("--run-dir " + dir + " is a file, not a folder");
            if (Files.exists(dir.resolve(CONFIG))) {
                throw new BadInputException("--run-dir " + dir + " already holds a training run (" + CONFIG
                        + "); add --resume to continue it, or choose another --run-dir. Nothing was changed.");
            }
            if (!isEmpty(dir)) {
                throw new BadInputException("--run-dir " + dir + " is not empty and holds no training run; choose an empty or new folder. Nothing was changed.");
            }
        }
        try {
            Files.createDirectories(dir.resolve("checkpoints"));
        } catch (IOException e) {
            throw new BadInputException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        RunDirectory run = new RunDirectory(dir).lock();
        if (Files.exists(dir.resolve(CONFIG))) {
            // another training created it between the check above and the lock
            run.close();
            throw new BadInputException("--run-dir " + dir + " already holds a training run (" + CONFIG
                    + "); add --resume to continue it, or choose another --run-dir. Nothing was changed.");
        }
        run.writeConfig(config);
        return run;
    }

    /** An existing run to continue, locked (see {@link #lock()}); its saved configuration is returned by {@link #config()}. */
    static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new BadInputException("--resume: " + dir + " holds no training run (no " + CONFIG + ")");
        }
        return new RunDirectory(dir).lock();
    }

    /**
     * Drops the rows of {@code metrics.csv} and {@code timing.csv} past {@code version}: a killed
     * session logged versions after its last checkpoint, which the resumed one logs again from
     * the checkpoint on. A torn last line (killed mid-write) goes too. Returns the rows dropped.
     */
    int trimLogsTo(long version) {
        return trimCsv(metrics(), version) + trimCsv(dir.resolve(TIMING), version);
    }

    private static int trimCsv(Path p, long version) {
        if (!Files.isRegularFile(p)) return 0;
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        String[] lines = text.split("\n", -1);
        StringBuilder kept = new StringBuilder();
        int dropped = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) continue;
            if (i == 0) {
                kept.append(line).append('\n');
                continue;
            }
            boolean complete = i < lines.length - 1;   // the last piece had no newline: torn
            long v;
            try {
                v = Long.parseLong(line.substring(0, Math.max(0, line.indexOf(','))));
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (complete && v <= version) {
                kept.append(line).append('\n');
            } else {
                dropped++;
            }
        }
        if (dropped > 0) writeAtomically(p, kept.toString());
        return dropped;
    }

    /**
     * Makes the CSV log {@code name} (metrics.csv, timing.csv, memory.csv) ready for rows of {@code header}'s
     * columns when a run written by another build is resumed: appending wider rows under an old,
     * narrower header would leave a file no reader can parse. When this build's columns include all
     * the old ones, the file is rewritten under the new header, each old row's values moved to their
     * columns by name and the columns it lacks left empty (rows a newer build already wrote at the
     * new width are kept as they are). Otherwise (a column dropped, or a row of neither width) the
     * file is set aside whole as {@code name-N.csv} and a new one starts. Nothing saved is lost.
     *
     * @return what was done, for the user, or null when the file already has this header or does not exist
     */
    String alignLogHeader(String name, String header) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) return null;
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        if (lines.isEmpty() || lines.get(0).equals(header)) return null;
        List<String> oldColumns = List.of(lines.get(0).split(",", -1)), newColumns = List.of(header.split(",", -1));
        StringBuilder out = new StringBuilder(header).append('\n');
        boolean mappable = newColumns.containsAll(oldColumns);
        for (int i = 1; mappable && i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length == oldColumns.size()) {
                String[] row = new String[newColumns.size()];
                java.util.Arrays.fill(row, "");
                for (int c = 0; c < cells.length; c++) row[newColumns.indexOf(oldColumns.get(c))] = cells[c];
                out.append(String.join(",", row)).append('\n');
            } else if (cells.length == newColumns.size()) {
                out.append(lines.get(i)).append('\n');
            } else {
                mappable = false;
            }
        }
        if (mappable) {
            writeAtomically(p, out.toString());
            List<String> added = newColumns.stream().filter(c -> !oldColumns.contains(c)).toList();
            return name + " had the columns of an older build: its " + (lines.size() - 1) + " rows are kept under this build's header"
                    + (added.isEmpty() ? " (columns reordered)" : ", empty in the new columns " + String.join(", ", added));
        }
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Path aside = null;
        for (int k = 1; aside == null || Files.exists(aside); k++) aside = dir.resolve(stem + "-" + k + ".csv");
        try {
            Files.move(p, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside " + p + " as " + aside, e);
        }
        return name + " had columns this build does not write (" + lines.get(0) + "): it is kept as " + aside.getFileName()
                + ", and a new " + name + " starts";
    }

    Map<String, String> config() {
        return readConfig(dir);
    }

    /** A run's saved configuration, read without taking the run's lock (for commands that only look at a run). */
    static Map<String, String> readConfig(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) throw new BadInputException(dir + " holds no training run (no " + CONFIG + ")");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(CONFIG), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot read " + dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    void writeConfig(Map<String, String> config) {
        StringBuilder sb = new StringBuilder("# Tsunami training run: the configuration as run\n");
        new TreeMap<>(config).forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        writeAtomically(dir.resolve(CONFIG), sb.toString());
    }

    void writeSummary(String text) {
        writeAtomically(dir.resolve(SUMMARY), text);
    }

    /** Appends one line to metrics.csv, writing the header first when the file is new. */
    void appendMetrics(String header, String line) {
        Path p = metrics();
        try {
            if (!Files.exists(p)) Files.writeString(p, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.writeString(p, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + p, e);
        }
    }

    /** Unique temporary name, forced, renamed, folder synced: see {@link CheckpointStore#writeAtomically}. */
    static void writeAtomically(Path target, String text) {
        CheckpointStore.writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isEmpty(Path dir) {
        // a lock file alone is what a concurrent start leaves: the lock then names the holder; a Slurm
        // job's script, id and logs are put there before its learner task creates the run
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).allMatch(f -> f.equals(LOCK) || f.startsWith(SlurmOptions.FILE_PREFIX));
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
