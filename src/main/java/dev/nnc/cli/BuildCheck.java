package dev.nnc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether a freshly built jar holds a class for every source file, run by the launcher after it
 * builds: a Maven build of the user's in the same folder at the same time (an IDE's, or {@code mvn
 * test} in another terminal) can rewrite {@code target/classes} while the jar is packed from it, and a
 * jar missing classes, being newer than the sources, would otherwise be used by every later run.
 * If this class itself is missing, the JVM fails to start it, which the launcher takes as the same.
 */
public final class BuildCheck {
    private BuildCheck() {}

    /** {@code java -cp JAR dev.nnc.cli.BuildCheck SRC_MAIN_JAVA}: exit 0 when complete, else 1 and the missing classes. */
    public static void main(String[] args) {
        List<String> missing = missing(Path.of(args[0]), BuildCheck.class.getClassLoader());
        if (missing.isEmpty()) return;
        System.err.println(missing.size() + " class" + (missing.size() == 1 ? "" : "es") + " missing, e.g. " + missing.get(0));
        System.exit(1);
    }

    /** The top-level classes of the sources under {@code sources} that {@code loader} cannot find. */
    static List<String> missing(Path sources, ClassLoader loader) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> sources.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", ""))
                    .filter(name -> !name.endsWith("package-info") && !name.endsWith("module-info"))
                    .filter(name -> !loadable(name, loader))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean loadable(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader); // found, not initialized: nothing of nnc runs
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
