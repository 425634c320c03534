package dev.nnc.runtime.train;

import dev.nnc.ir.Model;
import dev.nnc.runtime.train.Inference.Answer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A model's outputs read as its loss trained them: probabilities, each class's sigmoid, or the outputs as they are. */
class InferenceTest {
    private static final float[] ROW = {9, 1, 2, -1}; // one row at offset 1

    private static Model model(String last, String loss) {
        return TinyData.model("model M {\n  input [3]\n  dense out(3)" + last + "\n  loss " + loss + "\n  optimizer sgd(lr: 0.1)\n}\n");
    }

    private static Answer answer(String last, String loss) {
        return Inference.answer(model(last, loss), ROW, 1, 3);
    }

    @Test
    void logitsOfACrossEntropyBecomeTheirSoftmax() {
        Answer a = answer("", "softmax_cross_entropy");
        assertEquals(Answer.Kind.PROBABILITIES, a.kind());
        double e = Math.exp(1), sum = e + Math.exp(2) + Math.exp(-1);
        assertArrayEquals(new double[] {e / sum, Math.exp(2) / sum, Math.exp(-1) / sum}, a.values(), 1e-12);
        assertEquals(1, a.best());
    }

    @Test
    void aFinalSoftmaxIsAlreadyProbabilities() {
        Answer a = answer(" softmax", "cross_entropy");
        assertEquals(Answer.Kind.PROBABILITIES, a.kind());
        assertArrayEquals(new double[] {1, 2, -1}, a.values());
    }

    /** Binary cross-entropy trains each output on its own: no softmax over them (it made a 0.95 sigmoid read as 22%). */
    @Test
    void sigmoidOutputsAreEachClasssOwnChance() {
        Answer after = answer(" sigmoid", "binary_cross_entropy");
        assertEquals(Answer.Kind.SIGMOID_SCORES, after.kind());
        assertArrayEquals(new double[] {1, 2, -1}, after.values(), "a final sigmoid's outputs are the scores");
        Answer logits = answer("", "sigmoid_binary_cross_entropy");
        assertEquals(Answer.Kind.SIGMOID_SCORES, logits.kind());
        assertArrayEquals(new double[] {1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(1))}, logits.values(), 1e-12);
    }

    /** The loss decides: sigmoids trained with a softmax cross-entropy were read as a softmax over them. */
    @Test
    void theLossDecidesOverTheFinalActivation() {
        Answer a = answer(" sigmoid", "softmax_cross_entropy");
        assertEquals(Answer.Kind.PROBABILITIES, a.kind());
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(-1);
        assertArrayEquals(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(-1) / sum}, a.values(), 1e-12);
        assertEquals(Answer.Kind.SIGMOID_SCORES, answer(" softmax", "sigmoid_binary_cross_entropy").kind());
        assertEquals(Answer.Kind.PROBABILITIES, answer(" softmax", "mse").kind(), "squared error on a softmax's outputs");
    }

    @Test
    void squaredErrorOutputsAreShownAsTheyAre() {
        Answer a = answer("", "mse");
        assertEquals(Answer.Kind.OUTPUTS, a.kind());
        assertArrayEquals(new double[] {1, 2, -1}, a.values());
        assertEquals(1, a.best());
    }

    /** A run folder without weights says why when its summary.txt knows (a diverged run), not "yet" (a re-test). */
    @Test
    void aRunWithoutWeightsPointsToItsSummary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
        RunFolder run = RunFolder.create(tmp, "M", java.time.Clock.systemUTC());
        run.writeSource("model M {\n}\n");
        java.io.IOException training = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Inference.read(run.dir()));
        assertEquals(run.dir() + " holds no weights.nnck or checkpoint.nnck: its run is still in its first epoch; its weights come at the"
                + " end of it", training.getMessage(), "its lock held, as by the training");
        run.close(); // the run stopped
        java.io.IOException early = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Inference.read(run.dir()));
        assertEquals(run.dir() + " holds no weights.nnck or checkpoint.nnck: its run stopped before its first epoch ended, so there are no"
                + " weights yet", early.getMessage());
        java.nio.file.Files.writeString(run.dir().resolve(RunFolder.SUMMARY), "diverged in epoch 1\n");
        java.io.IOException diverged = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Inference.read(run.dir()));
        assertEquals(run.dir() + " holds no weights.nnck or checkpoint.nnck: its run stopped before its first epoch ended, so there are no"
                + " weights (its summary.txt says why)", diverged.getMessage());
    }
}
