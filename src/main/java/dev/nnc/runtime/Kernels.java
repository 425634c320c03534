package dev.nnc.runtime;

import dev.nnc.api.simd.VectorModule;

/**
 * How a live network's dense and convolutional layers compute: plain loops that any JDK 17
 * runs ({@link #SCALAR}, the default), or whole-batch matrix products with the incubating
 * Vector API ({@link #VECTOR}, several times faster, float only), which needs the JVM flag
 * {@code --add-modules jdk.incubator.vector} (the {@code nnc} launcher adds it for {@code --vector}).
 */
public enum Kernels {
    SCALAR, VECTOR;

    public static final String MODULE = VectorModule.NAME;

    public static Kernels of(boolean vector) { return vector ? VECTOR : SCALAR; }

    /** Whether this JVM can run {@link #VECTOR} classes. */
    public static boolean vectorAvailable() {
        return VectorModule.available();
    }

    /** Refuses {@link #VECTOR} in a JVM started without the module, before anything is generated. */
    public Kernels requireAvailable() {
        if (this == VECTOR && !vectorAvailable()) {
            throw new Unavailable("--vector needs the Vector API, which this JVM was started without: run it with `java --add-modules "
                    + MODULE + " ...` (the nnc launcher does that), or leave out --vector");
        }
        return this;
    }

    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) { super(message); }
    }
}
