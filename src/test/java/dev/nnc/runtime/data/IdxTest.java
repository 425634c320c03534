package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.nnc.runtime.data.IdxBytes.concat;
import static dev.nnc.runtime.data.IdxBytes.cut;
import static dev.nnc.runtime.data.IdxBytes.flip;
import static dev.nnc.runtime.data.IdxBytes.gzip;
import static dev.nnc.runtime.data.IdxBytes.header;
import static dev.nnc.runtime.data.IdxBytes.images;
import static dev.nnc.runtime.data.IdxBytes.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readsRawImages() throws Exception {
        byte[] content = images(3, 4, 5);
        Path file = write("imgs", content);
        IdxFile idx = Idx.readImages(file);
        assertArrayEquals(new int[] {3, 4, 5}, idx.dims());
        assertEquals(3, idx.count());
        assertArrayEquals(Arrays.copyOfRange(content, 16, content.length), idx.data());
        assertEquals(dev.nnc.common.Sha256.hexOf(file), idx.sha256(), "a raw file's sum is that of its bytes");
    }

    @Test
    void gzipIsToldByItsMagicBytesNotItsName() throws Exception {
        byte[] content = images(3, 4, 5);
        Path raw = write("raw.gz", content);
        Path gz = write("compressed.idx", gzip(content));
        IdxFile fromRaw = Idx.readImages(raw), fromGz = Idx.readImages(gz);
        assertArrayEquals(fromRaw.data(), fromGz.data());
        assertEquals(fromRaw.sha256(), fromGz.sha256(), "both are summed over the uncompressed content");
    }

    @Test
    void readsLabels() throws Exception {
        IdxFile idx = Idx.readLabels(write("labels", labels(12)));
        assertArrayEquals(new int[] {12}, idx.dims());
        assertEquals(9, idx.data()[9]);
        assertEquals(0, idx.data()[10]);
    }

    @Test
    void dataLargerThanTheFirstGzipChunkIsReadWhole() throws Exception {
        // 16 MiB is where reading a gzip'd file first grows its buffer.
        byte[] content = images(22_000, 28, 28);
        IdxFile idx = Idx.readImages(write("big.gz", gzip(content)));
        assertEquals(22_000 * 784, idx.data().length);
        assertArrayEquals(Arrays.copyOfRange(content, 16, content.length), idx.data());
    }

    /** name, content, kind read as, expected kind of error, fragments of the message. */
    static Stream<Arguments> damaged() {
        byte[] img = images(3, 4, 5); // 16 + 60 bytes
        byte[] bigGz = gzip(images(200, 28, 28));
        return Stream.of(
                arguments("empty", new byte[0], IdxKind.IMAGES, Kind.EMPTY,
                        List.of("is empty (0 bytes)")),
                arguments("three bytes", cut(img, 3), IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("ends inside its IDX header: it holds 3 bytes", "takes 16")),
                arguments("header cut", cut(img, 10), IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("ends inside its IDX header: it holds 10 bytes", "takes 16")),
                arguments("gzip'd header cut", gzip(cut(img, 10)), IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("it holds 10 bytes after decompression")),
                arguments("data cut", cut(img, 66), IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("is truncated", "3 images of 4×5 pixels, 60 bytes after the 16-byte header, but only 50 follow")),
                arguments("gzip'd data cut", gzip(cut(img, 66)), IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("is truncated", "but only 50 follow after decompression")),
                arguments("labels cut", cut(labels(10), 8 + 4), IdxKind.LABELS, Kind.TRUNCATED,
                        List.of("announces 10 labels, 10 bytes after the 8-byte header, but only 4 follow")),
                arguments("huge count in a small file", concat(header(0x803, 1_000_000, 28, 28), new byte[100]),
                        IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("1,000,000 images of 28×28 pixels, 784,000,000 bytes", "but only 100 follow")),
                arguments("huge count gzip'd", gzip(concat(header(0x803, 1_000_000, 28, 28), new byte[100])),
                        IdxKind.IMAGES, Kind.TRUNCATED,
                        List.of("but only 100 follow after decompression")),
                arguments("trailing bytes", concat(img, new byte[7]), IdxKind.IMAGES, Kind.TRAILING_BYTES,
                        List.of("is longer than its header says", "60 bytes after the 16-byte header, but 7 more bytes follow")),
                arguments("one trailing byte", concat(labels(4), new byte[1]), IdxKind.LABELS, Kind.TRAILING_BYTES,
                        List.of("but 1 more byte follows")),
                arguments("gzip'd trailing bytes", gzip(concat(img, new byte[7])), IdxKind.IMAGES, Kind.TRAILING_BYTES,
                        List.of("7 more bytes follow after decompression")),
                arguments("two files joined", concat(img, img), IdxKind.IMAGES, Kind.TRAILING_BYTES,
                        List.of("76 more bytes follow", "two files joined")),
                arguments("labels where images belong", labels(5), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("has 1 dimension (magic number 0x00000801)", "images files have 3 (count, rows, columns; magic 0x00000803)",
                                "are the images and labels files swapped?")),
                arguments("images where labels belong", img, IdxKind.LABELS, Kind.BAD_DIMENSIONS,
                        List.of("has 3 dimensions (magic number 0x00000803)", "it is laid out like an IDX images file; are the images and labels files swapped?")),
                arguments("two dimensions", concat(header(0x802, 3, 20), new byte[60]), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("has 2 dimensions (magic number 0x00000802)", "images files have 3")),
                arguments("not IDX", concat(header(0xDEADBEEF, 3, 4, 5), new byte[60]), IdxKind.IMAGES, Kind.BAD_MAGIC,
                        List.of("is not an IDX file: it starts with 0xDEADBEEF, and IDX images files start with 0x00000803")),
                arguments("an HTML page", "<!DOCTYPE html><html>Not Found</html>".getBytes(), IdxKind.IMAGES, Kind.BAD_MAGIC,
                        List.of("is not an IDX file", "it starts with the text \"<!DO\"")),
                arguments("float data", concat(header(0xD03, 3, 4, 5), new byte[240]), IdxKind.IMAGES, Kind.BAD_MAGIC,
                        List.of("holds IDX data of type 0x0D (32-bit floats)", "unsigned bytes (type 0x08")),
                arguments("zero images", header(0x803, 0, 28, 28), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("its header gives count = 0")),
                arguments("negative rows", header(0x803, 3, -1, 28), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("its header gives rows = 4294967295, which is not a size from 1 to 2,147,483,647")),
                arguments("wide images", header(0x803, 3, 28, 5000), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("columns = 5,000, more than the 4096 nnc accepts")),
                arguments("more than an array", header(0x803, 100_000_000, 28, 28), IdxKind.IMAGES, Kind.BAD_DIMENSIONS,
                        List.of("100,000,000 images of 28×28 pixels, 78,400,000,000 bytes, more than nnc can hold")),
                arguments("gzip corrupted in the middle", flip(bigGz, bigGz.length / 2, bigGz.length / 2 + 8),
                        IdxKind.IMAGES, Kind.GZIP_CORRUPT, List.of("is a damaged gzip file: its compressed data is corrupt (")),
                arguments("gzip checksum wrong", flip(bigGz, bigGz.length - 8, bigGz.length - 7),
                        IdxKind.IMAGES, Kind.GZIP_CORRUPT, List.of("its compressed data is corrupt (Corrupt GZIP trailer)")),
                arguments("gzip cut short", cut(bigGz, bigGz.length / 2), IdxKind.IMAGES, Kind.GZIP_CORRUPT,
                        List.of("is cut short: its gzip stream ends before its end marker")),
                arguments("gzip magic only", new byte[] {0x1f, (byte) 0x8b}, IdxKind.IMAGES, Kind.GZIP_CORRUPT,
                        List.of("is cut short")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void eachKindOfDamageHasItsOwnErrorAndLeavesTheFileAlone(String name, byte[] content, IdxKind as, Kind kind,
            List<String> fragments) throws Exception {
        Path file = write(name.replace(' ', '-'), content);
        FileState before = FileState.of(file);
        DataException e = assertThrows(DataException.class, () -> Idx.read(file, as));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.problem().startsWith(file.toString()), "names the file first: " + e.problem());
        for (String fragment : fragments) {
            assertTrue(e.problem().contains(fragment), "'" + fragment + "' in: " + e.problem());
        }
        assertTrue(e.help().isPresent(), "says what to do");
        assertTrue(e.getMessage().endsWith("\nhelp: " + e.help().orElseThrow()), e.getMessage());
        assertEquals(before, FileState.of(file), "the file is unchanged");
    }

    /** The other kind of file is no damage: the help asks for the right file, not for a good copy of this one. */
    @Test
    void theOtherKindOfFileAsksForTheRightOne() throws Exception {
        DataException labels = assertThrows(DataException.class, () -> Idx.read(write("labels", labels(5)), IdxKind.IMAGES));
        assertEquals("use the images file in its place (MNIST's are named *-images-idx3-ubyte)", labels.help().orElseThrow());
        DataException images = assertThrows(DataException.class, () -> Idx.read(write("images", concat(header(0x803, 1, 2, 2), new byte[4])), IdxKind.LABELS));
        assertEquals("use the labels file in its place (MNIST's are named *-labels-idx1-ubyte)", images.help().orElseThrow());
    }

    @Test
    void aDirectoryIsNotAnIdxFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(sub));
        assertEquals(Kind.NOT_A_FILE, e.kind());
        assertEquals(sub + " is a directory, not an IDX file", e.problem());
        assertTrue(Files.isDirectory(sub));
    }

    @Test
    void aMissingFileIsSaidToBeMissing() {
        Path nothing = dir.resolve("nothing");
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(nothing));
        assertEquals(Kind.MISSING, e.kind());
        assertEquals(nothing + " does not exist", e.problem());
        assertTrue(Files.notExists(nothing));
    }

    /**
     * `predict --idx FILE --index N` reads item N alone: a gzip'd file of a few megabytes whose header announces
     * 2,700,000 images would unpack to 2 GB, read whole. The item is the one `read` gives, in both encodings; a file
     * that ends before it, or an index beyond the header's count, says so.
     */
    @Test
    void oneItemIsReadWithoutTheRest() throws Exception {
        byte[] content = IdxBytes.images(5, 4, 3);
        for (Path file : List.of(write("raw-images", content), write("images.gz", gzip(content)))) {
            IdxFile whole = Idx.readImages(file);
            Idx.Item third = Idx.readItem(file, IdxKind.IMAGES, 2);
            assertArrayEquals(new int[] {5, 4, 3}, third.dims());
            assertArrayEquals(java.util.Arrays.copyOfRange(whole.data(), 24, 36), third.bytes());
            DataException beyond = assertThrows(DataException.class, () -> Idx.readItem(file, IdxKind.IMAGES, 5));
            assertEquals(file + " holds images 0 to 4; there is no image 5", beyond.problem());
        }
        assertEquals(7, Idx.readItem(write("labels", IdxBytes.labels(9)), IdxKind.LABELS, 7).bytes()[0]);

        // Announces 2,700,000 images and holds 5: the fourth reads, the eighth is past the end.
        Path bomb = write("bomb.gz", gzip(concat(header(IdxKind.IMAGES.magic(), 2_700_000, 4, 3),
                java.util.Arrays.copyOfRange(content, 16, content.length))));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 16 + 36, 16 + 48), Idx.readItem(bomb, IdxKind.IMAGES, 3).bytes());
        DataException cut = assertThrows(DataException.class, () -> Idx.readItem(bomb, IdxKind.IMAGES, 7));
        assertEquals(bomb + " ends before its image 7, which its header announces (an interrupted download or copy?)", cut.problem());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
