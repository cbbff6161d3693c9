package tsunami.launcher;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@code memory.png} from a run's {@code memory.csv} ({@link MemoryLog}): resident set, Java
 * heap committed and the graphs' array caches against minutes, with a dashed target line; and
 * tabulates the resident set per window of minutes. {@code train} draws it when a run stops (a resumed session's
 * minutes continue from the last sample before it); the
 * {@link #main} entry point draws any memory.csv:
 * <pre>java -cp "launcher/target/launcher.jar:launcher/target/lib/*" tsunami.launcher.MemoryCurve RUN/memory.csv OUT.png [WINDOW_MIN]</pre>
 */
final class MemoryCurve {
    static final String PNG = "memory.png";
    /** Issue 17's target for a training run's steady resident set: 2 GB. */
    static final double TARGET_MB = 2048;
    private static final int W = 900, H = 520, LEFT = 80, RIGHT = 30, TOP = 50, BOTTOM = 60;
    private static final String[] SERIES = {"resident set (RSS)", "Java heap committed", "graph array caches"};
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728)};

    private MemoryCurve() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: MemoryCurve MEMORY_CSV OUT_PNG [WINDOW_MINUTES]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        List<double[]> rows = read(csv);
        System.out.print(windows(rows, args.length > 2 ? Double.parseDouble(args[2]) : 5));
        draw(rows, Path.of(args[1]), "Tsunami: memory of the training JVM (" + csv.toAbsolutePath().getParent().getFileName() + ")");
    }

    /** Draws {@code memoryCsv} into {@code png}; nothing when the file is missing or holds no sample. */
    static void draw(Path memoryCsv, Path png, String title) {
        if (!Files.exists(memoryCsv)) return;
        List<double[]> rows = read(memoryCsv);
        if (!rows.isEmpty()) draw(rows, png, title);
    }

    /** The rows of a memory.csv: {minutes, rss MB, heap committed MB, graph caches MB}. */
    static List<double[]> read(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<double[]> rows = new ArrayList<>();
            if (lines.isEmpty()) return rows;
            List<String> header = List.of(lines.get(0).split(","));
            int[] at = {column(header, "elapsed_s", csv), column(header, "rss_mb", csv), column(header, "heap_committed_mb", csv),
                    column(header, "graph_cache_mb", csv)};
            double offset = 0, last = 0;   // a resumed session logs from 0 s again: its minutes continue the previous ones
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);   // -1: a column an older build did not write is kept empty
                if (f.length != header.size()) {
                    throw new tsunami.BadInputException(csv + " line " + (i + 1) + ": " + f.length + " fields, the header has " + header.size());
                }
                double[] row = new double[at.length];
                for (int k = 0; k < at.length; k++) row[k] = Double.parseDouble(f[at[k]]);
                if (row[0] + offset < last) offset = last;
                row[0] = (row[0] + offset) / 60;
                last = row[0] * 60;
                rows.add(row);
            }
            return rows;
        } catch (NumberFormatException e) {
            throw new tsunami.BadInputException(csv + ": not a number: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static int column(List<String> header, String name, Path csv) {
        int i = header.indexOf(name);
        if (i < 0) throw new tsunami.BadInputException(csv + " has no column " + name + " (header: " + header + ")");
        return i;
    }

    /** Resident set min/median/max per window of {@code minutes}, with the heap's and caches' highest, as a Markdown table. */
    static String windows(List<double[]> rows, double minutes) {
        StringBuilder out = new StringBuilder("| minutes | samples | RSS min | median | max (MB) | heap committed max | graph caches max |\n"
                + "|---|---|---|---|---|---|---|\n");
        double end = rows.isEmpty() ? 0 : rows.get(rows.size() - 1)[0];
        for (double from = 0; from < end; from += minutes) {
            List<double[]> in = new ArrayList<>();
            for (double[] r : rows) if (r[0] >= from && r[0] < from + minutes) in.add(r);
            if (in.isEmpty()) continue;
            double[] rss = in.stream().mapToDouble(r -> r[1]).sorted().toArray();
            double median = rss.length % 2 == 1 ? rss[rss.length / 2] : (rss[rss.length / 2 - 1] + rss[rss.length / 2]) / 2;
            out.append(String.format(Locale.ROOT, "| %.0f–%.0f | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n", from, from + minutes, rss.length,
                    rss[0], median, rss[rss.length - 1], in.stream().mapToDouble(r -> r[2]).max().orElse(0),
                    in.stream().mapToDouble(r -> r[3]).max().orElse(0)));
        }
        return out.toString();
    }

    private static void draw(List<double[]> rows, Path png, String title) {
        ChartImage chart = new ChartImage(W, H, title, LEFT);
        Graphics2D g = chart.g;
        double maxX = Math.max(1, rows.get(rows.size() - 1)[0]), maxY = TARGET_MB * 1.25;
        for (double[] r : rows) maxY = Math.max(maxY, r[1] * 1.05);
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double yStep = maxY > 4000 ? 1000 : 500, xStep = maxX > 10 ? 5 : 1;
        for (double y = 0; y <= maxY; y += yStep) {
            int py = TOP + ph - (int) (y / maxY * ph);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, py, LEFT + pw, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f MB", y), 10, py + 4);
        }
        for (double x = 0; x <= maxX; x += xStep) {
            g.drawString(String.format(Locale.ROOT, "%.0f", x), LEFT + (int) (x / maxX * pw) - 4, TOP + ph + 18);
        }
        g.drawRect(LEFT, TOP, pw, ph);
        g.drawString("minutes of training", LEFT + pw / 2 - 50, H - 15);
        int ty = TOP + ph - (int) (TARGET_MB / maxY * ph);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{8, 6}, 0));
        g.drawLine(LEFT, ty, LEFT + pw, ty);
        g.drawString(String.format(Locale.ROOT, "target %.0f MB", TARGET_MB), LEFT + pw - 110, ty - 5);
        for (int s = 0; s < SERIES.length; s++) {
            g.setColor(COLORS[s]);
            g.setStroke(new BasicStroke(s == 0 ? 2f : 1.5f));
            int lastX = -1, lastY = -1;
            for (double[] r : rows) {
                int px = LEFT + (int) (r[0] / maxX * pw), py = TOP + ph - (int) (r[s + 1] / maxY * ph);
                if (lastX >= 0) g.drawLine(lastX, lastY, px, py);
                lastX = px;
                lastY = py;
            }
            g.fillRect(LEFT + 12, TOP + 12 + s * 18, 14, 4);
            g.drawString(SERIES[s], LEFT + 32, TOP + 18 + s * 18);
        }
        chart.writeTo(png);
    }
}
