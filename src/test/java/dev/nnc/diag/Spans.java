package dev.nnc.diag;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds spans the way a reader points at code: "this text on that line". */
final class Spans {
    private Spans() {}

    /** The first occurrence of {@code needle} on a 1-based line. */
    static Span on(SourceFile file, int line, String needle) {
        int column = file.line(line).indexOf(needle);
        assertTrue(column >= 0, () -> "`" + needle + "` is not on line " + line + ": " + file.line(line));
        int start = file.lineSpan(line).start() + column;
        return file.span(start, start + needle.length());
    }

    /** An empty span just before the first occurrence of {@code needle} on a line. */
    static Span before(SourceFile file, int line, String needle) {
        Span s = on(file, line, needle);
        return file.span(s.start(), s.start());
    }
}
