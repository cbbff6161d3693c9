package tsunami.bots.replay;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Draws key frames of a replay (start, ⅓, ⅔, end) side by side into one PNG, headless. Each
 * panel shows the part of the map where units were, with a margin, not the whole map.
 */
public final class ReplayPng {
    private static final int PANELS = 4;
    private static final int PANEL_WIDTH = 480;

    private ReplayPng() {
    }

    public static void write(ReplayTrack t, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int minX = t.mapWidth, minY = t.mapHeight, maxX = 0, maxY = 0;
        for (int[] smp : t.samples) {
            for (int u = 0; u < t.units.size(); u++) {
                minX = Math.min(minX, smp[3 * u]);
                maxX = Math.max(maxX, smp[3 * u]);
                minY = Math.min(minY, smp[3 * u + 1]);
                maxY = Math.max(maxY, smp[3 * u + 1]);
            }
        }
        int margin = 64;
        int x0 = Math.max(0, minX - margin), y0 = Math.max(0, minY - margin);
        int x1 = Math.min(t.mapWidth, maxX + margin), y1 = Math.min(t.mapHeight, maxY + margin);
        double scale = Math.min((double) PANEL_WIDTH / Math.max(1, x1 - x0), 360.0 / Math.max(1, y1 - y0));
        int ph = (int) Math.ceil((y1 - y0) * scale);
        int header = 28;
        BufferedImage img = new BufferedImage(PANEL_WIDTH * PANELS, ph + header, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(34, 34, 34));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int last = t.samples.size() - 1;
            for (int p = 0; p < PANELS; p++) {
                int idx = (int) Math.round((double) last * p / (PANELS - 1));
                int[] s = t.samples.get(idx);
                int ox = p * PANEL_WIDTH;
                g.setColor(new Color(58, 58, 46));
                g.fillRect(ox + 1, header, PANEL_WIDTH - 2, ph);
                g.setColor(Color.LIGHT_GRAY);
                String label = "frame " + t.sampleFrames.get(idx) + (p == PANELS - 1 ? " — " + t.winnerText() : "");
                g.drawString(label, ox + 6, 18);
                for (int u = 0; u < t.units.size(); u++) {
                    var info = t.units.get(u);
                    int x = ox + (int) ((s[3 * u] - x0) * scale), y = header + (int) ((s[3 * u + 1] - y0) * scale);
                    int r = Math.max(2, (int) Math.round(info.radius() * scale));
                    if (s[3 * u + 2] <= 0) {
                        g.setColor(Color.GRAY);
                        g.setStroke(new BasicStroke(1));
                        g.drawLine(x - 2, y - 2, x + 2, y + 2);
                        g.drawLine(x + 2, y - 2, x - 2, y + 2);
                        continue;
                    }
                    g.setColor(info.player() == 0 ? new Color(224, 64, 64) : new Color(64, 128, 255));
                    g.fillOval(x - r, y - r, 2 * r, 2 * r);
                    int w = 2 * r;
                    g.setColor(Color.BLACK);
                    g.fillRect(x - r, y - r - 3, w, 2);
                    g.setColor(new Color(68, 255, 68));
                    g.fillRect(x - r, y - r - 3, Math.max(1, w * s[3 * u + 2] / Math.max(1, t.maxHealth[u])), 2);
                }
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
    }
}
