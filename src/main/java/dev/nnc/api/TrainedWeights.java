package dev.nnc.api;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Trained parameters from a {@code .nnck} file that {@code nnc train} wrote (a run's
 * {@code weights.nnck}, or its {@code checkpoint.nnck}), for a program that uses a generated
 * class with nothing but the JDK:
 * <pre>{@code
 * Mlp net = new Mlp();
 * TrainedWeights.load(net, Path.of("runs/Mlp-20261206-101500/weights.nnck"));
 * int digit = net.predictClass(pixels);
 * }</pre>
 * The file's checksum, model name and parameter count are checked against the network. (The
 * {@code nnc} command line also checks that the model's layers are those the weights were
 * trained for; here the class is trusted to come from the same model.) The format is
 * described in the README and in nnc's {@code Checkpoint}.
 */
public final class TrainedWeights {
    private TrainedWeights() {}

    /** A file that is not usable weights for the network, with what is wrong. */
    public static final class BadWeights extends IOException {
        public BadWeights(String message) { super(message); }
    }

    /** Reads the parameters of {@code file} into {@code net} (with setParams, which refreshes what derives from them). */
    public static void load(FloatNetwork net, Path file) throws IOException {
        net.setParams(read(file, net));
    }

    /** The same for a double-precision network (the file holds float values, widened exactly). */
    public static void load(DoubleNetwork net, Path file) throws IOException {
        float[] values = read(file, net);
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) wide[i] = values[i];
        net.setParams(wide);
    }

    /** The parameters in {@code file}, checked against {@code net}'s model name and parameter count. */
    public static float[] read(Path file, Network net) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 4), new byte[] {'N', 'N', 'C', 'K'})) {
            throw new BadWeights(file + " is not an nnc weights file (it does not start with NNCK)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new BadWeights(file + " is damaged (its checksum does not match: truncated or altered)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 4, bytes.length - 8));
            int version = in.readUnsignedShort();
            if (version < 1 || version > 2) {
                throw new BadWeights(file + " has format version " + version + "; this reader knows versions 1 and 2");
            }
            String model = in.readUTF();
            if (!model.equals(net.modelName())) {
                throw new BadWeights(file + " holds the weights of model " + model + ", not of " + net.modelName());
            }
            // Skipped: hash 32, epochs 4, steps 8, rng 8, settings 49; version 2 adds lr 8 and kernels 1.
            in.skipNBytes(32 + 4 + 8 + 8 + 49 + (version >= 2 ? 9 : 0));
            int n = in.readInt();
            if (n != net.paramCount()) {
                throw new BadWeights(file + " holds " + n + " parameters, but " + net.modelName() + " has " + net.paramCount()
                        + ": the model changed since it was trained");
            }
            float[] values = new float[n];
            for (int i = 0; i < n; i++) values[i] = in.readFloat();
            return values;
        } catch (java.io.EOFException e) {
            throw new BadWeights(file + " ends too early for an nnc weights file");
        }
    }
}
