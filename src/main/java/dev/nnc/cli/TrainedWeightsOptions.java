package dev.nnc.cli;

import dev.nnc.Sources;
import dev.nnc.runtime.train.RunFolder;
import dev.nnc.runtime.train.Shell;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --weights} and {@code --vector}, shared by the commands that use trained weights (eval, predict),
 * and what their FILE and {@code --weights} mean together: a model and its weights, or a run folder,
 * which holds both (the model exactly as it was trained).
 */
final class TrainedWeightsOptions {
    /** Where {@code nnc train} puts run folders unless told otherwise: where runs of a model are looked for. */
    private static final Path RUNS = Path.of("runs");

    @Option(names = "--weights", paramLabel = "W",
            description = "A checkpoint (.nnck) or a run folder of `nnc train` (its weights.nnck, or its checkpoint while it has none);"
                    + " needed unless FILE is a run folder.")
    Path weights;

    @Option(names = "--vector", description = "Use the Vector API kernels (jdk.incubator.vector; the nnc launcher adds the JVM flag).")
    boolean vector;

    /** The model to read and the weights to load into it. */
    record Chosen(Path model, Path weights) {}

    /**
     * {@code file} and {@code --weights}, or for a run folder as {@code file} its {@code model.nn} and (unless
     * {@code --weights} names others) its weights; a usage error that says what to give when they name no pair.
     */
    Chosen choose(Path file, CommandSpec spec) {
        String command = spec.qualifiedName(); // "nnc predict", as nnc was called
        if (Files.isDirectory(file)) {
            if (!RunFolder.looksLikeRun(file)) {
                throw new ParameterException(spec.commandLine(), file + " is a folder, neither a .nn model nor a run folder of `nnc train`");
            }
            Path model = file.resolve(RunFolder.SOURCE);
            if (!Files.isRegularFile(model)) {
                throw new ParameterException(spec.commandLine(), "the run folder " + file + " has no " + RunFolder.SOURCE
                        + ": give the model it was trained from, as in `" + command + " MODEL.nn --weights " + Shell.quote(file.toString()) + "`");
            }
            return new Chosen(model, weights != null ? weights : file);
        }
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".nnck") && Files.isRegularFile(file)) {
            // The weights given where the model goes: "which weights? ... or a .nnck file" would contradict the user.
            Path parent = file.toAbsolutePath().getParent();
            Path shown = file.getParent() != null ? file.getParent() : Path.of(".");
            throw new ParameterException(spec.commandLine(), file + " holds weights; FILE is the model they were trained from: "
                    + (parent != null && RunFolder.looksLikeRun(parent) && Files.isRegularFile(parent.resolve(RunFolder.SOURCE))
                    ? "its run folder holds both, as in `" + command + " " + Shell.quote(shown.toString()) + "`"
                    : "`" + command + " MODEL.nn --weights " + Shell.quote(file.toString()) + "`"));
        }
        // A model path with a slip: its own error ("cannot read"), from the model's check, comes first.
        if (weights == null && Files.exists(file)) {
            throw new ParameterException(spec.commandLine(), "which weights? give --weights W, a run folder of `nnc train` or a .nnck file"
                    + " (or the run folder alone in place of the model)" + runsOf(file));
        }
        return new Chosen(file, weights);
    }

    /** "; the runs of this model in runs, latest first: runs/Mlp-…" when {@code runs/} has any; "" otherwise. */
    private static String runsOf(Path model) {
        if (!Files.isDirectory(RUNS) || !(Sources.load(model) instanceof Sources.Loaded.Text text)) return "";
        var checked = dev.nnc.NncCompiler.check(text.file()).model();
        if (checked.isEmpty()) return ""; // a model with errors: those come first
        List<Path> runs = RunFolder.runsOf(RUNS, checked.get(), text.file().text());
        if (runs.isEmpty()) return "";
        return "; the runs in " + RUNS + " that trained this model, latest first: "
                + runs.stream().limit(3).map(run -> Shell.quote(run.toString())).collect(Collectors.joining(", "))
                + (runs.size() > 3 ? ", and " + (runs.size() - 3) + " more" : "");
    }
}
