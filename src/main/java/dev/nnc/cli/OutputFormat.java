package dev.nnc.cli;

import dev.nnc.diag.DiagnosticRenderer;
import dev.nnc.diag.HumanRenderer;
import dev.nnc.diag.JsonRenderer;
import dev.nnc.diag.SarifRenderer;

import java.util.Locale;

/** {@code nnc check --format}: who reads the diagnostics, a person or a program. */
enum OutputFormat {
    TEXT, JSON, SARIF;

    /**
     * The renderer for this format. Color only applies to text; it is passed on once
     * {@link HumanRenderer} takes it (the renderers are being written in their own branch).
     */
    DiagnosticRenderer renderer(boolean color) {
        return switch (this) {
            case TEXT -> new HumanRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer();
        };
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
