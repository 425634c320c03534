package dev.nnc.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of nnc. It lives only in pom.xml; Maven copies it into
 * {@code version.properties} (resource filtering), so the jar and in-process tests agree.
 */
public final class NncVersion {
    private NncVersion() {}

    public static String get() {
        try (InputStream in = NncVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
