package dev.nnc.runtime.train;

import dev.nnc.AtomicFiles;
import dev.nnc.api.FloatNetwork;
import dev.nnc.runtime.Kernels;
import dev.nnc.syntax.NnSyntax;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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
 * <p>Format (version 2), all numbers big-endian ({@link DataOutputStream}):
 * <pre>
 *   bytes  "NNCK"                     magic
 *   u16    2                          format version
 *   utf    model name                 (u16 length + modified UTF-8)
 *   32 B   SHA-256 of the model's canonical text (UTF-8; {@link NnSyntax#canonical}: its tokens without
 *          comments and layout); in version 1, of the source text exactly
 *   i32    epochs done
 *   i64    optimizer steps taken
 *   i64    dropout generator state
 *   settings: i32 batch, i32 epochs, i64 seed, u8 shuffle, f64 validation,
 *             i32 early-stop patience (−1 none), f64 mean, f64 std, i32 limit (−1 none)
 *   f64    learning rate replacing the model's (--lr), NaN for the model's own (absent in version 1)
 *   u8     kernels: 0 plain, 1 vector (absent in version 1, which is still read)
 *   i32 n, n × f32                    parameters
 *   i32 n, n × f32                    optimizer state
 *   f64    best validation loss, i32 best epoch, i32 n, n × f32 best parameters (n = 0: none)
 *   i32 n, n × 9 f64                  history: epoch, train loss/acc, val loss/acc, test loss/acc, seconds, samples/s
 *   u32    CRC-32 of every byte before it
 * </pre>
 * Files are written to a temporary name, forced to disk, then renamed over the old one,
 * so a crash at any moment leaves the previous complete checkpoint in place.
 */
