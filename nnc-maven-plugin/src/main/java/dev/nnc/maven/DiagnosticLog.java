package dev.nnc.maven;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.HumanRenderer;
import dev.nnc.diag.ShortRenderer;
import org.apache.maven.plugin.logging.Log;

import java.util.List;

/**
 * Diagnostics in a Maven log: first the one-line form {@code file:line:col: error: … [NN0102]}
 * that IDEs and CI annotators pick up, then the compiler's snippet with its notes and help.
 * Errors go to the error log, warnings to the warning log; each diagnostic is one log
 * call, so that Maven's level prefix lands on the one-line form.
 */
final class DiagnosticLog {
    private static final HumanRenderer SNIPPETS = new HumanRenderer(false);

    private DiagnosticLog() {}

    /** {@code warningsFail}: with failOnWarning, warnings go to the error log too (their text still says warning). */
    static void report(Log log, List<Diagnostic> diagnostics, boolean warningsFail) {
        for (Diagnostic d : diagnostics) {
            String text = render(d);
            if (d.isError() || warningsFail) log.error(text); else log.warn(text);
        }
    }

    /** The short line, then the human rendering without its header (the short line says the same). */
    static String render(Diagnostic d) {
        String human = SNIPPETS.render(d);
        int firstBreak = human.indexOf('\n');
        String body = firstBreak < 0 ? "" : human.substring(firstBreak + 1).stripTrailing();
        return body.isEmpty() ? ShortRenderer.line(d) : ShortRenderer.line(d) + "\n" + body;
    }
}
