package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real MNIST, from the shared copy beside the project; no network. */
class SharedMnistTest {
    @TempDir
    Path tmp;

    private static MnistLocator fromShared(Path dir) {
        return new MnistLocator(new MnistLocator.Settings(Optional.of(dir), Optional.empty(), Path.of("no-cache"),
                List.of(), Checksums.bundled(), line -> { }));
    }

    @Test
    void theBundledSumsAreTheSharedOnes() throws Exception {
        Path dir = SharedMnist.dir();
        assertEquals(Checksums.parse(Files.readString(dir.resolve("SHA256SUMS.txt")), "shared").asMap(),
                Checksums.bundled().asMap());
        assertEquals(Checksums.parse(Files.readString(dir.resolve("SHA256SUMS.gz.txt")), "shared").asMap(),
                Checksums.bundledGzip().asMap());
        assertEquals(4, Checksums.bundled().asMap().size());
    }

    @Test
    void theSharedFilesMatchTheirSums() throws Exception {
        for (MnistFile f : MnistFile.values()) {
            Path gz = SharedMnist.gz(f);
            assertEquals(Checksums.bundledGzip().expected(f.gzipName()).orElseThrow(), dev.nnc.common.Sha256.hexOf(gz),
                    "stored bytes of " + gz);
            IdxFile idx = Idx.read(gz, f.kind());
            Checksums.bundled().verify(f, idx); // throws when the content's sum is wrong
            assertEquals(Checksums.bundled().expected(f.fileName()).orElseThrow(), idx.sha256());
        }
    }

    @Test
    void mnistHas60000TrainingAnd10000TestImagesOf28By28() throws Exception {
        Mnist mnist = fromShared(SharedMnist.dir()).load();

        Dataset train = mnist.train(), test = mnist.test();
        assertEquals(List.of(60_000, 28, 28), List.of(train.n(), train.rows(), train.cols()));
        assertEquals(List.of(10_000, 28, 28), List.of(test.n(), test.rows(), test.cols()));
        assertEquals(60_000 * 784, train.images().length);
        assertEquals(5, train.label(0), "the first training digit is a 5");
        assertEquals(7, test.label(0), "the first test digit is a 7");
        assertPixelsAndLabels(train);
        assertPixelsAndLabels(test);
    }

    private static void assertPixelsAndLabels(Dataset d) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float p : d.images()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max, "255 scales to exactly 1");
        int[] perClass = new int[10];
        for (int label : d.labels()) {
            perClass[label]++; // throws for a label outside 0..9
        }
        assertTrue(Arrays.stream(perClass).allMatch(c -> c > d.n() / 20), Arrays.toString(perClass));
    }

    @Test
    void aPixelIsItsByteOver255() throws Exception {
        Path gz = SharedMnist.gz(MnistFile.TRAIN_IMAGES);
        byte[] raw = SharedMnist.raw(MnistFile.TRAIN_IMAGES);
        Dataset train = fromShared(SharedMnist.dir()).load().train();
        for (int i : new int[] {0, 152, 300, 784 * 59_999 + 400}) {
            assertEquals((raw[16 + i] & 0xff) / 255f, train.images()[i], "pixel " + i + " of " + gz);
        }
    }

    @Test
    void rawAndGzipFilesReadAlike() throws Exception {
        Path raw = Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), SharedMnist.raw(MnistFile.TEST_LABELS));
        IdxFile fromRaw = Idx.readLabels(raw), fromGz = Idx.readLabels(SharedMnist.gz(MnistFile.TEST_LABELS));
        assertEquals(fromGz.sha256(), fromRaw.sha256());
        Checksums.bundled().verify(MnistFile.TEST_LABELS, fromRaw);
    }

    @Test
    void aDamagedCopyOfTheRealFileIsCaughtAndLeftAsItWas() throws Exception {
        byte[] gz = Files.readAllBytes(SharedMnist.gz(MnistFile.TEST_IMAGES));
        Path dir = Files.createDirectory(tmp.resolve("data"));
        for (MnistFile f : MnistFile.values()) {
            Files.copy(SharedMnist.gz(f), dir.resolve(f.gzipName()));
        }
        Path damaged = Files.write(dir.resolve(MnistFile.TEST_IMAGES.gzipName()),
                IdxBytes.flip(gz, gz.length / 2, gz.length / 2 + 16));
        FileState before = FileState.of(damaged);

        DataException e = assertThrows(DataException.class, () -> fromShared(dir).load());

        assertEquals(Kind.GZIP_CORRUPT, e.kind());
        assertTrue(e.problem().startsWith(damaged + " is a damaged gzip file: its compressed data is corrupt ("),
                e.problem());
        assertEquals(before, FileState.of(damaged));
    }
}
