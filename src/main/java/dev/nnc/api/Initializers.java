package dev.nnc.api;

/**
 * The initializers of the .nn language, filling a slice of a flat parameter array.
 * {@code xavier} is Glorot's uniform(±√(6/(fan_in+fan_out))); {@code he} is Kaiming's
 * normal(0, √(2/fan_in)).
 */
public final class Initializers {
    private Initializers() {}

    public static void normal(float[] p, int offset, int size, double std, Rng rng) {
        for (int i = offset; i < offset + size; i++) p[i] = (float) (std * rng.nextGaussian());
    }

    public static void normal(double[] p, int offset, int size, double std, Rng rng) {
        for (int i = offset; i < offset + size; i++) p[i] = std * rng.nextGaussian();
    }

    public static void uniform(float[] p, int offset, int size, double limit, Rng rng) {
        for (int i = offset; i < offset + size; i++) p[i] = (float) (limit * (2 * rng.nextDouble() - 1));
    }

    public static void uniform(double[] p, int offset, int size, double limit, Rng rng) {
        for (int i = offset; i < offset + size; i++) p[i] = limit * (2 * rng.nextDouble() - 1);
    }

    public static double xavierLimit(int fanIn, int fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    public static double heStd(int fanIn) {
        return Math.sqrt(2.0 / fanIn);
    }
}
