package dev.nnc.diag;

/**
 * A region of a source file. Lines and columns are 1-based and count UTF-16 units;
 * {@code endColumn} is exclusive (the column just after the last character), as rustc's
 * JSON and SARIF report them, so a zero-width span has {@code endColumn == column}.
 * Offsets are 0-based, end exclusive.
 */
public record Span(SourceFile file, int start, int end, int line, int column, int endLine, int endColumn) {

    /** The smallest span covering both. */
    public Span to(Span other) {
        if (other == null) return this;
        return file.span(Math.min(start, other.start), Math.max(end, other.end));
    }

    public String text() { return file.text().substring(start, end); }

    /** {@code path:line:column}, the form editors and CI annotators link. */
    public String location() { return file.path() + ":" + line + ":" + column; }

    @Override
    public String toString() { return location(); }
}
