package tsunami.launcher;

import tsunami.BadInputException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A training run's folder: {@code run.properties} (the configuration as run), {@code metrics.csv},
 * {@code checkpoints/}, {@code curve.png} and {@code summary.txt}. A folder that already holds a
 * run is only ever continued with {@code --resume}, never overwritten; a non-empty folder that
 * holds no run is refused.
 */
final class RunDirectory {
    static final String CONFIG = "run.properties";
    static final String METRICS = "metrics.csv";
    static final String CURVE = "curve.png";
    static final String SUMMARY = "summary.txt";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    Path metrics() {
        return dir.resolve(METRICS);
    }

    /** A new run in {@code dir}, which must not exist or be empty. */
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
        RunDirectory run = new RunDirectory(dir);
        run.writeConfig(config);
        return run;
    }

    /** An existing run to continue; its saved configuration is returned by {@link #config()}. */
    static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new BadInputException("--resume: " + dir + " holds no training run (no " + CONFIG + ")");
        }
        return new RunDirectory(dir);
    }

    Map<String, String> config() {
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

    static void writeAtomically(Path target, String text) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + tmp + " to " + target, e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
