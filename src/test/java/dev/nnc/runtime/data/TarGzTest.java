package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;

import static dev.nnc.runtime.data.TarWriter.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TarGzTest {
    @TempDir
    Path dir;

    @Test
    void takesWantedFilesByBaseNameAndSkipsTheRest() throws IOException {
        byte[] big = new byte[1000]; // not a multiple of 512: padding must be skipped
        Arrays.fill(big, (byte) 7);
        Path tgz = dir.resolve("p.tgz");
        try (TarWriter tar = new TarWriter(tgz)) {
            tar.file("package/package.json", bytes("{}"))
                    .directory("package/data/")
                    .file("package/data/a", big)
                    .file("package/data/other", new byte[512])
                    .file("package/data/empty", new byte[0])
                    .file("package/data/b", bytes("bee"));
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        Map<String, Path> found = TarGz.extract(tgz, Set.of("a", "b", "empty", "absent"), out);
        assertEquals(Set.of("a", "b", "empty"), found.keySet());
        assertArrayEquals(big, Files.readAllBytes(out.resolve("a")));
        assertArrayEquals(bytes("bee"), Files.readAllBytes(out.resolve("b")));
        assertEquals(0, Files.size(out.resolve("empty")));
        assertEquals(Set.of("a", "b", "empty"), listing(out), "nothing unwanted is written");
    }

    @Test
    void readsUstarPrefixesGnuLongNamesAndPaxPaths() throws IOException {
        String deep = "package/" + "d".repeat(90) + "/data/";
        Path tgz = dir.resolve("p.tgz");
        try (TarWriter tar = new TarWriter(tgz)) {
            tar.file(deep + "ustar-file", bytes("1"))
                    .gnuLongName(deep + "x".repeat(120) + "/gnu-file", bytes("2"))
                    .pax(deep + "pax-file", bytes("3"));
        }
        Map<String, Path> found = TarGz.extract(tgz, Set.of("ustar-file", "gnu-file", "pax-file", "cut-name"), dir);
        assertEquals(Set.of("ustar-file", "gnu-file", "pax-file"), found.keySet(), "the long names, not the cut ones");
        assertArrayEquals(bytes("2"), Files.readAllBytes(found.get("gnu-file")));
        assertArrayEquals(bytes("3"), Files.readAllBytes(found.get("pax-file")));
    }

    @Test
    void aPathInTheArchiveNeverDecidesWhereAFileIsWritten() throws IOException {
        Path tgz = dir.resolve("p.tgz");
        try (TarWriter tar = new TarWriter(tgz)) {
            tar.file("../../escape/a", bytes("first")).file("/abs/a", bytes("second"));
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        Map<String, Path> found = TarGz.extract(tgz, Set.of("a"), out);
        assertEquals(out.resolve("a"), found.get("a"));
        assertArrayEquals(bytes("first"), Files.readAllBytes(out.resolve("a")), "the first of the same name wins");
        assertEquals(Set.of("out", "p.tgz"), listing(dir));
    }

    @Test
    void aDamagedHeaderIsAnError() throws IOException {
        byte[] header = TarWriter.header("package/data/a", "", '0', 3);
        header[0] = 'q'; // the stored checksum no longer fits
        Path tgz = dir.resolve("p.tgz");
        try (TarWriter tar = new TarWriter(tgz)) {
            tar.header(header, bytes("abc"));
        }
        IOException e = assertThrows(IOException.class, () -> TarGz.extract(tgz, Set.of("a"), dir));
        assertEquals("not a tar archive, or a damaged one: a header's checksum is wrong", e.getMessage());
    }

    @Test
    void anArchiveCutInsideAnEntryIsAnError() throws IOException {
        Path whole = dir.resolve("whole.tar.gz");
        try (TarWriter tar = new TarWriter(whole)) {
            tar.file("package/data/a", new byte[5000]);
        }
        byte[] tar = IdxBytes.gunzip(Files.readAllBytes(whole));
        Path cut = Files.write(dir.resolve("cut.tgz"), IdxBytes.gzip(Arrays.copyOf(tar, 512 + 2000)));
        EOFException e = assertThrows(EOFException.class, () -> TarGz.extract(cut, Set.of("a"), dir));
        assertEquals("the tar archive ends inside an entry", e.getMessage());
    }

    @Test
    void notGzipIsAnError() throws IOException {
        Path notGzip = Files.write(dir.resolve("p.tgz"), bytes("<html>404</html>"));
        assertThrows(ZipException.class, () -> TarGz.extract(notGzip, Set.of("a"), dir));
    }

    private static Set<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
