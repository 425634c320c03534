package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one matrix product behind dense and convolutional layers in classes generated with
 * {@code --vector}: C (+)= A·B in float, written with the incubating Vector API
 * ({@code jdk.incubator.vector}, so the JVM needs {@code --add-modules jdk.incubator.vector}).
 *
 * <p>Why a kernel at all: HotSpot's C2 auto-vectorizes a plain axpy loop, but runs short
 * inner loops (the 10–128 outputs of a layer) mostly in its scalar pre- and post-loops,
 * and it never keeps partial sums in registers. Here a 4×64 block of C lives in 16
 * vector registers while the k loop streams A (broadcast) and B (one row of 64 values per
 * step): 16 fused multiply-adds for 4 loads, instead of one load and one store per
 * multiply-add.
 *
 * <p>A(i, p) = {@code a[aOff + i·aRow + p·aCol]}, so A may be read transposed;
 * B(p, j) = {@code b[bOff + p·ldb + j]} and C(i, j) = {@code c[cOff + i·ldc + j]} run
 * contiguously along j. Every C(i, j) sums p = 0, 1, … in order with fused multiply-adds,
 * so results are deterministic, though not bit-equal to the scalar classes' sums.
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGemm() {}

    /** Steps of p per pass over C: the slices of A and B that a pass reads stay in the caches. */
    static final int K_BLOCK = 256;

    /** C(i, j) = (add ? C(i, j) : 0) + Σ_p A(i, p)·B(p, j), for i &lt; m, j &lt; n, p &lt; k. */
    public static void gemm(int m, int n, int k,
                            float[] a, int aOff, int aRow, int aCol,
                            float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean add) {
        // A long k (a convolution's dW sums over every position of the batch, n·784 of them)
        // goes in slices: otherwise each block of C would stream all of A and B from memory
        // again. C holds the float partial sums between slices, exactly as the registers
        // did, so the result is bit for bit that of one pass.
        // Every block starts from C as it is in memory: no vector is chosen between a load and
        // zero, and none crosses a call, because a vector that does becomes an object on the
        // heap whenever C2 declines to inline (it did, in a JVM that had run many shapes).
        if (!add) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            pass(m, n, Math.min(K_BLOCK, k - p0), a, aOff + p0 * aCol, aRow, aCol, b, bOff + p0 * ldb, ldb, c, cOff, ldc);
        }
    }

    private static void pass(int m, int n, int k,
                             float[] a, int aOff, int aRow, int aCol,
                             float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        // Columns past the last whole vector are summed by plain loops: JDK 17 runs masked
        // vector loads and stores in Java code, far slower than a few scalar multiply-adds.
        int whole = n - n % L;
        int i = 0;
        if (whole == L) {
            // One vector of columns (16 outputs): eight rows at a time give eight independent sums.
            for (; i + 8 <= m; i += 8) block8x1(k, a, aOff + i * aRow, aRow, aCol, b, bOff, ldb, c, cOff + i * ldc, ldc);
        }
        for (; i + 4 <= m; i += 4) {
            int ai = aOff + i * aRow, ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= whole; j += 4 * L) block4x4(k, a, ai, aRow, aCol, b, bOff + j, ldb, c, ci + j, ldc);
            for (; j + 2 * L <= whole; j += 2 * L) block4x2(k, a, ai, aRow, aCol, b, bOff + j, ldb, c, ci + j, ldc);
            for (; j < whole; j += L) block4x1(k, a, ai, aRow, aCol, b, bOff + j, ldb, c, ci + j, ldc);
        }
        for (; i < m; i++) {
            int ai = aOff + i * aRow, ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= whole; j += 4 * L) block1x4(k, a, ai, aCol, b, bOff + j, ldb, c, ci + j);
            for (; j < whole; j += L) block1x1(k, a, ai, aCol, b, bOff + j, ldb, c, ci + j);
        }
        if (whole < n) scalarColumns(m, whole, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
    }

    /** Columns j0 ≤ j &lt; j1 of C, one multiply-add at a time, p in the same order as the vector blocks. */
    private static void scalarColumns(int m, int j0, int j1, int k, float[] a, int aOff, int aRow, int aCol,
                                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow, ci = cOff + i * ldc;
            for (int j = j0; j < j1; j++) {
                float sum = c[ci + j];
                for (int p = 0; p < k; p++) sum = Math.fma(a[ai + p * aCol], b[bOff + p * ldb + j], sum);
                c[ci + j] = sum;
            }
        }
    }

    private static void block4x4(int k, float[] a, int ai, int aRow, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj, int ldc) {
        int c1 = cj + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(S, c, cj), s01 = FloatVector.fromArray(S, c, cj + L), s02 = FloatVector.fromArray(S, c, cj + 2 * L), s03 = FloatVector.fromArray(S, c, cj + 3 * L);
        FloatVector s10 = FloatVector.fromArray(S, c, c1), s11 = FloatVector.fromArray(S, c, c1 + L), s12 = FloatVector.fromArray(S, c, c1 + 2 * L), s13 = FloatVector.fromArray(S, c, c1 + 3 * L);
        FloatVector s20 = FloatVector.fromArray(S, c, c2), s21 = FloatVector.fromArray(S, c, c2 + L), s22 = FloatVector.fromArray(S, c, c2 + 2 * L), s23 = FloatVector.fromArray(S, c, c2 + 3 * L);
        FloatVector s30 = FloatVector.fromArray(S, c, c3), s31 = FloatVector.fromArray(S, c, c3 + L), s32 = FloatVector.fromArray(S, c, c3 + 2 * L), s33 = FloatVector.fromArray(S, c, c3 + 3 * L);
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb, ap = ai + p * aCol;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L), b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = b0.fma(x, s00); s01 = b1.fma(x, s01); s02 = b2.fma(x, s02); s03 = b3.fma(x, s03);
            x = FloatVector.broadcast(S, a[ap + aRow]);
            s10 = b0.fma(x, s10); s11 = b1.fma(x, s11); s12 = b2.fma(x, s12); s13 = b3.fma(x, s13);
            x = FloatVector.broadcast(S, a[ap + 2 * aRow]);
            s20 = b0.fma(x, s20); s21 = b1.fma(x, s21); s22 = b2.fma(x, s22); s23 = b3.fma(x, s23);
            x = FloatVector.broadcast(S, a[ap + 3 * aRow]);
            s30 = b0.fma(x, s30); s31 = b1.fma(x, s31); s32 = b2.fma(x, s32); s33 = b3.fma(x, s33);
        }
        s00.intoArray(c, cj); s01.intoArray(c, cj + L); s02.intoArray(c, cj + 2 * L); s03.intoArray(c, cj + 3 * L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L); s12.intoArray(c, c1 + 2 * L); s13.intoArray(c, c1 + 3 * L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L); s22.intoArray(c, c2 + 2 * L); s23.intoArray(c, c2 + 3 * L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L); s32.intoArray(c, c3 + 2 * L); s33.intoArray(c, c3 + 3 * L);
    }

    private static void block4x2(int k, float[] a, int ai, int aRow, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj, int ldc) {
        int c1 = cj + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(S, c, cj), s01 = FloatVector.fromArray(S, c, cj + L);
        FloatVector s10 = FloatVector.fromArray(S, c, c1), s11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector s20 = FloatVector.fromArray(S, c, c2), s21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector s30 = FloatVector.fromArray(S, c, c3), s31 = FloatVector.fromArray(S, c, c3 + L);
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb, ap = ai + p * aCol;
            FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            s00 = b0.fma(x, s00); s01 = b1.fma(x, s01);
            x = FloatVector.broadcast(S, a[ap + aRow]);
            s10 = b0.fma(x, s10); s11 = b1.fma(x, s11);
            x = FloatVector.broadcast(S, a[ap + 2 * aRow]);
            s20 = b0.fma(x, s20); s21 = b1.fma(x, s21);
            x = FloatVector.broadcast(S, a[ap + 3 * aRow]);
            s30 = b0.fma(x, s30); s31 = b1.fma(x, s31);
        }
        s00.intoArray(c, cj); s01.intoArray(c, cj + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
    }

    private static void block4x1(int k, float[] a, int ai, int aRow, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj, int ldc) {
        int c1 = cj + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector s0 = FloatVector.fromArray(S, c, cj), s1 = FloatVector.fromArray(S, c, c1);
        FloatVector s2 = FloatVector.fromArray(S, c, c2), s3 = FloatVector.fromArray(S, c, c3);
        for (int p = 0; p < k; p++) {
            int ap = ai + p * aCol;
            FloatVector b0 = FloatVector.fromArray(S, b, bj + p * ldb);
            s0 = b0.fma(FloatVector.broadcast(S, a[ap]), s0);
            s1 = b0.fma(FloatVector.broadcast(S, a[ap + aRow]), s1);
            s2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * aRow]), s2);
            s3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * aRow]), s3);
        }
        s0.intoArray(c, cj); s1.intoArray(c, c1); s2.intoArray(c, c2); s3.intoArray(c, c3);
    }

    private static void block8x1(int k, float[] a, int ai, int aRow, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj, int ldc) {
        FloatVector s0 = FloatVector.fromArray(S, c, cj), s1 = FloatVector.fromArray(S, c, cj + ldc), s2 = FloatVector.fromArray(S, c, cj + 2 * ldc), s3 = FloatVector.fromArray(S, c, cj + 3 * ldc);
        FloatVector s4 = FloatVector.fromArray(S, c, cj + 4 * ldc), s5 = FloatVector.fromArray(S, c, cj + 5 * ldc), s6 = FloatVector.fromArray(S, c, cj + 6 * ldc), s7 = FloatVector.fromArray(S, c, cj + 7 * ldc);
        for (int p = 0; p < k; p++) {
            int ap = ai + p * aCol;
            FloatVector b0 = FloatVector.fromArray(S, b, bj + p * ldb);
            s0 = b0.fma(FloatVector.broadcast(S, a[ap]), s0);
            s1 = b0.fma(FloatVector.broadcast(S, a[ap + aRow]), s1);
            s2 = b0.fma(FloatVector.broadcast(S, a[ap + 2 * aRow]), s2);
            s3 = b0.fma(FloatVector.broadcast(S, a[ap + 3 * aRow]), s3);
            s4 = b0.fma(FloatVector.broadcast(S, a[ap + 4 * aRow]), s4);
            s5 = b0.fma(FloatVector.broadcast(S, a[ap + 5 * aRow]), s5);
            s6 = b0.fma(FloatVector.broadcast(S, a[ap + 6 * aRow]), s6);
            s7 = b0.fma(FloatVector.broadcast(S, a[ap + 7 * aRow]), s7);
        }
        s0.intoArray(c, cj); s1.intoArray(c, cj + ldc); s2.intoArray(c, cj + 2 * ldc); s3.intoArray(c, cj + 3 * ldc);
        s4.intoArray(c, cj + 4 * ldc); s5.intoArray(c, cj + 5 * ldc); s6.intoArray(c, cj + 6 * ldc); s7.intoArray(c, cj + 7 * ldc);
    }

    private static void block1x4(int k, float[] a, int ai, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj) {
        FloatVector s0 = FloatVector.fromArray(S, c, cj), s1 = FloatVector.fromArray(S, c, cj + L), s2 = FloatVector.fromArray(S, c, cj + 2 * L), s3 = FloatVector.fromArray(S, c, cj + 3 * L);
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[ai + p * aCol]);
            s0 = FloatVector.fromArray(S, b, bp).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, bp + L).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(x, s2);
            s3 = FloatVector.fromArray(S, b, bp + 3 * L).fma(x, s3);
        }
        s0.intoArray(c, cj); s1.intoArray(c, cj + L); s2.intoArray(c, cj + 2 * L); s3.intoArray(c, cj + 3 * L);
    }

    private static void block1x1(int k, float[] a, int ai, int aCol, float[] b, int bj, int ldb,
                                 float[] c, int cj) {
        FloatVector s = FloatVector.fromArray(S, c, cj);
        for (int p = 0; p < k; p++) {
            s = FloatVector.fromArray(S, b, bj + p * ldb).fma(FloatVector.broadcast(S, a[ai + p * aCol]), s);
        }
        s.intoArray(c, cj);
    }
}
