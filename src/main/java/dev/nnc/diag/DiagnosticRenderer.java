package dev.nnc.diag;

import java.util.List;

/** Turns diagnostics into text for people (human), programs (json) or CI (sarif). */
public interface DiagnosticRenderer {
    String render(List<Diagnostic> diagnostics);
}
