package dev.nnc.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * One problem found in a source file: a stable code, a one-line message, the primary
 * span with a label, optional secondary labels, then notes (facts) and help (a fix).
 * A diagnostic with no span is about a file as a whole (unreadable, empty, ...).
 */
public record Diagnostic(
        Code code,
        String message,
        String file,
        Span span,
        String label,
        List<Label> secondary,
        List<String> notes,
        List<String> help) {

    public Diagnostic {
        secondary = List.copyOf(secondary);
        notes = List.copyOf(notes);
        help = List.copyOf(help);
    }

    public Severity severity() { return code.severity(); }

    public boolean isError() { return severity() == Severity.ERROR; }

    /** The same diagnostic with one more note. */
    public Diagnostic withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Diagnostic(code, message, file, span, label, secondary, more, help);
    }

    public static Builder at(Code code, Span span, String message) { return new Builder(code, span, message); }

    /** A problem with a whole file that has no position inside it. */
    public static Builder forFile(Code code, String file, String message) {
        Builder b = new Builder(code, null, message);
        b.file = file;
        return b;
    }

    public static final class Builder {
        private final Code code;
        private final Span span;
        private final String message;
        private String file;
        private String label = "";
        private final List<Label> secondary = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> help = new ArrayList<>();

        private Builder(Code code, Span span, String message) {
            this.code = code;
            this.span = span;
            this.message = message;
            this.file = span == null ? null : span.file().path();
        }

        public Builder label(String text) { this.label = text; return this; }

        public Builder secondary(Span at, String text) { if (at != null) secondary.add(new Label(at, text)); return this; }

        public Builder note(String text) { notes.add(text); return this; }

        public Builder help(String text) { help.add(text); return this; }

        public Diagnostic build() {
            return new Diagnostic(code, message, file, span, label, secondary, notes, help);
        }
    }
}
