package dev.nnc.runtime.train;

import dev.nnc.runtime.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MNIST's samples are kept as floats or as bytes, as the heap allows; either way every input is the float
 * that normalizing its pixel gives ((x − mean)/std of x = byte/255), to the last bit, through a split too.
 */
class SamplesTest {
    @Test
    void floatsAndBytesGiveTheSameInputsAsNormalizingEachPixel() {
        int n = 7, rows = 4, cols = 5;
        byte[] bytes = new byte[n * rows * cols];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 37 + 11);
        int[] labels = {3, 1, 4, 1, 5, 9, 2};
        Dataset d = new Dataset(n, rows, cols, bytes, labels);
        for (double[] scaling : new double[][] {{0, 1}, {0.5, 0.5}, {0.1307, 0.3081}}) {
            Samples floats = Samples.of(d, scaling[0], scaling[1], true), kept = Samples.of(d, scaling[0], scaling[1], false);
            for (int s = 0; s < n; s++) {
                float[] expected = new float[rows * cols];
                for (int j = 0; j < expected.length; j++) {
                    float x = (bytes[s * expected.length + j] & 0xff) / 255f;
                    expected[j] = scaling[0] == 0 && scaling[1] == 1 ? x : (float) ((x - scaling[0]) / scaling[1]);
                }
                for (Samples samples : new Samples[] {floats, kept}) {
                    float[] got = new float[expected.length + 3];
                    samples.copyInput(s, got, 3);
                    assertArrayEquals(expected, java.util.Arrays.copyOfRange(got, 3, got.length));
                }
            }
            // A split of a split picks the same samples from either.
            int[] order = {6, 0, 5, 1, 4};
            Samples a = floats.pick(order, 1, 4).pick(new int[] {3, 2}, 0, 2), b = kept.pick(order, 1, 4).pick(new int[] {3, 2}, 0, 2);
            assertEquals(2, a.n());
            for (int s = 0; s < 2; s++) {
                float[] x = new float[rows * cols], y = new float[rows * cols];
                a.copyInput(s, x, 0);
                b.copyInput(s, y, 0);
                assertArrayEquals(x, y);
                assertEquals(a.labels()[s], b.labels()[s]);
            }
            assertEquals(labels[4], a.labels()[0]); // order[1..4] is 0, 5, 1, 4; its positions 3 and 2 are samples 4 and 1
            assertEquals(labels[1], a.labels()[1]);
        }
    }
}
