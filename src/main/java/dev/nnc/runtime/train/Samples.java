package dev.nnc.runtime.train;

import dev.nnc.runtime.data.Dataset;

/**
 * Labelled samples ready for a network: {@code n} inputs of {@code size} values each and their class
 * labels, normalized. MNIST's are normalized through a table of its 256 pixel values, which holds exactly
 * what normalizing each pixel gives, so the inputs are the same to the last bit whichever way they are
 * kept: as floats when the heap has room for them (188 MB for the training set; a batch is then copied),
 * else as the bytes (47 MB), converted as each batch is gathered (slower for a small model, but a run
 * used to hold two float copies, ~600 MB of heap, more than a 1 GB container's default).
 */
public final class Samples {
    private final float[] floats; // inputs as they are (samples made from floats), or null
    private final byte[] bytes;   // or bytes, each read through shades
    private final float[] shades;
    private final int[] rows;     // which stored input each sample is (a split, a limit), or null for 0, 1, 2, ...
    private final int[] labels;
    private final int n, size;

    private Samples(float[] floats, byte[] bytes, float[] shades, int[] rows, int[] labels, int n, int size) {
        long stored = floats != null ? floats.length : bytes.length;
        if (rows == null && stored < (long) n * size || labels.length < n) {
            throw new IllegalArgumentException("samples hold fewer values than n × size");
        }
        this.floats = floats;
        this.bytes = bytes;
        this.shades = shades;
        this.rows = rows;
        this.labels = labels;
        this.n = n;
        this.size = size;
    }

    /** Samples of these inputs, row-major, already as the network takes them. */
    public static Samples of(float[] inputs, int[] labels, int n, int size) {
        return new Samples(inputs, null, null, null, labels, n, size);
    }

    /** The images of {@code d}, each pixel x in [0, 1] mapped to (x − mean)/std, and their labels. */
    public static Samples of(Dataset d, double mean, double std) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        // Room for the floats and, beside them, for a network's buffers (a Cnn's batch of 256 takes some 200 MB).
        return of(d, mean, std, free > 4L * d.bytes().length + (256L << 20));
    }

    /** The same, kept as floats or as the bytes: the inputs are the same either way. */
    static Samples of(Dataset d, double mean, double std, boolean asFloats) {
        float[] shades = new float[256];
        for (int v = 0; v < 256; v++) shades[v] = normalize(Dataset.shade(v), mean, std);
        if (!asFloats) return new Samples(null, d.bytes(), shades, null, d.labels(), d.n(), d.pixels());
        float[] inputs = new float[d.bytes().length];
        for (int i = 0; i < inputs.length; i++) inputs[i] = shades[d.bytes()[i] & 0xff];
        return new Samples(inputs, null, null, null, d.labels(), d.n(), d.pixels());
    }

    public int n() { return n; }

    public int size() { return size; }

    /** The labels, {@code labels()[i]} of sample {@code i} (the array may run past {@code n}). */
    public int[] labels() { return labels; }

    /** Copies the input of sample {@code i} into {@code to} at {@code at}. */
    public void copyInput(int i, float[] to, int at) {
        int from = (rows == null ? i : rows[i]) * size;
        if (floats != null) {
            System.arraycopy(floats, from, to, at, size);
        } else {
            for (int j = 0; j < size; j++) to[at + j] = shades[bytes[from + j] & 0xff];
        }
    }

    /** The samples at positions {@code order[from .. from+count)}: their labels copied, their inputs shared. */
    public Samples pick(int[] order, int from, int count) {
        int[] picked = new int[count];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            int sample = order[from + i];
            picked[i] = rows == null ? sample : rows[sample];
            y[i] = labels[sample];
        }
        return new Samples(floats, bytes, shades, picked, y, count, size);
    }

    /** A pixel x in [0, 1] mapped to (x − mean)/std; (mean 0, std 1) leaves it as it is. */
    public static float normalize(float x, double mean, double std) {
        return mean == 0 && std == 1 ? x : (float) ((x - mean) / std);
    }

    /** Pixels in [0, 1] mapped to (x − mean)/std, into a new array. */
    public static float[] normalize(float[] pixels, double mean, double std) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) out[i] = normalize(pixels[i], mean, std);
        return out;
    }
}
