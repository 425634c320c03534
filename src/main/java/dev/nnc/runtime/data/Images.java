package dev.nnc.runtime.data;

import javax.imageio.ImageIO;
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
            if (Files.isDirectory(file)) throw new DataException(DataException.Kind.MISSING, file + " is a directory, not a picture", null);
            if (!Files.exists(file)) throw new DataException(DataException.Kind.MISSING, file + " does not exist", null);
            if (!Files.isRegularFile(file)) throw new DataException(DataException.Kind.MISSING, file + " is not a file", null);
            if (!Files.isReadable(file)) throw new DataException(DataException.Kind.UNREADABLE, file + " cannot be read: permission denied", null);
            if (Files.size(file) == 0) throw new DataException(DataException.Kind.UNREADABLE, file + " is empty", "use a PNG, JPEG, GIF or BMP file");
            image = decode(file);
        } catch (IOException e) {
            // ImageIO wraps what went wrong ("Caught exception during read: "), which is often running out of memory.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof OutOfMemoryError) throw tooLarge(file);
            throw new DataException(DataException.Kind.UNREADABLE, file + " cannot be read as an image: "
                    + (e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage()), null);
        } catch (OutOfMemoryError e) {
            throw tooLarge(file);
        }
        if (image == null) {
            throw new DataException(DataException.Kind.UNREADABLE, file + " is not an image format Java can read",
                    "use a PNG, JPEG, GIF or BMP file");
        }
        return mnistPixels(image, rows, cols);
    }

    /**
     * What a picture may take decoded, at most: a photo of 50 megapixels at 8 bits a channel passes; a small file
     * declaring 46,000 × 46,000 (2 gigapixels), or 10,000 × 10,000 of 16-bit RGBA (800 MB), does not.
     */
    static final long MOST_BYTES = 400L << 20;

    /**
     * As {@code ImageIO.read} (the first image, metadata ignored), with the size the file declares checked
     * before any pixel is decoded: a file of a few bytes can declare a picture that fills gigabytes.
     * Null for a format Java cannot read.
     */
    private static BufferedImage decode(Path file) throws IOException, DataException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                long decoded = width * height * bytesPerPixel(reader);
                if (decoded > MOST_BYTES) {
                    throw new DataException(DataException.Kind.UNREADABLE, String.format(java.util.Locale.ROOT,
                            "%s is %,d × %,d pixels, %,d MB decoded, more than nnc decodes (%,d MB)", file, width, height,
                            decoded >> 20, MOST_BYTES >> 20), "scale the picture down: a digit needs no more than a few hundred pixels a side");
                }
                return reader.read(0, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        }
    }

    /** The bytes a decoded pixel takes: its bits as stored, at least 4 (Java decodes most pictures to an int a pixel). */
    private static long bytesPerPixel(javax.imageio.ImageReader reader) {
        try {
            javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
            return raw == null ? 4 : Math.max(4, (raw.getColorModel().getPixelSize() + 7) / 8);
        } catch (IOException | RuntimeException unknown) {
            return 4;
        }
    }

    private static DataException tooLarge(Path file) {
        return new DataException(DataException.Kind.UNREADABLE, file + " is too large to decode in the memory nnc has",
                "scale the picture down: a digit needs no more than a few hundred pixels a side");
    }

    /** The same for a picture in memory. */
    public static float[] mnistPixels(BufferedImage image, int rows, int cols) {
        // Grey, at a working size: large pictures are averaged down first (a 4000-pixel photo is
        // 224 pixels here), and transparent parts take the background's shade.
        int longest = Math.max(image.getWidth(), image.getHeight());
        double shrink = Math.min(1, 8.0 * Math.max(rows, cols) / longest);
        int w = Math.max(1, (int) Math.round(image.getWidth() * shrink)), h = Math.max(1, (int) Math.round(image.getHeight() * shrink));
        float[] grey = grey(image, w, h, transparent(image) ? background(image) : 0);
        if (w == image.getWidth() && w == cols && h == rows) { // the network's size, read as it is
            float[] framed = alreadyFramed(grey, rows, cols);
            if (framed != null) return framed;
        }
        ink(grey, w, h);
        if (!hasInk(grey)) return new float[rows * cols];
        dropSpecks(grey, w, h);
        int[] box = inkBox(grey, w, h);
        // As MNIST was made: the digit's box scaled to fit 20×20 of the 28×28 (keeping its
        // proportions), then placed so that its centre of mass is the image's centre.
        int bw = box[2] - box[0], bh = box[3] - box[1];
        double fit = Math.min(rows * 20.0 / 28 / bh, cols * 20.0 / 28 / bw);
        // A pen's line, scaled down, would be fainter and thinner than MNIST's strokes (about
        // two pixels of the 28): thicken it first, by as much as the scale asks.
        int widen = (int) Math.ceil((MNIST_STROKE / fit - strokeWidth(grey, w, h)) / 2);
        if (widen > 0) {
            float[] thick = maxFilter(grey, w, h, 2 * widen + 1);
            System.arraycopy(thick, 0, grey, 0, grey.length);
            box = new int[] {Math.max(0, box[0] - widen), Math.max(0, box[1] - widen), Math.min(w, box[2] + widen), Math.min(h, box[3] + widen)};
            bw = box[2] - box[0];
            bh = box[3] - box[1];
            fit = Math.min(rows * 20.0 / 28 / bh, cols * 20.0 / 28 / bw);
        }
        int pw = Math.max(1, (int) Math.round(bw * fit)), ph = Math.max(1, (int) Math.round(bh * fit));
        float[] patch = grey(grey, w, box[0], box[1], bw, bh, pw, ph);
        double[] mass = centreOfMass(patch, pw, ph);
        // MNIST put the centre of mass on the centre of pixel (14, 14), 14.5 from the edge, not on the
        // corner between the middle four (its test images average 14.49 and 14.51): half a pixel off
        // moved every framed picture up and left.
        int top = clamp((int) Math.round(centre(rows) - mass[0]), rows - ph);
        int left = clamp((int) Math.round(centre(cols) - mass[1]), cols - pw);
        float[] pixels = new float[rows * cols];
        for (int y = 0; y < ph; y++) System.arraycopy(patch, y * pw, pixels, (top + y) * cols + left, pw);
        return pixels;
    }

    /**
     * The picture's own pixels when it is already framed as MNIST frames its digits (a test image
     * saved as a PNG, a digit drawn to size on a 28×28 canvas): the network's size, its paper one
     * clean shade, the digit's box 20 of the 28 long (give or take a pixel) and its centre of mass
     * within a pixel of the middle. Framing it again would drop its faintest grain and could move it
     * a pixel, so that it no longer answered as the same image read from MNIST's file. Null when the
     * picture is anything else.
     */
    private static float[] alreadyFramed(float[] grey, int rows, int cols) {
        if (rows < 3 || cols < 3) return null;
        float[] border = border(grey, cols, rows);
        int n = border.length;
        float paper = median(border.clone());
        boolean darkInk = darkInk(grey, paper);
        if (darkInk) paper = 1 - paper;
        if (paper > 1 - MIN_CONTRAST) return null;
        // Clean paper: at least three quarters of the border within two steps of 255 of its shade (a
        // few MNIST digits touch the border; a scan's grain or a shadow does not pass).
        int clean = 0;
        for (int i = 0; i < n; i++) if (Math.abs((darkInk ? 1 - border[i] : border[i]) - paper) <= 2 / 255f) clean++;
        if (clean * 4 < n * 3) return null;
        float[] pixels = new float[rows * cols];
        float strongest = 0;
        for (int i = 0; i < pixels.length; i++) {
            float v = darkInk ? 1 - grey[i] : grey[i];
            pixels[i] = paper == 0 ? v : Math.max(0, (v - paper) / (1 - paper));
            strongest = Math.max(strongest, pixels[i]);
        }
        if (strongest < MIN_CONTRAST) return null;
        int[] box = inkBox(pixels, cols, rows, INK * strongest);
        double[] mass = centreOfMass(pixels, cols, rows);
        long side = Math.round(Math.min(rows, cols) * 20.0 / 28);
        boolean sized = Math.abs(Math.max(box[2] - box[0], box[3] - box[1]) - side) <= 1;
        boolean centred = Math.abs(mass[0] - centre(rows)) <= 1 && Math.abs(mass[1] - centre(cols)) <= 1;
        return sized && centred ? pixels : null;
    }

    /** {row, column} of the centre of mass of w×h values, from the top left edge (a pixel's centre is at +0.5). */
    private static double[] centreOfMass(float[] v, int w, int h) {
        double mass = 0, my = 0, mx = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float value = v[y * w + x];
                mass += value;
                my += value * (y + 0.5);
                mx += value * (x + 0.5);
            }
        }
        return new double[] {my / mass, mx / mass};
    }

    /** Where MNIST puts the centre of mass along an axis of n pixels: the centre of pixel n/2, from the edge. */
    private static double centre(int n) {
        return n / 2 + 0.5;
    }

    private static int clamp(int offset, int most) {
        return Math.max(0, Math.min(most, offset));
    }

    /** The picture as w×h grey values in [0, 1], averaged over the pixels each one covers, on {@code background}. */
    private static float[] grey(BufferedImage image, int w, int h, double background) {
        int sw = image.getWidth();
        double[] g = new double[sw], a = new double[sw];
        return resample(sw, image.getHeight(), (y, row) -> {
            greyAlpha(image, y, g, a);
            for (int x = 0; x < sw; x++) row[x] = a[x] * g[x] + (1 - a[x]) * background;
        }, w, h);
    }

    /** The w×h part of {@code grey} (of width {@code stride}) at (x0, y0), resampled to pw×ph. */
    private static float[] grey(float[] grey, int stride, int x0, int y0, int w, int h, int pw, int ph) {
        return resample(w, h, (y, row) -> {
            for (int x = 0; x < w; x++) row[x] = grey[(y0 + y) * stride + x0 + x];
        }, pw, ph);
    }

    /** A picture's values, a row at a time (a photo of millions of pixels is read in rows, not pixel by pixel). */
    private interface Source {
        void row(int y, double[] into);
    }

    /**
     * Area averaging: each of the w×h output pixels is the mean of the source (sw×sh) over the area
     * it covers, a source pixel counted by how much of it lies there; shrinking and enlarging alike.
     * In floating point throughout (Java's own scaling went through 8-bit pictures in two colour
     * spaces, and shifted a grey picture's shades).
     */
    private static float[] resample(int sw, int sh, Source source, int w, int h) {
        double[] out = new double[w * h], row = new double[sw];
        double sx = (double) w / sw, sy = (double) h / sh; // output pixels per source pixel
        for (int y = 0; y < sh; y++) {
            source.row(y, row);
            double v0 = y * sy, v1 = (y + 1) * sy;
            for (int x = 0; x < sw; x++) {
                double value = row[x];
                double u0 = x * sx, u1 = (x + 1) * sx;
                for (int oy = (int) v0; oy < Math.min(h, Math.ceil(v1)); oy++) {
                    double wy = Math.min(v1, oy + 1) - Math.max(v0, oy);
                    if (wy <= 0) continue;
                    for (int ox = (int) u0; ox < Math.min(w, Math.ceil(u1)); ox++) {
                        double wx = Math.min(u1, ox + 1) - Math.max(u0, ox);
                        if (wx > 0) out[oy * w + ox] += value * wx * wy;
                    }
                }
            }
        }
        float[] values = new float[w * h];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.max(0, Math.min(1, out[i]));
        return values;
    }

    /**
     * Row {@code y}'s grey values and opacities, each in [0, 1]. A grey picture's samples are read as
     * stored: {@code getRGB} takes Java's grey colour space for linear light and brightens its shades
     * (230 became 244), where the file meant them as they are, as a colour picture's.
     */
    private static void greyAlpha(BufferedImage image, int y, double[] grey, double[] alpha) {
        int w = image.getWidth();
        java.awt.image.ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY && !(cm instanceof java.awt.image.IndexColorModel)) {
            java.awt.image.Raster r = image.getRaster();
            int[] samples = r.getSamples(0, y, w, 1, 0, (int[]) null);
            double most = (1L << cm.getComponentSize(0)) - 1;
            for (int x = 0; x < w; x++) grey[x] = samples[x] / most;
            if (cm.hasAlpha()) {
                int[] a = r.getSamples(0, y, w, 1, 1, (int[]) null);
                double opaque = (1L << cm.getComponentSize(1)) - 1;
                for (int x = 0; x < w; x++) alpha[x] = a[x] / opaque;
            } else {
                java.util.Arrays.fill(alpha, 0, w, 1);
            }
            return;
        }
        int[] argb = image.getRGB(0, y, w, 1, null, 0, w);
        for (int x = 0; x < w; x++) {
            grey[x] = luminance(argb[x]);
            alpha[x] = (argb[x] >>> 24) / 255.0;
        }
    }

    /**
     * Turns the grey picture into MNIST's ink in place: 0 for the background, 1 for the strongest
     * ink. Light on dark or dark on light is decided by the border, which a digit seldom fills
     * (grey paper, chalk on a board); the paper is then removed by its own local shade, a grey
     * "opening" (the largest value of the smallest in a window wider than a stroke), so that a
     * shadow across it or uneven light is background too; what remains of its grain (below a fifth
     * of the strongest ink) goes as well, and the strongest ink is stretched to 1.
     */
    private static void ink(float[] grey, int w, int h) {
        if (darkInk(grey, median(border(grey, w, h)))) for (int i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
        // Wider than any stroke: half the picture. (A quarter took a bold marker's stroke, a third of
        // a tight 28×28 crop, for paper and erased the digit.)
        int window = Math.max(3, Math.max(w, h) / 2) | 1;
        float[] background = maxFilter(minFilter(grey, w, h, window), w, h, window);
        for (int i = 0; i < grey.length; i++) grey[i] = Math.max(0, grey[i] - background[i]);
        float strongest = 0;
        for (float v : grey) strongest = Math.max(strongest, v);
        float floor = GRAIN * strongest, range = strongest - floor;
        for (int i = 0; i < grey.length; i++) grey[i] = strongest < MIN_CONTRAST ? 0 : Math.max(0, Math.min(1, (grey[i] - floor) / range));
    }

    /** The picture's outermost pixels, each side in turn (corners twice): where the paper shows. */
    private static float[] border(float[] grey, int w, int h) {
        float[] border = new float[2 * (w + h)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            border[n++] = grey[x];
            border[n++] = grey[(h - 1) * w + x];
        }
        for (int y = 0; y < h; y++) {
            border[n++] = grey[y * w];
            border[n++] = grey[y * w + w - 1];
        }
        return border;
    }

    /** Whether the ink is darker than the {@code paper}: the picture's darkest shade lies further from it than its lightest. */
    private static boolean darkInk(float[] grey, float paper) {
        float darkest = Float.MAX_VALUE, lightest = -Float.MAX_VALUE;
        for (float v : grey) {
            darkest = Math.min(darkest, v);
            lightest = Math.max(lightest, v);
        }
        return paper - darkest > lightest - paper;
    }

    private static boolean hasInk(float[] grey) {
        for (float v : grey) if (v > 0) return true;
        return false;
    }

    /** The middle value (the array is sorted in place). */
    private static float median(float[] values) {
        java.util.Arrays.sort(values);
        return values[values.length / 2];
    }

    /** Each value replaced by the smallest in the k×k window around it (separable: rows, then columns). */
    private static float[] minFilter(float[] v, int w, int h, int k) {
        return filter(filter(v, w, h, k, true, true), w, h, k, true, false);
    }

    private static float[] maxFilter(float[] v, int w, int h, int k) {
        return filter(filter(v, w, h, k, false, true), w, h, k, false, false);
    }

    private static float[] filter(float[] v, int w, int h, int k, boolean min, boolean alongRows) {
        float[] out = new float[v.length];
        int r = k / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float best = min ? Float.MAX_VALUE : -Float.MAX_VALUE;
                int from = Math.max(0, (alongRows ? x : y) - r), to = Math.min((alongRows ? w : h) - 1, (alongRows ? x : y) + r);
                for (int i = from; i <= to; i++) {
                    float u = alongRows ? v[y * w + i] : v[i * w + x];
                    best = min ? Math.min(best, u) : Math.max(best, u);
                }
                out[y * w + x] = best;
            }
        }
        return out;
    }

    /**
     * Removes specks: groups of ink pixels (8-connected, above a quarter of the ink) holding less
     * than 2% of all the ink, which would otherwise stretch the digit's box (dust, JPEG noise). A
     * digit drawn in two strokes keeps both: each holds far more.
     */
    private static void dropSpecks(float[] grey, int w, int h) {
        int[] label = new int[grey.length]; // 0: no group, else the group's index in masses + 1
        java.util.List<Double> masses = new java.util.ArrayList<>();
        int[] stack = new int[grey.length];
        for (int start = 0; start < grey.length; start++) {
            if (grey[start] < INK || label[start] != 0) continue;
            int id = masses.size() + 1, top = 0;
            double mass = 0;
            stack[top++] = start;
            label[start] = id;
            while (top > 0) {
                int p = stack[--top], px = p % w, py = p / w;
                mass += grey[p];
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int qx = px + dx, qy = py + dy, q = qy * w + qx;
                        if (qx < 0 || qy < 0 || qx >= w || qy >= h || label[q] != 0 || grey[q] < INK) continue;
                        label[q] = id;
                        stack[top++] = q;
                    }
                }
            }
            masses.add(mass);
        }
        if (masses.isEmpty()) return;
        double total = masses.stream().mapToDouble(Double::doubleValue).sum(), largest = java.util.Collections.max(masses);
        boolean[] speck = new boolean[masses.size() + 1];
        for (int id = 1; id <= masses.size(); id++) {
            double mass = masses.get(id - 1);
            speck[id] = mass < largest && mass < 0.02 * total; // the largest group stays: the digit is never all specks
        }
        for (int i = 0; i < grey.length; i++) if (speck[label[i]]) grey[i] = 0;
    }

    /** The width of MNIST's strokes, in pixels of its 28×28 images. */
    static final double MNIST_STROKE = 2.0;

    /**
     * The mean width of the strokes, in pixels: a stroke of width t and length L covers about
     * t·L pixels, of which about 2·L lie on its edge (next to a pixel without ink).
     */
    private static double strokeWidth(float[] grey, int w, int h) {
        int area = 0, edge = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey[y * w + x] < 0.5f) continue;
                area++;
                boolean inside = x > 0 && y > 0 && x < w - 1 && y < h - 1 && grey[y * w + x - 1] >= 0.5f && grey[y * w + x + 1] >= 0.5f
                        && grey[(y - 1) * w + x] >= 0.5f && grey[(y + 1) * w + x] >= 0.5f;
                if (!inside) edge++;
            }
        }
        return edge == 0 ? 0 : 2.0 * area / edge;
    }

    /** A pixel with at least this much ink (of 1) belongs to a stroke: it sets the digit's box and joins its groups. */
    static final float INK = 0.25f;

    /** Ink fainter than this fraction of the strongest is the paper's grain (a scan, a photo's sensor), not the digit's. */
    static final float GRAIN = 0.2f;

    /** A difference of shade below this between the background and the strongest ink is noise, not a digit. */
    static final float MIN_CONTRAST = 0.1f;

    /** {x0, y0, x1, y1} (exclusive ends) around the pixels with at least a quarter of the ink (values in [0, 1], some at 1). */
    private static int[] inkBox(float[] grey, int w, int h) {
        return inkBox(grey, w, h, INK);
    }

    /** {x0, y0, x1, y1} (exclusive ends) around the values of at least {@code threshold}. */
    private static int[] inkBox(float[] grey, int w, int h, float threshold) {
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
        double[] grey = new double[w], alpha = new double[w];
        for (int y = 0; y < h; y += Math.max(1, h / 256)) {
            greyAlpha(image, y, grey, alpha);
            for (int x = 0; x < w; x += Math.max(1, w / 256)) {
                if (alpha[x] < 250 / 255.0) return true;
            }
        }
        return false;
    }

    /** For a picture with transparency: the shade opposite to what is drawn on it, so that the digit stands out. */
    private static double background(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        double ink = 0, weight = 0;
        double[] grey = new double[w], alpha = new double[w];
        for (int y = 0; y < h; y += Math.max(1, h / 256)) {
            greyAlpha(image, y, grey, alpha);
            for (int x = 0; x < w; x += Math.max(1, w / 256)) {
                ink += alpha[x] * grey[x];
                weight += alpha[x];
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
