package dev.nnc.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileWholeAndLeavesNothingBeside() throws IOException {
        Path file = dir.resolve("sub/a.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of("a.bin"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theFileGetsTheUsersDefaultPermissionsNotOwnerOnly() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain")); // permissions from the umask
        Path written = dir.resolve("written");
        AtomicFiles.write(written, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }
}
