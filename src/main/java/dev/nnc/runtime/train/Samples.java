package dev.nnc.runtime.train;

/**
 * Labelled samples ready for a network: {@code n} inputs of {@code size} values each,
 * row-major, already normalized, and their class labels.
 */
public record Samples(float[] inputs, int[] labels, int n, int size) {
    public Samples {
        if (inputs.length < (long) n * size || labels.length < n) {
            throw new IllegalArgumentException("samples hold fewer values than n × size");
        }
    }

    /** The samples at positions {@code order[from .. from+count)}, copied. */
    public Samples pick(int[] order, int from, int count) {
        float[] x = new float[count * size];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(inputs, order[from + i] * size, x, i * size, size);
            y[i] = labels[order[from + i]];
        }
        return new Samples(x, y, count, size);
    }

    /** Pixels in [0, 1] mapped to (x − mean)/std, into a new array. */
    public static float[] normalize(float[] pixels, double mean, double std) {
        float[] out = new float[pixels.length];
        if (mean == 0 && std == 1) {
            System.arraycopy(pixels, 0, out, 0, pixels.length);
            return out;
        }
        for (int i = 0; i < pixels.length; i++) out[i] = (float) ((pixels[i] - mean) / std);
        return out;
    }
}
