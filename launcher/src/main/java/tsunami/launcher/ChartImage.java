package tsunami.launcher;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A white, titled, antialiased image to draw a run folder's chart on (headless java.awt, no
 * charting library), written so that a reader never sees half a PNG.
 */
public final class ChartImage {
    final Graphics2D g;
    private final BufferedImage image;

    ChartImage(int width, int height, String title, int titleX) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, titleX, 24);
    }

    /** Writes the image (see {@link #writePng}); drawing on it afterwards is an error. */
    void writeTo(Path png) {
        g.dispose();
        writePng(image, png);
    }

    /** Writes {@code image} to a temporary name beside {@code png}, then renames it over {@code png}. */
    public static void writePng(BufferedImage image, Path png) {
        try {
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp");
            ImageIO.write(image, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
