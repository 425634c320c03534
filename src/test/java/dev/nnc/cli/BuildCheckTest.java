package dev.nnc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's check of a fresh jar: a class for every source file. */
class BuildCheckTest {
    @Test
    void everySourceOfNncHasItsClass() {
        assertEquals(List.of(), BuildCheck.missing(Path.of("src/main/java"), BuildCheck.class.getClassLoader()));
    }

    @Test
    void theParserAntlrGeneratedHasItsClassesToo() {
        Path generated = Path.of("target/generated-sources/antlr4");
        org.junit.jupiter.api.Assertions.assertTrue(Files.isDirectory(generated), "Maven's antlr4 plugin writes it before compiling");
        assertEquals(List.of(), BuildCheck.missing(generated, BuildCheck.class.getClassLoader()));
    }

    @Test
    void aSourceWithoutItsClassIsNamed(@TempDir Path sources) throws IOException {
        Files.createDirectories(sources.resolve("dev/nnc/cli"));
        Files.writeString(sources.resolve("dev/nnc/cli/Main.java"), "public final class Main {}");
        Files.writeString(sources.resolve("dev/nnc/cli/package-info.java"), "/** no class of its own */ package dev.nnc.cli;");
        Files.writeString(sources.resolve("dev/nnc/cli/Gone.java"), "record Gone() {} // packed before it was compiled");
        // An editor's lock file (Emacs: a link to nowhere) and a scratch file whose class has another name: javac made no such class.
        Files.createSymbolicLink(sources.resolve("dev/nnc/cli/.#Main.java"), Path.of("user@host.1234"));
        Files.writeString(sources.resolve("dev/nnc/cli/Scratch.java"), "class Trying {}");
        assertEquals(List.of("dev.nnc.cli.Gone"), BuildCheck.missing(sources, BuildCheck.class.getClassLoader()));
    }
}
