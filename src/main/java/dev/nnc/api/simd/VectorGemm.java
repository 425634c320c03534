package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one matrix product behind dense and convolutional layers in classes generated with
 * {@code --vector}: C = init + A·B in float, written with the incubating Vector API
 * ({@code jdk.incubator.vector}, so the JVM needs {@code --add-modules jdk.incubator.vector}).
 *
 * <p>Why a kernel at all: HotSpot's C2 auto-vectorizes a plain axpy loop, but runs short
 * inner loops (the 10–128 outputs of a layer) mostly in its scalar pre- and post-loops,
 * and it never keeps partial sums in registers. Here a block of C lives in vector registers
 * while the k loop streams A (one value broadcast per row) and B (one row of the block's
 * columns per step): a block of 6 rows × 4 vectors makes 24 fused multiply-adds for 4 loads
 * and 6 broadcasts.
 *
 * <p>Columns go in strips of 4 vectors (blocks of 6 rows), then 2 and 1 (blocks of 8 rows),
 * then plain loops for the last columns; rows left over go in blocks of 4 (and of 2 in the
 * widest strips: a thread's 32 samples of the Mlp are 5 blocks of 6 and 2 rows), then one by one.
 * Blocks of 12 rows made the narrow strips faster in some JVMs and much slower in others
 * (MlpSmall's inference at 1.5 or 2.2 M images/s on one thread, depending on how C2 spilled the
 * twelve row indices); 8 rows gave 2.0–2.15 M in every run.
 *
 * <p>A(i, p) = {@code a[aOff + i·aRow + p·aCol]}, so A may be read transposed;
 * B(p, j) = {@code b[bOff + p·ldb + j]} and C(i, j) = {@code c[cOff + i·ldc + j]} run
 * contiguously along j. A convolution reads its input in place instead ({@link #gemmRowsOfAAt},
 * {@link #gemmRowsOfBAt}): the rows of A, or of B, then start at offsets from a table. Every C(i, j) starts from its
 * initial value and adds p = 0, 1, … in order with fused multiply-adds, whichever block or
 * strip computes it, so the result does not depend on how the rows are split (over threads,
 * say); it is deterministic, though not bit-equal to the scalar classes' sums.
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = Lanes.FLOATS;
    private static final int L = S.length();

    private VectorGemm() {}

    /** Steps of p per pass over C: the slices of A and B that a pass reads stay in the caches. */
    static final int K_BLOCK = 256;
    /** Values of B (k·n) that a core's L2 keeps while chunks of rows go through all of it. */
    static final long B_FITS = 32 * 1024;
    /** Rows per chunk: whole blocks of 6 rows (4-vector strips) and of 8 (narrower ones). */
    private static final int ROWS = 24;
    /** Floats per vector: {@link #gemmRowsOfBAt} wants n a multiple of it. */
    public static final int LANES = L;
    /** 0, 1, 2, …: the rows of a chunk when they are evenly spaced (scaled by the spacing). */
    private static final int[] EVEN = new int[K_BLOCK];

    static {
        for (int i = 0; i < EVEN.length; i++) EVEN[i] = i;
    }

    /** C(i, j) = (add ? C(i, j) : 0) + Σ_p A(i, p)·B(p, j), for i &lt; m, j &lt; n, p &lt; k. */
    public static void gemm(int m, int n, int k,
                            float[] a, int aOff, int aRow, int aCol,
                            float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean add) {
        // Every block starts from C as it is in memory: no vector is chosen between a load and
        // zero, and none crosses a call, because a vector that does becomes an object on the
        // heap whenever C2 declines to inline (it did, in a JVM that had run many shapes).
        if (!add) zero(m, n, c, cOff, ldc);
        product(m, n, k, a, aOff, null, 0, aRow, aCol, b, bOff, ldb, c, cOff, ldc, c, cOff, ldc);
    }

    /**
     * C(i, j) = bias[biasOff + j] + Σ_p A(i, p)·B(p, j): a dense layer's forward, whose sums
     * start from the bias exactly as if it had been copied into each row of C first.
     */
    public static void gemmFromBias(int m, int n, int k,
                                    float[] a, int aOff, int aRow, int aCol,
                                    float[] b, int bOff, int ldb,
                                    float[] c, int cOff, int ldc, float[] bias, int biasOff) {
        product(m, n, k, a, aOff, null, 0, aRow, aCol, b, bOff, ldb, bias, biasOff, 0, c, cOff, ldc);
    }

    /**
     * The product with A's rows where a table says, for a convolution's weight gradient read
     * from its input in place: A(i, p) = {@code a[aOff + aRows[aRowsOff + i] + p·aCol]}; B and C
     * as in {@link #gemm}.
     */
    public static void gemmRowsOfAAt(int m, int n, int k,
                                     float[] a, int aOff, int[] aRows, int aRowsOff, int aCol,
                                     float[] b, int bOff, int ldb,
                                     float[] c, int cOff, int ldc, boolean add) {
        if (!add) zero(m, n, c, cOff, ldc);
        product(m, n, k, a, aOff, aRows, aRowsOff, 1, aCol, b, bOff, ldb, c, cOff, ldc, c, cOff, ldc);
    }

    /**
     * The table of {@link #gemmRowsOfBAt} for a convolution that reads zero-bordered planes in
     * place: row (i, u, v) of B starts at i·plane + u·width + v, for {@code planes} planes and a
     * kh × kw kernel. Computed when the class loads: as a literal, a wide layer's table would
     * outgrow the 64 KB a class initializer may hold.
     */
    public static int[] planeShifts(int planes, int plane, int kh, int kw, int width) {
        int[] rows = new int[planes * kh * kw];
        for (int i = 0; i < planes; i++) {
            for (int u = 0; u < kh; u++) for (int v = 0; v < kw; v++) rows[(i * kh + u) * kw + v] = i * plane + u * width + v;
        }
        return rows;
    }

    /**
     * The product with B's rows where a table says, for a convolution that reads its input in
     * place: B(p, j) = {@code b[bOff + bRows[p] + j]}, for n a multiple of the vector length
     * ({@link #LANES}); A and C as in {@link #gemm}.
     */
    public static void gemmRowsOfBAt(int m, int n, int k,
                                     float[] a, int aOff, int aRow, int aCol,
                                     float[] b, int bOff, int[] bRows,
                                     float[] c, int cOff, int ldc, boolean add) {
        if (n % L != 0) throw new IllegalArgumentException("n = " + n + " is not a multiple of " + L);
        if (!add) zero(m, n, c, cOff, ldc);
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int slice = Math.min(K_BLOCK, k - p0);
            for (int i = 0; i < m; i += ROWS) {
                int rows = Math.min(ROWS, m - i), ai = aOff + i * aRow + p0 * aCol, ci = cOff + i * ldc;
                int j = 0;
                for (; j + 4 * L <= n; j += 4 * L) {
                    int r = 0;
                    for (; r + 6 <= rows; r += 6) tableStrip4x6(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                    for (; r + 4 <= rows; r += 4) tableStrip4x4(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                    for (; r < rows; r++) tableStrip4x1(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                }
                for (; j < n; j += L) {
                    int r = 0;
                    for (; r + 8 <= rows; r += 8) tableStrip1x8(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                    for (; r + 4 <= rows; r += 4) tableStrip1x4(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                    for (; r < rows; r++) tableStrip1x1(slice, a, ai, EVEN, r, aRow, aCol, b, bOff + j, bRows, p0, c, ci + r * ldc + j, ldc, c, ci + r * ldc + j, ldc);
                }
            }
        }
    }

    private static void zero(int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
    }

    /**
     * C = init + A·B, init(i, j) = {@code init[initOff + i·initLd + j]} (initLd 0: one row for all).
     * A's row i starts at aOff + aRows[aRowsOff + i]·aStep; a null table stands for evenly spaced
     * rows, the step being their spacing.
     */
    private static void product(int m, int n, int k,
                                float[] a, int aOff, int[] aRows, int aRowsOff, int aStep, int aCol,
                                float[] b, int bOff, int ldb,
                                float[] init, int initOff, int initLd,
                                float[] c, int cOff, int ldc) {
        // A long k (a convolution's dW sums over every position of the batch, n·784 of them)
        // goes in slices: otherwise each block of C would stream all of A and B from memory
        // again. C holds the float partial sums between slices, exactly as the registers
        // did, so the result is bit for bit that of one pass.
        // Which loop goes outside does not change a single sum, only what stays in the caches:
        // when all of B fits (a dense layer's weights), each chunk of rows goes through every
        // slice while its rows of A are still cached, so A streams once from memory, row after
        // row, as the prefetchers like (MlpSmall's first layer: 784 inputs in 4 slices); when B
        // is larger, each slice of B stays cached while every chunk of rows goes through it.
        if ((long) k * n <= B_FITS) {
            // (and then without slices: the whole sum stays in the registers)
            for (int i = 0; i < m; i += ROWS) chunk(i, 0, k, m, n, a, aOff, aRows, aRowsOff, aStep, aCol, b, bOff, ldb, init, initOff, initLd, c, cOff, ldc);
        } else {
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                for (int i = 0; i < m; i += ROWS) {
                    chunk(i, p0, Math.min(K_BLOCK, k - p0), m, n, a, aOff, aRows, aRowsOff, aStep, aCol, b, bOff, ldb, init, initOff, initLd, c, cOff, ldc);
                }
            }
        }
    }

    /** Rows [i, i + ROWS) of C, steps [p0, p0 + slice) of p: from init in the first slice, from C after. */
    private static void chunk(int i, int p0, int slice, int m, int n,
                              float[] a, int aOff, int[] aRows, int aRowsOff, int aStep, int aCol,
                              float[] b, int bOff, int ldb,
                              float[] init, int initOff, int initLd,
                              float[] c, int cOff, int ldc) {
        int bj = bOff + p0 * ldb, rows = Math.min(ROWS, m - i);
        int ai = aRows == null ? aOff + i * aStep + p0 * aCol : aOff + p0 * aCol;
        int[] table = aRows == null ? EVEN : aRows;
        int ar = aRows == null ? 0 : aRowsOff + i;
        if (p0 == 0) {
            rowBlock(rows, n, slice, a, ai, table, ar, aStep, aCol, b, bj, ldb, init, initOff + i * initLd, initLd, c, cOff + i * ldc, ldc);
        } else {
            rowBlock(rows, n, slice, a, ai, table, ar, aStep, aCol, b, bj, ldb, c, cOff + i * ldc, ldc, c, cOff + i * ldc, ldc);
        }
    }

    /** Up to {@link #ROWS} rows of C, all columns, one slice of p: strip by strip, each in its register blocks. */
    private static void rowBlock(int rows, int n, int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol,
                                 float[] b, int bj, int ldb, float[] init, int io, int ild, float[] c, int ci, int ldc) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int r = 0;
            for (; r + 6 <= rows; r += 6) strip4x6(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r + 4 <= rows; r += 4) strip4x4(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r + 2 <= rows; r += 2) strip4x2(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r < rows; r++) strip4x1(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
        }
        for (; j + 2 * L <= n; j += 2 * L) {
            int r = 0;
            for (; r + 8 <= rows; r += 8) strip2x8(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r + 4 <= rows; r += 4) strip2x4(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r < rows; r++) strip2x1(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
        }
        for (; j + L <= n; j += L) {
            int r = 0;
            for (; r + 8 <= rows; r += 8) strip1x8(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r + 4 <= rows; r += 4) strip1x4(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
            for (; r < rows; r++) strip1x1(k, a, ai, aRows, ar + r, aStep, aCol, b, bj + j, ldb, init, io + r * ild + j, ild, c, ci + r * ldc + j, ldc);
        }
        if (j < n) scalarColumns(rows, j, n, k, a, ai, aRows, ar, aStep, aCol, b, bj, ldb, init, io, ild, c, ci, ldc);
    }

    /**
     * Columns j0 ≤ j &lt; j1 (fewer than a vector), one multiply-add at a time, p in the same order
     * as the vector blocks; two rows at once, so that two chains of multiply-adds overlap.
     */
    private static void scalarColumns(int rows, int j0, int j1, int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol,
                                      float[] b, int bj, int ldb, float[] init, int io, int ild, float[] c, int ci, int ldc) {
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            int a0 = ai + aRows[ar + r] * aStep, a1 = ai + aRows[ar + r + 1] * aStep;
            for (int j = j0; j < j1; j++) {
                float s0 = init[io + r * ild + j], s1 = init[io + (r + 1) * ild + j];
                for (int p = 0, ap = 0, bp = bj + j; p < k; p++, ap += aCol, bp += ldb) {
                    float bv = b[bp];
                    s0 = Math.fma(a[a0 + ap], bv, s0);
                    s1 = Math.fma(a[a1 + ap], bv, s1);
                }
                c[ci + r * ldc + j] = s0;
                c[ci + (r + 1) * ldc + j] = s1;
            }
        }
        for (; r < rows; r++) {
            int a0 = ai + aRows[ar + r] * aStep;
            for (int j = j0; j < j1; j++) {
                float s = init[io + r * ild + j];
                for (int p = 0, ap = 0, bp = bj + j; p < k; p++, ap += aCol, bp += ldb) s = Math.fma(a[a0 + ap], b[bp], s);
                c[ci + r * ldc + j] = s;
            }
        }
    }

    // The register blocks: stripVxR keeps R rows × V vectors of C, tableStripVxR the same with
    // B's rows from a table. Written out by hand, as a vector cannot live in an array without
    // becoming a heap object, and in two kinds because a table lookup in every step of p made
    // the dense layers' products some 10% slower.

    private static void strip4x6(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L), s1_2 = FloatVector.fromArray(S, init, io + ild + 2 * L), s1_3 = FloatVector.fromArray(S, init, io + ild + 3 * L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L), s2_2 = FloatVector.fromArray(S, init, io + 2 * ild + 2 * L), s2_3 = FloatVector.fromArray(S, init, io + 2 * ild + 3 * L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L), s3_2 = FloatVector.fromArray(S, init, io + 3 * ild + 2 * L), s3_3 = FloatVector.fromArray(S, init, io + 3 * ild + 3 * L);
        FloatVector s4_0 = FloatVector.fromArray(S, init, io + 4 * ild), s4_1 = FloatVector.fromArray(S, init, io + 4 * ild + L), s4_2 = FloatVector.fromArray(S, init, io + 4 * ild + 2 * L), s4_3 = FloatVector.fromArray(S, init, io + 4 * ild + 3 * L);
        FloatVector s5_0 = FloatVector.fromArray(S, init, io + 5 * ild), s5_1 = FloatVector.fromArray(S, init, io + 5 * ild + L), s5_2 = FloatVector.fromArray(S, init, io + 5 * ild + 2 * L), s5_3 = FloatVector.fromArray(S, init, io + 5 * ild + 3 * L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep, a4 = ai + aRows[ar + 4] * aStep, a5 = ai + aRows[ar + 5] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1); s1_2 = b2.fma(x, s1_2); s1_3 = b3.fma(x, s1_3);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1); s2_2 = b2.fma(x, s2_2); s2_3 = b3.fma(x, s2_3);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1); s3_2 = b2.fma(x, s3_2); s3_3 = b3.fma(x, s3_3);
            x = FloatVector.broadcast(S, a[a4 + ap]); s4_0 = b0.fma(x, s4_0); s4_1 = b1.fma(x, s4_1); s4_2 = b2.fma(x, s4_2); s4_3 = b3.fma(x, s4_3);
            x = FloatVector.broadcast(S, a[a5 + ap]); s5_0 = b0.fma(x, s5_0); s5_1 = b1.fma(x, s5_1); s5_2 = b2.fma(x, s5_2); s5_3 = b3.fma(x, s5_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L); s1_2.intoArray(c, cj + ldc + 2 * L); s1_3.intoArray(c, cj + ldc + 3 * L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L); s2_2.intoArray(c, cj + 2 * ldc + 2 * L); s2_3.intoArray(c, cj + 2 * ldc + 3 * L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L); s3_2.intoArray(c, cj + 3 * ldc + 2 * L); s3_3.intoArray(c, cj + 3 * ldc + 3 * L);
        s4_0.intoArray(c, cj + 4 * ldc); s4_1.intoArray(c, cj + 4 * ldc + L); s4_2.intoArray(c, cj + 4 * ldc + 2 * L); s4_3.intoArray(c, cj + 4 * ldc + 3 * L);
        s5_0.intoArray(c, cj + 5 * ldc); s5_1.intoArray(c, cj + 5 * ldc + L); s5_2.intoArray(c, cj + 5 * ldc + 2 * L); s5_3.intoArray(c, cj + 5 * ldc + 3 * L);
    }

    private static void strip4x4(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L), s1_2 = FloatVector.fromArray(S, init, io + ild + 2 * L), s1_3 = FloatVector.fromArray(S, init, io + ild + 3 * L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L), s2_2 = FloatVector.fromArray(S, init, io + 2 * ild + 2 * L), s2_3 = FloatVector.fromArray(S, init, io + 2 * ild + 3 * L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L), s3_2 = FloatVector.fromArray(S, init, io + 3 * ild + 2 * L), s3_3 = FloatVector.fromArray(S, init, io + 3 * ild + 3 * L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1); s1_2 = b2.fma(x, s1_2); s1_3 = b3.fma(x, s1_3);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1); s2_2 = b2.fma(x, s2_2); s2_3 = b3.fma(x, s2_3);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1); s3_2 = b2.fma(x, s3_2); s3_3 = b3.fma(x, s3_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L); s1_2.intoArray(c, cj + ldc + 2 * L); s1_3.intoArray(c, cj + ldc + 3 * L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L); s2_2.intoArray(c, cj + 2 * ldc + 2 * L); s2_3.intoArray(c, cj + 2 * ldc + 3 * L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L); s3_2.intoArray(c, cj + 3 * ldc + 2 * L); s3_3.intoArray(c, cj + 3 * ldc + 3 * L);
    }

    private static void strip4x2(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L), s1_2 = FloatVector.fromArray(S, init, io + ild + 2 * L), s1_3 = FloatVector.fromArray(S, init, io + ild + 3 * L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1); s1_2 = b2.fma(x, s1_2); s1_3 = b3.fma(x, s1_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L); s1_2.intoArray(c, cj + ldc + 2 * L); s1_3.intoArray(c, cj + ldc + 3 * L);
    }

    private static void strip4x1(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        int a0 = ai + aRows[ar] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
    }

    private static void strip2x8(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L);
        FloatVector s4_0 = FloatVector.fromArray(S, init, io + 4 * ild), s4_1 = FloatVector.fromArray(S, init, io + 4 * ild + L);
        FloatVector s5_0 = FloatVector.fromArray(S, init, io + 5 * ild), s5_1 = FloatVector.fromArray(S, init, io + 5 * ild + L);
        FloatVector s6_0 = FloatVector.fromArray(S, init, io + 6 * ild), s6_1 = FloatVector.fromArray(S, init, io + 6 * ild + L);
        FloatVector s7_0 = FloatVector.fromArray(S, init, io + 7 * ild), s7_1 = FloatVector.fromArray(S, init, io + 7 * ild + L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep, a4 = ai + aRows[ar + 4] * aStep, a5 = ai + aRows[ar + 5] * aStep, a6 = ai + aRows[ar + 6] * aStep, a7 = ai + aRows[ar + 7] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1);
            x = FloatVector.broadcast(S, a[a4 + ap]); s4_0 = b0.fma(x, s4_0); s4_1 = b1.fma(x, s4_1);
            x = FloatVector.broadcast(S, a[a5 + ap]); s5_0 = b0.fma(x, s5_0); s5_1 = b1.fma(x, s5_1);
            x = FloatVector.broadcast(S, a[a6 + ap]); s6_0 = b0.fma(x, s6_0); s6_1 = b1.fma(x, s6_1);
            x = FloatVector.broadcast(S, a[a7 + ap]); s7_0 = b0.fma(x, s7_0); s7_1 = b1.fma(x, s7_1);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L);
        s4_0.intoArray(c, cj + 4 * ldc); s4_1.intoArray(c, cj + 4 * ldc + L);
        s5_0.intoArray(c, cj + 5 * ldc); s5_1.intoArray(c, cj + 5 * ldc + L);
        s6_0.intoArray(c, cj + 6 * ldc); s6_1.intoArray(c, cj + 6 * ldc + L);
        s7_0.intoArray(c, cj + 7 * ldc); s7_1.intoArray(c, cj + 7 * ldc + L);
    }

    private static void strip2x4(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L);
    }

    private static void strip2x1(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L);
        int a0 = ai + aRows[ar] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L);
    }

    private static void strip1x8(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild);
        FloatVector s4_0 = FloatVector.fromArray(S, init, io + 4 * ild);
        FloatVector s5_0 = FloatVector.fromArray(S, init, io + 5 * ild);
        FloatVector s6_0 = FloatVector.fromArray(S, init, io + 6 * ild);
        FloatVector s7_0 = FloatVector.fromArray(S, init, io + 7 * ild);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep, a4 = ai + aRows[ar + 4] * aStep, a5 = ai + aRows[ar + 5] * aStep, a6 = ai + aRows[ar + 6] * aStep, a7 = ai + aRows[ar + 7] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
            s1_0 = b0.fma(FloatVector.broadcast(S, a[a1 + ap]), s1_0);
            s2_0 = b0.fma(FloatVector.broadcast(S, a[a2 + ap]), s2_0);
            s3_0 = b0.fma(FloatVector.broadcast(S, a[a3 + ap]), s3_0);
            s4_0 = b0.fma(FloatVector.broadcast(S, a[a4 + ap]), s4_0);
            s5_0 = b0.fma(FloatVector.broadcast(S, a[a5 + ap]), s5_0);
            s6_0 = b0.fma(FloatVector.broadcast(S, a[a6 + ap]), s6_0);
            s7_0 = b0.fma(FloatVector.broadcast(S, a[a7 + ap]), s7_0);
        }
        s0_0.intoArray(c, cj);
        s1_0.intoArray(c, cj + ldc);
        s2_0.intoArray(c, cj + 2 * ldc);
        s3_0.intoArray(c, cj + 3 * ldc);
        s4_0.intoArray(c, cj + 4 * ldc);
        s5_0.intoArray(c, cj + 5 * ldc);
        s6_0.intoArray(c, cj + 6 * ldc);
        s7_0.intoArray(c, cj + 7 * ldc);
    }

    private static void strip1x4(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
            s1_0 = b0.fma(FloatVector.broadcast(S, a[a1 + ap]), s1_0);
            s2_0 = b0.fma(FloatVector.broadcast(S, a[a2 + ap]), s2_0);
            s3_0 = b0.fma(FloatVector.broadcast(S, a[a3 + ap]), s3_0);
        }
        s0_0.intoArray(c, cj);
        s1_0.intoArray(c, cj + ldc);
        s2_0.intoArray(c, cj + 2 * ldc);
        s3_0.intoArray(c, cj + 3 * ldc);
    }

    private static void strip1x1(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int ldb,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        int a0 = ai + aRows[ar] * aStep;
        for (int p = 0, ap = 0, bp = bj; p < k; p++, ap += aCol, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
        }
        s0_0.intoArray(c, cj);
    }

    private static void tableStrip4x6(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L), s1_2 = FloatVector.fromArray(S, init, io + ild + 2 * L), s1_3 = FloatVector.fromArray(S, init, io + ild + 3 * L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L), s2_2 = FloatVector.fromArray(S, init, io + 2 * ild + 2 * L), s2_3 = FloatVector.fromArray(S, init, io + 2 * ild + 3 * L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L), s3_2 = FloatVector.fromArray(S, init, io + 3 * ild + 2 * L), s3_3 = FloatVector.fromArray(S, init, io + 3 * ild + 3 * L);
        FloatVector s4_0 = FloatVector.fromArray(S, init, io + 4 * ild), s4_1 = FloatVector.fromArray(S, init, io + 4 * ild + L), s4_2 = FloatVector.fromArray(S, init, io + 4 * ild + 2 * L), s4_3 = FloatVector.fromArray(S, init, io + 4 * ild + 3 * L);
        FloatVector s5_0 = FloatVector.fromArray(S, init, io + 5 * ild), s5_1 = FloatVector.fromArray(S, init, io + 5 * ild + L), s5_2 = FloatVector.fromArray(S, init, io + 5 * ild + 2 * L), s5_3 = FloatVector.fromArray(S, init, io + 5 * ild + 3 * L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep, a4 = ai + aRows[ar + 4] * aStep, a5 = ai + aRows[ar + 5] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1); s1_2 = b2.fma(x, s1_2); s1_3 = b3.fma(x, s1_3);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1); s2_2 = b2.fma(x, s2_2); s2_3 = b3.fma(x, s2_3);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1); s3_2 = b2.fma(x, s3_2); s3_3 = b3.fma(x, s3_3);
            x = FloatVector.broadcast(S, a[a4 + ap]); s4_0 = b0.fma(x, s4_0); s4_1 = b1.fma(x, s4_1); s4_2 = b2.fma(x, s4_2); s4_3 = b3.fma(x, s4_3);
            x = FloatVector.broadcast(S, a[a5 + ap]); s5_0 = b0.fma(x, s5_0); s5_1 = b1.fma(x, s5_1); s5_2 = b2.fma(x, s5_2); s5_3 = b3.fma(x, s5_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L); s1_2.intoArray(c, cj + ldc + 2 * L); s1_3.intoArray(c, cj + ldc + 3 * L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L); s2_2.intoArray(c, cj + 2 * ldc + 2 * L); s2_3.intoArray(c, cj + 2 * ldc + 3 * L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L); s3_2.intoArray(c, cj + 3 * ldc + 2 * L); s3_3.intoArray(c, cj + 3 * ldc + 3 * L);
        s4_0.intoArray(c, cj + 4 * ldc); s4_1.intoArray(c, cj + 4 * ldc + L); s4_2.intoArray(c, cj + 4 * ldc + 2 * L); s4_3.intoArray(c, cj + 4 * ldc + 3 * L);
        s5_0.intoArray(c, cj + 5 * ldc); s5_1.intoArray(c, cj + 5 * ldc + L); s5_2.intoArray(c, cj + 5 * ldc + 2 * L); s5_3.intoArray(c, cj + 5 * ldc + 3 * L);
    }

    private static void tableStrip4x4(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild), s1_1 = FloatVector.fromArray(S, init, io + ild + L), s1_2 = FloatVector.fromArray(S, init, io + ild + 2 * L), s1_3 = FloatVector.fromArray(S, init, io + ild + 3 * L);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild), s2_1 = FloatVector.fromArray(S, init, io + 2 * ild + L), s2_2 = FloatVector.fromArray(S, init, io + 2 * ild + 2 * L), s2_3 = FloatVector.fromArray(S, init, io + 2 * ild + 3 * L);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild), s3_1 = FloatVector.fromArray(S, init, io + 3 * ild + L), s3_2 = FloatVector.fromArray(S, init, io + 3 * ild + 2 * L), s3_3 = FloatVector.fromArray(S, init, io + 3 * ild + 3 * L);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
            x = FloatVector.broadcast(S, a[a1 + ap]); s1_0 = b0.fma(x, s1_0); s1_1 = b1.fma(x, s1_1); s1_2 = b2.fma(x, s1_2); s1_3 = b3.fma(x, s1_3);
            x = FloatVector.broadcast(S, a[a2 + ap]); s2_0 = b0.fma(x, s2_0); s2_1 = b1.fma(x, s2_1); s2_2 = b2.fma(x, s2_2); s2_3 = b3.fma(x, s2_3);
            x = FloatVector.broadcast(S, a[a3 + ap]); s3_0 = b0.fma(x, s3_0); s3_1 = b1.fma(x, s3_1); s3_2 = b2.fma(x, s3_2); s3_3 = b3.fma(x, s3_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
        s1_0.intoArray(c, cj + ldc); s1_1.intoArray(c, cj + ldc + L); s1_2.intoArray(c, cj + ldc + 2 * L); s1_3.intoArray(c, cj + ldc + 3 * L);
        s2_0.intoArray(c, cj + 2 * ldc); s2_1.intoArray(c, cj + 2 * ldc + L); s2_2.intoArray(c, cj + 2 * ldc + 2 * L); s2_3.intoArray(c, cj + 2 * ldc + 3 * L);
        s3_0.intoArray(c, cj + 3 * ldc); s3_1.intoArray(c, cj + 3 * ldc + L); s3_2.intoArray(c, cj + 3 * ldc + 2 * L); s3_3.intoArray(c, cj + 3 * ldc + 3 * L);
    }

    private static void tableStrip4x1(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io), s0_1 = FloatVector.fromArray(S, init, io + L), s0_2 = FloatVector.fromArray(S, init, io + 2 * L), s0_3 = FloatVector.fromArray(S, init, io + 3 * L);
        int a0 = ai + aRows[ar] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L), b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]); s0_0 = b0.fma(x, s0_0); s0_1 = b1.fma(x, s0_1); s0_2 = b2.fma(x, s0_2); s0_3 = b3.fma(x, s0_3);
        }
        s0_0.intoArray(c, cj); s0_1.intoArray(c, cj + L); s0_2.intoArray(c, cj + 2 * L); s0_3.intoArray(c, cj + 3 * L);
    }

    private static void tableStrip1x8(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild);
        FloatVector s4_0 = FloatVector.fromArray(S, init, io + 4 * ild);
        FloatVector s5_0 = FloatVector.fromArray(S, init, io + 5 * ild);
        FloatVector s6_0 = FloatVector.fromArray(S, init, io + 6 * ild);
        FloatVector s7_0 = FloatVector.fromArray(S, init, io + 7 * ild);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep, a4 = ai + aRows[ar + 4] * aStep, a5 = ai + aRows[ar + 5] * aStep, a6 = ai + aRows[ar + 6] * aStep, a7 = ai + aRows[ar + 7] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
            s1_0 = b0.fma(FloatVector.broadcast(S, a[a1 + ap]), s1_0);
            s2_0 = b0.fma(FloatVector.broadcast(S, a[a2 + ap]), s2_0);
            s3_0 = b0.fma(FloatVector.broadcast(S, a[a3 + ap]), s3_0);
            s4_0 = b0.fma(FloatVector.broadcast(S, a[a4 + ap]), s4_0);
            s5_0 = b0.fma(FloatVector.broadcast(S, a[a5 + ap]), s5_0);
            s6_0 = b0.fma(FloatVector.broadcast(S, a[a6 + ap]), s6_0);
            s7_0 = b0.fma(FloatVector.broadcast(S, a[a7 + ap]), s7_0);
        }
        s0_0.intoArray(c, cj);
        s1_0.intoArray(c, cj + ldc);
        s2_0.intoArray(c, cj + 2 * ldc);
        s3_0.intoArray(c, cj + 3 * ldc);
        s4_0.intoArray(c, cj + 4 * ldc);
        s5_0.intoArray(c, cj + 5 * ldc);
        s6_0.intoArray(c, cj + 6 * ldc);
        s7_0.intoArray(c, cj + 7 * ldc);
    }

    private static void tableStrip1x4(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        FloatVector s1_0 = FloatVector.fromArray(S, init, io + ild);
        FloatVector s2_0 = FloatVector.fromArray(S, init, io + 2 * ild);
        FloatVector s3_0 = FloatVector.fromArray(S, init, io + 3 * ild);
        int a0 = ai + aRows[ar] * aStep, a1 = ai + aRows[ar + 1] * aStep, a2 = ai + aRows[ar + 2] * aStep, a3 = ai + aRows[ar + 3] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
            s1_0 = b0.fma(FloatVector.broadcast(S, a[a1 + ap]), s1_0);
            s2_0 = b0.fma(FloatVector.broadcast(S, a[a2 + ap]), s2_0);
            s3_0 = b0.fma(FloatVector.broadcast(S, a[a3 + ap]), s3_0);
        }
        s0_0.intoArray(c, cj);
        s1_0.intoArray(c, cj + ldc);
        s2_0.intoArray(c, cj + 2 * ldc);
        s3_0.intoArray(c, cj + 3 * ldc);
    }

    private static void tableStrip1x1(int k, float[] a, int ai, int[] aRows, int ar, int aStep, int aCol, float[] b, int bj, int[] bRows, int br,
                                float[] init, int io, int ild, float[] c, int cj, int ldc) {
        FloatVector s0_0 = FloatVector.fromArray(S, init, io);
        int a0 = ai + aRows[ar] * aStep;
        for (int p = 0, ap = 0; p < k; p++, ap += aCol) {
            int bp = bj + bRows[br + p];
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            s0_0 = b0.fma(FloatVector.broadcast(S, a[a0 + ap]), s0_0);
        }
        s0_0.intoArray(c, cj);
    }
}
