package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape every {@code --vector} kernel uses: 256 bits (8 floats) where the
 * machine has them, else the JDK's preferred shape; {@code -Dnnc.vector.bits=512} (or 128)
 * chooses another.
 *
 * <p>One shape for all, because the JDK's vector classes share their profiles: once both
 * 256- and 512-bit vectors had passed through {@code FloatVector.intoArray}, C2 could no
 * longer turn the stores of a kernel into instructions, and each store built a vector object
 * (MlpSmall's inference ran ten times slower). 256 bits by default, because on the AMD EPYC
 * (Zen 4) of BENCHMARKS.md a 512-bit operation runs as two 256-bit halves: the widest kernels
 * are as fast either way, and the narrow ones (a layer of 16 outputs is one 512-bit vector
 * wide, so every multiply-add needs a broadcast of its own) are faster in two 256-bit vectors.
 * On a CPU with full-width 512-bit units, {@code -Dnnc.vector.bits=512} may be faster.
 */
public final class Lanes {
    private Lanes() {}

    public static final VectorSpecies<Float> FLOATS = choose(Integer.getInteger("nnc.vector.bits", 0));

    static VectorSpecies<Float> choose(int bits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        return switch (bits) {
            case 0 -> preferred.vectorBitSize() >= 256 ? FloatVector.SPECIES_256 : preferred;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("nnc.vector.bits must be 128, 256 or 512, not " + bits);
        };
    }
}
