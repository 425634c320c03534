package dev.nnc.runtime.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A picture of a digit (PNG, JPEG, ...) as MNIST would have it: 28×28 grey values in
 * [0, 1], a light digit on a dark background. Other sizes are scaled to fit, keeping their
 * proportions (the rest is background); a dark digit on a light background (a scan, a drawing)
 * is inverted; a digit drawn on a transparent background is seen against the opposite shade.
 */
public final class Images {
    private Images() {}

    public static float[] mnistPixels(Path file, int rows, int cols) throws DataException {
        BufferedImage image;
        try {
            if (!Files.isRegularFile(file)) {
                throw new DataException(DataException.Kind.MISSING, file + " does not exist or is not a file", null);
            }
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException(DataException.Kind.UNREADABLE, file + " cannot be read as an image: " + e.getMessage(), null);
        }
        if (image == null) {
            throw new DataException(DataException.Kind.UNREADABLE, file + " is not an image format Java can read",
                    "use a PNG, JPEG, GIF or BMP file");
        }
        return mnistPixels(image, rows, cols);
    }

    /** The same for a picture in memory. */
    public static float[] mnistPixels(BufferedImage image, int rows, int cols) {
        BufferedImage grey = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        // Transparent parts show the background: the image's own (its border), or for a digit drawn on
        // transparency, the shade opposite to its strokes, so that the digit stands out either way.
        int background = (int) Math.round(255 * background(image));
        g.setColor(new Color(background, background, background));
        g.fillRect(0, 0, cols, rows);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // Scaled to fit, keeping its proportions (a tall 7 stays a 7), centred on the background.
        double scale = Math.min((double) cols / image.getWidth(), (double) rows / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale)), h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        g.drawImage(image, (cols - w) / 2, (rows - h) / 2, w, h, null);
        g.dispose();
        float[] pixels = new float[rows * cols];
        double mean = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                pixels[r * cols + c] = (grey.getRaster().getSample(c, r, 0) & 0xff) / 255f;
                mean += pixels[r * cols + c];
            }
        }
        if (mean / pixels.length > 0.5) {
            for (int i = 0; i < pixels.length; i++) pixels[i] = 1 - pixels[i];
        }
        return pixels;
    }

    /** Whether the pixels are all one shade: nothing to classify. */
    public static boolean blank(float[] pixels) {
        for (float p : pixels) if (Math.abs(p - pixels[0]) > 1e-3) return false;
        return true;
    }

    /** The background shade in [0, 1]: of the border for an opaque image, else opposite to what is drawn. */
    private static double background(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        if (image.getColorModel().hasAlpha()) {
            double ink = 0, weight = 0;
            for (int y = 0; y < h; y += Math.max(1, h / 256)) {
                for (int x = 0; x < w; x += Math.max(1, w / 256)) {
                    int argb = image.getRGB(x, y);
                    double alpha = (argb >>> 24) / 255.0;
                    ink += alpha * luminance(argb);
                    weight += alpha;
                }
            }
            if (weight == 0) return 0; // nothing drawn at all
            return ink / weight < 0.5 ? 1 : 0;
        }
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += luminance(image.getRGB(x, 0)) + luminance(image.getRGB(x, h - 1));
            n += 2;
        }
        for (int y = 0; y < h; y++) {
            sum += luminance(image.getRGB(0, y)) + luminance(image.getRGB(w - 1, y));
            n += 2;
        }
        return sum / n;
    }

    private static double luminance(int rgb) {
        return (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)) / 255;
    }
}
