package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;

/**
 * Images with their labels, ready for training: image {@code i} is
 * {@code bytes[i * pixels() .. (i + 1) * pixels())}, row-major, as the IDX file holds them (0..255,
 * read as 0..1: {@link #shade}); its label is {@code labels[i]}. Kept as bytes, a quarter of floats.
 */
public record Dataset(int n, int rows, int cols, byte[] bytes, int[] labels) {
    public Dataset {
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad dataset shape " + n + "×" + rows + "×" + cols);
        }
        if (bytes.length != (long) n * rows * cols || labels.length != n) {
            throw new IllegalArgumentException("dataset of " + n + " images of " + rows + "×" + cols + " has "
                    + bytes.length + " pixel values and " + labels.length + " labels");
        }
    }

    /** A pixel's byte (0..255) as the network reads it, scaled to 0..1. */
    public static float shade(int value) {
        return SCALED[value];
    }

    /** Every pixel as a float in 0..1, into a new array (4 bytes a pixel: training reads {@link #bytes}). */
    public float[] images() {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = SCALED[bytes[i] & 0xff];
        return out;
    }

    /** Pairs an images file with its labels file; their counts must agree. */
    public static Dataset of(IdxFile images, IdxFile labels) throws DataException {
        if (images.kind() != IdxKind.IMAGES || labels.kind() != IdxKind.LABELS) {
            throw new IllegalArgumentException("expected images and labels, got " + images.kind() + " and "
                    + labels.kind());
        }
        if (images.count() != labels.count()) {
            throw new DataException(Kind.COUNT_MISMATCH, images.path() + " holds " + Text.number(images.count())
                    + " images but " + labels.path() + " holds " + Text.number(labels.count()) + " labels; they must"
                    + " hold one label per image", "use an images file and the labels file that belongs to it");
        }
        int[] dims = images.dims();
        return new Dataset(dims[0], dims[1], dims[2], images.data(), unsigned(labels.data()));
    }

    public int pixels() {
        return rows * cols;
    }

    public int label(int i) {
        return labels[i];
    }

    private static final float[] SCALED = new float[256];
    static {
        for (int v = 0; v < 256; v++) {
            SCALED[v] = v / 255f;
        }
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Dataset[" + n + " images of " + rows + "×" + cols + "]";
    }
}
