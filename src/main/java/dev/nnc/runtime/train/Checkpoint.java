package dev.nnc.runtime.train;

import dev.nnc.common.Sha256;
import dev.nnc.common.AtomicFiles;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.NnckFile;
import dev.nnc.api.TrainedWeights;
import dev.nnc.runtime.Kernels;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * A snapshot of a training run after an epoch, enough to resume it exactly: the
 * parameters, the optimizer state and step count, the dropout generator, the epochs done
 * with their history, the early-stopping bookkeeping, the run settings, and the SHA-256
 * of the model (its tokens: comments and layout may change) so that a checkpoint is never
 * loaded into another model, and the
 * kernels it was trained with (plain or {@code --vector}: they round differently, so a run
 * resumed with the other kind would not end where an uninterrupted one does).
 *
 * <p>The format is {@link NnckFile}'s (documented there, with the api jar's reader of it).
 * Files are written to a temporary name, forced to disk, then renamed over the old one,
 * so a crash at any moment leaves the previous complete checkpoint in place.
 */
public record Checkpoint(String modelName, byte[] sourceHash, boolean hashOfExactText, byte[] architectureHash, long steps, long rngState,
                         Settings settings,
                         Optional<Kernels> kernels, float[] params, float[] optimizerState, TrainingState state) {

    /** A damaged or foreign checkpoint. */
    public static final class BadCheckpoint extends IOException {
        public BadCheckpoint(String message) { super(message); }

        /** The message without the advice for a lone damaged file, for a reader that has better advice (a run's checkpoint). */
        public String withoutRestoreAdvice() {
            String m = getMessage();
            return m.endsWith(dev.nnc.api.NnckFile.RESTORE) ? m.substring(0, m.length() - dev.nnc.api.NnckFile.RESTORE.length()) : m;
        }
    }

    public static Checkpoint of(FloatNetwork net, Settings settings, Kernels kernels, TrainingState state) {
        return new Checkpoint(net.modelName(), modelHash(net), false, architectureHash(net), net.stepCount(), net.rngState(), settings,
                Optional.of(kernels), net.params().clone(), net.optimizerState().clone(), state);
    }

    /** Puts the saved parameters, optimizer state, step count and generator back into {@code net}. */
    public void restore(FloatNetwork net) {
        net.setParams(params);
        System.arraycopy(optimizerState, 0, net.optimizerState(), 0, optimizerState.length);
        net.setStepCount(steps);
        net.setRngState(rngState);
    }

    /**
     * A checkpoint of an older nnc (format 1: it pinned the model's exact text and recorded neither kernels nor a
     * {@code --lr}; before format 4, no architecture) as today's, for {@code net} that it fits (checked first) and the {@code kernels} it goes on with:
     * written again as it was, it would claim a token hash it does not hold. Today's checkpoints come back as they are.
     */
    public Checkpoint upgradedFor(FloatNetwork net, Kernels going) {
        if (!hashOfExactText && kernels.isPresent() && architectureHash.length > 0) return this;
        return new Checkpoint(modelName, modelHash(net), false, architectureHash(net), steps, rngState, settings, kernels.or(() -> Optional.of(going)),
                params, optimizerState, state);
    }

    /** The same checkpoint with the learning rate it was trained with, which an older nnc's did not record. */
    public Checkpoint withLr(double lr) {
        return new Checkpoint(modelName, sourceHash, hashOfExactText, architectureHash, steps, rngState, settings.withLr(lr), kernels, params,
                optimizerState, state);
    }

    /** The same checkpoint, planned with other settings (a resume that changes the epochs writes it first). */
    public Checkpoint withSettings(Settings other) {
        return new Checkpoint(modelName, sourceHash, hashOfExactText, architectureHash, steps, rngState, other, kernels, params,
                optimizerState, state);
    }

    /**
     * Whether the checkpoint was saved from the model whose hash (hex, as the IR's {@code sourceHash} and the
     * class's {@code modelHash}) is {@code modelHash}, written as {@code source} (version-1 files pinned the exact text).
     */
    public boolean madeFrom(String modelHash, String source) {
        return hashOfExactText ? Arrays.equals(sourceHash, Sha256.of(source)) : HexFormat.of().formatHex(sourceHash).equals(modelHash);
    }

    /** Refuses a checkpoint saved from another model than {@code name} with hash {@code modelHash}, written as {@code source}. */
    public void checkMadeFrom(String name, String modelHash, String source, Path where) throws BadCheckpoint {
        if (!madeFrom(modelHash, source)) {
            throw new BadCheckpoint(where + " was saved from " + (modelName.equals(name) && hashOfExactText
                    ? "another text of model " + modelName + " (by an older nnc, whose files pin the exact text, comments included)"
                    : modelName.equals(name)
                    ? "a different version of model " + modelName + " (its layers or settings differ, not only comments or layout)"
                    : "model " + modelName + ", not " + name)
                    + "; train this model from scratch, or pass the .nn file the checkpoint came from" + keptSource(where));
        }
    }

    /**
     * Whether these weights serve the model named {@code name} whose architecture hash ({@code dev.nnc.ir.Architecture},
     * hex) is {@code architectureHash}, and whose whole hash is {@code modelHash}, written as {@code source}: files since
     * format 4 compare the architecture, so that an edited optimizer or {@code train(...)} does not matter; older files
     * compare what they recorded, the whole model.
     */
    public boolean usableBy(String name, String architectureHash, String modelHash, String source) {
        if (!modelName.equals(name)) return false;
        return this.architectureHash.length > 0 ? sameArchitecture(architectureHash) : madeFrom(modelHash, source);
    }

    /** Whether the file records an architecture, and it is the one of hash (hex) {@code architectureHash}. */
    private boolean sameArchitecture(String architectureHash) {
        return this.architectureHash.length > 0 && HexFormat.of().formatHex(this.architectureHash).equals(architectureHash);
    }

    /** Refuses weights that {@code net}, built from {@code source}, cannot use ({@link #usableBy}), and loads the others. */
    public void loadWeightsInto(FloatNetwork net, String source, Path where) throws BadCheckpoint {
        String modelHash = HexFormat.of().formatHex(modelHash(net));
        if (!modelName.equals(net.modelName()) || hashOfExactText) {
            checkMadeFrom(net.modelName(), modelHash, source, where); // another model, or a version-1 file: its own words
        } else if (!usableBy(net.modelName(), net.architectureHash(), modelHash, source)) {
            throw new BadCheckpoint(architectureHash.length == 0
                    // Written before architectures: any edit but of comments and layout tells the model apart.
                    ? where + " was saved from a different version of model " + modelName + " (it was written by an nnc before"
                    + " 2026-12-07, whose files record the whole model: an edited learning rate or train(...) counts too); pass the"
                    + " .nn file the weights came from" + keptSource(where)
                    : where + " holds the weights of a different version of model " + modelName + ": its input, layers or loss"
                    + " differ (an edited optimizer or train(...) would not matter); train this model, or pass the .nn file the"
                    + " weights came from" + keptSource(where));
        }
        checkParamCount(net, where);
        net.setParams(params);
    }

    private void checkParamCount(FloatNetwork net, Path where) throws BadCheckpoint {
        if (params.length != net.paramCount()) {
            throw new BadCheckpoint(where + " holds " + params.length + " parameters, model " + net.modelName()
                    + " has " + net.paramCount());
        }
    }

    /**
     * Refuses to resume from this checkpoint with the model named {@code name}, of architecture and whole hashes
     * {@code architectureHash} and {@code modelHash} (hex), written as {@code source}, unless it is the model trained.
     */
    public void checkResumableBy(String name, String architectureHash, String modelHash, String source, Path where)
            throws BadCheckpoint {
        if (!hashOfExactText && modelName.equals(name) && sameArchitecture(architectureHash) && !madeFrom(modelHash, source)) {
            // The same layers, other training settings: the weights serve eval and predict, but a resume goes on as trained.
            throw new BadCheckpoint(where + " was saved from model " + modelName + " before an edit of what shapes training but not"
                    + " what the weights compute (its optimizer, train(...), initializers, dropout or layer names);"
                    + " a run resumes with the model it was trained with: resume it without the model (`--resume RUN` alone takes"
                    + " the run's own model.nn), or train the edited model from scratch (eval and predict take these weights as they are)");
        }
        checkMadeFrom(name, modelHash, source, where);
    }

    /** Refuses a checkpoint whose model differs from {@code net} built from {@code source}: a resume needs the same one. */
    public void checkFits(FloatNetwork net, String source, Path where) throws BadCheckpoint {
        checkResumableBy(net.modelName(), net.architectureHash(), HexFormat.of().formatHex(modelHash(net)), source, where);
        checkParamCount(net, where);
        if (optimizerState.length != net.optimizerStateSize()) {
            throw new BadCheckpoint(where + " holds " + optimizerState.length + " values of optimizer state, model " + net.modelName()
                    + "'s optimizer keeps " + net.optimizerStateSize() + " (was it trained with another optimizer?)");
        }
    }

    /** {@code " (its run keeps it: runs/X/model.nn)"} when the weights lie in a run folder that kept its model. */
    private static String keptSource(Path where) {
        return RunFolder.keptSource(where).map(kept -> " (its run keeps it: " + kept + ")").orElse("");
    }

    /**
     * What a checkpoint pins: the model's tokens as written, not its comments or layout (the
     * IR's {@code sourceHash}, which the network's class answers with).
     */
    static byte[] modelHash(FloatNetwork net) {
        if (net.modelHash().length() != 64) throw new IllegalStateException(net.modelName() + " was generated without its model's hash");
        return HexFormat.of().parseHex(net.modelHash());
    }

    /** What the weights depend on ({@code dev.nnc.ir.Architecture}), as the network's class answers it. */
    static byte[] architectureHash(FloatNetwork net) {
        if (net.architectureHash().length() != 64) {
            throw new IllegalStateException(net.modelName() + " was generated without its architecture's hash");
        }
        return HexFormat.of().parseHex(net.architectureHash());
    }


    // ---- writing ----

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(NnckFile.MAGIC);
            out.writeShort(NnckFile.VERSION);
            out.writeUTF(modelName);
            out.write(sourceHash);
            if (architectureHash.length != 32) throw new IllegalStateException("a checkpoint written records its architecture");
            out.write(architectureHash);
            out.writeInt(state.epochsDone());
            out.writeLong(steps);
            out.writeLong(rngState);
            out.writeInt(settings.batch());
            out.writeInt(settings.epochs());
            out.writeLong(settings.seed());
            out.writeBoolean(settings.shuffle());
            out.writeDouble(settings.validation());
            out.writeInt(settings.earlyStop().orElse(-1));
            out.writeDouble(settings.normalizeMean());
            out.writeDouble(settings.normalizeStd());
            out.writeInt(settings.limit().orElse(-1));
            out.writeDouble(settings.lr().orElse(Double.NaN));
            out.writeByte(kernels.orElseThrow(() -> new IllegalStateException("a new checkpoint records its kernels")) == Kernels.VECTOR
                    ? NnckFile.KERNELS_VECTOR : NnckFile.KERNELS_PLAIN);
            floats(out, params);
            floats(out, optimizerState);
            out.writeDouble(state.bestValLoss());
            out.writeInt(state.bestEpoch());
            floats(out, state.bestParams() == null ? new float[0] : state.bestParams());
            out.writeInt(state.history().size());
            for (EpochRecord r : state.history()) {
                for (double v : new double[] {r.epoch(), r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                        r.testLoss(), r.testAccuracy(), r.seconds(), r.samplesPerSecond()}) {
                    out.writeDouble(v);
                }
                out.writeInt(r.gradientNorms().size());
                for (var norm : r.gradientNorms().entrySet()) {
                    out.writeUTF(norm.getKey());
                    out.writeDouble(norm.getValue());
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    /** Temp file, fsync, atomic rename: the file at {@code path} is always a whole checkpoint. */
    public void write(Path path) throws IOException {
        try {
            AtomicFiles.write(path, toBytes());
        } catch (IOException e) { // a full disk says only "No space left on device"
            throw new IOException("cannot write " + path + ": " + dev.nnc.common.IoReasons.of(e), e);
        }
    }

    // ---- reading ----

    public static Checkpoint read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = NnckFile.read(path, "checkpoint or weights file");
        } catch (TrainedWeights.BadWeights e) { // a device, or larger than any
            throw new BadCheckpoint(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadCheckpoint(path + " does not exist");
        } catch (IOException e) { // a directory in its place, a permission: said with the file
            throw new BadCheckpoint(path + (Files.isDirectory(path) ? " is a directory, not a checkpoint"
                    : " cannot be read: " + dev.nnc.common.IoReasons.of(e)));
        }
        return parse(bytes, path.toString());
    }

    /** Beyond any finite loss or norm of float arithmetic (whose squares stay under 1e77), and where plotting's arithmetic overflows. */
    private static final double LARGEST_FIGURE = 1e100;

    /**
     * What a run never records in an epoch's {@code values} (epoch, then losses and accuracies, seconds,
     * samples/s) and gradient {@code norms}, of the tensors {@code measured} in the first epoch that had any;
     * null if nothing. A missing value is NaN (no validation split).
     */
    private static String impossibility(double[] values, Map<String, Double> norms, Set<String> measured) {
        if (!(values[0] >= 1 && values[0] <= Integer.MAX_VALUE && values[0] == Math.rint(values[0]))) return "an epoch numbered " + values[0];
        for (int j = 1; j < values.length; j++) {
            boolean accuracy = j == 2 || j == 4 || j == 6;
            double v = values[j];
            // Infinity is recorded: a validation or test loss whose float outputs overflowed, samples/s of an epoch timed at 0 s.
            if (v == Double.POSITIVE_INFINITY && (j == 3 || j == 5 || j == 8)) continue;
            if (!Double.isNaN(v) && (accuracy ? !(v >= 0 && v <= 1) : !(v >= 0 && v <= LARGEST_FIGURE))) return "a value of " + v;
        }
        for (Map.Entry<String, Double> norm : norms.entrySet()) {
            if (!norm.getKey().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*") || norm.getKey().length() > 600) {
                return "a gradient norm of something that is no tensor's name";
            }
            double v = norm.getValue(); // NaN or infinite in an epoch whose last steps overflowed, as its losses may be
            if (!(Double.isNaN(v) || v == Double.POSITIVE_INFINITY || v >= 0 && v <= LARGEST_FIGURE)) return "a gradient norm of " + v;
        }
        if (!norms.isEmpty() && !norms.keySet().equals(measured)) return "gradient norms of other tensors than the epochs before";
        return null;
    }

    static Checkpoint parse(byte[] bytes, String where) throws BadCheckpoint {
        try {
            NnckFile.Opened opened = NnckFile.open(bytes, where, "checkpoint");
            NnckFile.Header h = opened.header();
            DataInputStream in = opened.rest();
            Settings settings = new Settings(h.batch(), h.epochs(), h.seed(), h.shuffle(), h.validation(),
                    h.patience() < 0 ? OptionalInt.empty() : OptionalInt.of(h.patience()), h.mean(), h.std(),
                    h.limit() < 0 ? OptionalInt.empty() : OptionalInt.of(h.limit()),
                    Double.isNaN(h.lr()) ? OptionalDouble.empty() : OptionalDouble.of(h.lr()));
            Optional<Kernels> kernels = h.kernels() < 0 ? Optional.empty()
                    : Optional.of(h.kernels() == NnckFile.KERNELS_VECTOR ? Kernels.VECTOR : Kernels.SCALAR);
            float[] params = NnckFile.floats(in, where);
            float[] state = NnckFile.floats(in, where);
            double bestLoss = in.readDouble();
            int bestEpoch = in.readInt();
            float[] best = NnckFile.floats(in, where);
            int records = in.readInt();
            // One record per epoch trained: more would be epochs no run trained (and sizes of tables and plots).
            if (records < 0 || records > h.epochsDone()) throw new BadCheckpoint(where + " has an impossible history length");
            List<EpochRecord> history = new ArrayList<>();
            Set<String> measured = null; // the tensors whose gradient norms a run records: the same every epoch
            for (int i = 0; i < records; i++) {
                double[] v = new double[9];
                for (int j = 0; j < 9; j++) v[j] = in.readDouble();
                Map<String, Double> norms = new LinkedHashMap<>();
                int tensors = h.version() >= 3 ? in.readInt() : 0;
                if (tensors < 0 || tensors > in.available()) throw new BadCheckpoint(where + " has an impossible count of gradient norms");
                for (int t = 0; t < tensors; t++) norms.put(in.readUTF(), in.readDouble());
                if (!norms.isEmpty() && measured == null) measured = norms.keySet();
                String impossible = impossibility(v, norms, measured);
                if (impossible != null) {
                    throw new BadCheckpoint(where + " records " + impossible + " in epoch " + (i + 1) + " of its history: it was"
                            + " altered, or not written by nnc");
                }
                history.add(new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], norms));
            }
            if (in.available() != 0) throw new BadCheckpoint(where + " has unexpected bytes after its history");
            return new Checkpoint(h.modelName(), h.modelHash(), h.hashOfExactText(), h.architectureHash(), h.steps(), h.rngState(), settings, kernels,
                    params, state, new TrainingState(h.epochsDone(), history, bestLoss, bestEpoch, best.length == 0 ? null : best));
        } catch (TrainedWeights.BadWeights e) {
            throw new BadCheckpoint(e.getMessage());
        } catch (EOFException e) {
            throw new BadCheckpoint(where + " ends too early: it is truncated");
        } catch (BadCheckpoint e) {
            throw e;
        } catch (IOException e) {
            throw new BadCheckpoint(where + " cannot be read: " + e.getMessage());
        }
    }
}
