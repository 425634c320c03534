package dev.nnc.diag;

import java.util.List;

/**
 * One line per diagnostic, {@code file:line:col: error: message [NN0102]}: the form
 * compilers print for build tools, which editors and CI annotators turn into links.
 * The Maven plugin logs this form. Control characters (of a file's name) are escaped, lest
 * they break the line.
 */
public final class ShortRenderer implements DiagnosticRenderer {
    private final Ansi ansi;

    /** Plain lines, as build tools and problem matchers read them. */
    public ShortRenderer() { this(false); }

    /** {@code color}: the location bold and the severity in its colour, as gcc colours this form on a terminal. */
    public ShortRenderer(boolean color) { this.ansi = new Ansi(color); }

    @Override
    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) out.append(line(d, ansi)).append('\n');
        return out.toString();
    }

    /** The line for one diagnostic, without a line terminator. */
    public static String line(Diagnostic d) {
        return line(d, new Ansi(false));
    }

    private static String line(Diagnostic d, Ansi ansi) {
        String where = Printable.of(d.span() != null ? d.span().location() : d.file());
        return (where == null ? "" : ansi.paint(Ansi.Tone.BOLD, where + ":") + " ")
                + ansi.paint(Ansi.Tone.of(d.severity()), d.severity().word() + ":") + " " + Printable.of(d.message()) + " [" + d.code() + "]";
    }
}
