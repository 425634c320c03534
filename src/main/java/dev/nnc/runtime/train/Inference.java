package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Using trained weights: finding them, loading them into a network, and reading its answer as probabilities. */
public final class Inference {
    private Inference() {}

    /**
     * Weights read from a file or a run folder; {@code note} says when a folder had no final
     * weights and its latest checkpoint (of a run that did not finish) stands in.
     */
    public record Saved(Path file, Checkpoint checkpoint, Optional<String> note) {
        /** Loads the weights into {@code net}, refusing weights of another model. */
        public void loadInto(FloatNetwork net, String source) throws Checkpoint.BadCheckpoint {
            checkpoint.checkFits(net, source, file);
            checkpoint.restore(net);
        }
    }

    /** The weights meant by {@code path}: the file itself, or in a run folder its final weights (or latest checkpoint). */
    public static Saved read(Path path) throws IOException {
        if (!Files.isDirectory(path)) return new Saved(path, Checkpoint.read(path), Optional.empty());
        Optional<Path> found = dev.nnc.api.NnckFile.inRunFolder(path);
        if (found.isEmpty()) {
            throw new Checkpoint.BadCheckpoint(path + " holds no " + RunFolder.WEIGHTS + " or " + RunFolder.CHECKPOINT
                    + (RunFolder.isRun(path) ? ": its run stopped before its first epoch ended, so there are no weights yet"
                    : ": is it a run folder of `nnc train`?"));
        }
        Path file = found.get();
        Checkpoint c = Checkpoint.read(file);
        if (file.getFileName().toString().equals(RunFolder.WEIGHTS)) return new Saved(file, c, Optional.empty());
        return new Saved(file, c, Optional.of("note: " + path + " has no " + RunFolder.WEIGHTS + " (its run has not finished):"
                + " using " + RunFolder.CHECKPOINT + ", the weights after epoch " + c.state().epochsDone() + " of " + c.settings().epochs()));
    }

    /** Class probabilities from one output row: the output itself after a final softmax, else its softmax. */
    public static double[] probabilities(Model model, float[] output, int offset, int k) {
        double[] p = new double[k];
        Layer last = model.layers().get(model.layers().size() - 1);
        boolean softmaxed = last instanceof Layer.Activation a && a.function() == Layer.Activation.Function.SOFTMAX;
        if (softmaxed) {
            for (int j = 0; j < k; j++) p[j] = output[offset + j];
            return p;
        }
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int j = 0; j < k; j++) max = Math.max(max, output[offset + j]);
        for (int j = 0; j < k; j++) sum += p[j] = Math.exp(output[offset + j] - max);
        for (int j = 0; j < k; j++) p[j] /= sum;
        return p;
    }
}
