package dev.nnc.cli;

import dev.nnc.diag.DiagnosticRenderer;
import dev.nnc.diag.JsonRenderer;
import dev.nnc.diag.SarifRenderer;

import java.util.Locale;

/** {@code nnc check --format}: who reads the diagnostics, a person or a program. */
enum OutputFormat {
    TEXT, SHORT, JSON, SARIF;

    /** The renderer of one document covering every file (short, json, sarif); {@code color} only for short, a text for people too. */
    DiagnosticRenderer document(boolean color) {
        return switch (this) {
            case TEXT -> throw new IllegalStateException("text is rendered file by file, see TextReport");
            case SHORT -> new dev.nnc.diag.ShortRenderer(color);
            case JSON -> new JsonRenderer();
            // Relative paths are relative to the directory nnc runs in.
            case SARIF -> new SarifRenderer(dev.nnc.common.NncVersion.get(), java.nio.file.Path.of("").toAbsolutePath().toString());
        };
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
