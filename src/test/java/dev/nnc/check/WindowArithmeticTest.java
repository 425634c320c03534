package dev.nnc.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The conv/pool size rule, out = floor((in + 2p − k)/s) + 1, and what floor rounding drops. */
class WindowArithmeticTest {
    @ParameterizedTest(name = "in={0} k={1} s={2} p={3} -> {4} (drops {5})")
    @CsvSource({
            // in, kernel, stride, padding, out, dropped
            "28, 3, 1, 1, 28, 0",   // "same" convolution
            "28, 3, 1, 0, 26, 0",   // valid convolution
            "28, 2, 2, 0, 14, 0",   // pooling halves
            "7,  2, 2, 0, 3, 1",    // odd map: the last row is dropped
            "28, 5, 2, 0, 12, 1",   // (28 − 5)/2 = 11.5 → 11, +1
            "28, 3, 2, 1, 14, 0",   // the leftover row is padding, not data
            "5,  5, 1, 0, 1, 0",    // the window exactly fits
            "3,  5, 1, 0, 0, 0",    // does not fit: no output
            "3,  5, 1, 1, 1, 0",    // padding makes it fit
            "1,  1, 1, 0, 1, 0",
            "10, 3, 3, 0, 3, 1",
            "12, 4, 3, 0, 3, 2",    // windows at 0, 3, 6; rows 10 and 11 unused
            "6,  3, 1, 1, 6, 0",    // fixture conv_relu_maxpool_dense_ce
            "2147483647, 1, 1, 0, 2147483647, 0",
    })
    void sizeRule(long in, int kernel, int stride, int padding, long out, long dropped) {
        assertEquals(out, WindowArithmetic.outputSize(in, kernel, stride, padding));
        assertEquals(dropped, WindowArithmetic.dropped(in, kernel, stride, padding));
    }

    @ParameterizedTest(name = "rectangular {0}x{1} kernel [{2},{3}] stride {4} -> {5}x{6}")
    @CsvSource({
            "28, 28, 3, 5, 1, 26, 24",
            "28, 20, 5, 3, 2, 12, 9",
            "8,  8,  1, 8, 1, 8, 1",
    })
    void rectangularKernelsApplyTheRulePerAxis(int h, int w, int kh, int kw, int s, long oh, long ow) {
        assertEquals(oh, WindowArithmetic.outputSize(h, kh, s, 0));
        assertEquals(ow, WindowArithmetic.outputSize(w, kw, s, 0));
    }

    /** The rows no window reads, counted one by one over every small case: the same as the formula's. */
    @org.junit.jupiter.api.Test
    void unreadRowsAreThoseNoWindowCovers() {
        for (int in = 1; in <= 30; in++) {
            for (int kernel = 1; kernel <= 6; kernel++) {
                for (int stride = 1; stride <= 7; stride++) {
                    for (int padding = 0; padding <= 3; padding++) {
                        long windows = WindowArithmetic.outputSize(in, kernel, stride, padding);
                        boolean[] read = new boolean[in];
                        for (long i = 0; i < windows; i++) {
                            for (long r = i * stride; r < i * stride + kernel; r++) if (r >= padding && r < padding + in) read[(int) (r - padding)] = true;
                        }
                        int unread = 0;
                        for (boolean b : read) if (!b) unread++;
                        assertEquals(unread, WindowArithmetic.unread(in, kernel, stride, padding),
                                "in " + in + ", kernel " + kernel + ", stride " + stride + ", padding " + padding);
                    }
                }
            }
        }
        assertEquals(9, WindowArithmetic.unread(28, 2, 3, 1), "rows 1, 4, ..., 25 of 28: one of every three, nine in all");
    }
}
