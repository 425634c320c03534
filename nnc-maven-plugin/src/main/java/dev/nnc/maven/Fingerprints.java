package dev.nnc.maven;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.zip.ZipFile;

/** Facts about the jars at hand: what code generated the classes, and where dev.nnc.api is. */
final class Fingerprints {
    private static final String API_CLASS = "dev/nnc/api/Network.class";

    private Fingerprints() {}

    /** The SHA-256 of the jar a class was loaded from, or "" when it came from a directory (an IDE). */
    static String codeOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return "";
        try {
            Path jar = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(jar) ? IncrementalGenerator.sha256(jar) : "";
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    /** Whether a classpath element (a directory or a jar) holds the runtime API. */
    static boolean hasApi(String element) {
        Path path = Path.of(element);
        if (Files.isDirectory(path)) return Files.isRegularFile(path.resolve(API_CLASS));
        if (!Files.isRegularFile(path)) return false;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(API_CLASS) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
