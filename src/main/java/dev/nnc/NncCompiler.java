package dev.nnc;

import dev.nnc.check.CheckResult;
import dev.nnc.check.Checker;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.ModelGenerator;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.NnSyntax;
import dev.nnc.syntax.ParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point of the compiler: source in, diagnostics and Java files out.
 * The CLI, the Maven plugin and the tests all go through here.
 */
public final class NncCompiler {
    private NncCompiler() {}

    /** Parse and check one file: every diagnostic, and the IR when there is no error. */
    public static CheckResult check(SourceFile source) {
        ParseResult parsed = NnSyntax.parse(source);
        if (parsed.model().isEmpty()) {
            return new CheckResult(source, Optional.empty(), parsed.diagnostics());
        }
        CheckResult checked = Checker.check(source, parsed.model().get());
        if (parsed.diagnostics().isEmpty()) return checked;
        // Parsed without its stray characters: their errors, and the checker's (its lints wait until the file is clean).
        List<Diagnostic> all = new ArrayList<>(checked.diagnostics().stream().filter(Diagnostic::isError).toList());
        for (Diagnostic stray : parsed.diagnostics()) { // each before the first later one, the checker's order kept
            int at = 0;
            while (at < all.size() && all.get(at).span().start() <= stray.span().start()) at++;
            all.add(at, stray);
        }
        return new CheckResult(source, Optional.empty(), all);
    }

    /** Check one file and, when it has no error, generate its Java class (nothing is written). */
    public static CompileResult compile(SourceFile source, GeneratorOptions options) {
        return generate(check(source), options);
    }

    /** The second half of {@link #compile}, for callers that checked already. */
    public static CompileResult generate(CheckResult checked, GeneratorOptions options) {
        return new CompileResult(checked, checked.model().map(m -> ModelGenerator.generate(m, options)));
    }
}
