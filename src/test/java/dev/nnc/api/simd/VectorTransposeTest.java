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
            VectorTranspose.transpose(src, offset, rows, cols, dst, 0, from, to, VectorTranspose.rowOffsets(cols));
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    float want = c >= from && c < to ? src[offset + r * cols + c] : -1f;
                    assertEquals(want, dst[c * rows + r], 0f, rows + "×" + cols + " columns [" + from + ", " + to + "): dst[" + c + "][" + r + "]");
                }
            }
        }
    }

    @Test
    void addsEachColumnsBiasAndWritesFromTheGivenOffset() {
        Rng rng = new Rng(6);
        for (int t = 0; t < 500; t++) {
            int rows = 1 + rng.nextInt(60), cols = 1 + rng.nextInt(40), srcOff = rng.nextInt(4), dstOff = rng.nextInt(5), biasOff = rng.nextInt(3);
            float[] src = new float[srcOff + rows * cols], bias = new float[biasOff + cols], dst = new float[dstOff + rows * cols + 2];
            for (int i = 0; i < src.length; i++) src[i] = (float) rng.nextDouble();
            for (int i = 0; i < bias.length; i++) bias[i] = (float) rng.nextDouble();
            java.util.Arrays.fill(dst, -1f);
            VectorTranspose.transposeAddingBias(src, srcOff, rows, cols, dst, dstOff, VectorTranspose.rowOffsets(cols), bias, biasOff);
            for (int i = 0; i < dst.length; i++) {
                int k = i - dstOff, c = k / rows, r = k % rows;
                float want = k < 0 || k >= rows * cols ? -1f : src[srcOff + r * cols + c] + bias[biasOff + c];
                assertEquals(want, dst[i], 0f, rows + "×" + cols + ": dst[" + i + "]");
            }
        }
    }

    @Test
    void refusesOffsetsMadeForAnotherWidth() {
        float[] src = new float[64 * 64], dst = new float[64 * 64];
        int[] wrong = VectorTranspose.rowOffsets(32);
        assertThrows(IllegalArgumentException.class, () -> VectorTranspose.transpose(src, 0, 64, 64, dst, 0, 0, 64, wrong));
    }
}
