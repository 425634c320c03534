package dev.nnc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nnc ir FILE}: the checked model as data, for debugging the compiler and for tools. */
@Command(name = "ir",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Check one model and print its intermediate representation: every layer, shape and parameter tensor.")
final class IrCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE", description = "The .nn model.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    IrWriter.Format format;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    IrCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CheckedModel.with(file, env, spec.commandLine().getErr(), color.onStderr(env), model -> {
            out.print(IrWriter.write(model, format));
            return ExitCodes.OK;
        });
    }
}
