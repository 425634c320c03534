package dev.nnc.cli;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.HumanRenderer;

import java.util.List;

/**
 * Diagnostics for people, file by file as cargo prints them: the diagnostics of a file,
 * a blank line, then its closing line ({@code error: could not check `x.nn`: 2 errors}).
 * A file without diagnostics prints nothing.
 */
final class TextReport {
    private final HumanRenderer renderer;
    private final StringBuilder text = new StringBuilder();

    TextReport(boolean color) { this.renderer = new HumanRenderer(color); }

    TextReport add(String path, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) return this;
        if (text.length() > 0) text.append('\n');
        text.append(renderer.render(diagnostics)).append('\n').append(renderer.summary(path, diagnostics));
        return this;
    }

    boolean isEmpty() { return text.length() == 0; }

    @Override
    public String toString() { return text.toString(); }
}
