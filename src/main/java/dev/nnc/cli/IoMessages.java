package dev.nnc.cli;

import dev.nnc.common.IoReasons;

import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * An I/O failure as a user should read it. NIO's exceptions often carry only the path as
 * their message ("error: /x/w.nnck"); nnc's own carry a sentence, which is kept.
 */
final class IoMessages {
    private IoMessages() {}

    static String of(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() != null ? " → " + fs.getOtherFile() : "") + ": " + IoReasons.of(e);
        }
        return IoReasons.of(e);
    }
}
