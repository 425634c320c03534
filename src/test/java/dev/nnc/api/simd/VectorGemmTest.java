package dev.nnc.api.simd;

import dev.nnc.api.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The kernel against the textbook triple loop, over shapes that reach every block and tail, A plain and transposed. */
class VectorGemmTest {
    @Test
    void agreesWithTheTripleLoopOnEveryBlockShape() {
        Rng rng = new Rng(11);
        for (int t = 0; t < 3000; t++) {
            int m = 1 + rng.nextInt(30), n = 1 + rng.nextInt(150), k = 1 + rng.nextInt(20);
            boolean transposed = rng.nextInt(2) == 0, add = rng.nextInt(2) == 0;
            float[] a = random(rng, m * k + 5), b = random(rng, k * (n + 3) + 7), c = random(rng, m * (n + 2) + 9);
            float[] expected = c.clone();
            int aOff = 2, aRow = transposed ? 1 : k, aCol = transposed ? m : 1, bOff = 3, ldb = n + 1, cOff = 4, ldc = n + 2;
            VectorGemm.gemm(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc, add);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = add ? expected[cOff + i * ldc + j] : 0;
                    for (int p = 0; p < k; p++) sum += (double) a[aOff + i * aRow + p * aCol] * b[bOff + p * ldb + j];
                    expected[cOff + i * ldc + j] = (float) sum;
                }
            }
            for (int i = 0; i < c.length; i++) {
                if (Math.abs(c[i] - expected[i]) > 1e-5) {
                    fail("m=" + m + " n=" + n + " k=" + k + " transposed=" + transposed + " add=" + add
                            + ": c[" + i + "] = " + c[i] + ", expected " + expected[i] + " (entries outside C must not change)");
                }
            }
        }
    }

    @Test
    void startingFromTheBiasGivesTheBitsOfCopyingItIntoCFirst() {
        Rng rng = new Rng(13);
        for (int t = 0; t < 500; t++) {
            int m = 1 + rng.nextInt(30), n = 1 + rng.nextInt(150), k = 1 + rng.nextInt(300);
            float[] a = random(rng, m * k), b = random(rng, k * n), bias = random(rng, n + 4);
            float[] copied = new float[m * n], fromBias = random(rng, m * n);
            for (int i = 0; i < m; i++) System.arraycopy(bias, 4, copied, i * n, n);
            VectorGemm.gemm(m, n, k, a, 0, k, 1, b, 0, n, copied, 0, n, true);
            VectorGemm.gemmFromBias(m, n, k, a, 0, k, 1, b, 0, n, fromBias, 0, n, bias, 4);
            for (int i = 0; i < m * n; i++) assertEquals(copied[i], fromBias[i], 0f, "m=" + m + " n=" + n + " k=" + k + " at " + i);
        }
    }

    @Test
    void aRowComesOutTheSameWhicheverBlockComputesIt() {
        // Threads split the rows, so a row may fall in a 12-row, 6-row, 4-row or 1-row block.
        Rng rng = new Rng(17);
        int n = 150, k = 40;
        float[] a = random(rng, 30 * k), b = random(rng, k * n);
        float[] all = new float[30 * n];
        VectorGemm.gemm(30, n, k, a, 0, k, 1, b, 0, n, all, 0, n, false);
        for (int from = 0; from < 30; from += 7) {
            int m = Math.min(7, 30 - from);
            float[] part = new float[m * n];
            VectorGemm.gemm(m, n, k, a, from * k, k, 1, b, 0, n, part, 0, n, false);
            for (int i = 0; i < m * n; i++) assertEquals(all[from * n + i], part[i], 0f, "row " + (from + i / n) + ", column " + i % n);
        }
    }

    @Test
    void rowsAtOffsetsFromATableAgreeWithTheTripleLoop() {
        // A convolution reads its input in place: rows of A (dW) or of B (forward, δx) start where a table says.
        Rng rng = new Rng(23);
        for (int t = 0; t < 1500; t++) {
            boolean tableForA = rng.nextInt(2) == 0, add = rng.nextInt(2) == 0;
            int m = 1 + rng.nextInt(30), k = 1 + rng.nextInt(300);
            int n = tableForA ? 1 + rng.nextInt(150) : VectorGemm.LANES * (1 + rng.nextInt(12));
            int[] rows = new int[tableForA ? m + 3 : k + 3];
            for (int i = 0; i < rows.length; i++) rows[i] = rng.nextInt(50);
            float[] a = random(rng, tableForA ? 60 + k : m * k + 60), b = random(rng, tableForA ? k * n + 5 : 60 + n);
            float[] c = random(rng, m * n + 9), expected = c.clone();
            if (tableForA) {
                VectorGemm.gemmRowsOfAAt(m, n, k, a, 4, rows, 3, 1, b, 5, n, c, 9, n, add);
            } else {
                VectorGemm.gemmRowsOfBAt(m, n, k, a, 60, k, 1, b, 2, rows, c, 9, n, add);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = add ? expected[9 + i * n + j] : 0;
                    for (int p = 0; p < k; p++) {
                        double av = tableForA ? a[4 + rows[3 + i] + p] : a[60 + i * k + p];
                        double bv = tableForA ? b[5 + p * n + j] : b[2 + rows[p] + j];
                        sum += av * bv;
                    }
                    expected[9 + i * n + j] = (float) sum;
                }
            }
            for (int i = 0; i < c.length; i++) {
                if (Math.abs(c[i] - expected[i]) > 1e-4) {
                    fail("table for " + (tableForA ? "A" : "B") + " m=" + m + " n=" + n + " k=" + k + " add=" + add
                            + ": c[" + i + "] = " + c[i] + ", expected " + expected[i]);
                }
            }
        }
    }

    @Test
    void aColumnComesOutTheSameWhereverItFalls() {
        // Vector lanes and the scalar tail both sum p in order with fused multiply-adds: the
        // same column gives the same bits whether it is column 0 of 16 or the tail of 17.
        Rng rng = new Rng(5);
        int m = 3, k = 37;
        float[] a = random(rng, m * k), col = random(rng, k);
        float[] b16 = new float[k * 16], b17 = new float[k * 17];
        for (int p = 0; p < k; p++) { b16[p * 16] = col[p]; b17[p * 17 + 16] = col[p]; }
        float[] c16 = new float[m * 16], c17 = new float[m * 17];
        VectorGemm.gemm(m, 16, k, a, 0, k, 1, b16, 0, 16, c16, 0, 16, false);
        VectorGemm.gemm(m, 17, k, a, 0, k, 1, b17, 0, 17, c17, 0, 17, false);
        for (int i = 0; i < m; i++) assertEquals(c16[i * 16], c17[i * 17 + 16], 0f);
    }

    @Test
    void aLongSumInSlicesGivesTheBitsOfOnePassInEitherLoopOrder() {
        // k = 1000 runs in slices of K_BLOCK, chunks of rows outside the slices when B is small
        // (k·n ≤ B_FITS) and inside them when it is not; a scalar fused multiply-add loop in p
        // order is the one-pass result, and both orders must give its bits.
        Rng rng = new Rng(9);
        int m = 29, k = 1000;
        for (int n : new int[]{(int) (VectorGemm.B_FITS / k) - 1, (int) (VectorGemm.B_FITS / k) + 1}) {
            float[] a = random(rng, m * k), b = random(rng, k * n), c = new float[m * n];
            VectorGemm.gemm(m, n, k, a, 0, 1, m, b, 0, n, c, 0, n, false);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float sum = 0;
                    for (int p = 0; p < k; p++) sum = Math.fma(a[i + p * m], b[p * n + j], sum);
                    assertEquals(sum, c[i * n + j], 0f, "n=" + n + ": C(" + i + ", " + j + ")");
                }
            }
        }
    }

    private static float[] random(Rng rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() - 0.5);
        return v;
    }
}
