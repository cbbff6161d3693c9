package tsunami.launcher.match;

import tsunami.launcher.ChartImage;
import tsunami.stats.BradleyTerry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws {@code tournament.png}: the ratings with their 95% interval bars, best first, above the
 * crosstable as a heat map (row bot's score against the column bot). Headless java.awt.
 */
final class TournamentChart {
    private static final int MIN_WIDTH = 960, LEFT = 230, RIGHT_TEXT = 190, ROW = 26;
    private static final Color BAR = new Color(0x1f77b4), GRID = new Color(0xdddddd);

    private TournamentChart() {
    }

    static void draw(TournamentReport r, Path png) {
        System.setProperty("java.awt.headless", "true");
        int n = r.names.size();
        int ratingsTop = 90, ratingsH = n * ROW;
        int cell = Math.max(26, Math.min(80, 600 / n));
        int heatTop = ratingsTop + ratingsH + 90;
        int h = heatTop + n * cell + 30;
        int width = Math.max(MIN_WIDTH, LEFT + n * cell + 90);   // many bots widen the image rather than crowd the cells
        BufferedImage img = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(r.title(), 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(r.gamesPlayed + " of " + r.gamesPlanned + " games played, seed " + r.settings.seed()
                + (r.matchesPlayed < r.matchesPlanned ? "  (unfinished)" : ""), 20, 48);
        ratings(g, r, ratingsTop, width);
        heatMap(g, r, heatTop, cell);
        g.dispose();
        ChartImage.writePng(img, png);
    }

    private static void ratings(Graphics2D g, TournamentReport r, int top, int width) {
        int n = r.names.size(), right = width - RIGHT_TEXT, w = right - LEFT;
        double lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, r.fit.rating(i).low95());
            hi = Math.max(hi, r.fit.rating(i).high95());
        }
        double step = niceStep((hi - lo) / 6);
        lo = Math.floor(lo / step) * step;
        hi = Math.ceil(hi / step) * step;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString("Rating (Elo scale, field mean 0) with 95% interval", LEFT, top - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int bottom = top + n * ROW;
        for (double v = lo; v <= hi + step / 2; v += step) {
            int x = x(v, lo, hi, w);
            g.setColor(Math.abs(v) < step / 2 ? Color.GRAY : GRID);
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String s = Math.abs(v) < step / 2 ? "0" : String.format(Locale.ROOT, "%+.0f", v);
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, bottom + 15);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int row = 0;
        for (int i : r.order) {
            BradleyTerry.Rating rt = r.fit.rating(i);
            int y = top + row * ROW + ROW / 2;
            g.setColor(Color.BLACK);
            g.drawString(fit((row + 1) + ". " + r.names.get(i), fm, LEFT - 30), 20, y + 5);
            g.setColor(BAR);
            g.setStroke(new BasicStroke(3f));
            int x0 = x(rt.low95(), lo, hi, w), x1 = x(rt.high95(), lo, hi, w), xc = x(rt.elo(), lo, hi, w);
            g.drawLine(x0, y, x1, y);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x0, y - 5, x0, y + 5);
            g.drawLine(x1, y - 5, x1, y + 5);
            g.fillOval(xc - 5, y - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%+.0f  (%+.0f .. %+.0f)", rt.elo(), rt.low95(), rt.high95()), right + 14, y + 5);
            row++;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void heatMap(Graphics2D g, TournamentReport r, int top, int cell) {
        int n = r.names.size();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("Crosstable: row bot's wins-draws-losses against the column bot (colour: its score)", 20, top - 36);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < n; c++) {
            String s = Integer.toString(c + 1);
            g.drawString(s, LEFT + c * cell + (cell - fm.stringWidth(s)) / 2, top - 8);
        }
        for (int row = 0; row < n; row++) {
            int i = r.order.get(row), y = top + row * cell;
            g.setColor(Color.BLACK);
            g.drawString(fit((row + 1) + ". " + r.names.get(i), fm, LEFT - 30), 20, y + cell / 2 + 5);
            for (int col = 0; col < n; col++) {
                int j = r.order.get(col), x = LEFT + col * cell;
                g.setColor(i == j ? new Color(0xeeeeee) : TournamentReport.heat(r.score(i, j)));
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, cell, cell);
                if (i == j) continue;
                String text = cell >= 64 ? r.wins[i][j] + "-" + r.draws[i][j] + "-" + r.wins[j][i]
                        : cell >= 36 && !Double.isNaN(r.score(i, j)) ? String.format(Locale.ROOT, "%.0f%%", 100 * r.score(i, j)) : "";
                g.setColor(Color.BLACK);
                g.drawString(text, x + (cell - fm.stringWidth(text)) / 2, y + cell / 2 + 5);
            }
            g.setColor(Color.BLACK);
            String s = TournamentReport.percent(r.score(i));
            g.drawString(s, LEFT + n * cell + 12, y + cell / 2 + 5);
        }
        g.drawString("score", LEFT + n * cell + 12, top - 8);
    }

    private static int x(double v, double lo, double hi, int w) {
        return LEFT + (int) Math.round((v - lo) / Math.max(1e-9, hi - lo) * w);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        if (!(raw > 0)) return 50;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) return s;
        while (s.length() > 1 && fm.stringWidth(s + "…") > width) s = s.substring(0, s.length() - 1);
        return s + "…";
    }
}
