package dev.nnc.check;

import dev.nnc.CheckResult;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.Ast;

import java.util.List;
import java.util.Optional;

/** Shape inference and validation: AST in, every diagnostic and the checked IR out. */
public final class Checker {
    private Checker() {}

    public static CheckResult check(SourceFile source, Ast.Model model) {
        return new CheckResult(source, Optional.empty(), List.of()); // being written
    }
}
