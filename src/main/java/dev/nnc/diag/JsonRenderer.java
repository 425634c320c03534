package dev.nnc.diag;

import java.util.List;

/** Placeholder until the renderer lands. */
public final class JsonRenderer implements DiagnosticRenderer {
    @Override
    public String render(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(d.severity().word()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
        }
        return sb.toString();
    }
}
