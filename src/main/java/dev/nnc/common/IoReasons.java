package dev.nnc.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, in words: NIO's exceptions often carry only the path as their
 * message. One classification for every place that reports one (the CLI, source files, run
 * folders); they add the path and their context.
 */
public final class IoReasons {
    private IoReasons() {}

    /** "permission denied", "no such file or directory", ...; an exception with a sentence of its own keeps it. */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof DirectoryNotEmptyException) return "the directory is not empty";
        if (e instanceof FileSystemLoopException) return "a symbolic link leads back into a directory above it (a loop)";
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) return fs.getReason();
            if (fs.getFile() != null) return e.getClass().getSimpleName(); // its message would be the path alone
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The file that keeps {@code made} from being created (`runs.txt/sub: Not a directory`): its nearest
     * existing ancestor, when that is a file. Not {@code made} itself, which exists when it is rewritten
     * and then fails for its own reasons (a full disk).
     */
    public static java.util.Optional<java.nio.file.Path> fileInTheWay(java.nio.file.Path made) {
        java.nio.file.Path parent = made.toAbsolutePath().normalize().getParent();
        return (parent == null ? java.util.Optional.<java.nio.file.Path>empty() : nearestExisting(parent))
                .filter(java.nio.file.Files::isRegularFile);
    }

    /** {@code path} itself if it exists, else its nearest ancestor that does (none on a path without any). */
    public static java.util.Optional<java.nio.file.Path> nearestExisting(java.nio.file.Path path) {
        java.nio.file.Path p = path.toAbsolutePath().normalize();
        while (p != null && !java.nio.file.Files.exists(p)) p = p.getParent();
        return java.util.Optional.ofNullable(p);
    }
}
