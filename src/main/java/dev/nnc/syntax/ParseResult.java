package dev.nnc.syntax;

import dev.nnc.diag.Diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * The tree of a file that parsed, or the diagnostics that say why it did not; or both, when the
 * file parsed once its stray characters were left out: the diagnostics are then theirs, and the
 * tree is for finding the file's other mistakes, never for generating code.
 */
public record ParseResult(Optional<Ast.Model> model, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
