package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ReLU and its derivative for classes generated with {@code --vector}. JDK 17's C2 does
 * not vectorize a conditional select ({@code z > 0 ? z : 0}), so the plain loop runs one
 * unpredictable branch per value; on the Cnn's first layer that cost more than the
 * convolution. A value goes the same way in the vector body and the scalar tail.
 */
public final class VectorActivations {
    private static final VectorSpecies<Float> S = Lanes.FLOATS;
    private static final int L = S.length();

    private VectorActivations() {}

    /** y = max(z, 0) over {@code [from, to)} (a NaN stays NaN, so the divergence guard sees it). */
    public static void relu(float[] z, float[] y, int from, int to) {
        int i = from, n = to;
        for (; i + L <= n; i += L) FloatVector.fromArray(S, z, i).max(0f).intoArray(y, i);
        for (; i < n; i++) y[i] = Math.max(z[i], 0f);
    }

    /** Σ a[from, to), summed lane by lane then across the lanes: a fixed order, though not left to right. */
    public static float sum(float[] a, int from, int to) {
        int i = from;
        FloatVector acc = FloatVector.zero(S);
        for (; i + L <= to; i += L) acc = acc.add(FloatVector.fromArray(S, a, i));
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) sum += a[i];
        return sum;
    }

    /** δz = δy where y &gt; 0, else 0, over {@code [from, to)}. */
    public static void reluBackward(float[] y, float[] dy, float[] dz, int from, int to) {
        int i = from, n = to;
        FloatVector zero = FloatVector.zero(S);
        for (; i + L <= n; i += L) {
            FloatVector yv = FloatVector.fromArray(S, y, i);
            zero.blend(FloatVector.fromArray(S, dy, i), yv.compare(VectorOperators.GT, 0f)).intoArray(dz, i);
        }
        for (; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0f;
    }
}
