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
    void aSourceWithoutItsClassIsNamed(@TempDir Path sources) throws IOException {
        Files.createDirectories(sources.resolve("dev/nnc/cli"));
        Files.writeString(sources.resolve("dev/nnc/cli/Main.java"), "present");
        Files.writeString(sources.resolve("dev/nnc/cli/package-info.java"), "no class of its own");
        Files.writeString(sources.resolve("dev/nnc/cli/Gone.java"), "packed before it was compiled");
        assertEquals(List.of("dev.nnc.cli.Gone"), BuildCheck.missing(sources, BuildCheck.class.getClassLoader()));
    }
}
