package dev.nnc.runtime;

import dev.nnc.SampleModels;

import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classes generated with {@code --vector} compute what the plain classes compute (which
 * the fixtures and the gradient checks pin down): the same outputs, loss, gradients and
 * updated parameters, up to float rounding, over three training steps of every sample
 * model and of variants with the other optimizers and penalties.
 */
class VectorKernelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"mlp_small.nn", "mlp.nn", "mlp_regularized.nn", "cnn.nn", "activations.nn", "regression.nn", "seed_tiny.nn"})
    void sampleModelsAgree(String file) throws IOException {
        agree(file, SampleModels.load(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd(lr: 0.05)", "sgd(lr: 0.05, momentum: 0.9, weight_decay: 0.01)", "momentum(lr: 0.01, l1: 0.001)",
            "adagrad(lr: 0.1)", "rmsprop(lr: 0.01, weight_decay: 0.001, l1: 0.0001)", "adam(lr: 0.01, l1: 0.001)"})
    void optimizersAgree(String optimizer) {
        String source = """
                model V {
                  input image[2, 9, 7]
                  conv2d c(2 -> 5, kernel: [3, 2], stride: 2, padding: 1) relu
                  avgpool2d(kernel: 2, stride: 1)
                  flatten
                  dense h(37) relu
                  dense out(7)
                  loss softmax_cross_entropy
                  optimizer %s
                }
                """.formatted(optimizer);
        agree(optimizer, NncCompiler.check(new SourceFile("v.nn", source)).model().orElseThrow());
    }

    private static void agree(String what, Model model) {
        int batch = 5;
        FloatNetwork plain = Networks.floatNetwork(model, batch, Kernels.SCALAR);
        FloatNetwork vector = Networks.floatNetwork(model, batch, Kernels.VECTOR);
        vector.setParams(plain.params());
        // Training mode: dropout draws its masks from the same seeded generator in both.
        plain.setTraining(true);
        vector.setTraining(true);
        Rng rng = new Rng(what.hashCode());
        float[] x = new float[batch * plain.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
        int[] labels = new int[batch];
        float[] targets = new float[batch * plain.outputSize()];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(plain.outputSize());
        for (int i = 0; i < targets.length; i++) targets[i] = rng.nextInt(2);
        for (int step = 1; step <= 3 && plain.trainable(); step++) {
            String at = what + ", step " + step;
            double lossPlain = lossAndGradients(plain, x, labels, targets, batch);
            double lossVector = lossAndGradients(vector, x, labels, targets, batch);
            assertEquals(lossPlain, lossVector, 1e-5 * Math.max(1, Math.abs(lossPlain)), at + ": loss");
            close(plain.grads(), vector.grads(), at + ": gradients");
            // The same gradients into both updates: Adam divides by |g|, so a rounding
            // difference in a tiny gradient would otherwise show up as a large step difference.
            System.arraycopy(plain.grads(), 0, vector.grads(), 0, plain.paramCount());
            plain.step();
            vector.step();
            close(plain.params(), vector.params(), at + ": parameters after the step");
            close(plain.optimizerState(), vector.optimizerState(), at + ": optimizer state");
        }
        close(plain.forward(x, batch), vector.forward(x, batch), what + ": outputs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp.nn", "mlp_regularized.nn", "cnn.nn"})
    void theThreadCountChangesNoBit(String file) throws IOException {
        Model model = SampleModels.load(file);
        int batch = 16;
        FloatNetwork one = Networks.floatNetwork(model, batch, Kernels.VECTOR), two = Networks.floatNetwork(model, batch, Kernels.VECTOR);
        two.setThreads(2);
        assertEquals(2, two.threads());
        one.setTraining(true);
        two.setTraining(true);
        Rng rng = new Rng(7);
        float[] x = SampleModels.inputs(rng, batch * one.inputSize());
        int[] labels = SampleModels.labels(rng, batch);
        for (int step = 0; step < 3; step++) {
            assertEquals(one.trainBatch(x, labels, batch), two.trainBatch(x, labels, batch), 0.0, file + ": loss of step " + step);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(one.params(), two.params(), file + ": parameters after 3 steps");
        org.junit.jupiter.api.Assertions.assertArrayEquals(one.forward(x, batch), two.forward(x, batch), file + ": outputs");
        two.setThreads(1);
    }

    private static double lossAndGradients(FloatNetwork net, float[] x, int[] labels, float[] targets, int n) {
        net.zeroGrad();
        net.forward(x, n);
        double loss = net.classTargets() ? net.loss(labels, n) : net.loss(targets, n);
        if (net.classTargets()) net.backward(labels, n); else net.backward(targets, n);
        return loss;
    }

    /** Equal to within float rounding of sums: 1e-4 of the largest magnitude in the tensor. */
    private static void close(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-30;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= 1e-4 * scale, what + "[" + i + "]: plain " + expected[i] + ", vector " + actual[i] + " (scale " + scale + ")");
        }
    }
}
