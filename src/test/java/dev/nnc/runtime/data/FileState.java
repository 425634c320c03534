package dev.nnc.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** What a test compares to show that nnc left an input file exactly as it was. */
record FileState(boolean exists, long size, FileTime modified, String sha256) {
    static FileState of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new FileState(Files.exists(file), -1, null, null);
        }
        return new FileState(true, Files.size(file), Files.getLastModifiedTime(file), dev.nnc.common.Sha256.hexOf(file));
    }
}
