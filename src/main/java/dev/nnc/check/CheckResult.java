package dev.nnc.check;

import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;

import java.util.List;
import java.util.Optional;

/**
 * What the front half of the compiler says about one file: its diagnostics in source
 * order and, when there is no error, the checked model.
 */
public record CheckResult(SourceFile source, Optional<Model> model, List<Diagnostic> diagnostics) {
    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() { return diagnostics.stream().anyMatch(Diagnostic::isError); }
}
