package tsunami.launcher;

import tsunami.env.FightState;
import tsunami.model.ModelEvaluation;
import tsunami.model.Transition;
import tsunami.model.WorldModel;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Draws one real episode's unit paths beside the world model's open-loop prediction of them (the real
 * actions rolled forward from the first state, never corrected by the real states), in map pixels:
 * solid lines are what happened, dashed what the model predicted; a cross marks a real death.
 * Headless java.awt, no charting library.
 */
final class ModelPathsPlot {
    private static final int W = 900, H = 760, MARGIN = 60, TOP = 70;
    private static final Color[] LEARNER = {new Color(0x1f77b4), new Color(0x17becf), new Color(0x2ca02c), new Color(0x393b79),
            new Color(0x6b6ecf)};
    private static final Color[] OPPONENT = {new Color(0xd62728), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2),
            new Color(0xbcbd22)};

    /** What was drawn: intervals, and the position error at the last one over the units really alive then. */
    record Drawn(int intervals, double finalPositionRmsePx) {
    }

    private ModelPathsPlot() {
    }

    static Drawn draw(WorldModel model, List<Transition> episode, int maxIntervals, Path png, String title) {
        if (episode.isEmpty()) throw new IllegalArgumentException("no transitions to draw");
        System.setProperty("java.awt.headless", "true");
        List<FightState> predicted = ModelEvaluation.openLoop(model, episode, maxIntervals);
        int steps = predicted.size();
        int units = model.spec().units();
        // real[j]: the real state after j intervals (j = 0 is the start); pred[j] likewise, pred[0] = the start
        FightState[] real = new FightState[steps + 1], pred = new FightState[steps + 1];
        real[0] = pred[0] = episode.getFirst().before();
        for (int j = 0; j < steps; j++) {
            real[j + 1] = episode.get(j).after();
            pred[j + 1] = predicted.get(j);
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (FightState[] path : new FightState[][]{real, pred}) {
            for (FightState s : path) {
                for (int u = 0; u < units; u++) {
                    if (!s.alive[u]) continue;
                    minX = Math.min(minX, s.x[u]);
                    maxX = Math.max(maxX, s.x[u]);
                    minY = Math.min(minY, s.y[u]);
                    maxY = Math.max(maxY, s.y[u]);
                }
            }
        }
        double span = Math.max(64, Math.max(maxX - minX, maxY - minY)) * 1.1;
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        int side = Math.min(W - 2 * MARGIN, H - TOP - MARGIN);
        double scale = side / span;
        int ox = (W - side) / 2, oy = TOP;
        Projection at = new Projection(cx - span / 2, cy - span / 2, scale, ox, oy);

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(0xeeeeee));
        double tile = 32;
        for (double x = Math.ceil((cx - span / 2) / tile) * tile; x < cx + span / 2; x += tile) g.drawLine(at.x(x), oy, at.x(x), oy + side);
        for (double y = Math.ceil((cy - span / 2) / tile) * tile; y < cy + span / 2; y += tile) g.drawLine(ox, at.y(y), ox + side, at.y(y));
        g.setColor(Color.GRAY);
        g.drawRect(ox, oy, side, side);

        Stroke solid = new BasicStroke(2.2f), dashed = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[]{7f, 5f}, 0f);
        double sq = 0;
        int alive = 0;
        for (int u = 0; u < units; u++) {
            Color c = model.spec().side(u) == 0 ? LEARNER[u % LEARNER.length] : OPPONENT[u % OPPONENT.length];
            g.setColor(c);
            g.setStroke(solid);
            path(g, real, u, at);
            g.setStroke(dashed);
            path(g, pred, u, at);
            g.setStroke(solid);
            g.fillOval(at.x(real[0].x[u]) - 4, at.y(real[0].y[u]) - 4, 8, 8);
            int died = firstDead(real, u);
            if (died > 0) {
                int x = at.x(real[died - 1].x[u]), y = at.y(real[died - 1].y[u]);
                g.drawLine(x - 6, y - 6, x + 6, y + 6);
                g.drawLine(x - 6, y + 6, x + 6, y - 6);
            }
            if (real[steps].alive[u]) {
                double dx = pred[steps].x[u] - real[steps].x[u], dy = pred[steps].y[u] - real[steps].y[u];
                sq += dx * dx + dy * dy;
                alive++;
            }
        }
        double rmse = alive == 0 ? Double.NaN : Math.sqrt(sq / alive);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, MARGIN, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "solid: real paths; dashed: the model's open-loop prediction from the first state with the "
                + "real actions; %d intervals of %d frames", steps, model.frameSkip()), MARGIN, 44);
        g.drawString(String.format(Locale.ROOT, "blue/green: learning side, red/orange: opponent; dot: start, cross: real death; grid: 32 px tiles; "
                + "position error at the end: %.1f px", rmse), MARGIN, 60);
        g.dispose();
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp");
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return new Drawn(steps, rmse);
    }

    private record Projection(double x0, double y0, double scale, int ox, int oy) {
        int x(double px) {
            return ox + (int) Math.round((px - x0) * scale);
        }

        int y(double py) {
            return oy + (int) Math.round((py - y0) * scale);
        }
    }

    /** Connects the unit's positions while it is alive. */
    private static void path(Graphics2D g, FightState[] states, int u, Projection at) {
        for (int j = 1; j < states.length && states[j].alive[u]; j++) {
            g.drawLine(at.x(states[j - 1].x[u]), at.y(states[j - 1].y[u]), at.x(states[j].x[u]), at.y(states[j].y[u]));
        }
    }

    /** The first index at which the unit is dead, or -1 if it lives throughout. */
    private static int firstDead(FightState[] states, int u) {
        for (int j = 0; j < states.length; j++) if (!states[j].alive[u]) return j;
        return -1;
    }
}
