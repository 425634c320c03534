package dev.nnc.runtime.data;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A picture of a digit (PNG, JPEG, ...) as MNIST would have it: 28×28 grey values in
 * [0, 1], a light digit on a dark background. Other sizes are scaled; a dark digit on a
 * light background (a scan, a drawing) is inverted.
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
        BufferedImage grey = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, cols, rows, null);
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
}
