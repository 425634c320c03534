package dev.nnc.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds IDX content for tests: valid files, and the raw material for damaged ones. */
final class IdxBytes {
    private IdxBytes() {}

    /** A header with any magic number and dimensions, so tests can write wrong ones. */
    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length); // big-endian
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** Images whose pixel j of image i is (i * 31 + j * 7) mod 256: varied and checkable. */
    static byte[] images(int n, int rows, int cols) {
        byte[] data = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                data[i * rows * cols + j] = (byte) (i * 31 + j * 7);
            }
        }
        return concat(header(IdxKind.IMAGES.magic(), n, rows, cols), data);
    }

    /** Labels i mod 10. */
    static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return concat(header(IdxKind.LABELS.magic(), n), data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes with every byte in [from, to) inverted. */
    static byte[] flip(byte[] bytes, int from, int to) {
        byte[] out = bytes.clone();
        for (int i = from; i < to; i++) {
            out[i] = (byte) ~out[i];
        }
        return out;
    }
}
