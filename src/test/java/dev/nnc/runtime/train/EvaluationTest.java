package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The loss an evaluation (and an epoch) reports is per sample, whatever the batch and however the loss sums. */
class EvaluationTest {
    private static Evaluation evaluate(String loss, int maxBatch, Samples data) {
        Model model = TinyData.model(TinyData.MLP.replace("softmax_cross_entropy", loss));
        FloatNetwork net = Networks.floatNetwork(model, maxBatch);
        net.initialize(5);
        return Evaluation.of(net, data);
    }

    /**
     * sum_squares sums over the batch, so its batch loss grows with the batch: reported as it
     * was, eval (batches of 128) said four times what training (32) did for the same weights.
     * Per sample it is Σ over the 10 outputs of (y − t)², which is ten times the mse.
     */
    @Test
    void sumSquaresIsReportedPerSampleWhateverTheBatch() {
        Samples data = TinyData.make(200, 3);
        double mse = evaluate("mse", 32, data).loss();
        double small = evaluate("sum_squares", 32, data).loss(), large = evaluate("sum_squares", 128, data).loss();
        assertEquals(small, large, 1e-6 * small, "the same weights, another batch");
        assertEquals(10 * mse, small, 1e-5 * small, "per sample: the sum over its 10 outputs");
        assertEquals(mse, evaluate("mse", 128, data).loss(), 1e-6 * mse, "a mean loss was per sample already");
    }
}
