package dev.nnc.api;

/**
 * SplitMix64: a tiny, fast generator whose whole state is one long, so a checkpoint
 * can save it and a resumed run draws exactly the same numbers. Used for
 * initialization, dropout masks and shuffling; the same seed gives the same model on
 * every JVM.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long state() { return state; }

    public void setState(long state) { this.state = state; }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Standard normal by Box–Muller (one value per call, so the state stays a single long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
