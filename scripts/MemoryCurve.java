import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws a training run's memory.csv as a PNG (resident set, heap committed, graph caches against
 * minutes, with a target line) and prints the resident set's min/median/max per window.
 * Run with the JDK's single-file launcher:
 * <pre>java scripts/MemoryCurve.java RUN_DIR/memory.csv OUT.png [TARGET_MB [WINDOW_MIN]]</pre>
 */
public class MemoryCurve {
    private static final int W = 900, H = 520, LEFT = 80, RIGHT = 30, TOP = 50, BOTTOM = 60;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java scripts/MemoryCurve.java MEMORY_CSV OUT_PNG [TARGET_MB [WINDOW_MIN]]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        double target = args.length > 2 ? Double.parseDouble(args[2]) : 2048;
        double window = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int t = column(header, "elapsed_s", csv), rss = column(header, "rss_mb", csv);
        int heap = column(header, "heap_committed_mb", csv), cache = column(header, "graph_cache_mb", csv);
        List<double[]> rows = new ArrayList<>();   // {minutes, rss, heap committed, graph cache}
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != header.size()) throw new IllegalArgumentException(csv + " line " + (i + 1) + ": " + f.length + " fields, the header has " + header.size());
            rows.add(new double[]{Double.parseDouble(f[t]) / 60, Double.parseDouble(f[rss]), Double.parseDouble(f[heap]), Double.parseDouble(f[cache])});
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(csv + " holds no samples");
        printWindows(rows, window);
        draw(rows, target, Path.of(args[1]), csv.toAbsolutePath().getParent().getFileName() + ": memory of the training JVM");
    }

    private static int column(List<String> header, String name, Path csv) {
        int i = header.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(csv + " has no column " + name + " (header: " + header + ")");
        return i;
    }

    /** Resident set min/median/max (MB) per window of {@code minutes}, as a Markdown table. */
    private static void printWindows(List<double[]> rows, double minutes) {
        System.out.println("| minutes | samples | RSS min | median | max (MB) | heap committed max | graph caches max |");
        System.out.println("|---|---|---|---|---|---|---|");
        double end = rows.get(rows.size() - 1)[0];
        for (double from = 0; from < end; from += minutes) {
            List<double[]> in = new ArrayList<>();
            for (double[] r : rows) if (r[0] >= from && r[0] < from + minutes) in.add(r);
            if (in.isEmpty()) continue;
            double[] v = in.stream().mapToDouble(r -> r[1]).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "| %.0f–%.0f | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n", from, Math.min(from + minutes, Math.ceil(end)),
                    v.length, v[0], median, v[v.length - 1], in.stream().mapToDouble(r -> r[2]).max().orElse(0),
                    in.stream().mapToDouble(r -> r[3]).max().orElse(0));
        }
    }

    private static void draw(List<double[]> rows, double target, Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double maxX = Math.max(1, rows.get(rows.size() - 1)[0]);
        double maxY = target * 1.25;
        for (double[] r : rows) maxY = Math.max(maxY, r[1] * 1.05);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 26);
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, pw, ph);
        double yStep = maxY > 3000 ? 1000 : 500, xStep = maxX > 10 ? 5 : 1;
        for (double y = 0; y <= maxY; y += yStep) {
            int py = TOP + ph - (int) (y / maxY * ph);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, py, LEFT + pw, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f MB", y), 10, py + 4);
        }
        for (double x = 0; x <= maxX; x += xStep) {
            int px = LEFT + (int) (x / maxX * pw);
            g.drawString(String.format(Locale.ROOT, "%.0f", x), px - 4, TOP + ph + 18);
        }
        g.drawString("minutes since the run started", LEFT + pw / 2 - 80, H - 15);
        int ty = TOP + ph - (int) (target / maxY * ph);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{8, 6}, 0));
        g.drawLine(LEFT, ty, LEFT + pw, ty);
        g.drawString(String.format(Locale.ROOT, "target %.0f MB", target), LEFT + pw - 110, ty - 5);
        Color[] colors = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728)};
        String[] names = {"resident set (RSS)", "Java heap committed", "graph array caches"};
        for (int s = 0; s < 3; s++) {
            g.setColor(colors[s]);
            g.setStroke(new BasicStroke(s == 0 ? 2f : 1.5f));
            int lastX = -1, lastY = -1;
            for (double[] r : rows) {
                int px = LEFT + (int) (r[0] / maxX * pw), py = TOP + ph - (int) (r[s + 1] / maxY * ph);
                if (lastX >= 0) g.drawLine(lastX, lastY, px, py);
                lastX = px;
                lastY = py;
            }
            g.fillRect(LEFT + 12, TOP + 12 + s * 18, 14, 4);
            g.drawString(names[s], LEFT + 32, TOP + 18 + s * 18);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
