package dev.nnc.api;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The layout of a {@code .nnck} file (a run's checkpoint or final weights), read here up to
 * its parameters for both readers: {@link TrainedWeights} in a program that has only this
 * jar, and nnc's own {@code Checkpoint}, which reads the rest and writes the files.
 *
 * <p>Format (version 4), all numbers big-endian ({@link java.io.DataOutputStream}):
 * <pre>
 *   bytes  "NNCK"                     magic
 *   u16    4                          format version
 *   utf    model name                 (u16 length + modified UTF-8)
 *   32 B   SHA-256 of the model's canonical text (UTF-8; its tokens without comments and
 *          layout, as a generated class's {@code modelHash()}); in version 1, of the source text exactly
 *   32 B   SHA-256 of the model's architecture (input, layers, loss: what the weights depend on,
 *          as a generated class's {@code architectureHash()}; absent before version 4)
 *   i32    epochs done
 *   i64    optimizer steps taken
 *   i64    dropout generator state
 *   settings: i32 batch, i32 epochs, i64 seed, u8 shuffle, f64 validation,
 *             i32 early-stop patience (−1 none), f64 mean, f64 std, i32 limit (−1 none)
 *   f64    learning rate replacing the model's (--lr), NaN for the model's own (absent in version 1)
 *   u8     kernels: 0 plain, 1 vector (absent in version 1)
 *   i32 n, n × f32                    parameters
 *   i32 n, n × f32                    optimizer state
 *   f64    best validation loss, i32 best epoch, i32 n, n × f32 best parameters (n = 0: none)
 *   i32 n, n records                  history, a record being
 *          9 f64                      epoch, train loss/acc, val loss/acc, test loss/acc, seconds, samples/s
 *          i32 k, k × (utf, f64)      gradient norms: weight tensor name, mean L2 norm (absent before version 3)
 *   u32    CRC-32 of every byte before it
 * </pre>
 */
public final class NnckFile {
    /** The advice after a damaged file's reason; a run folder's reader replaces it when the run can write the file again. */
    public static final String RESTORE = "; restore it from a copy, or train again";

    private NnckFile() {}

    public static final byte[] MAGIC = {'N', 'N', 'C', 'K'};
    public static final int VERSION = 4;
    /**
     * Version 1 had no learning rate and no kernels byte; versions 1 and 2 no gradient norms in their history;
     * versions 1 to 3 no architecture hash.
     */
    public static final int OLDEST_READ = 1;
    public static final int KERNELS_PLAIN = 0;
    public static final int KERNELS_VECTOR = 1;

    /** In a run folder: the weights a finished run ends with, and the checkpoint written after every epoch. */
    public static final String WEIGHTS = "weights.nnck";
    public static final String CHECKPOINT = "checkpoint.nnck";

    /** The weights a run folder holds: its final ones, else (a run not finished) its latest checkpoint; empty if neither. */
    public static Optional<Path> inRunFolder(Path dir) {
        for (String name : new String[] {WEIGHTS, CHECKPOINT}) {
            if (Files.isRegularFile(dir.resolve(name))) return Optional.of(dir.resolve(name));
        }
        return Optional.empty();
    }

    /** Everything before the parameters, as stored (a missing value of version 1 as {@code NaN} or −1). */
    public record Header(int version, String modelName, byte[] modelHash, byte[] architectureHash, int epochsDone, long steps,
                         long rngState, int batch, int epochs, long seed, boolean shuffle, double validation, int patience,
                         double mean, double std, int limit, double lr, int kernels) {
        /** Version 1 hashed the model's exact text, version 2 its tokens. */
        public boolean hashOfExactText() { return version == 1; }

        /** The architecture's hash in hex, or empty before version 4. */
        public String architecture() { return java.util.HexFormat.of().formatHex(architectureHash); }
    }

    /** A file whose header was read, and the stream at its parameter count (the CRC excluded). */
    public record Opened(Header header, DataInputStream rest) {}

    /**
     * Checks the magic, checksum and version of {@code bytes} and reads the header; {@code where}
     * names the file in messages, {@code kind} what it was expected to be ("checkpoint").
     */
    public static Opened open(byte[] bytes, String where, String kind) throws TrainedWeights.BadWeights {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new TrainedWeights.BadWeights(where + " is not an nnc " + kind + " (it does not start with NNCK)");
        }
        if (bytes.length < MAGIC.length + 6) throw tooShort(where);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new TrainedWeights.BadWeights(where + " is damaged (its checksum does not match: truncated or altered)" + RESTORE);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length - 4));
        try {
            int version = in.readUnsignedShort();
            if (version < OLDEST_READ || version > VERSION) {
                throw new TrainedWeights.BadWeights(where + " has format version " + version + "; this version of nnc reads versions "
                        + OLDEST_READ + " to " + VERSION + (version > VERSION ? " (it was written by a newer nnc)" : ""));
            }
            String name = in.readUTF();
            byte[] hash = in.readNBytes(32);
            byte[] architecture = version >= 4 ? in.readNBytes(32) : new byte[0];
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
            int kernels = version >= 2 ? in.readUnsignedByte() : -1;
            if (kernels > KERNELS_VECTOR) {
                throw new TrainedWeights.BadWeights(where + " names unknown kernels (" + kernels + "); it was written by a newer nnc");
            }
            Header header = new Header(version, name, hash, architecture, epochsDone, steps, rng, batch, epochs, seed, shuffle,
                    validation, patience, mean, std, limit, lr, kernels);
            String impossible = impossibility(header);
            if (impossible != null) {
                throw new TrainedWeights.BadWeights(where + " records " + impossible + ": it was altered, or not written by nnc");
            }
            return new Opened(header, in);
        } catch (EOFException e) {
            throw tooShort(where);
        } catch (TrainedWeights.BadWeights e) {
            throw e;
        } catch (IOException e) {
            throw new TrainedWeights.BadWeights(where + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * What no run of nnc writes, or null: the checksum catches damage, not a file made or edited on
     * purpose, and these values size buffers, count epochs and reach the terminal (a model name
     * with escape codes). The ranges are those the language and the options allow.
     */
    private static String impossibility(Header h) {
        if (!h.modelName().matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
            return "a model name no model has (letters, digits and _, at most 100 of them)";
        }
        if (h.epochs() < 1 || h.epochsDone() < 0 || h.epochsDone() > h.epochs()) {
            return "epoch " + h.epochsDone() + " of " + h.epochs() + " (a run trains at least one, and no more than it plans)";
        }
        if (h.steps() < 0) return "a negative step count (" + h.steps() + ")";
        if (h.batch() < 1) return "a batch of " + h.batch() + " (at least 1)";
        if (!(h.validation() >= 0 && h.validation() < 1)) return "a validation split of " + h.validation() + " (in [0, 1))";
        if (h.patience() < -1) return "an early-stopping patience of " + h.patience();
        if (!Double.isFinite(h.mean()) || !(h.std() > 0 && Double.isFinite(h.std()))) {
            return "input scaling by mean " + h.mean() + " and std " + h.std() + " (finite numbers, the std above 0)";
        }
        if (h.limit() < -1 || h.limit() == 0) return "a limit of " + h.limit() + " training images";
        if (!Double.isNaN(h.lr()) && !(h.lr() > 0 && Double.isFinite(h.lr()))) return "a learning rate of " + h.lr() + " (finite, above 0)";
        return null;
    }

    /**
     * The bytes of {@code file}, an nnc {@code kind} ("weights file"), after {@link #checkReadable}; only its first
     * four when they are not the magic: a large file of something else ({@code --weights} given a dataset) is
     * refused by {@link #open} without being read whole.
     */
    public static byte[] read(Path file, String kind) throws IOException {
        long size = checkReadable(file, kind);
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(head, MAGIC)) return head;
            // One array of the file's size, not a second copy of it.
            byte[] all = Arrays.copyOf(head, (int) Math.max(head.length, size));
            int read = in.readNBytes(all, head.length, all.length - head.length);
            return read == all.length - head.length ? all : Arrays.copyOf(all, head.length + read);
        }
    }

    /** The most bytes a file is read into: one Java array's. */
    static final long LARGEST = Integer.MAX_VALUE - 8;

    /**
     * Refuses, before reading, what cannot be an nnc {@code kind} ("weights file"): a device or a pipe
     * ({@code /dev/zero} reads until the heap is full), or a file larger than one Java array. Anything
     * else (a missing file, a folder) is left for the read to say. Returns the file's size (0 if unknown).
     */
    private static long checkReadable(Path file, String kind) throws TrainedWeights.BadWeights {
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw new TrainedWeights.BadWeights(file + " is not a regular file (a device or a pipe), so no nnc " + kind);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException unreadable) {
            return 0; // said by the read
        }
        if (size > LARGEST) {
            throw new TrainedWeights.BadWeights(String.format(java.util.Locale.ROOT, "%s is %,d bytes, more than an nnc %s can be (%,d)",
                    file, size, kind, LARGEST));
        }
        return size;
    }

    /** An i32 count and that many f32 values; a count larger than what is left is refused before allocating. */
    public static float[] floats(DataInputStream in, String where) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 4) throw new TrainedWeights.BadWeights(where + " has an impossible array length " + n);
        byte[] raw = in.readNBytes(n * 4);
        float[] values = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(values);
        return values;
    }

    static TrainedWeights.BadWeights tooShort(String where) {
        return new TrainedWeights.BadWeights(where + " ends too early: it is truncated");
    }
}
