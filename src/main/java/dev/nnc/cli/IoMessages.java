package dev.nnc.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure as a user should read it. NIO's exceptions often carry only the path as
 * their message ("error: /x/w.nnck"); nnc's own carry a sentence, which is kept.
 */
final class IoMessages {
    private IoMessages() {}

    static String of(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof DirectoryNotEmptyException ? "the directory is not empty"
                    : fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            return fs.getFile() + (fs.getOtherFile() != null ? " → " + fs.getOtherFile() : "") + ": " + what;
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
