package dev.nnc.runtime.data;

import dev.nnc.common.Sha256;
import dev.nnc.runtime.data.DataException.Kind;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed: gzip is told
 * by its magic bytes, never by the file name. Every way a file can be damaged gets its own
 * {@link DataException}; the file is only ever opened for reading.
 *
 * <p>Layout: a big-endian int32 magic number {@code 0x0000TTDD} (TT the data type, DD the
 * number of dimensions), DD big-endian int32 sizes, then the data, row-major.
 */
public final class Idx {
    private Idx() {}

    /** The only data type nnc reads: unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;
    /** Far beyond any image nnc trains on; a larger side means a damaged header. */
    static final int MAX_SIDE = 4096;
    /** The largest Java array. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_1 = 0x1f, GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 1 << 16;
    /** A gzip'd file's data length is known only by reading; grow towards it from here. */
    private static final int FIRST_CHUNK = 1 << 24;
    /** How far past the announced end we count trailing bytes before saying "at least". */
    private static final long TRAILING_COUNT_LIMIT = 1L << 26;

    public static IdxFile readImages(Path file) throws DataException {
        return read(file, IdxKind.IMAGES);
    }

    public static IdxFile readLabels(Path file) throws DataException {
        return read(file, IdxKind.LABELS);
    }