public record Checkpoint(String modelName, byte[] sourceHash, boolean hashOfExactText, long steps, long rngState, Settings settings,
                         Optional<Kernels> kernels, float[] params, float[] optimizerState, TrainingState state) {

    static final byte[] MAGIC = {'N', 'N', 'C', 'K'};
    static final int VERSION = 2;
    /** Version 1 had no kernels byte; its checkpoints are read with {@link #kernels()} empty. */
    static final int OLDEST_READ = 1;

    /** A damaged or foreign checkpoint. */
    public static final class BadCheckpoint extends IOException {
        public BadCheckpoint(String message) { super(message); }
    }

    public static Checkpoint of(FloatNetwork net, String source, Settings settings, Kernels kernels, TrainingState state) {
        return new Checkpoint(net.modelName(), modelHash(source), false, net.stepCount(), net.rngState(), settings,
                Optional.of(kernels), net.params().clone(), net.optimizerState().clone(), state);
    }

    /** Puts the saved parameters, optimizer state, step count and generator back into {@code net}. */
    public void restore(FloatNetwork net) {
        net.setParams(params);
        System.arraycopy(optimizerState, 0, net.optimizerState(), 0, optimizerState.length);
        net.setStepCount(steps);
        net.setRngState(rngState);
    }

    /** Refuses a checkpoint whose model differs from {@code net} built from {@code source}. */
    public void checkFits(FloatNetwork net, String source, Path where) throws BadCheckpoint {
        if (!Arrays.equals(sourceHash, hashOfExactText ? sha256(source) : modelHash(source))) {
            throw new BadCheckpoint(where + " was saved from " + (modelName.equals(net.modelName())
                    ? "a different version of model " + modelName : "model " + modelName + ", not " + net.modelName())
                    + " (its layers or settings differ, not only comments or layout); train this model from scratch,"
                    + " or pass the .nn file the checkpoint came from");
        }
        if (params.length != net.paramCount() || optimizerState.length != net.optimizerStateSize()) {
            throw new BadCheckpoint(where + " holds " + params.length + " parameters, model " + net.modelName()
                    + " has " + net.paramCount());
        }
    }

    /** What a checkpoint pins: the model as the compiler reads it, not its comments or layout. */
    public static byte[] modelHash(String source) {
        return HexFormat.of().parseHex(NnSyntax.canonicalHash(source));
    }

    public static byte[] sha256(String source) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sourceHashHex() { return HexFormat.of().formatHex(sourceHash); }

    // ---- writing ----

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeUTF(modelName);
            out.write(sourceHash);
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
            out.writeByte(kernels.orElseThrow(() -> new IllegalStateException("a new checkpoint records its kernels")) == Kernels.VECTOR ? 1 : 0);
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
        AtomicFiles.write(path, toBytes());
    }

    // ---- reading ----

    public static Checkpoint read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadCheckpoint(path + " does not exist");
        }
        return parse(bytes, path.toString());
    }

    static Checkpoint parse(byte[] bytes, String where) throws BadCheckpoint {
        if (bytes.length < MAGIC.length + 6 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new BadCheckpoint(where + " is not an nnc checkpoint (it does not start with NNCK)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new BadCheckpoint(where + " is damaged (its checksum does not match: truncated or altered); "
                    + "use an earlier checkpoint or train again");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 4, bytes.length - 8));
            int version = in.readUnsignedShort();
            if (version < OLDEST_READ || version > VERSION) {
                throw new BadCheckpoint(where + " has format version " + version + "; this nnc reads versions "
                        + OLDEST_READ + " to " + VERSION + (version > VERSION ? " (it was written by a newer nnc)" : ""));
            }
            String name = in.readUTF();
            byte[] hash = in.readNBytes(32);
            int epochsDone = in.readInt();
            long steps = in.readLong();
            long rng = in.readLong();
            int batch = in.readInt();
            int epochs = in.readInt();
            long seed = in.readLong();
            boolean shuffle = in.readBoolean();
            double validation = in.readDouble();
            int patience = in.readInt();
            double mean = in.readDouble();
            double std = in.readDouble();
            int limit = in.readInt();
            double lr = version >= 2 ? in.readDouble() : Double.NaN;
            Settings settings = new Settings(batch, epochs, seed, shuffle, validation,
                    patience < 0 ? OptionalInt.empty() : OptionalInt.of(patience), mean, std,
                    limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit),
                    Double.isNaN(lr) ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(lr));
            Optional<Kernels> kernels = Optional.empty();
            if (version >= 2) {
                int k = in.readUnsignedByte();
                if (k > 1) throw new BadCheckpoint(where + " names unknown kernels (" + k + "); it was written by a newer nnc");
                kernels = Optional.of(k == 1 ? Kernels.VECTOR : Kernels.SCALAR);
            }
            float[] params = floats(in, where);
            float[] state = floats(in, where);
            double bestLoss = in.readDouble();
            int bestEpoch = in.readInt();
            float[] best = floats(in, where);
            int records = in.readInt();
            if (records < 0 || records > 1_000_000) throw new BadCheckpoint(where + " has an impossible history length");
            List<EpochRecord> history = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                double[] v = new double[9];
                for (int j = 0; j < 9; j++) v[j] = in.readDouble();
                history.add(new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
            }
            if (in.available() != 0) throw new BadCheckpoint(where + " has unexpected bytes after its history");
            return new Checkpoint(name, hash, version == 1, steps, rng, settings, kernels, params, state,
                    new TrainingState(epochsDone, history, bestLoss, bestEpoch, best.length == 0 ? null : best));
        } catch (EOFException e) {
            throw new BadCheckpoint(where + " ends too early: it is truncated");
        } catch (BadCheckpoint e) {
            throw e;
        } catch (IOException e) {
            throw new BadCheckpoint(where + " cannot be read: " + e.getMessage());
        }
    }

    private static float[] floats(DataInputStream in, String where) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 4) throw new BadCheckpoint(where + " has an impossible array length " + n);
        byte[] raw = in.readNBytes(n * 4);
        float[] values = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(values);
        return values;
    }
}
