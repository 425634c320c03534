package dev.nnc.cli;

import dev.nnc.diag.Code;
import dev.nnc.diag.Explanations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code nnc explain NN0102}: the error index's page of a diagnostic code, as {@code rustc --explain}. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Explain a diagnostic code: what it means, a model that raises it, and the fix.",
            "Without a code, list every code with its title."})
final class ExplainCommand implements Callable<Integer> {
    private final Environment env;

    ExplainCommand(Environment env) { this.env = env; }

    @Parameters(paramLabel = "CODE", arity = "0..1", description = "A code as diagnostics print it, e.g. NN0102 (or 102).")
    String code;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (code == null) {
            for (Code c : Code.values()) {
                out.printf("%s  %-8s %s%n", c.name(), c.severity().word(), c.title());
            }
            spec.commandLine().getErr().println("(" + env.program() + " explain NN0102 shows the page of a code)"); // stderr: the list stays a list
            return ExitCodes.OK;
        }
        Optional<Code> known = Explanations.parse(code);
        if (known.isEmpty()) {
            spec.commandLine().getErr().println("nnc: `" + code + "` is not a diagnostic code of nnc; codes look like NN0102"
                    + " (`" + env.program() + " explain` lists them all)");
            return ExitCodes.USAGE;
        }
        Optional<Explanations.Page> page = Explanations.of(known.get());
        if (page.isEmpty()) { // every code has a page (ExplanationsTest); said plainly if one ever goes missing
            spec.commandLine().getErr().println("nnc: " + known.get().name() + " (" + known.get().title() + ") has no page yet");
            return ExitCodes.INTERNAL;
        }
        out.print(page.get().markdown());
        return ExitCodes.OK;
    }
}
