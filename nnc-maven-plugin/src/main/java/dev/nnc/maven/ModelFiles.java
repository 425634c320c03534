package dev.nnc.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The .nn files of a source directory, found recursively, in a stable (sorted) order. */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * One model file. {@code key} names it inside the source directory (it keys the build
     * state); {@code shown} is the path relative to the project, the name that generated
     * code carries, so that the classes do not depend on where the project was checked out;
     * diagnostics use the absolute {@code file}, which editors and CI annotators resolve.
     */
    record Model(String key, Path file, String shown) {}

    /** Every {@code *.nn} file under {@code sourceDir} ({@link dev.nnc.Sources#modelsUnder}); none when the directory does not exist. */
    static List<Model> find(Path sourceDir, Path baseDir) throws IOException {
        if (!Files.isDirectory(sourceDir)) return List.of();
        Path root = sourceDir.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        // As the command line reads a directory: links followed, hidden names (.#model.nn) skipped.
        return dev.nnc.Sources.modelsUnder(root).stream()
                .map(p -> new Model(slashes(root.relativize(p)), p, relative(base, p)))
                .toList();
    }

    /** {@code file} relative to {@code base} (possibly with {@code ..}), or absolute when it is on another drive. */
    static String relative(Path base, Path file) {
        Path b = base.toAbsolutePath().normalize(), f = file.toAbsolutePath().normalize();
        try {
            return slashes(b.relativize(f));
        } catch (IllegalArgumentException e) {
            return f.toString();
        }
    }

    /** A relative path with {@code /} on every platform, as it is stored and shown. */
    static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
