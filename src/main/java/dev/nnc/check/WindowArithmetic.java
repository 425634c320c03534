package dev.nnc.check;

/**
 * The size rule of conv2d and pooling windows:
 * {@code out = floor((in + 2·padding − kernel) / stride) + 1}, with the rows or
 * columns that floor rounding leaves uncovered.
 */
public final class WindowArithmetic {
    private WindowArithmetic() {}

    /** Output length along one axis; 0 or less means the window does not fit. */
    public static long outputSize(long in, int kernel, int stride, int padding) {
        long span = in + 2L * padding - kernel;
        if (span < 0) return 0;
        return span / stride + 1;
    }

    /**
     * Input rows (or columns) after the last window, ignored by floor rounding. Padding
     * rows left over do not count: they hold no data.
     */
    public static long dropped(long in, int kernel, int stride, int padding) {
        long span = in + 2L * padding - kernel;
        if (span < 0) return 0;
        return Math.max(0, span % stride - padding);
    }
}
