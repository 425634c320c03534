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

    /** {@code java -cp JAR dev.nnc.cli.BuildCheck SOURCE_ROOT...}: exit 0 when complete, else 1 and the missing classes. */
    public static void main(String[] args) {
        List<String> missing = new java.util.ArrayList<>();
        try {
            for (String root : args) {
                if (Files.isDirectory(Path.of(root))) missing.addAll(missing(Path.of(root), BuildCheck.class.getClassLoader()));
            }
        } catch (UncheckedIOException e) { // a folder of sources that cannot be read: no verdict
            System.err.println("cannot read the sources: " + dev.nnc.common.IoReasons.of(e.getCause()));
            System.exit(1);
        }
        if (missing.isEmpty()) return;
        System.err.println(missing.size() + " class" + (missing.size() == 1 ? "" : "es") + " missing, e.g. " + missing.get(0));
        System.exit(1);
    }

    /**
     * The top-level classes of the sources under {@code sources} that {@code loader} cannot find: each file whose
     * name is a Java identifier and which declares a type of that name (not an editor's {@code .#Main.java} lock
     * file, nor a scratch file whose only class has another name).
     */
    static List<String> missing(Path sources, ClassLoader loader) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java") && declaresItsType(f))
                    .map(f -> sources.relativize(f).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.java$", ""))
                    .filter(name -> !loadable(name, loader))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean declaresItsType(Path file) {
        String name = file.getFileName().toString().replaceAll("\\.java$", "");
        if (!javax.lang.model.SourceVersion.isIdentifier(name) || javax.lang.model.SourceVersion.isKeyword(name)) return false;
        try {
            return java.util.regex.Pattern.compile("\\b(class|interface|enum|record)\\s+" + name + "\\b").matcher(Files.readString(file)).find();
        } catch (IOException | UncheckedIOException unreadable) { // a dangling link, a file not in UTF-8: nothing javac compiled either
            return false;
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
