package dev.nnc.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The optimizer updates of classes generated with {@code --vector}, in float arithmetic
 * as PyTorch computes them for float32 tensors, over the whole flat parameter array. C2
 * does not vectorize these loops by itself (square roots and divisions over several
 * arrays), and on the Mlp the plain loop took longer than forward and backward together.
 *
 * <p>Each call updates parameters {@code [from, n)}: the network hands ranges to its threads.
 * Every rule first forms g = grad + decay·p + l1·sign(p) (a zero coefficient adds
 * nothing). The last {@code n mod lanes} values go through a scalar loop with the same
 * operations in the same order, so a value's result does not depend on its position.
 */
public final class VectorOptimizers {
    private static final VectorSpecies<Float> S = Lanes.FLOATS;
    private static final int L = S.length();

    private VectorOptimizers() {}

    private static float scalarGradient(float[] p, float[] g, int i, float decay, float l1) {
        float gi = g[i];
        if (decay != 0) gi = gi + p[i] * decay;
        if (l1 != 0) gi = gi + Math.signum(p[i]) * l1;
        return gi;
    }

    /** p ← p − lr·g. */
    public static void sgd(float[] p, float[] g, int from, int n, float lr, float decay, float l1) {
        int i = from;
        for (; i + L <= n; i += L) {
            // g + decay·p + l1·sign(p), written out in each rule: no vector crosses a call (see VectorGemm)
            FloatVector pv = FloatVector.fromArray(S, p, i), gv = FloatVector.fromArray(S, g, i);
            if (decay != 0) gv = gv.add(pv.mul(decay));
            if (l1 != 0) gv = gv.add(FloatVector.zero(S).blend(l1, pv.compare(VectorOperators.GT, 0f)).blend(-l1, pv.compare(VectorOperators.LT, 0f)));
            pv.sub(gv.mul(lr)).intoArray(p, i);
        }
        for (; i < n; i++) p[i] = p[i] - scalarGradient(p, g, i, decay, l1) * lr;
    }

    /** v ← μ·v + g; p ← p − lr·v (v in {@code state[0, n)}). */
    public static void momentum(float[] p, float[] g, float[] state, int from, int n, float lr, float mu, float decay, float l1) {
        int i = from;
        for (; i + L <= n; i += L) {
            // g + decay·p + l1·sign(p), written out in each rule: no vector crosses a call (see VectorGemm)
            FloatVector pv = FloatVector.fromArray(S, p, i), gv = FloatVector.fromArray(S, g, i);
            if (decay != 0) gv = gv.add(pv.mul(decay));
            if (l1 != 0) gv = gv.add(FloatVector.zero(S).blend(l1, pv.compare(VectorOperators.GT, 0f)).blend(-l1, pv.compare(VectorOperators.LT, 0f)));
            FloatVector v = FloatVector.fromArray(S, state, i).mul(mu).add(gv);
            v.intoArray(state, i);
            pv.sub(v.mul(lr)).intoArray(p, i);
        }
        for (; i < n; i++) {
            float v = state[i] * mu + scalarGradient(p, g, i, decay, l1);
            state[i] = v;
            p[i] = p[i] - v * lr;
        }
    }

    /**
     * s ← ρ·s + keep·g²; p ← p − lr·g / (√s + ε) (s in {@code state[0, n)}): RMSProp with
     * keep = 1 − ρ, AdaGrad with ρ = keep = 1.
     */
    public static void scaled(float[] p, float[] g, float[] state, int from, int n, float lr, float rho, float keep, float eps,
                              float decay, float l1) {
        int i = from;
        for (; i + L <= n; i += L) {
            // g + decay·p + l1·sign(p), written out in each rule: no vector crosses a call (see VectorGemm)
            FloatVector pv = FloatVector.fromArray(S, p, i), gv = FloatVector.fromArray(S, g, i);
            if (decay != 0) gv = gv.add(pv.mul(decay));
            if (l1 != 0) gv = gv.add(FloatVector.zero(S).blend(l1, pv.compare(VectorOperators.GT, 0f)).blend(-l1, pv.compare(VectorOperators.LT, 0f)));
            FloatVector s = FloatVector.fromArray(S, state, i).mul(rho).add(gv.mul(gv).mul(keep));
            s.intoArray(state, i);
            pv.sub(gv.mul(lr).div(s.sqrt().add(eps))).intoArray(p, i);
        }
        for (; i < n; i++) {
            float gi = scalarGradient(p, g, i, decay, l1);
            float s = state[i] * rho + gi * gi * keep;
            state[i] = s;
            p[i] = p[i] - gi * lr / ((float) Math.sqrt(s) + eps);
        }
    }

    /**
     * m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← p − lr·(m·unbias1) / (√(v·unbias2) + ε),
     * with m in {@code state[0, count)}, v in {@code state[count, 2·count)} and unbias = 1/(1 − β^t),
     * for parameters {@code [from, n)}.
     */
    public static void adam(float[] p, float[] g, float[] state, int count, int from, int n, float lr, float beta1, float beta2,
                            float eps, float unbias1, float unbias2, float decay, float l1) {
        float keep1 = 1 - beta1, keep2 = 1 - beta2;
        int i = from;
        for (; i + L <= n; i += L) {
            // g + decay·p + l1·sign(p), written out in each rule: no vector crosses a call (see VectorGemm)
            FloatVector pv = FloatVector.fromArray(S, p, i), gv = FloatVector.fromArray(S, g, i);
            if (decay != 0) gv = gv.add(pv.mul(decay));
            if (l1 != 0) gv = gv.add(FloatVector.zero(S).blend(l1, pv.compare(VectorOperators.GT, 0f)).blend(-l1, pv.compare(VectorOperators.LT, 0f)));
            FloatVector m = FloatVector.fromArray(S, state, i).mul(beta1).add(gv.mul(keep1));
            FloatVector v = FloatVector.fromArray(S, state, count + i).mul(beta2).add(gv.mul(gv).mul(keep2));
            m.intoArray(state, i);
            v.intoArray(state, count + i);
            FloatVector step = m.mul(unbias1).mul(lr).div(v.mul(unbias2).sqrt().add(eps));
            pv.sub(step).intoArray(p, i);
        }
        for (; i < n; i++) {
            float gi = scalarGradient(p, g, i, decay, l1);
            float m = state[i] * beta1 + gi * keep1;
            float v = state[count + i] * beta2 + gi * gi * keep2;
            state[i] = m;
            state[count + i] = v;
            p[i] = p[i] - m * unbias1 * lr / ((float) Math.sqrt(v * unbias2) + eps);
        }
    }
}
