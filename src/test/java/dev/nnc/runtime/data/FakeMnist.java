package dev.nnc.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny stand-in for MNIST (12 training and 6 test images of 4×5) with sums of its own. */
final class FakeMnist {
    private FakeMnist() {}

    static final int TRAIN = 12, TEST = 6, ROWS = 4, COLS = 5;

    static Map<MnistFile, byte[]> contents() {
        Map<MnistFile, byte[]> c = new EnumMap<>(MnistFile.class);
        c.put(MnistFile.TRAIN_IMAGES, IdxBytes.images(TRAIN, ROWS, COLS));
        c.put(MnistFile.TRAIN_LABELS, IdxBytes.labels(TRAIN));
        c.put(MnistFile.TEST_IMAGES, IdxBytes.images(TEST, ROWS, COLS));
        c.put(MnistFile.TEST_LABELS, IdxBytes.labels(TEST));
        return c;
    }

    static Checksums sums() {
        return sumsOf(contents());
    }

    static Checksums sumsOf(Map<MnistFile, byte[]> contents) {
        Map<String, String> sums = new LinkedHashMap<>();
        contents.forEach((f, bytes) -> sums.put(f.fileName(), sha256(bytes)));
        return Checksums.of(sums);
    }

    static String sha256(byte[] bytes) {
        MessageDigest sha = dev.nnc.common.Sha256.digest();
        return HexFormat.of().formatHex(sha.digest(bytes));
    }

    /** Writes the four files into {@code dir}, raw or as .gz. */
    static Path write(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        for (var e : contents().entrySet()) {
            MnistFile f = e.getKey();
            Files.write(dir.resolve(gzip ? f.gzipName() : f.fileName()), gzip ? IdxBytes.gzip(e.getValue()) : e.getValue());
        }
        return dir;
    }
}
