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

    /**
     * Input rows (or columns) that no window reads: between windows a stride apart that do not touch,
     * and after the last one. Counted in the input itself, not in its padded frame.
     */
    public static long unread(long in, int kernel, int stride, int padding) {
        long windows = outputSize(in, kernel, stride, padding);
        long read = 0, end = 0; // read rows of the padded frame, up to `end`, clipped to the input [padding, padding + in)
        for (long i = 0; i < windows; i++) {
            long from = Math.max(i * stride, Math.max(end, padding)), to = Math.min(i * stride + kernel, padding + in);
            if (to > from) read += to - from;
            end = Math.max(end, to);
        }
        return in - read;
    }
}
