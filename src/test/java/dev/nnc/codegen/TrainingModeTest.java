package dev.nnc.codegen;

import dev.nnc.CompileResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API of a generated class where a reviewer embedding one fell into traps: a network
 * starts in evaluation mode, yet {@code trainBatch} must train with dropout and {@code predict}
 * must not apply it, whatever mode the caller left; targets that do not fit are explained.
 */
class TrainingModeTest {
    static JavaSourceCompiler.Compiled compiled;
    static final int N = 4;
    static float[] inputs = new float[N * 784];
    static int[] labels = {3, 1, 4, 1};

    @BeforeAll
    static void compile() throws IOException {
        Path file = Path.of("models/mlp_regularized.nn");
        CompileResult result = NncCompiler.compile(new SourceFile(file.toString(), Files.readString(file)),
                GeneratorOptions.defaults().withPackage("test.mode"));
        compiled = JavaSourceCompiler.compile(List.of(result.javaFile().orElseThrow()));
        Random random = new Random(7);
        for (int i = 0; i < inputs.length; i++) inputs[i] = random.nextFloat();
    }

    static FloatNetwork network() {
        return compiled.newNetwork("test.mode.MlpRegularized", FloatNetwork.class, N);
    }

    /** The step written out, in the given mode. */
    static float[] paramsAfterAStep(boolean training) {
        FloatNetwork net = network();
        net.setTraining(training);
        net.zeroGrad();
        net.forward(inputs, N);
        net.loss(labels, N);
        net.backward(labels, N);
        net.step();
        return net.params().clone();
    }

    @Test
    void trainBatchTrainsWithDropoutAndLeavesTheModeAsItWas() {
        FloatNetwork net = network();
        assertFalse(net.isTraining(), "a new network evaluates");
        net.trainBatch(inputs, labels, N);
        assertFalse(net.isTraining(), "the mode before trainBatch is restored");
        float[] withDropout = paramsAfterAStep(true);
        assertArrayEquals(withDropout, net.params(), "trainBatch is the step in training mode");
        assertFalse(java.util.Arrays.equals(withDropout, paramsAfterAStep(false)),
                "dropout makes a difference to this step, so the test can tell the modes apart");
    }

