package dev.nnc.diag;

import java.util.List;

/**
 * One line per diagnostic, {@code file:line:col: error: message [NN0102]}: the form
 * compilers print for build tools, which editors and CI annotators turn into links.
 * The Maven plugin logs this form. Control characters (of a file's name) are escaped, lest
 * they break the line.
 */
public final class ShortRenderer implements DiagnosticRenderer {

    @Override
    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) out.append(line(d)).append('\n');
        return out.toString();
    }

    /** The line for one diagnostic, without a line terminator. */
    public static String line(Diagnostic d) {
        String where = Printable.of(d.span() != null ? d.span().location() : d.file());
        return (where == null ? "" : where + ": ")
                + d.severity().word() + ": " + Printable.of(d.message()) + " [" + d.code() + "]";
    }
}
