package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected SHA-256 sums by file name, in the format of {@code sha256sum}. nnc verifies a
 * file by the sum of its uncompressed content, so a raw file and its .gz verify against the
 * same line; the bundled lists are copies of {@code shared/mnist/SHA256SUMS*.txt}.
 */
public final class Checksums {
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](\\S.*)");

    private final Map<String, String> byName;

    private Checksums(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The sums of the uncompressed MNIST files, bundled with nnc. */
    public static Checksums bundled() {
        return resource("SHA256SUMS.txt");
    }

    /** The sums of the .gz files of the shared copy, as they are stored (not their content). */
    public static Checksums bundledGzip() {
        return resource("SHA256SUMS.gz.txt");
    }

    public static Checksums of(Map<String, String> byName) {
        Map<String, String> lower = new LinkedHashMap<>();
        byName.forEach((name, sum) -> lower.put(name, sum.toLowerCase(Locale.ROOT)));
        return new Checksums(lower);
    }

    /** Parses {@code sha256sum} output: one "HEX  NAME" (or "HEX *NAME") a line. */
    public static Checksums parse(String text, String origin) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(origin + ": not a sha256sum line: " + line);
            }
            sums.put(m.group(2), m.group(1));
        }
        return of(sums);
    }

    public Optional<String> expected(String fileName) {
        return Optional.ofNullable(byName.get(fileName));
    }

    public Map<String, String> asMap() {
        return byName;
    }

    /** Checks a file that read as well-formed IDX against the sum listed for its MNIST name. */
    public void verify(MnistFile file, IdxFile content) throws DataException {
        String expected = expected(file.fileName())
                .orElseThrow(() -> new IllegalStateException("no SHA-256 listed for " + file.fileName()));
        if (!expected.equals(content.sha256())) {
            throw new DataException(Kind.CHECKSUM_MISMATCH, content.path() + " is not the MNIST file "
                    + file.fileName() + ": the SHA-256 of its content is " + content.sha256() + ", expected "
                    + expected, "replace the file with a good copy of " + file.fileName());
        }
    }

    private static Checksums resource(String name) {
        try (InputStream in = Checksums.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("nnc is missing its resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
