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

    /**
     * Diagnostics shown per file, as javac's {@code -Xmaxerrs}: past a hundred, the rest of a
     * file's messages are mostly one mistake repeated, and they bury the summary. The count
     * line still counts all; {@code --format json} lists all.
     */
    static final int MAX_SHOWN = 100;

    TextReport add(String path, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) return this;
        if (text.length() > 0) text.append('\n');
        List<Diagnostic> shown = diagnostics.size() > MAX_SHOWN ? diagnostics.subList(0, MAX_SHOWN) : diagnostics;
        text.append(renderer.render(shown)).append('\n');
        if (shown.size() < diagnostics.size()) {
            int more = diagnostics.size() - shown.size();
            text.append("note: ").append(more).append(" more diagnostic").append(more == 1 ? "" : "s").append(" of `").append(dev.nnc.diag.Printable.of(path))
                    .append("` not shown (the first ").append(MAX_SHOWN).append(" are); `--format json` lists them all\n\n");
        }
        text.append(renderer.summary(path, diagnostics));
        return this;
    }

    boolean isEmpty() { return text.length() == 0; }

    @Override
    public String toString() { return text.toString(); }
}
