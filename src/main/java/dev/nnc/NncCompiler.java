package dev.nnc;

import dev.nnc.check.CheckResult;
import dev.nnc.check.Checker;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.ModelGenerator;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.NnSyntax;
import dev.nnc.syntax.ParseResult;

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
        return Checker.check(source, parsed.model().get());
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