    public static IdxFile read(Path file, IdxKind kind) throws DataException {
        long size = regularFileSize(file);
        MessageDigest sha = Sha256.digest();
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            boolean gzip = startsWithGzipMagic(in);
            InputStream content = new DigestInputStream(gzip ? new GZIPInputStream(in, BUFFER) : in, sha);
            Reading r = new Reading(file, kind, size, gzip);
            int[] dims = r.header(content);
            long length = dataBytes(dims);
            if (!gzip) {
                r.checkRawLength(dims, length);
            }
            byte[] data = r.data(content, dims, length);
            r.checkNothingFollows(content, dims, length);
            return new IdxFile(file, kind, dims, data, HexFormat.of().formatHex(sha.digest()));
        } catch (EOFException e) { // only GZIPInputStream throws it: a raw file's end is checked above
            throw damaged(Kind.GZIP_CORRUPT, file + " is cut short: its gzip stream ends before its end marker"
                    + " (an interrupted download or copy?)", e);
        } catch (ZipException e) {
            throw corruptGzip(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Item {@code index} of an IDX file (one image, one label), with the header's dimensions (the count first). */
    public record Item(int[] dims, byte[] bytes) {}

    /**
     * Item {@code index} of {@code file}, read without the items after it (`predict --idx FILE --index N`):
     * a gzip'd file of a few megabytes can unpack to gigabytes it would otherwise hold. Its header is checked
     * as {@link #read} checks it, the rest of the file only as far as the item.
     */
    public static Item readItem(Path file, IdxKind kind, int index) throws DataException {
        long size = regularFileSize(file);
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            boolean gzip = startsWithGzipMagic(in);
            InputStream content = gzip ? new GZIPInputStream(in, BUFFER) : in;
            Reading r = new Reading(file, kind, size, gzip);
            int[] dims = r.header(content);
            long length = dataBytes(dims);
            if (!gzip) r.checkRawLength(dims, length);
            if (index < 0 || index >= dims[0]) {
                throw new DataException(Kind.BAD_DIMENSIONS, file + " holds " + kind.noun() + " 0 to " + (dims[0] - 1) + "; there is no "
                        + kind.item() + " " + index, null);
            }
            int itemBytes = (int) (length / dims[0]);
            long before = (long) index * itemBytes;
            content.skipNBytes(before); // an end before the item throws EOFException
            byte[] item = content.readNBytes(itemBytes);
            if (item.length < itemBytes) throw r.truncated(dims, length, before + item.length);
            return new Item(dims, item);
        } catch (EOFException e) { // skipNBytes past the end of either kind of file, or a gzip stream cut short
            throw damaged(Kind.TRUNCATED, file + " ends before its " + kind.item() + " " + index
                    + ", which its header announces (an interrupted download or copy?)", e);
        } catch (ZipException e) {
            throw corruptGzip(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataException corruptGzip(Path file, ZipException e) {
        return damaged(Kind.GZIP_CORRUPT, file + " is a damaged gzip file: its compressed data is corrupt ("
                + (e.getMessage() == null ? "no detail" : e.getMessage()) + ")", e);
    }

    private static DataException unreadable(Path file, IOException e) {
        return new DataException(Kind.UNREADABLE, file + " cannot be read: " + dev.nnc.common.IoReasons.of(e), "check the file's permissions", e);
    }

    /** The size of a readable regular file, or the reason it is not one. */
    private static long regularFileSize(Path file) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException(Kind.NOT_A_FILE, file + " is a directory, not an IDX file",
                    "point at the file itself, or move the directory out of the way");
        }
        if (!Files.exists(file)) {
            throw new DataException(Kind.MISSING, file + " does not exist", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException(Kind.NOT_A_FILE, file + " is not a regular file", "replace it with the IDX file");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw damaged(Kind.EMPTY, file + " is empty (0 bytes)", null);
            }
            return size;
        } catch (IOException e) {
            throw new DataException(Kind.UNREADABLE, file + " cannot be read: " + dev.nnc.common.IoReasons.of(e), "check the file's permissions", e);
        }
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read(), b2 = in.read();
        in.reset();
        return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    }

    static long dataBytes(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d; // each side was checked, so this stays far from overflow
        }
        return n;
    }

    /** Checks and messages for one file, which all name the file and what it should hold. */
    private record Reading(Path file, IdxKind kind, long size, boolean gzip) {
        int[] header(InputStream in) throws IOException, DataException {
            byte[] header = new byte[kind.headerBytes()];
            int magicRead = in.readNBytes(header, 0, 4);
            if (magicRead < 4) {
                throw shortHeader(magicRead);
            }
            int magic = intAt(header, 0);
            checkMagic(magic, Arrays.copyOf(header, 4));
            int read = 4 + in.readNBytes(header, 4, header.length - 4);
            if (read < header.length) {
                throw shortHeader(read);
            }
            int[] dims = new int[kind.dimensions()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = intAt(header, 4 + 4 * i);
            }
            checkDims(dims);
            return dims;
        }

        private DataException shortHeader(int bytes) {
            return damaged(Kind.TRUNCATED, file + " ends inside its IDX header: it holds " + bytes + " byte"
                    + (bytes == 1 ? "" : "s") + contentWord() + ", and the header of an IDX " + kind.noun()
                    + " file takes " + kind.headerBytes(), null);
        }

        private void checkMagic(int magic, byte[] first4) throws DataException {
            if ((magic >>> 16) != 0) {
                String text = printable(first4)
                        ? " (it starts with the text \"" + new String(first4, StandardCharsets.US_ASCII)
                          + "\": an error page saved in place of the data?)"
                        : "";
                throw damaged(Kind.BAD_MAGIC, file + " is not an IDX file: it starts with " + hex(magic) + ", and IDX "
                        + kind.noun() + " files start with " + hex(kind.magic()) + text, null);
            }
            int type = (magic >>> 8) & 0xff;
            int dimensions = magic & 0xff;
            if (type != UNSIGNED_BYTE) {
                throw damaged(Kind.BAD_MAGIC, file + " holds IDX data of type 0x" + hexByte(type) + " ("
                        + typeName(type) + "); nnc reads " + kind.noun() + " of unsigned bytes (type 0x08, magic "
                        + hex(kind.magic()) + ")", null);
            }
            if (dimensions != kind.dimensions()) {
                IdxKind other = kind == IdxKind.IMAGES ? IdxKind.LABELS : IdxKind.IMAGES;
                String swapped = magic == other.magic()
                        ? ": it is laid out like an IDX " + other.noun() + " file; are the images and labels files"
                          + " swapped?"
                        : "";
                String problem = file + " has " + dimensions + " dimension"
                        + (dimensions == 1 ? "" : "s") + " (magic number " + hex(magic) + "), and IDX "
                        + kind.noun() + " files have " + kind.dimensions() + " (" + String.join(", ", kind.dimNames())
                        + "; magic " + hex(kind.magic()) + ")" + swapped;
                // A whole file of the other kind is not damaged: the other file is wanted, not a copy of this one.
                if (!swapped.isEmpty()) {
                    throw new DataException(Kind.BAD_DIMENSIONS, problem, "use the " + kind.noun() + " file in its place"
                            + (kind == IdxKind.IMAGES ? " (MNIST's are named *-images-idx3-ubyte)" : " (MNIST's are named *-labels-idx1-ubyte)"), null);
                }
                throw damaged(Kind.BAD_DIMENSIONS, problem, null);
            }
        }

        private void checkDims(int[] dims) throws DataException {
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] <= 0) {
                    throw damaged(Kind.BAD_DIMENSIONS, file + ": its header gives " + kind.dimNames().get(i) + " = "
                            + Integer.toUnsignedString(dims[i]) + ", which is not a size from 1 to "
                            + Text.number(Integer.MAX_VALUE), null);
                }
            }
            for (int i = 1; i < dims.length; i++) {
                if (dims[i] > MAX_SIDE) {
                    throw damaged(Kind.BAD_DIMENSIONS, file + ": its header gives " + kind.dimNames().get(i) + " = "
                            + Text.number(dims[i]) + ", more than the " + MAX_SIDE + " nnc accepts; the header is"
                            + " probably damaged", null);
                }
            }
            long length = dataBytes(dims);
            if (length > MAX_DATA_BYTES) {
                throw damaged(Kind.BAD_DIMENSIONS, file + ": its header announces " + describe(dims) + ", "
                        + Text.number(length) + " bytes, more than nnc can hold in one array; the header is probably"
                        + " damaged", null);
            }
        }

        /** A raw file's length is known before reading: compare it with the header first. */
        void checkRawLength(int[] dims, long length) throws DataException {
            long expected = kind.headerBytes() + length;
            if (size < expected) {
                throw truncated(dims, length, size - kind.headerBytes());
            }
            if (size > expected) {
                throw trailing(dims, length, size - expected, false);
            }
        }

        byte[] data(InputStream in, int[] dims, long length) throws IOException, DataException {
            int wanted = (int) length;
            byte[] data = new byte[gzip ? Math.min(wanted, FIRST_CHUNK) : wanted];
            int filled = 0;
            while (filled < wanted) {
                if (filled == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(wanted, 2L * data.length));
                }
                int n = in.read(data, filled, data.length - filled);
                if (n < 0) {
                    throw truncated(dims, length, filled);
                }
                filled += n;
            }
            return data;
        }

        /** Reading to the end also makes GZIPInputStream check the gzip trailer's CRC and length. */
        void checkNothingFollows(InputStream in, int[] dims, long length) throws IOException, DataException {
            if (in.read() < 0) {
                return;
            }
            long extra = 1;
            byte[] skip = new byte[BUFFER];
            int n;
            while (extra < TRAILING_COUNT_LIMIT && (n = in.read(skip)) > 0) {
                extra += n;
            }
            throw trailing(dims, length, extra, extra >= TRAILING_COUNT_LIMIT);
        }

        DataException truncated(int[] dims, long length, long found) {
            return damaged(Kind.TRUNCATED, file + " is truncated: its header announces " + describe(dims) + ", "
                    + Text.number(length) + " bytes after the " + kind.headerBytes() + "-byte header, but only "
                    + Text.number(found) + " follow" + (found == 1 ? "s" : "") + contentWord()
                    + " (an interrupted download or copy?)", null);
        }

        private DataException trailing(int[] dims, long length, long extra, boolean atLeast) {
            return damaged(Kind.TRAILING_BYTES, file + " is longer than its header says: it announces "
                    + describe(dims) + ", " + Text.number(length) + " bytes after the " + kind.headerBytes()
                    + "-byte header, but " + (atLeast ? "at least " : "") + Text.number(extra) + " more byte"
                    + (extra == 1 ? "" : "s") + " follow" + (extra == 1 ? "s" : "") + contentWord()
                    + " (two files joined, or a damaged header?)", null);
        }

        private String contentWord() {
            return gzip ? " after decompression" : "";
        }

        private String describe(int[] dims) {
            return kind == IdxKind.IMAGES
                    ? Text.number(dims[0]) + " images of " + dims[1] + "×" + dims[2] + " pixels"
                    : Text.number(dims[0]) + " labels";
        }
    }

    /** Damage the file's reader cannot repair; the caller replaces the help with advice for its source. */
    private static DataException damaged(Kind kind, String problem, Throwable cause) {
        return new DataException(kind, problem,
                "replace the file with a good copy of the IDX file (raw or gzip'd)", cause);
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "16-bit integers";
            case 0x0C -> "32-bit integers";
            case 0x0D -> "32-bit floats";
            case 0x0E -> "64-bit floats";
            default -> "not an IDX type";
        };
    }

    private static String hex(int magic) {
        return String.format(Locale.ROOT, "0x%08X", magic);
    }

    private static String hexByte(int b) {
        return String.format(Locale.ROOT, "%02X", b);
    }
}
