package dev.nnc.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IoMessagesTest {
    @Test
    void nioExceptionsThatCarryOnlyAPathSayWhatWentWrong() {
        assertEquals("/x/w.nnck: permission denied", IoMessages.of(new AccessDeniedException("/x/w.nnck")));
        assertEquals("/x/w.nnck: no such file or directory", IoMessages.of(new NoSuchFileException("/x/w.nnck")));
        assertEquals("/proc/x: Read-only file system", IoMessages.of(new FileSystemException("/proc/x", null, "Read-only file system")));
    }

    @Test
    void nncsOwnSentencesAreKept() {
        assertEquals("runs/a has no checkpoint.nnck", IoMessages.of(new IOException("runs/a has no checkpoint.nnck")));
        assertEquals("IOException", IoMessages.of(new IOException()));
    }
}
