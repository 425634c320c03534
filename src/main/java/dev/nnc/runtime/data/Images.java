package dev.nnc.runtime.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A picture of a digit (PNG, JPEG, ...) as MNIST would have it: 28×28 grey values in
 * [0, 1], a light digit on a dark background, framed as MNIST frames its digits: the digit's
 * bounding box scaled to fit 20×20 (keeping its proportions) and centred by its mass, so that a
 * digit drawn small in a corner of a large canvas looks as one drawn large in the middle. A dark
 * digit on a light background (a scan, a drawing) is inverted; a digit drawn on a transparent
 * background is seen against the opposite shade.
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
        // Grey, at a working size: large pictures are averaged down first (a 4000-pixel photo is
        // 224 pixels here), and transparent parts take the background's shade.
        int longest = Math.max(image.getWidth(), image.getHeight());
        double shrink = Math.min(1, 8.0 * Math.max(rows, cols) / longest);
        int w = Math.max(1, (int) Math.round(image.getWidth() * shrink)), h = Math.max(1, (int) Math.round(image.getHeight() * shrink));
        float[] grey = grey(image, w, h, transparent(image) ? background(image) : 0);
        // MNIST's digits are light on dark.
        double mean = 0;
        for (float v : grey) mean += v;
        if (mean / grey.length > 0.5) for (int i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
        // The background (the most common shade: grey paper, a photo's light, with its noise) down
        // to 0, the strongest ink up to 1, as in MNIST; too little contrast is no digit at all.
        float[] sorted = grey.clone();
        java.util.Arrays.sort(sorted);
        float median = sorted[sorted.length / 2], strongest = sorted[sorted.length - 1];
        // Noise (a scan's grain, a photo's sensor) is background too: up to three of its deviations
        // above the median, the deviation estimated robustly (the median absolute deviation).
        float[] deviations = new float[grey.length];
        for (int i = 0; i < grey.length; i++) deviations[i] = Math.abs(grey[i] - median);
        java.util.Arrays.sort(deviations);
        float background = median + 3 * 1.4826f * deviations[deviations.length / 2];
        if (strongest - background < MIN_CONTRAST) return new float[rows * cols];
        for (int i = 0; i < grey.length; i++) grey[i] = Math.max(0, Math.min(1, (grey[i] - background) / (strongest - background)));
        int[] box = inkBox(grey, w, h);
        // As MNIST was made: the digit's box scaled to fit 20×20 of the 28×28 (keeping its
        // proportions), then placed so that its centre of mass is the image's centre.
        int bw = box[2] - box[0], bh = box[3] - box[1];
        double fit = Math.min(rows * 20.0 / 28 / bh, cols * 20.0 / 28 / bw);
        int pw = Math.max(1, (int) Math.round(bw * fit)), ph = Math.max(1, (int) Math.round(bh * fit));
        BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) crop.getRaster().setSample(x, y, 0, Math.round(255 * grey[(box[1] + y) * w + box[0] + x]));
        }
        float[] patch = grey(crop, pw, ph, 0);
        double mass = 0, my = 0, mx = 0;
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                float v = patch[y * pw + x];
                mass += v;
                my += v * (y + 0.5);
                mx += v * (x + 0.5);
            }
        }
        int top = clamp((int) Math.round(rows / 2.0 - my / mass), rows - ph);
        int left = clamp((int) Math.round(cols / 2.0 - mx / mass), cols - pw);
        float[] pixels = new float[rows * cols];
        for (int y = 0; y < ph; y++) System.arraycopy(patch, y * pw, pixels, (top + y) * cols + left, pw);
        return pixels;
    }

    private static int clamp(int offset, int most) {
        return Math.max(0, Math.min(most, offset));
    }

    /** The picture as w×h grey values in [0, 1], averaged over the pixels each one covers, on {@code background}. */
    private static float[] grey(BufferedImage image, int w, int h, double background) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        int shade = (int) Math.round(255 * background);
        g.setColor(new Color(shade, shade, shade));
        g.fillRect(0, 0, w, h);
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        float[] values = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) values[y * w + x] = (out.getRaster().getSample(x, y, 0) & 0xff) / 255f;
        }
        return values;
    }

    /** A difference of shade below this between the background and the strongest ink is noise, not a digit. */
    static final float MIN_CONTRAST = 0.1f;

    /** {x0, y0, x1, y1} (exclusive ends) around the pixels with at least a quarter of the ink (values in [0, 1], some at 1). */
    private static int[] inkBox(float[] grey, int w, int h) {
        float threshold = 0.25f;
        int x0 = w, y0 = h, x1 = 0, y1 = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey[y * w + x] < threshold) continue;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x + 1);
                y1 = Math.max(y1, y + 1);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** Whether the picture has pixels one can see through (an alpha channel alone, all opaque, does not count). */
    private static boolean transparent(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) return false;
        int w = image.getWidth(), h = image.getHeight();
        for (int y = 0; y < h; y += Math.max(1, h / 256)) {
            for (int x = 0; x < w; x += Math.max(1, w / 256)) {
                if ((image.getRGB(x, y) >>> 24) < 250) return true;
            }
        }
        return false;
    }

    /** For a picture with transparency: the shade opposite to what is drawn on it, so that the digit stands out. */
    private static double background(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        double ink = 0, weight = 0;
        for (int y = 0; y < h; y += Math.max(1, h / 256)) {
            for (int x = 0; x < w; x += Math.max(1, w / 256)) {
                int argb = image.getRGB(x, y);
                double alpha = (argb >>> 24) / 255.0;
                ink += alpha * luminance(argb);
                weight += alpha;
            }
        }
        return weight == 0 || ink / weight < 0.5 ? 1 : 0;
    }

    private static double luminance(int rgb) {
        return (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff)) / 255;
    }

    /** Whether the pixels are all one shade: nothing to classify. */
    public static boolean blank(float[] pixels) {
        for (float p : pixels) if (Math.abs(p - pixels[0]) > 1e-3) return false;
        return true;
    }
}
