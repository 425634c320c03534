package dev.nnc.robustness;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.Networks;
import dev.nnc.runtime.train.EpochRecord;
import dev.nnc.runtime.train.Listener;
import dev.nnc.runtime.train.NonFiniteLossException;
import dev.nnc.runtime.train.Samples;
import dev.nnc.runtime.train.Settings;
import dev.nnc.runtime.train.Trainer;
import dev.nnc.runtime.train.TrainingState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Convolutional models driven to divergence by a huge learning rate. TrainerTest covers a
 * dense model; here the report must also hold for convolutions and pools, and must be true:
 * the named layer is the first whose output (of the batch that failed) holds a non-finite
 * value, every layer before it is finite, and with no layer named every output is finite.
 *
 * <p>A huge learning rate alone does not always make the loss non-finite: with softmax
 * cross-entropy on logits, the first model below with sgd(lr: 1e30) reaches a loss near 5e29
 * with parameters near 9e29, all finite (its gradient is bounded). That run must stop too,
 * at the end of its first epoch, as a loss a million times its first value.
 */
class DivergenceTest {
    private static final int BATCH = 10;

    @ParameterizedTest
    @ValueSource(strings = {
            "conv2d c1(1 -> 4, kernel: 5, stride: 3) relu\n  maxpool2d(kernel: 2)\n  flatten\n  dense out(10)\n  loss mse\n  optimizer sgd(lr: 1e30)",
            "conv2d c1(3, kernel: 3, stride: 2, padding: 1) tanh\n  avgpool2d(kernel: 2)\n  conv2d c2(2, kernel: 3)\n  flatten\n  dense out(10) softmax\n  loss cross_entropy\n  optimizer adam(lr: 1e35)",
            "conv2d c1(2, kernel: 4, stride: 4) leaky_relu\n  flatten\n  dense h(8) sigmoid\n  dense out(10)\n  loss softmax_cross_entropy\n  optimizer momentum(lr: 1e25, mu: 0.9)"})
    void aDivergingConvolutionalRunNamesTheFirstNonFiniteLayer(String body) {
        FloatNetwork net = network(body);
        NonFiniteLossException e = trainUntilItStops(net);

        assertEquals(1, e.epoch, e.getMessage());
        assertTrue(e.batch >= 2, "the first batch runs on finite initial weights: " + e.getMessage());
        assertTrue(e.getMessage().contains("epoch 1, batch " + e.batch), e.getMessage());
        int bad = e.firstBadLayer == null ? net.layerNames().size() : net.layerNames().indexOf(e.firstBadLayer);
        assertTrue(bad >= 0, () -> "`" + e.firstBadLayer + "` is not a layer of " + net.layerNames());
        for (int i = 0; i < bad; i++) {
            assertTrue(finite(net.layerOutput(i), BATCH * net.layerSize(i)),
                    "layer " + net.layerNames().get(i) + " before the named one is not finite: " + e.getMessage());
        }
        if (e.firstBadLayer != null) {
            assertFalse(finite(net.layerOutput(bad), BATCH * net.layerSize(bad)), "the named layer is finite: " + e.getMessage());
            assertTrue(e.getMessage().contains("`" + e.firstBadLayer + "`"), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void aFiniteButExplodingLossStopsAtTheEndOfTheEpoch() {
        NonFiniteLossException e = trainUntilItStops(network("conv2d c1(1 -> 4, kernel: 5, stride: 3) relu\n  maxpool2d(kernel: 2)\n"
                + "  flatten\n  dense out(10)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 1e30)"));
        assertEquals(1, e.epoch, e.getMessage());
        assertTrue(Double.isFinite(e.loss) && e.loss > 1e6, e.getMessage());
        assertTrue(e.getMessage().contains("over a million times that of the first batch"), e.getMessage());
    }

    /**
     * A resumed run measures growth as the uninterrupted one does, against epoch 1's mean loss
     * (kept in the checkpoint's history), not against the first batch it happens to start with.
     */
    @org.junit.jupiter.api.Test
    void aResumedRunMeasuresGrowthAgainstEpochOnesMeanLoss() {
        String exploding = "conv2d c1(1 -> 4, kernel: 5, stride: 3) relu\n  maxpool2d(kernel: 2)\n"
                + "  flatten\n  dense out(10)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 1e20)";
        Settings twoEpochs = new Settings(BATCH, 2, 3, true, 0.0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        for (double epochOneLoss : new double[] {2.0, 1e30}) {
            EpochRecord epochOne = new EpochRecord(1, epochOneLoss, 0.1, Double.NaN, Double.NaN, 2.3, 0.1, 1, 200);
            TrainingState afterEpochOne = new TrainingState(1, List.of(epochOne), Double.POSITIVE_INFINITY, 0, null);
            FloatNetwork net = network(exploding);
            Trainer trainer = new Trainer(net, twoEpochs, images(200, 1), images(20, 2), Listener.NONE);
            if (epochOneLoss == 2.0) {
                NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.run(afterEpochOne));
                assertEquals(2, e.epoch, e.getMessage());
                assertTrue(e.getMessage().contains("over a million times the mean loss of epoch 1 (2.00)"), e.getMessage());
            } else {
                // Epoch 2's mean (~2e35) is below a million times 1e30: not divergence by this measure.
                assertEquals(2, trainer.run(afterEpochOne).epochsDone());
            }
        }
    }

    /** The model with this body on 28×28 images, initialized with seed 3. */
    private static FloatNetwork network(String body) {
        String source = "model Diverging {\n  input image[1, 28, 28]\n  " + body + "\n}\n";
        CheckResult checked = NncCompiler.check(new SourceFile("diverging.nn", source));
        assertFalse(checked.hasErrors(), () -> checked.diagnostics().toString());
        FloatNetwork net = Networks.floatNetwork(checked.model().orElseThrow(), BATCH);
        net.initialize(3);
        return net;
    }

    /** Three epochs on random images, which must stop with the divergence report. */
    private static NonFiniteLossException trainUntilItStops(FloatNetwork net) {
        Settings settings = new Settings(BATCH, 3, 3, true, 0.0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        return assertThrows(NonFiniteLossException.class,
                () -> new Trainer(net, settings, images(200, 1), images(20, 2), Listener.NONE).run(TrainingState.fresh()));
    }

    /** Random [0, 1] pixels with random labels: enough for a gradient, the learning rate does the rest. */
    private static Samples images(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        for (int s = 0; s < n; s++) y[s] = rng.nextInt(10);
        return Samples.of(x, y, n, 784);
    }

    private static boolean finite(float[] values, int count) {
        for (int i = 0; i < count; i++) if (!Float.isFinite(values[i])) return false;
        return true;
    }
}
