package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Using trained weights: finding them, loading them into a network, and reading its answer. */
public final class Inference {
    private Inference() {}

    /**
     * Weights read from a file or a run folder; {@code note} says when a folder had no final
     * weights and its latest checkpoint (of a run that did not finish) stands in.
     */
    public record Saved(Path file, Checkpoint checkpoint, Optional<String> note) {
        /** Loads the weights into {@code net}, refusing weights of another architecture (another model, or its layers edited). */
        public void loadInto(FloatNetwork net, String source) throws Checkpoint.BadCheckpoint {
            checkpoint.loadWeightsInto(net, source, file);
        }
    }

    /** The weights meant by {@code path}: the file itself, or in a run folder its final weights (or latest checkpoint). */
    public static Saved read(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            Path folder = path.getParent() != null ? path.getParent() : path.toAbsolutePath().getParent(); // as the user wrote it
            return new Saved(path, readFinal(path, folder), Optional.empty());
        }
        Optional<Path> found = dev.nnc.api.NnckFile.inRunFolder(path);
        if (found.isEmpty()) {
            throw new Checkpoint.BadCheckpoint(path + " holds no " + RunFolder.WEIGHTS + " or " + RunFolder.CHECKPOINT
                    + (RunFolder.isRun(path) && RunFolder.inUse(path) ? ": its run is still in its first epoch; its weights come at the end of it"
                    : RunFolder.isRun(path) ? ": its run stopped before its first epoch ended, so there are no weights"
                    + (Files.exists(path.resolve(RunFolder.SUMMARY)) ? " (its " + RunFolder.SUMMARY + " says why)" : " yet")
                    : ": is it a run folder of `nnc train`?"));
        }
        Path file = found.get();
        Checkpoint c = readFinal(file, path);
        if (file.getFileName().toString().equals(RunFolder.WEIGHTS)) return new Saved(file, c, Optional.empty());
        boolean finished = c.state().epochsDone() >= c.settings().epochs(); // weights.nnck then is in the way, or was deleted
        return new Saved(file, c, Optional.of("note: " + path + " has no " + RunFolder.WEIGHTS
                + (finished ? " that can be read (a resume writes it again)"
                : RunFolder.inUse(path) ? " yet (its run is still training)" : " (its run has not finished)") + ":"
                + " using " + RunFolder.CHECKPOINT + ", the weights after epoch " + c.state().epochsDone() + " of " + c.settings().epochs()));
    }

    /**
     * Reads {@code file}; final weights that went bad say that a resume writes them again from the run's
     * checkpoint, when {@code folder} is their run and its checkpoint is whole.
     */
    private static Checkpoint readFinal(Path file, Path folder) throws IOException {
        try {
            return Checkpoint.read(file);
        } catch (Checkpoint.BadCheckpoint damaged) {
            Optional<Checkpoint> whole = folder == null ? Optional.empty() : readable(folder.resolve(RunFolder.CHECKPOINT));
            if (!file.getFileName().toString().equals(RunFolder.WEIGHTS) || whole.isEmpty()) throw damaged;
            boolean vector = whole.get().kernels().orElse(dev.nnc.runtime.Kernels.SCALAR) == dev.nnc.runtime.Kernels.VECTOR;
            throw new Checkpoint.BadCheckpoint(damaged.withoutRestoreAdvice()
                    + "; its run's " + RunFolder.CHECKPOINT + " is whole: `nnc train` of the model with `--resume " + Shell.quote(folder.toString())
                    + (vector ? " --vector" : "") + "` writes it again from that");
        }
    }

    private static Optional<Checkpoint> readable(Path checkpoint) {
        try {
            return Optional.of(Checkpoint.read(checkpoint));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What a model's outputs say about the classes, read as its loss trained them: {@code values}
     * (one per class) and which of three kinds they are. The class is the largest in every kind.
     */
    public record Answer(Kind kind, double[] values) {
        public enum Kind {
            /** Softmax (a final softmax, or the one a cross-entropy loss applies): probabilities summing to 1. */
            PROBABILITIES,
            /** Each output's sigmoid (binary cross-entropy): each class's chance on its own; they need not sum to 1. */
            SIGMOID_SCORES,
            /** The outputs as they are (squared error on one-hot targets, or no loss): no probabilities. */
            OUTPUTS
        }

        public int best() {
            int best = 0;
            for (int j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
            return best;
        }
    }

    /** The answer of one output row ({@code k} values from {@code offset}). */
    public static Answer answer(Model model, float[] output, int offset, int k) {
        double[] v = new double[k];
        for (int j = 0; j < k; j++) v[j] = output[offset + j];
        Layer last = model.layers().get(model.layers().size() - 1);
        Layer.Activation.Function function = last instanceof Layer.Activation a ? a.function() : null;
        Loss.Kind loss = model.loss().map(Loss::kind).orElse(null);
        // The loss says how the outputs were trained; the final activation only where the loss takes them as they are.
        if (loss == Loss.Kind.SOFTMAX_CROSS_ENTROPY) return new Answer(Answer.Kind.PROBABILITIES, softmax(v));
        if (loss == Loss.Kind.SIGMOID_BINARY_CROSS_ENTROPY) {
            for (int j = 0; j < k; j++) v[j] = 1 / (1 + Math.exp(-v[j]));
            return new Answer(Answer.Kind.SIGMOID_SCORES, v);
        }
        if (function == Layer.Activation.Function.SOFTMAX) return new Answer(Answer.Kind.PROBABILITIES, v);
        if (function == Layer.Activation.Function.SIGMOID) return new Answer(Answer.Kind.SIGMOID_SCORES, v);
        return new Answer(Answer.Kind.OUTPUTS, v);
    }

    private static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double x : v) max = Math.max(max, x);
        for (int j = 0; j < v.length; j++) sum += v[j] = Math.exp(v[j] - max);
        for (int j = 0; j < v.length; j++) v[j] /= sum;
        return v;
    }
}