    /** inputGrad() read without the backward that computes it held zeros or an earlier batch's values, silently. */
    @Test
    void theInputGradientIsGivenOnlyAfterABackwardThatComputedIt() {
        FloatNetwork net = network();
        net.forward(inputs, N);
        net.backward(labels, N);
        var off = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, net::inputGrad);
        assertTrue(off.getMessage().contains("call setInputGradient(true) before backward"), off.getMessage());
        net.setInputGradient(true);
        net.forward(inputs, N);
        var before = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, net::inputGrad);
        assertTrue(before.getMessage().contains("call backward after the last forward (or predict)"), before.getMessage());
        net.backward(labels, N);
        float[] grad = net.inputGrad();
        boolean any = false;
        for (int i = 0; i < N * 784; i++) any |= grad[i] != 0;
        assertTrue(any, "this batch's d loss / d input");
        net.predict(inputs, N, new float[N * 10]);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, net::inputGrad, "a predict's forward replaced it");
    }

    @Test
    void aClassForInferenceOnlySaysItComputesNoGradients() {
        var checked = NncCompiler.check(new SourceFile("i.nn", "model Infer {\n  input [4]\n  dense o(4 -> 2)\n}\n"));
        FloatNetwork net = dev.nnc.runtime.Networks.floatNetwork(checked.model().orElseThrow(), 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, net::inputGrad);
        assertTrue(e.getMessage().equals("model Infer has no loss and optimizer: it computes no gradients"), e.getMessage());
    }

    /** Targets that do not fit are refused with what to call or pass, never an index out of bounds. */
    @Test
    void targetsThatDoNotFitAreExplained() {
        FloatNetwork net = network();
        net.forward(inputs, N);
        var wrongKind = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.backward(new float[N * 10], N));
        assertTrue(wrongKind.getMessage().equals("MlpRegularized is trained on class indices: pass int[] labels, one per sample, to trainBatch,"
                        + " loss and backward"), wrongKind.getMessage());
        var wrongStep = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.trainBatch(inputs, new float[N * 10], N));
        assertTrue(wrongStep.getMessage().contains("to trainBatch"), "names the method called: " + wrongStep.getMessage());
        var tooFew = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.loss(new int[] {1, 2}, N));
        assertTrue(tooFew.getMessage().equals("expected 4 labels for the batch, got 2"), tooFew.getMessage());

        // A prediction between forward and backward (logging, say) replaced the batch's buffers.
        net.predict(java.util.Arrays.copyOf(inputs, 784));
        var stale = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.backward(labels, N));
        assertTrue(stale.getMessage().equals("a predict since the last forward replaced its outputs: call forward on this batch again"),
                stale.getMessage());
        net.forward(inputs, N);
        var shorter = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.backward(labels, 2));
        assertTrue(shorter.getMessage().equals("the last forward had n = 4, not 2: call forward on this batch first"), shorter.getMessage());
        var none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> network().loss(labels, N));
        assertTrue(none.getMessage().equals("call forward on the batch before loss or backward"), none.getMessage());
    }

    /**
     * Dropout's backward must meet a forward of its own mode: switching between them with setTraining gave wrong
     * gradients silently (an embedder's review), and so did a predict in between, in any class. Now backward asks
     * for the forward again; a mode changed and changed back, or loss (which the mode does not touch), passes.
     */
    @Test
    void aModeChangeBetweenForwardAndBackwardAsksForTheForwardAgain() {
        FloatNetwork net = network();
        net.setTraining(true);
        net.zeroGrad();
        net.forward(inputs, N);
        net.setTraining(false);
        net.loss(labels, N);
        IllegalArgumentException switched = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.backward(labels, N));
        assertTrue(switched.getMessage().equals("the last forward ran in training mode, and the network is now in evaluation mode"
                + " (setTraining): dropout acts otherwise in each, so call forward on this batch again"), switched.getMessage());
        net.setTraining(true); // back in the forward's mode
        net.backward(labels, N);

        // A predict of one sample between forward and loss of one sample (a re-test: the loss of predict's input, silently,
        // in a class with dropout or without), and the batch predict too.
        float[] one = java.util.Arrays.copyOf(inputs, 784);
        for (boolean batch : new boolean[] {false, true}) {
            net.forward(one, 1);
            if (batch) net.predict(one, 1, new float[10]);
            else net.predict(one);
            IllegalArgumentException predicted = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> net.loss(new int[] {3}, 1));
            assertTrue(predicted.getMessage().startsWith("a predict since the last forward replaced its outputs"), predicted.getMessage());
            net.forward(one, 1); // and the forward again is all it takes
            net.backward(new int[] {3}, 1);
        }
        net.forward(one, 1);
        net.predict(one, 0, new float[0]); // no sample, no forward: nothing replaced
        net.backward(new int[] {3}, 1);
    }

    @Test
    void predictOfABatchChecksItsArrays() {
        FloatNetwork net = network();
        var shortOut = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.predict(inputs, N, new float[10]));
        assertTrue(shortOut.getMessage().equals("out holds 10 values; 4 samples need 40"), shortOut.getMessage());
        var shortIn = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.predict(new float[784], 2, new float[20]));
        assertTrue(shortIn.getMessage().equals("expected at least 1568 input values for 2 samples, got 784"), shortIn.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> net.predict(inputs, -1, new float[40]));
        var tooLarge = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.trainBatch(new float[5 * 784], new int[5], 5));
        assertTrue(tooLarge.getMessage().equals("batch size must be 1 to 4, got 5: the network was made for batches of up to 4"
                + " (its model's train batch, unless given): make it with the constructor that takes maxBatch, 5 or more"), tooLarge.getMessage());
    }

    @Test
    void predictNeverAppliesDropout() {
        FloatNetwork net = network();
        float[] one = java.util.Arrays.copyOf(inputs, 784);
        float[] evaluated = net.predict(one);
        net.setTraining(true);
        assertArrayEquals(evaluated, net.predict(one), "the same prediction in training mode");
        float[] batch = new float[N * 10];
        net.predict(inputs, N, batch);
        assertArrayEquals(evaluated, java.util.Arrays.copyOf(batch, 10), "and for a batch");
        assertTrue(net.isTraining(), "the caller's mode is restored");
    }
}
