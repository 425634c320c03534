package dev.nnc.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The error index: a page per {@link Code} (what it means, an example that raises it, the
 * fix), as rustc's {@code --explain}. Kept as Markdown beside this class
 * ({@code explain/NN0102.md}); {@code nnc explain} prints a page, and SARIF carries it as the
 * rule's help. Every page's examples are checked by a test.
 */
public final class Explanations {
    private Explanations() {}

    /**
     * One page.
     *
     * @param markdown the whole page, starting with its {@code # NN0102: title} line
     * @param summary  its first paragraph, which stands alone (SARIF's fullDescription)
     */
    public record Page(Code code, String markdown, String summary) {}

    /** The page of {@code code}; empty if it has none (a test sees that every code has one). */
    public static Optional<Page> of(Code code) {
        try (InputStream in = Explanations.class.getResourceAsStream("explain/" + code.name() + ".md")) {
            if (in == null) return Optional.empty();
            String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return Optional.of(new Page(code, markdown, firstParagraph(markdown)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a resource of nnc's own jar
        }
    }

    /** The paragraph after the title line, joined into one line. */
    static String firstParagraph(String markdown) {
        String[] blocks = markdown.strip().split("\n\\s*\n");
        int first = blocks.length > 1 && blocks[0].startsWith("#") ? 1 : 0;
        return blocks[first].strip().replaceAll("\\s*\n\\s*", " ");
    }

    /** A code as a user may write it: {@code NN0102}, {@code nn0102}, {@code 0102}, {@code 102}. */
    public static Optional<Code> parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("NN")) t = t.substring(2);
        if (!t.matches("\\d{1,4}")) return Optional.empty();
        String name = "NN" + "0".repeat(4 - t.length()) + t;
        for (Code c : Code.values()) if (c.name().equals(name)) return Optional.of(c);
        return Optional.empty();
    }
}
