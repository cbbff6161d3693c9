package tsunami.launcher.dashboard;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the page shows of a training run, read from its folder: the configuration
 * ({@code run.properties}), the curves ({@code metrics.csv}, and frames/s from {@code timing.csv}),
 * the summary and the live process tree ({@link StatusFile}). A file that cannot be read or parsed
 * makes {@code problem} name it, the line and what is wrong, instead of a curve.
 */
final class TrainingView {
    /** The curves the page draws, by their metrics.csv or timing.csv column. */
    static final List<String> METRIC_COLUMNS = List.of("win_rate", "mean_return", "policy_loss", "value_loss", "entropy",
            "policy_lag_median", "teacher_loss");
    static final String TIMING_COLUMN = "frames_per_s";
    /** Enough points for a curve a page wide; longer runs are thinned evenly, keeping the last row. */
    static final int MAX_POINTS = 2000;

    private TrainingView() {
    }

    static Map<String, Object> of(RunCatalog.Entry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", entry.id());
        out.put("name", entry.name());
        out.put("kind", "train");
        Path dir = entry.dir();
        try {
            out.put("config", config(dir.resolve("run.properties")));
            Table metrics = Table.read(dir.resolve("metrics.csv"), "frames");
            Table timing = Table.read(dir.resolve("timing.csv"), TIMING_COLUMN);
            out.put("curves", curves(metrics, timing));
            out.put("rows", metrics.rows());
            String summary = readOptional(dir.resolve("summary.txt"));
            out.put("summary", summary);
        } catch (CorruptRunFile e) {
            out.put("problem", e.getMessage());
        }
        out.put("status", StatusFile.readForPage(dir));
        return out;
    }

    private static Map<String, String> config(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptRunFile(file.getFileName() + " cannot be read: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    /** x = frames learned; one array per curve, null where a row lacks the value (frames/s has its own rows). */
    private static Map<String, Object> curves(Table metrics, Table timing) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = metrics.rows();
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) if (i % stride == 0 || i == n - 1) keep.add(i);
        out.put("frames", pick(metrics.column("frames"), keep));
        for (String c : METRIC_COLUMNS) {
            if (metrics.has(c)) out.put(c, pick(metrics.column(c), keep));
        }
        // timing.csv rows are written beside metrics rows, under the same parameter version
        Map<Double, Double> fps = new HashMap<>();
        if (timing.rows() > 0 && timing.has("version") && timing.has(TIMING_COLUMN)) {
            double[] v = timing.column("version"), f = timing.column(TIMING_COLUMN);
            for (int i = 0; i < v.length; i++) fps.put(v[i], f[i]);
        }
        if (metrics.has("version")) {
            double[] v = metrics.column("version");
            List<Double> col = new ArrayList<>(keep.size());
            for (int i : keep) col.add(fps.get(v[i]));
            out.put(TIMING_COLUMN, col);
        }
        return out;
    }

    private static List<Double> pick(double[] column, List<Integer> keep) {
        List<Double> out = new ArrayList<>(keep.size());
        for (int i : keep) out.add(Double.isFinite(column[i]) ? column[i] : null);
        return out;
    }

    static String readOptional(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CorruptRunFile(file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    /** A CSV of numbers with a header row; a missing file is an empty table (a run writes its first row after a while). */
    record Table(String file, List<String> header, List<double[]> data) {
        static Table read(Path file, String requiredColumn) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return new Table(file.getFileName().toString(), List.of(), List.of());
            } catch (IOException e) {
                throw new CorruptRunFile(file.getFileName() + " cannot be read: " + e.getMessage());
            }
            String name = file.getFileName().toString();
            String[] lines = text.split("\n", -1);
            if (lines.length == 0 || lines[0].isBlank()) return new Table(name, List.of(), List.of());
            List<String> header = List.of(lines[0].trim().split(","));
            if (!header.contains(requiredColumn)) {
                throw new CorruptRunFile(name + " line 1: the header has no '" + requiredColumn + "' column (found: " + lines[0].trim() + ")");
            }
            List<double[]> rows = new ArrayList<>();
            // the last piece has no newline: a row still being appended, left for the next read
            for (int i = 1; i < lines.length - 1; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != header.size()) {
                    throw new CorruptRunFile(name + " line " + (i + 1) + ": " + cells.length + " values where the header has " + header.size());
                }
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        // empty: a column an older build did not write (RunDirectory#alignLogHeader), drawn as a gap
                        row[c] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
                    } catch (NumberFormatException e) {
                        throw new CorruptRunFile(name + " line " + (i + 1) + ", column " + header.get(c) + ": '" + cells[c] + "' is not a number");
                    }
                }
                rows.add(row);
            }
            return new Table(name, header, rows);
        }

        int rows() {
            return data.size();
        }

        boolean has(String column) {
            return header.contains(column);
        }

        double[] column(String name) {
            int c = header.indexOf(name);
            double[] out = new double[data.size()];
            for (int i = 0; i < out.length; i++) out[i] = data.get(i)[c];
            return out;
        }
    }
}
