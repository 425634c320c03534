package dev.nnc.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Trained parameters from a {@code .nnck} file that {@code nnc train} wrote (a run's
 * {@code weights.nnck}, or its {@code checkpoint.nnck}; a run folder stands for its
 * weights.nnck), for a program that uses a generated class with nothing but the JDK:
 * <pre>{@code
 * Mlp net = new Mlp();
 * TrainedWeights.Scaling input = TrainedWeights.load(net, Path.of("runs/Mlp-20261206-101500"));
 * int digit = net.predictClass(input.apply(pixels)); // pixels in [0, 1], as the run saw them
 * }</pre>
 * The network learned on inputs scaled as the run scaled them (MNIST's pixels / 255, then
 * {@code (x − mean) / std} with the model's {@code normalize}); {@link Scaling#apply} does the
 * second step, and is the identity for a run without normalization.
 * <p>The file's checksum, model name and parameter count are checked against the network, and
 * the hash of the model's architecture that the run recorded (its input, layers and loss) against
 * the class's {@code architectureHash()}: a class generated from a model whose layers were edited,
 * a relu become tanh say, is refused, one whose learning rate or {@code train(...)} was edited is
 * not. Files and classes of an nnc before architectures compare the hash of the model's tokens
 * ({@code modelHash()}) instead. The format is described in {@link NnckFile}.
 */
public final class TrainedWeights {
    private TrainedWeights() {}

    /** A file that is not usable weights for the network, with what is wrong. */
    public static final class BadWeights extends IOException {
        public BadWeights(String message) { super(message); }
    }

    /** How the run scaled each input value x (already in [0, 1]) before the network saw it: (x − mean) / std. */
    public record Scaling(double mean, double std) {
        /** A new array of the scaled values; the same values when mean is 0 and std 1. */
        public float[] apply(float[] x) {
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) out[i] = (float) ((x[i] - mean) / std);
            return out;
        }

        /** The same for a double-precision network. */
        public double[] apply(double[] x) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / std;
            return out;
        }
    }

    /** What a weights file holds for a program: the parameters and the input scaling of the run. */
    public record Trained(float[] params, Scaling scaling) {}

    /**
     * Reads the parameters of {@code file} into {@code net} (with setParams, which refreshes what
     * derives from them); returns the scaling its inputs need.
     */
    public static Scaling load(FloatNetwork net, Path file) throws IOException {
        Trained t = read(file, net);
        net.setParams(t.params());
        return t.scaling();
    }

    /** The same for a double-precision network (the file holds float values, widened exactly). */
    public static Scaling load(DoubleNetwork net, Path file) throws IOException {
        Trained t = read(file, net);
        double[] wide = new double[t.params().length];
        for (int i = 0; i < wide.length; i++) wide[i] = t.params()[i];
        net.setParams(wide);
        return t.scaling();
    }

    /** The parameters and input scaling in {@code file}, checked against {@code net}'s model name and parameter count. */
    public static Trained read(Path file, Network net) throws IOException {
        if (Files.isDirectory(file)) {
            // A run folder, as for nnc eval --weights: its final weights, or the checkpoint of a run not yet finished.
            Path folder = file;
            file = NnckFile.inRunFolder(folder).orElseThrow(() -> new BadWeights(folder + " holds no " + NnckFile.WEIGHTS + " or "
                    + NnckFile.CHECKPOINT + ": give a run folder of nnc train (runs/<model>-<time>/) or a .nnck file"));
        }
        byte[] bytes;
        try {
            bytes = NnckFile.read(file, "weights file");
        } catch (OutOfMemoryError e) { // one allocation that failed: nothing else is affected, and a server may go on
            long size = -1;
            try {
                size = Files.size(file);
            } catch (IOException gone) {
                // said without its size
            }
            throw new BadWeights(file + (size < 0 ? "" : String.format(java.util.Locale.ROOT, " (%,d bytes)", size))
                    + " does not fit in the memory of this JVM: give it more"
                    + " (-Xmx), or check that it is the weights file meant");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadWeights(file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadWeights(file + " cannot be read: permission denied");
        } catch (java.nio.file.FileSystemException e) { // a file where a folder of the path belongs: "Not a directory"
            throw new BadWeights(file + " cannot be read" + (e.getReason() != null ? ": " + e.getReason() : ""));
        }
        NnckFile.Opened opened = NnckFile.open(bytes, file.toString(), "weights file");
        NnckFile.Header header = opened.header();
        if (!header.modelName().equals(net.modelName())) {
            throw new BadWeights(file + " holds the weights of model " + header.modelName() + ", not of " + net.modelName());
        }
        if (header.architectureHash().length > 0 && !net.architectureHash().isEmpty()) {
            // Version 4 records the architecture, as the class does: an edited optimizer or train(...) does not matter.
            if (!header.architecture().equals(net.architectureHash())) {
                throw new BadWeights(file + " holds the weights of another version of model " + header.modelName()
                        + ": its input, layers or loss changed since the run; generate the class from the run's model.nn, or train again");
            }
        } else if (!header.hashOfExactText() && !net.modelHash().isEmpty()
                && !HexFormat.of().formatHex(header.modelHash()).equals(net.modelHash())) {
            // Versions 2 and 3 (or a class generated before architectures) compare the model's tokens (version 1 hashed its text).
            throw new BadWeights(file + " holds the weights of another version of model " + header.modelName()
                    + ": its layers or settings changed since the run" + (header.architectureHash().length == 0
                    ? " (a file of format " + header.version() + " records the whole model, so an edited learning rate or train(...)"
                    + " counts too)" : " (a class generated by an nnc before 2026-12-07 is compared by the whole model)")
                    + "; generate the class from the run's model.nn, or train again");
        }
        try {
            float[] values = NnckFile.floats(opened.rest(), file.toString());
            if (values.length != net.paramCount()) {
                throw new BadWeights(file + " holds " + values.length + " parameters, but " + net.modelName() + " has "
                        + net.paramCount() + ": the model changed since it was trained");
            }
            return new Trained(values, new Scaling(header.mean(), header.std()));
        } catch (java.io.EOFException e) {
            throw NnckFile.tooShort(file.toString());
        }
    }
}
