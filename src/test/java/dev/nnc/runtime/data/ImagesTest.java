package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pictures as MNIST has its digits: light on dark, 28×28, the digit's box scaled to fit 20×20
 * and centred by its mass, whatever the picture's size, shade, transparency or margins.
 */
class ImagesTest {
    /**
     * A test image of MNIST saved as a picture (grey or colour, as stored or inverted, through a
     * PNG file) is taken pixel for pixel, as the IDX file has it: framing it again dropped its
     * faintest grain and moved some a pixel, so that `predict --image` could answer otherwise
     * than `predict --idx` for the same digit.
     */
    @Test
    void aTestImageSavedAsAPictureIsTakenAsItIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] images = Idx.readImages(SharedMnist.gz(MnistFile.TEST_IMAGES)).data();
        for (int k = 0; k < 200; k++) {
            float[] expected = new float[784];
            BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage inverted = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 784; i++) {
                int v = images[k * 784 + i] & 0xff;
                expected[i] = v / 255f;
                grey.getRaster().setSample(i % 28, i / 28, 0, v);
                inverted.setRGB(i % 28, i / 28, (255 - v) * 0x010101);
            }
            assertTaken(expected, Images.mnistPixels(grey, 28, 28), "test image " + k);
            assertTaken(expected, Images.mnistPixels(inverted, 28, 28), "test image " + k + ", inverted");
            if (k < 5) {
                java.nio.file.Path png = dir.resolve(k + ".png");
                javax.imageio.ImageIO.write(grey, "png", png.toFile());
                assertTaken(expected, Images.mnistPixels(png, 28, 28), png.toString());
            }
        }
    }

    /**
     * Test images moved to a corner come back where MNIST had them: their centre of mass, averaged, on
     * the centre of pixel (14, 14) as in MNIST itself (14.49, 14.51). It was half a pixel up and left.
     */
    @Test
    void framedDigitsSitWhereMnistPutsThem() throws Exception {
        byte[] images = Idx.readImages(SharedMnist.gz(MnistFile.TEST_IMAGES)).data();
        double sumY = 0, sumX = 0;
        int n = 0;
        for (int k = 0; k < 300; k++) {
            int top = 28, left = 28;
            for (int i = 0; i < 784; i++) {
                if (images[k * 784 + i] != 0) {
                    top = Math.min(top, i / 28);
                    left = Math.min(left, i % 28);
                }
            }
            BufferedImage moved = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < 784; i++) {
                int y = i / 28 - top, x = i % 28 - left; // to the top left corner, no ink lost
                if (y >= 0 && x >= 0) moved.getRaster().setSample(x, y, 0, images[k * 784 + i] & 0xff);
            }
            float[] p = Images.mnistPixels(moved, 28, 28);
            double mass = 0, my = 0, mx = 0;
            for (int i = 0; i < 784; i++) {
                mass += p[i];
                my += p[i] * (i / 28 + 0.5);
                mx += p[i] * (i % 28 + 0.5);
            }
            sumY += my / mass;
            sumX += mx / mass;
            n++;
        }
        assertEquals(14.5, sumY / n, 0.15, "rows");
        assertEquals(14.5, sumX / n, 0.15, "columns");
    }

    private static void assertTaken(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-7, () -> what + ": pixel (" + at % 28 + ", " + at / 28 + ") is "
                    + actual[at] + ", stored " + expected[at]);
        }
    }

    /** On a canvas of MNIST's size, a digit not framed as MNIST's (too small, off centre, on grainy paper) is still framed. */
    @Test
    void aDigitOnA28By28CanvasIsFramedUnlessItAlreadyIs() {
        BufferedImage small = seven(BufferedImage.TYPE_INT_RGB, 28, 28, 2, 2, 1, Color.BLACK, Color.WHITE);
        assertClose(REFERENCE, Images.mnistPixels(small, 28, 28));
        // The reference, framed, is taken as it is the second time.
        BufferedImage framed = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) framed.getRaster().setSample(i % 28, i / 28, 0, Math.round(REFERENCE[i] * 255));
        float[] again = Images.mnistPixels(framed, 28, 28);
        for (int i = 0; i < 784; i++) assertEquals(Math.round(REFERENCE[i] * 255) / 255f, again[i], 1e-7f);
        // Grain over the paper: framed again, the grain removed.
        BufferedImage grainy = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random noise = new java.util.Random(3);
        for (int i = 0; i < 784; i++) {
            grainy.getRaster().setSample(i % 28, i / 28, 0, Math.min(255, Math.round(REFERENCE[i] * 255) + 20 + noise.nextInt(20)));
        }
        float[] cleaned = Images.mnistPixels(grainy, 28, 28);
        assertClose(REFERENCE, cleaned);
        int paper = 0;
        for (float v : cleaned) if (v == 0) paper++;
        assertTrue(paper >= 600, paper + " pixels of paper");
    }

    /** A "7" of {@code ink} on {@code background}: a bar at the top and a stroke down, in a w×h picture at (x, y), s pixels a unit. */
    private static BufferedImage seven(int type, int w, int h, int x, int y, int s, Color background, Color ink) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setBackground(background);
        g.clearRect(0, 0, w, h);
        g.setColor(ink);
        g.fillRect(x, y, 12 * s, 2 * s);           // the bar
        g.fillRect(x + 9 * s, y, 3 * s, 18 * s);   // the stroke
        g.dispose();
        return image;
    }

    private static final float[] REFERENCE = Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 28, 28, 8, 5, 1, Color.BLACK, Color.WHITE), 28, 28);

    /** Each way a path can fail to be a picture, said as it is (it was "does not exist or is not a file" for all). */
    @Test
    void aPathThatIsNoPictureIsSaidAsItIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        assertEquals(dir + " is a directory, not a picture", message(dir));
        assertEquals(dir.resolve("nope.png") + " does not exist", message(dir.resolve("nope.png")));
        java.nio.file.Path empty = java.nio.file.Files.createFile(dir.resolve("empty.png"));
        assertEquals(empty + " is empty", message(empty));
        java.nio.file.Path text = java.nio.file.Files.writeString(dir.resolve("seven.png"), "not a picture");
        assertEquals(text + " is not an image format Java can read", message(text));
    }

    private static String message(java.nio.file.Path file) {
        return org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> Images.mnistPixels(file, 28, 28)).getMessage()
                .lines().findFirst().orElse(""); // the help follows on a line of its own
    }

    @Test
    void theDigitIsFramedAsMnistFramesItsDigits() {
        int minRow = 28, maxRow = -1;
        double mass = 0, my = 0, mx = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                float v = REFERENCE[r * 28 + c];
                if (v > 0.25f) {
                    minRow = Math.min(minRow, r);
                    maxRow = Math.max(maxRow, r);
                }
                mass += v;
                my += v * (r + 0.5);
                mx += v * (c + 0.5);
            }
        }
        assertEquals(20, maxRow - minRow + 1, "the 18-unit tall digit fills 20 rows");
        assertEquals(14.5, my / mass, 0.5, "centred by mass on the centre of pixel 14, vertically");
        assertEquals(14.5, mx / mass, 0.5, "and horizontally");
    }

    @Test
    void aDarkDigitOnLightIsInverted() {
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 28, 28, 8, 5, 1, Color.WHITE, Color.BLACK), 28, 28));
    }

    /** Drawing programs save strokes on transparency; either shade of stroke must come out as the digit. */
    @Test
    void aDigitOnATransparentBackgroundStandsOutWhateverItsShade() {
        Color clear = new Color(0, 0, 0, 0);
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_ARGB, 28, 28, 8, 5, 1, clear, Color.BLACK), 28, 28));
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_ARGB, 28, 28, 8, 5, 1, clear, Color.WHITE), 28, 28));
    }

    /** Most PNGs have an alpha channel and not one transparent pixel: they are read as the RGB picture is. */
    @Test
    void anOpaquePictureWithAnAlphaChannelIsReadAsWithout() {
        for (Color[] shades : new Color[][] {{Color.WHITE, Color.BLACK}, {Color.BLACK, Color.WHITE}}) {
            assertArrayEquals(Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 600, 200, 250, 20, 8, shades[0], shades[1]), 28, 28),
                    Images.mnistPixels(seven(BufferedImage.TYPE_INT_ARGB, 600, 200, 250, 20, 8, shades[0], shades[1]), 28, 28));
        }
    }

    /** Drawn small in a corner of a wide canvas, or large in the middle of a square one: the same 28×28. */
    @Test
    void sizePlaceAndMarginsOfThePictureDoNotMatter() {
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 600, 200, 20, 30, 6, Color.WHITE, Color.BLACK), 28, 28));
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 400, 400, 80, 20, 20, Color.BLACK, Color.WHITE), 28, 28));
    }

    /** A scan or photo: grey paper, dark grey ink, some noise. The paper becomes MNIST's black, not a grey box. */
    @Test
    void greyPaperAndNoiseAreBackground() {
        BufferedImage scan = seven(BufferedImage.TYPE_INT_RGB, 300, 300, 90, 40, 10, new Color(190, 190, 185), new Color(40, 40, 50));
        java.util.Random noise = new java.util.Random(7);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                int v = Math.max(0, Math.min(255, (scan.getRGB(x, y) & 0xff) + (int) (noise.nextGaussian() * 6)));
                scan.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        float[] pixels = Images.mnistPixels(scan, 28, 28);
        assertEquals(0f, pixels[0], "a corner is background, black");
        assertClose(REFERENCE, pixels);
    }

    /** Black ink on mid-grey paper (a dim photo): the paper, not the mean brightness, decides what is ink. */
    @Test
    void darkInkOnMidGreyPaperIsTheDigit() {
        assertClose(REFERENCE, Images.mnistPixels(seven(BufferedImage.TYPE_INT_RGB, 300, 300, 90, 40, 10, new Color(140, 140, 140), Color.BLACK), 28, 28));
    }

    /** A shadow across the paper (light from one side): the paper's own local shade is background. */
    @Test
    void aShadowAcrossThePaperIsBackground() {
        BufferedImage photo = seven(BufferedImage.TYPE_INT_RGB, 300, 300, 90, 40, 10, Color.WHITE, new Color(20, 20, 20));
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                if ((photo.getRGB(x, y) & 0xff) < 128) continue; // the ink
                int v = 242 - 102 * x / 300;
                photo.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        assertClose(REFERENCE, Images.mnistPixels(photo, 28, 28));
    }

    /** A grey picture is read as a colour one with the same shades: Java's grey colour space took them for linear light. */
    @Test
    void aGreyPictureIsReadAsTheSameColourOne() {
        BufferedImage rgb = seven(BufferedImage.TYPE_INT_RGB, 112, 112, 30, 15, 4, new Color(230, 230, 230), new Color(180, 180, 180));
        BufferedImage grey = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) grey.getRaster().setSample(x, y, 0, rgb.getRGB(x, y) & 0xff);
        }
        float[] fromRgb = Images.mnistPixels(rgb, 28, 28), fromGrey = Images.mnistPixels(grey, 28, 28);
        assertFalse(Images.blank(fromGrey), "a faint digit is still a digit");
        for (int i = 0; i < fromRgb.length; i++) assertEquals(fromRgb[i], fromGrey[i], 1e-4, "pixel " + i);
    }

    /** A bold stroke (a marker: a third of a tight crop) is the digit, not paper to be removed. */
    @Test
    void aBoldStrokeIsInkNotPaper() {
        for (int[] c : new int[][] {{28, 7}, {28, 10}, {56, 16}}) {
            int size = c[0], bar = c[1];
            BufferedImage bold = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = bold.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect((size - bar) / 2, size / 8, bar, size * 3 / 4); // a "1"
            g.dispose();
            float[] pixels = Images.mnistPixels(bold, 28, 28);
            assertFalse(Images.blank(pixels), size + "px, bar " + bar);
            // Upright: much taller than wide, in the middle.
            int minX = 28, maxX = -1, minY = 28, maxY = -1;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    if (pixels[y * 28 + x] < 0.5f) continue;
                    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
                }
            }
            assertTrue(maxY - minY >= 18 && maxX - minX <= 12, size + "px, bar " + bar + ": x " + minX + ".." + maxX + ", y " + minY + ".." + maxY);
        }
    }

    /** Two specks of dust in the corners do not stretch the digit's box. */
    @Test
    void specksFarFromTheDigitAreNotPartOfIt() {
        BufferedImage dusty = seven(BufferedImage.TYPE_INT_RGB, 400, 400, 130, 40, 15, Color.WHITE, Color.BLACK);
        Graphics2D g = dusty.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(8, 8, 6, 6);
        g.fillRect(386, 386, 6, 6);
        g.dispose();
        assertClose(REFERENCE, Images.mnistPixels(dusty, 28, 28));
    }

    /** A pen's thin line is thickened to about MNIST's stroke width, not left a faint one-pixel trace. */
    @Test
    void aThinLineIsThickenedToMnistsStrokes() {
        BufferedImage pen = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pen.createGraphics();
        g.setBackground(Color.WHITE);
        g.clearRect(0, 0, 400, 400);
        g.setColor(Color.BLACK);
        g.fillRect(100, 40, 180, 4);  // the bar, 4 of 400 pixels thick
        g.fillRect(276, 40, 4, 300);  // the stroke
        g.dispose();
        float[] pixels = Images.mnistPixels(pen, 28, 28);
        int lit = 0;
        for (float v : pixels) if (v > 0.5f) lit++;
        assertTrue(lit >= 2 * 20 + 2 * 11, "two pixels wide along the 20-row stroke and the bar: " + lit + " pixels lit");
    }

    /** Nothing but specks (salt and pepper): still 28×28 values, never an exception. */
    @Test
    void aPictureOfNoiseAloneIsStillAnImage() {
        BufferedImage noise = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) noise.setRGB(x, y, r.nextInt(50) == 0 ? 0 : 0xffffff);
        assertEquals(28 * 28, Images.mnistPixels(noise, 28, 28).length);
    }

        @Test
    void aBlankPictureIsRecognizedAsSuch() {
        assertTrue(Images.blank(Images.mnistPixels(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), 28, 28)));
        assertTrue(Images.blank(Images.mnistPixels(new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB), 28, 28)));
        BufferedImage faint = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB); // white paper, a speck of dust
        for (int y = 0; y < 100; y++) for (int x = 0; x < 100; x++) faint.setRGB(x, y, x == 50 && y == 50 ? 0xf4f4f4 : 0xffffff);
        assertTrue(Images.blank(Images.mnistPixels(faint, 28, 28)), "a near-white picture has no digit");
        assertFalse(Images.blank(REFERENCE));
    }

    /** The same digit up to resampling and a pixel of shift: little difference per pixel, and most ink in common. */
    /**
     * The same digit framed the same way, to within a pixel: framing places the centre of mass on a whole
     * pixel, so pictures that differ in shade alone (a shadow, paper) may land a pixel apart, as two scans
     * of one digit would in MNIST.
     */
    private static void assertClose(float[] expected, float[] actual) {
        String best = "";
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                double sum = 0, dot = 0, ee = 0, aa = 0;
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sy = y + dy, sx = x + dx;
                        float e = expected[y * 28 + x], a = sy < 0 || sy >= 28 || sx < 0 || sx >= 28 ? 0 : actual[sy * 28 + sx];
                        sum += Math.abs(e - a);
                        dot += e * a;
                        ee += e * e;
                        aa += a * a;
                    }
                }
                double cosine = dot / Math.sqrt(ee * aa);
                if (sum / expected.length < 0.06 && cosine > 0.85) return;
                best += String.format(java.util.Locale.ROOT, " (%d,%d): mean difference %.3f, cosine %.3f", dx, dy, sum / expected.length, cosine);
            }
        }
        org.junit.jupiter.api.Assertions.fail("not the same digit at any shift of a pixel:" + best);
    }

    /**
     * A picture received from someone else: 118 bytes of PNG declaring 40,000 × 40,000 pixels (1.6 GB decoded) is refused
     * from its header, before any pixel is decoded; a real picture of moderate size still reads.
     */
    @Test
    void aPictureDeclaringGigapixelsIsRefusedBeforeDecoding(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(40_000).putInt(40_000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[40_001]); // one row of the declared 40,000
        deflater.finish();
        byte[] row = new byte[1024];
        chunk(png, "IDAT", java.util.Arrays.copyOf(row, deflater.deflate(row)));
        chunk(png, "IEND", new byte[0]);
        java.nio.file.Path bomb = java.nio.file.Files.write(dir.resolve("bomb.png"), png.toByteArray());

        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> Images.mnistPixels(bomb, 28, 28));
        assertEquals(bomb + " is 40,000 × 40,000 pixels, 6,103 MB decoded, more than nnc decodes (400 MB)", e.problem());

        BufferedImage photo = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        java.nio.file.Path ok = dir.resolve("photo.png");
        javax.imageio.ImageIO.write(photo, "png", ok.toFile());
        assertEquals(784, Images.mnistPixels(ok, 28, 28).length);
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws java.io.IOException {
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeInt(data.length);
        byte[] typed = (type + new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        d.write(typed);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typed);
        d.writeInt((int) crc.getValue());
    }
}
