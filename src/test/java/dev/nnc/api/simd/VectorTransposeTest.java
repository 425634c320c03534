package dev.nnc.api.simd;

import dev.nnc.api.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gathering transpose against the plain double loop: whole blocks of rows, the row tail, any column range. */
class VectorTransposeTest {
    @Test
    void movesEveryValueOfTheColumnsItIsGivenAndNothingElse() {
        Rng rng = new Rng(5);
        for (int t = 0; t < 2000; t++) {
            int rows = 1 + rng.nextInt(40), cols = 1 + rng.nextInt(40), offset = rng.nextInt(4);
            int from = rng.nextInt(cols), to = from + 1 + rng.nextInt(cols - from);
            float[] src = new float[offset + rows * cols + 3];
            for (int i = 0; i < src.length; i++) src[i] = (float) rng.nextDouble();
            float[] dst = new float[rows * cols];
            java.util.Arrays.fill(dst, -1f);
            VectorTranspose.transpose(src, offset, rows, cols, dst, from, to, VectorTranspose.rowOffsets(cols));
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    float want = c >= from && c < to ? src[offset + r * cols + c] : -1f;
                    assertEquals(want, dst[c * rows + r], 0f, rows + "×" + cols + " columns [" + from + ", " + to + "): dst[" + c + "][" + r + "]");
                }
            }
        }
    }

    @Test
    void refusesOffsetsMadeForAnotherWidth() {
        float[] src = new float[64 * 64], dst = new float[64 * 64];
        int[] wrong = VectorTranspose.rowOffsets(32);
        assertThrows(IllegalArgumentException.class, () -> VectorTranspose.transpose(src, 0, 64, 64, dst, 0, 64, wrong));
    }
}
