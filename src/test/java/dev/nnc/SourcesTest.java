package dev.nnc;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcesTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8TextAndReportsItUnderThePathAsGiven() throws IOException {
        Path file = write("m.nn", "model M { # größe\n}\n");
        var text = assertInstanceOf(Sources.Loaded.Text.class, Sources.load(file));
        assertEquals("model M { # größe\n}\n", text.file().text());
        assertEquals(file.toString(), text.file().path());
    }

    @Test
    void stripsAByteOrderMark() throws IOException {
        Path file = write("bom.nn", "\uFEFFmodel M {}\n");
        var text = assertInstanceOf(Sources.Loaded.Text.class, Sources.load(file));
        assertEquals("model M {}\n", text.file().text());
    }

    @Test
    void passesEmptyFilesThroughToTheParser() throws IOException {
        var text = assertInstanceOf(Sources.Loaded.Text.class, Sources.load(write("empty.nn", "")));
        assertEquals("", text.file().text());
    }

    @Test
    void missingFileIsAFileLevelDiagnostic() {
        Diagnostic d = failed(Sources.load(dir.resolve("nope.nn")), Sources.Reason.MISSING);
        assertEquals(Code.NN0005, d.code());
        assertNull(d.span());
        assertTrue(d.message().contains("nope.nn") && d.message().contains("no such file"), d.message());
    }

    @Test
    void directoryIsNotAFile() {
        Diagnostic d = failed(Sources.load(dir), Sources.Reason.DIRECTORY);
        assertTrue(d.message().contains("is a directory"), d.message());
        assertTrue(d.help().get(0).contains("nnc check"), d.help().toString());
    }

    @Test
    void nulBytesMeanNotAText() throws IOException {
        Path file = dir.resolve("model.nn");
        Files.write(file, new byte[] {'m', 'o', 0, 'd'});
        Diagnostic d = failed(Sources.load(file), Sources.Reason.NOT_TEXT);
        assertEquals(Code.NN0009, d.code(), "read, but not text: not NN0005's unreadable");
        assertTrue(d.message().contains("not a text file"), d.message());
        assertTrue(d.notes().get(0).contains("on line 1, column 3 (byte 2)"), d.notes().toString());
    }

    @Test
    void invalidUtf8IsLocatedAsAnEditorShowsIt() throws IOException {
        Path file = dir.resolve("latin1.nn");
        Files.write(file, "# \u00e9t\u00e9\nmodel Gr\u00f6\u00dfe {}".getBytes(StandardCharsets.ISO_8859_1));
        Diagnostic d = failed(Sources.load(file), Sources.Reason.NOT_TEXT);
        assertEquals(Code.NN0009, d.code());
        assertTrue(d.message().contains("is not UTF-8 text"), d.message());
        assertEquals("the first byte that is not UTF-8 is on line 1, column 3 (byte 2)", d.notes().get(0));
        assertEquals(file + ":1:3", d.span().location(), "located, for logs and IDEs");
        // After a character outside the BMP (two UTF-16 units), the note's column is the header's.
        byte[] emojiLine = "# \uD83D\uDE00 ".getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(emojiLine, emojiLine.length + 1)); // a NUL would make it binary: set the last byte
        byte[] bad = Files.readAllBytes(file);
        bad[bad.length - 1] = (byte) 0xe9;
        Files.write(file, bad);
        Diagnostic emoji = failed(Sources.load(file), Sources.Reason.NOT_TEXT);
        assertEquals(file + ":1:6", emoji.span().location());
        assertTrue(emoji.notes().get(0).contains("on line 1, column 6"), emoji.notes().toString());
        byte[] utf8Line = "# \u00fcber\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1Line = "model Gr\u00f6\u00dfe {}".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, java.nio.ByteBuffer.allocate(utf8Line.length + latin1Line.length).put(utf8Line).put(latin1Line).array());
        assertEquals("the first byte that is not UTF-8 is on line 2, column 9 (byte 16)",
                failed(Sources.load(file), Sources.Reason.NOT_TEXT).notes().get(0));
    }

    @Test
    void utf16TextIsSaidAsSuch() throws IOException {
        Path file = dir.resolve("u16.nn");
        Files.write(file, "model M {}\n".getBytes(StandardCharsets.UTF_16)); // Java writes the big-endian mark
        Diagnostic d = failed(Sources.load(file), Sources.Reason.NOT_TEXT);
        assertEquals(Code.NN0009, d.code());
        assertEquals("`" + file + "` is UTF-16 text, not UTF-8", d.message());
        Files.write(file, "model M {}\n".getBytes(java.nio.charset.Charset.forName("UTF-32")));
        Files.write(file, java.nio.ByteBuffer.allocate(4 + 44).put(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0})
                .put("model M {}\n".getBytes(java.nio.charset.Charset.forName("UTF-32LE"))).array());
        assertEquals("`" + file + "` is UTF-32 text, not UTF-8", failed(Sources.load(file), Sources.Reason.NOT_TEXT).message(),
                "UTF-32's mark starts as UTF-16's");
        Files.write(file, "model M {}\n".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(failed(Sources.load(file), Sources.Reason.NOT_TEXT).message().contains("is not a text file"), "no mark: NUL bytes");
    }

    /** A BOM is no column: the bad byte's column is the one an editor shows, as for a file that decodes. */
    @Test
    void aByteOrderMarkDoesNotShiftTheColumnOfABadByte() throws IOException {
        Path file = dir.resolve("bom.nn");
        byte[] text = "model X { # caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(file, withBom);
        Diagnostic d = failed(Sources.load(file), Sources.Reason.NOT_TEXT);
        assertEquals(file + ":1:16", d.span().location());
        assertEquals("the first byte that is not UTF-8 is on line 1, column 16 (byte 18)", d.notes().get(0));
        Files.write(file, text);
        assertEquals(file + ":1:16", failed(Sources.load(file), Sources.Reason.NOT_TEXT).span().location(), "the same without it");
    }

    @Test
    void tenMegabytesAreRefusedQuicklyWithSizeAndLimit() throws IOException {
        Path file = dir.resolve("huge.nn");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(10L << 20); // sparse: cheap to make, and all NULs, so only the size check can pass it
        }
        Diagnostic d = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> failed(Sources.load(file), Sources.Reason.TOO_LARGE));
        assertEquals(Code.NN0008, d.code());
        assertTrue(d.message().contains("10,485,760 bytes (10.0 MiB)"), d.message());
        assertTrue(d.message().contains("limit is 1,048,576 bytes (1.0 MiB)"), d.message());
    }

    @Test
    void exactlyTheLimitIsStillRead() throws IOException {
        char[] text = new char[Sources.MAX_BYTES];
        Arrays.fill(text, '#');
        Path file = write("big.nn", new String(text));
        var loaded = assertInstanceOf(Sources.Loaded.Text.class, Sources.load(file));
        assertEquals(Sources.MAX_BYTES, loaded.file().text().length());
    }

    @Test
    void expandsDirectoriesRecursivelyAndSortedKeepingFilesAsNamed() throws IOException {
        write("b.nn", "");
        write("a/z.nn", "");
        write("a/notes.txt", "");
        write("a/deeper/y.nn", "");
        Path extra = write("other/model.txt", "");

        Sources.Expansion e = Sources.expand(List.of(dir.resolve("a"), extra, dir.resolve("b.nn"), dir.resolve("a/z.nn")));

        assertEquals(List.of(), e.problems());
        assertEquals(List.of(dir.resolve("a/deeper/y.nn"), dir.resolve("a/z.nn"), extra, dir.resolve("b.nn")), e.files());
    }

    private static List<String> messages(Sources.Expansion e) {
        return e.problems().stream().map(Diagnostic::message).toList();
    }

    @Test
    void directoryWithoutModelsIsAProblem() throws IOException {
        write("docs/readme.txt", "");
        Sources.Expansion e = Sources.expand(List.of(dir.resolve("docs")));
        assertEquals(List.of(), e.files());
        assertEquals(List.of("directory `" + dir.resolve("docs") + "` contains no .nn files"), messages(e));
        assertEquals(Code.NN0010, e.problems().get(0).code());
        assertEquals(dir.resolve("docs").toString(), e.problems().get(0).file(), "a diagnostic of the directory, for json and sarif");
    }

    /** As a shell's `*`: an editor's lock file (a link to nowhere) and hidden folders are no models of the directory. */
    @Test
    void hiddenNamesInADirectoryAreSkipped() throws IOException {
        Path model = write("models/m.nn", "model M {}\n");
        write("models/.hidden/copy.nn", "model M {}\n");
        write("models/.backup.nn", "model M {}\n");
        Files.createSymbolicLink(dir.resolve("models/.#m.nn"), Path.of("root@host.12345:1765000000"));
        assertEquals(List.of(model), Sources.expand(List.of(dir.resolve("models"))).files());
        assertEquals(List.of(model), Sources.modelsUnder(dir.resolve("models")));
        // Named on the command line, a hidden file is the user's choice; a hidden directory given is read.
        assertEquals(List.of(dir.resolve("models/.backup.nn")), Sources.expand(List.of(dir.resolve("models/.backup.nn"))).files());
        assertEquals(List.of(dir.resolve("models/.hidden/copy.nn")), Sources.expand(List.of(dir.resolve("models/.hidden"))).files());
        // A directory of hidden models only: why nothing was found.
        write("drafts/.a.nn", "model M {}\n");
        assertEquals(List.of("directory `" + dir.resolve("drafts") + "` contains no .nn files but one whose name or folder starts with `.`,"
                + " which a directory leaves out; name it to check it"), messages(Sources.expand(List.of(dir.resolve("drafts")))));
    }

    @Test
    void symbolicLinksAreFollowedBrokenOnesReportedLoopsNamed() throws IOException {
        Path real = write("real/m.nn", "model M {}\n");
        Files.createDirectories(dir.resolve("models"));
        Files.createSymbolicLink(dir.resolve("models/linked"), real.getParent());
        Files.createSymbolicLink(dir.resolve("models/broken.nn"), dir.resolve("gone.nn"));
        Sources.Expansion e = Sources.expand(List.of(dir.resolve("models")));
        assertEquals(List.of(dir.resolve("models/broken.nn"), dir.resolve("models/linked/m.nn")), e.files());
        assertEquals(List.of(), e.problems());
        Sources.Loaded broken = Sources.load(dir.resolve("models/broken.nn"));
        assertTrue(broken instanceof Sources.Loaded.Failed f && f.diagnostic().message().contains("is a symbolic link to `"
                + dir.resolve("gone.nn") + "`, which does not exist"), broken.toString());

        Files.createSymbolicLink(dir.resolve("models/loop"), dir.resolve("models"));
        List<String> problems = messages(Sources.expand(List.of(dir.resolve("models"))));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("the symbolic link " + dir.resolve("models/loop") + " leads back into a directory above it"),
                problems.get(0));
    }

    @Test
    void missingPathsAreLeftForLoadToReport() {
        Path missing = dir.resolve("missing.nn");
        assertEquals(List.of(missing), Sources.expand(List.of(missing)).files());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static Diagnostic failed(Sources.Loaded loaded, Sources.Reason reason) {
        var failed = assertInstanceOf(Sources.Loaded.Failed.class, loaded);
        assertEquals(reason, failed.reason());
        return failed.diagnostic();
    }
}
