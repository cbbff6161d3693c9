package tsunami.launcher;

import tsunami.learn.TrainingMetrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@code curve.png} from {@code metrics.csv}: recent win rate and mean episode return against
 * game frames, in two panels. Headless java.awt, no charting library.
 */
final class LearningCurve {
    private static final int W = 900, H = 640, LEFT = 80, RIGHT = 30, TOP = 40, GAP = 60;

    private LearningCurve() {
    }

    static void draw(Path metricsCsv, Path png, String title) {
        List<double[]> pts = read(metricsCsv);   // {frames, winRate, meanReturn}
        ChartImage chart = new ChartImage(W, H, title, LEFT);
        Graphics2D g = chart.g;
        double maxFrames = pts.isEmpty() ? 1 : Math.max(1, pts.get(pts.size() - 1)[0]);
        int panelH = (H - TOP - GAP - 40) / 2;
        double minRet = 0, maxRet = 1;
        for (double[] p : pts) {
            minRet = Math.min(minRet, p[2]);
            maxRet = Math.max(maxRet, p[2]);
        }
        panel(g, pts, 1, TOP, panelH, maxFrames, 0, 1, "win rate (last " + TrainingMetrics.EPISODE_WINDOW + " episodes)", new Color(0x1f77b4));
        panel(g, pts, 2, TOP + panelH + GAP, panelH, maxFrames, minRet, maxRet, "mean episode return", new Color(0xd62728));
        chart.writeTo(png);
    }

    private static void panel(Graphics2D g, List<double[]> pts, int col, int top, int h, double maxX, double minY, double maxY,
                              String label, Color color) {
        int w = W - LEFT - RIGHT;
        g.setColor(new Color(0xeeeeee));
        for (int i = 0; i <= 4; i++) g.drawLine(LEFT, top + h * i / 4, LEFT + w, top + h * i / 4);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, LEFT + 6, top - 6);
        for (int i = 0; i <= 4; i++) {
            double v = maxY - (maxY - minY) * i / 4;
            g.drawString(String.format(Locale.ROOT, "%.2f", v), 10, top + h * i / 4 + 4);
        }
        for (int i = 0; i <= 4; i++) {
            double f = maxX * i / 4;
            g.drawString(String.format(Locale.ROOT, "%.1fM", f / 1e6), LEFT + w * i / 4 - 12, top + h + 16);
        }
        g.drawString("game frames", LEFT + w / 2 - 30, top + h + 32);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1, py = -1;
        for (double[] p : pts) {
            int x = LEFT + (int) (w * p[0] / maxX);
            int y = top + (int) (h * (maxY - p[col]) / Math.max(1e-9, maxY - minY));
            if (px >= 0) g.drawLine(px, py, x, y);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static List<double[]> read(Path csv) {
        List<double[]> out = new ArrayList<>();
        if (!Files.exists(csv)) return out;
        try {
            List<String> lines = Files.readAllLines(csv);
            if (lines.isEmpty()) return out;
            List<String> header = List.of(lines.get(0).split(","));
            int f = header.indexOf("frames"), wr = header.indexOf("win_rate"), mr = header.indexOf("mean_return");
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                if (c.length != header.size()) continue;
                out.add(new double[]{Double.parseDouble(c[f]), Double.parseDouble(c[wr]), Double.parseDouble(c[mr])});
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        return out;
    }
}
