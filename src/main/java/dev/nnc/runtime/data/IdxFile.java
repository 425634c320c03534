package dev.nnc.runtime.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The checked content of one IDX file of unsigned bytes: its dimensions (count first), the
 * data after the header, and the SHA-256 of the whole uncompressed content (header and
 * data), which is what {@link Checksums} compares whether the file was raw or gzip'd.
 */
public record IdxFile(Path path, IdxKind kind, int[] dims, byte[] data, String sha256) {
    public IdxFile {
        dims = dims.clone();
    }

    /** The number of images or labels: the first dimension. */
    public int count() {
        return dims[0];
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public String toString() {
        return "IdxFile[" + path + ", " + kind + " " + Arrays.toString(dims) + ", sha256=" + sha256 + "]";
    }
}
