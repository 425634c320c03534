package dev.nnc.codegen;

import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The update rules with the terms the fixtures leave out: L1 (l1·sign(p)) and weight decay
 * together, SGD's momentum argument, and a third step of Adam, recomputed here by hand
 * from the gradients the network reports.
 */
class OptimizerRulesTest {
    static DoubleNetwork net(String optimizer) {
        String source = """
                model O {
                  input [2]
                  dense h(2 -> 2) tanh
                    weights [[0.5, -0.25], [0.125, 0.75]]
                    bias [0.1, -0.2]
                  dense out(1)
                    weights [[1.5, -0.5]]
                  loss mse
                  optimizer %s
                }
                """.formatted(optimizer);
        return Networks.doubleNetwork(NncCompiler.check(new SourceFile("o.nn", source)).model().orElseThrow(), 1);
    }

    static final double[] X = {0.3, -0.7}, T = {0.25};

    /** One step and the gradient it used. */
    static double[] step(DoubleNetwork n) {
        n.zeroGrad();
        n.forward(X, 1);
        n.backward(T, 1);
        double[] g = n.grads().clone();
        n.step();
        return g;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr: 0.1, weight_decay: 0.01, l1: 0.02)", "sgd(lr: 0.1, momentum: 0.9, l1: 0.02)"})
    void sgdWithL1WeightDecayAndMomentum(String optimizer) {
        DoubleNetwork n = net(optimizer);
        boolean momentum = optimizer.contains("momentum");
        double wd = optimizer.contains("weight_decay") ? 0.01 : 0;
        double[] v = new double[n.paramCount()];
        for (int t = 0; t < 3; t++) {
            double[] p = n.params().clone();
            double[] g = step(n);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + wd * p[i] + 0.02 * Math.signum(p[i]);
                v[i] = momentum ? 0.9 * v[i] + gi : gi;
                assertEquals(p[i] - 0.1 * v[i], n.params()[i], 1e-15, optimizer + " step " + t + " param " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam(lr: 0.01, l1: 0.001, weight_decay: 0.003)"})
    void adamOverThreeSteps(String optimizer) {
        DoubleNetwork n = net(optimizer);
        double[] m = new double[n.paramCount()], s = new double[n.paramCount()];
        for (int t = 1; t <= 3; t++) {
            double[] p = n.params().clone();
            double[] g = step(n);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + 0.003 * p[i] + 0.001 * Math.signum(p[i]);
                m[i] = 0.9 * m[i] + 0.1 * gi;
                s[i] = 0.999 * s[i] + (1 - 0.999) * gi * gi;
                double mh = m[i] / (1 - Math.pow(0.9, t)), vh = s[i] / (1 - Math.pow(0.999, t));
                assertEquals(p[i] - 0.01 * mh / (Math.sqrt(vh) + 1e-8), n.params()[i], 1e-12, "step " + t + " param " + i);
            }
        }
        assertEquals(3, n.stepCount());
    }
}
