package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Using trained weights: finding them, loading them into a network, and reading its answer as probabilities. */
public final class Inference {
    private Inference() {}

    /** The weights file meant by {@code path}: itself, or in a run folder its final weights (or latest checkpoint). */
    public static Path weightsFile(Path path) throws Checkpoint.BadCheckpoint {
        if (!Files.isDirectory(path)) return path;
        for (String name : new String[] {"weights.nnck", "checkpoint.nnck"}) {
            if (Files.isRegularFile(path.resolve(name))) return path.resolve(name);
        }
        throw new Checkpoint.BadCheckpoint(path + " holds no weights.nnck or checkpoint.nnck: is it a run folder of `nnc train`?");
    }

    /** Reads the weights and loads them into {@code net}, refusing weights of another model. */
    public static Checkpoint load(FloatNetwork net, String source, Path weights) throws IOException {
        Path file = weightsFile(weights);
        Checkpoint c = Checkpoint.read(file);
        c.checkFits(net, source, file);
        c.restore(net);
        return c;
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
