package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transposed weight copies of {@code --vector} classes, rewritten after every update:
 * dst[c][r] = src[offset + r·cols + c].
 *
 * <p>A plain loop writes one value per store, each to another cache line, and costs as much
 * as the optimizer's update of the same weights (78 µs for a 128×784 matrix on the machine of
 * BENCHMARKS.md). Here one gather reads a column of L source rows and one vector store writes
 * them as a run of dst (44 µs), and the columns split over the network's threads. It only
 * moves values, so the result is the same bit for bit.
 */
public final class VectorTranspose {
    private static final VectorSpecies<Float> S = Lanes.FLOATS;
    private static final int L = S.length();

    private VectorTranspose() {}

    /** The gather offsets for a source of {@code cols} columns: lane l reads row l of a block. */
    public static int[] rowOffsets(int cols) {
        int[] map = new int[L];
        for (int l = 0; l < L; l++) map[l] = l * cols;
        return map;
    }

    /**
     * dst[dstOff + c·rows + r] = src[srcOff + r·cols + c] for the source columns
     * {@code from ≤ c < to} (the rows of dst) and every r; {@code rowOffsets} is
     * {@link #rowOffsets rowOffsets(cols)}.
     */
    public static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff, int from, int to, int[] rowOffsets) {
        block(src, srcOff, rows, cols, dst, dstOff, 0, rows, from, to, rowOffsets);
    }

    /**
     * dst[dstOff + c·rows + r] = src[srcOff + r·cols + c] for the source rows
     * {@code from ≤ r < to} and every c: the part of the transposed copy that those rows make,
     * for a thread that owns them (it updates them, and so has them in its cache).
     */
    public static void transposeRows(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff, int from, int to, int[] rowOffsets) {
        block(src, srcOff, rows, cols, dst, dstOff, from, to, 0, cols, rowOffsets);
    }

    /** Source rows [r0, r1) × columns [c0, c1): a gather of L rows per column, then the rows left one by one. */
    private static void block(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff, int r0, int r1, int c0, int c1,
                              int[] rowOffsets) {
        check(cols, rowOffsets);
        int r = r0;
        for (; r + L <= r1; r += L) {
            int block = srcOff + r * cols, out = dstOff + r;
            for (int c = c0; c < c1; c++) FloatVector.fromArray(S, src, block + c, rowOffsets, 0).intoArray(dst, out + c * rows);
        }
        for (; r < r1; r++) {
            int row = srcOff + r * cols, out = dstOff + r;
            for (int c = c0; c < c1; c++) dst[out + c * rows] = src[row + c];
        }
    }

    /**
     * The same for all columns, adding {@code bias[biasOff + c]} to every value of column c:
     * a convolution's output, computed positions first, into its channels-first layout.
     */
    public static void transposeAddingBias(float[] src, int srcOff, int rows, int cols, float[] dst, int dstOff, int[] rowOffsets,
                                           float[] bias, int biasOff) {
        check(cols, rowOffsets);
        int r0 = 0;
        for (; r0 + L <= rows; r0 += L) {
            int block = srcOff + r0 * cols, out = dstOff + r0;
            for (int c = 0; c < cols; c++) {
                FloatVector.fromArray(S, src, block + c, rowOffsets, 0).add(bias[biasOff + c]).intoArray(dst, out + c * rows);
            }
        }
        for (int r = r0; r < rows; r++) {
            int row = srcOff + r * cols, out = dstOff + r;
            for (int c = 0; c < cols; c++) dst[out + c * rows] = src[row + c] + bias[biasOff + c];
        }
    }

    private static void check(int cols, int[] rowOffsets) {
        if (rowOffsets[1] != cols) throw new IllegalArgumentException("rowOffsets are for " + rowOffsets[1] + " columns, not " + cols);
    }
}
