package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;

import java.util.List;
import java.util.Optional;

/** The tree of a file that parsed, or the diagnostics that say why it did not. */
public record ParseResult(Optional<Ast.Model> model, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
