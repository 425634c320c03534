package dev.nnc.cli;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs the CLI in-process with captured output, as a user would from a shell. */
final class Cli {
    private Cli() {}

    record Run(int exit, String out, String err) {
        /** Whatever else went wrong, the user must never see a Java stack trace. */
        Run withoutStackTrace() {
            assertFalse(err.contains("\tat ") || out.contains("\tat "), "stack trace printed:\n" + err + out);
            assertFalse(err.contains("Exception") || out.contains("Exception"), "exception name printed:\n" + err + out);
            return this;
        }
    }

    /** The real compiler, no terminal, empty environment. */
    static final Environment REAL = env(NncCompiler::check);

    static Environment env(Function<SourceFile, CheckResult> compiler) {
        return new Environment(compiler, Map.of(), false);
    }

    /** A front end that accepts every file and returns {@code model} for it. */
    static Environment checkingTo(Model model) {
        return env(source -> new CheckResult(source, Optional.of(model), List.of()));
    }

    /** A front end that reports the diagnostics made by {@code diagnostics} for every file. */
    static Environment reporting(Function<SourceFile, List<Diagnostic>> diagnostics) {
        return env(source -> new CheckResult(source, Optional.empty(), diagnostics.apply(source)));
    }

    static Run run(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
