package dev.nnc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nnc summary FILE}: the layer table of a checked model, Keras style. */
@Command(name = "summary",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check one model and print a table of its layers.",
            "Columns: output shape, weight shape and parameter count of each layer; then the totals: "
            + "parameters, trainable parameters, forward FLOPs per sample, input shape."})
final class SummaryCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE", description = "The .nn model.")
    Path file;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    SummaryCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CheckedModel.with(file, env, spec.commandLine().getErr(), color.onStderr(env), model -> {
            out.print(SummaryTable.render(model));
            return ExitCodes.OK;
        });
    }
}
