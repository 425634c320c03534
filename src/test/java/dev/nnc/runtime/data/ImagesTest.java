package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pictures as MNIST has its digits: a light digit on a dark background, 28×28, whatever the picture was. */
class ImagesTest {
    /** A 28×28 picture: background, and a bar 4 wide and 16 tall (a "1") in the middle, of {@code ink}. */
    private static BufferedImage one(int type, Color background, Color ink) {
        BufferedImage image = new BufferedImage(28, 28, type);
        Graphics2D g = image.createGraphics();
        g.setBackground(background);
        g.clearRect(0, 0, 28, 28);
        g.setColor(ink);
        g.fillRect(12, 6, 4, 16);
        g.dispose();
        return image;
    }

    private static final float[] LIGHT_ON_DARK = Images.mnistPixels(one(BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE), 28, 28);

    @Test
    void aLightDigitOnDarkIsTakenAsItIs() {
        assertEquals(1f, LIGHT_ON_DARK[10 * 28 + 13]);
        assertEquals(0f, LIGHT_ON_DARK[10 * 28 + 3]);
        float sum = 0;
        for (float p : LIGHT_ON_DARK) sum += p;
        assertEquals(4 * 16, sum, 1e-3);
    }

    @Test
    void aDarkDigitOnLightIsInverted() {
        assertArrayEquals(LIGHT_ON_DARK, Images.mnistPixels(one(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK), 28, 28), 1e-6f);
    }

    /** Drawing programs save strokes on transparency; either shade of stroke must come out as the digit. */
    @Test
    void aDigitOnATransparentBackgroundStandsOutWhateverItsShade() {
        Color clear = new Color(0, 0, 0, 0);
        assertArrayEquals(LIGHT_ON_DARK, Images.mnistPixels(one(BufferedImage.TYPE_INT_ARGB, clear, Color.BLACK), 28, 28), 1e-6f);
        assertArrayEquals(LIGHT_ON_DARK, Images.mnistPixels(one(BufferedImage.TYPE_INT_ARGB, clear, Color.WHITE), 28, 28), 1e-6f);
    }

    /** A picture twice as wide as tall keeps its proportions: the bar is not stretched into a block. */
    @Test
    void anotherShapeIsFittedNotStretched() {
        BufferedImage wide = new BufferedImage(112, 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(52, 12, 8, 32); // 8 × 32 at the centre: 2 × 8 after scaling by 1/4
        g.dispose();
        float[] pixels = Images.mnistPixels(wide, 28, 28);
        int lit = 0, minRow = 28, maxRow = -1, minCol = 28, maxCol = -1;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                if (pixels[r * 28 + c] > 0.5f) {
                    lit++;
                    minRow = Math.min(minRow, r);
                    maxRow = Math.max(maxRow, r);
                    minCol = Math.min(minCol, c);
                    maxCol = Math.max(maxCol, c);
                }
            }
        }
        assertEquals(8, maxRow - minRow + 1, "8 rows tall");
        assertEquals(2, maxCol - minCol + 1, "2 columns wide, as in the picture (stretched it would be 4)");
        assertEquals(16, lit);
        assertTrue(minRow >= 7 && maxRow <= 20, "centred in the band of rows the picture fills: " + minRow + ".." + maxRow);
    }

    @Test
    void aBlankPictureIsRecognizedAsSuch() {
        assertTrue(Images.blank(Images.mnistPixels(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), 28, 28)));
        assertTrue(Images.blank(Images.mnistPixels(new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB), 28, 28)));
        assertFalse(Images.blank(LIGHT_ON_DARK));
    }
}
