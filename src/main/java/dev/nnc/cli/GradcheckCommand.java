package dev.nnc.cli;

import dev.nnc.common.Decimals;
import dev.nnc.runtime.GradientCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code nnc gradcheck FILE}: the generated backward pass against central differences. */
@Command(name = "gradcheck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check one model's generated backward pass against finite differences.",
            "The model is generated in double precision and run in training mode on a random batch; for "
            + "sampled entries of every parameter tensor and of the input, the gradient from backward is "
            + "compared with (L(p+h) - L(p-h)) / 2h, h = 1e-6. The relative error is |g - g_fd| / max(|g|, "
            + "|g_fd|, floor), where the floor (printed) is the rounding noise of the loss over the tolerance; "
            + "in a model without ReLU, leaky ReLU or max-pool, gradients under 100 times that noise are measured again with h = 1e-3 "
            + "and 5e-4 (or 1e-2 and 5e-3; Richardson extrapolation), or counted as unresolved where that cannot resolve them. "
            + "ReLU, leaky ReLU and max-pool have kinks where finite "
            + "differences are wrong: parameters are jittered by up to 1e-3 so that none sits on one, and an "
            + "entry that fails where the differences at h and h/10 disagree (the loss bends within h) is "
            + "judged at h/10 (a kink within h then agrees; a wrong gradient fails at any step)."})
final class GradcheckCommand implements Callable<Integer> {
    /** Large batches only cost time: a gradient error shows on any sample. */
    static final int MAX_BATCH = 1024;

    private final Environment env;

    @Parameters(paramLabel = "FILE", description = "The .nn model; it must have a loss.")
    Path file;

    @Option(names = "--class", paramLabel = "JAVA",
            description = "Check this Java source instead of the class nnc generates: the model's class from "
                    + "`nnc compile FILE --precision double -d DIR`, edited (break a gradient and see the check catch it).")
    Path source;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-5",
            description = "Largest acceptable relative error (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the parameters, inputs, targets and sampled entries (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "50",
            description = "Entries checked per tensor, drawn at random; smaller tensors are checked whole (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "3",
            description = "Random samples in the batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    GradcheckCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        GradientCheck.Options options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean colored = color.onStderr(env);
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".java")) {
            // A learner's edited class given as the model: twenty syntax errors on `package ...;` helped nobody.
            err.println("nnc: gradcheck takes the model's .nn file; a class of your own goes with --class:"
                    + " nnc gradcheck MODEL.nn --class " + file);
            return ExitCodes.USAGE;
        }
        return CheckedModel.with(file, env, err, colored, model -> {
            if (!model.trainable()) {
                err.println("nnc: model " + model.name() + " in `" + file + "` has no loss and optimizer: "
                        + "it is for inference only, so there is no gradient to check (to check its backward pass: " + toTrain(model) + ")");
                return ExitCodes.DIAGNOSTICS;
            }
            long start = System.nanoTime();
            GradientCheck.Report report;
            String checked = file.toString();
            if (source == null) {
                report = GradientCheck.run(model, options);
            } else {
                String text;
                try {
                    text = java.nio.file.Files.readString(source);
                } catch (java.io.IOException e) {
                    err.println("nnc: cannot read the --class source: " + (java.nio.file.Files.isDirectory(source)
                            ? source + " is a folder; give the .java file, e.g. " + source.resolve(dev.nnc.codegen.GeneratorOptions.DEFAULT_PACKAGE.replace('.', '/') + "/"
                                    + dev.nnc.codegen.ClassNames.forModel(model.name()) + ".java")
                            : IoMessages.of(e)));
                    return ExitCodes.USAGE;
                }
                Optional<dev.nnc.api.DoubleNetwork> net = ownClass(model, text, err);
                if (net.isEmpty()) return ExitCodes.DIAGNOSTICS;
                report = GradientCheck.run(net.get(), GradientCheck.Targets.of(model.loss().orElseThrow()), options, GradientCheck.smooth(model));
                checked = source + ", the class of " + file;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.print(GradcheckReport.render(model.name(), checked, report, GradientCheck.kinks(model), seconds, Style.of(color.onStdout(env))));
            return report.ok() ? ExitCodes.OK : ExitCodes.DIAGNOSTICS;
        });
    }

    /**
     * The class in {@link #source} ({@code text}), compiled and made for the check's batch; empty, with what is wrong
     * said on {@code err}, when it does not compile, computes in float, or is another model's.
     */
    private Optional<dev.nnc.api.DoubleNetwork> ownClass(dev.nnc.ir.Model model, String text, PrintWriter err) {
        dev.nnc.runtime.JavaSourceCompiler.Compiled compiled;
        try {
            compiled = dev.nnc.runtime.JavaSourceCompiler.compileSource(source.toString(), text);
        } catch (dev.nnc.runtime.JavaSourceCompiler.SourceDoesNotCompile e) {
            err.println("error: " + e.getMessage());
            return Optional.empty();
        }
        List<Class<?>> networks = compiled.classFiles().keySet().stream().map(compiled::load)
                .filter(dev.nnc.api.Network.class::isAssignableFrom).toList();
        if (networks.isEmpty()) {
            err.println("error: " + source + " holds no network class (one that implements dev.nnc.api.DoubleNetwork);"
                    + " start from `nnc compile " + file + " --precision double -d DIR`");
            return Optional.empty();
        }
        Class<?> type = networks.get(0);
        if (!dev.nnc.api.DoubleNetwork.class.isAssignableFrom(type)) {
            err.println("error: " + type.getSimpleName() + " in " + source + " computes in float, and central differences need double"
                    + " precision: take the class of `nnc compile " + file + " --precision double -d DIR`");
            return Optional.empty();
        }
        dev.nnc.api.DoubleNetwork net;
        try {
            net = (dev.nnc.api.DoubleNetwork) type.getConstructor(int.class).newInstance(Math.min(batch, MAX_BATCH));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            err.println("error: cannot make a " + type.getSimpleName() + " from " + source + " (new " + type.getSimpleName()
                    + "(int) failed: " + cause + ")");
            return Optional.empty();
        }
        if (!net.modelName().equals(model.name()) || net.paramCount() != model.paramCount()) {
            err.println("error: " + source + " is the class of model " + net.modelName() + " (" + net.paramCount()
                    + " parameters), not of " + model.name() + " in " + file + " (" + model.paramCount() + ")");
            return Optional.empty();
        }
        return Optional.of(net);
    }

    /**
     * What would make {@code model} trainable, in words that fit it: a differentiable stand-in for
     * {@code step}, a loss the checker accepts on its output without a warning, and an optimizer.
     */
    static String toTrain(dev.nnc.ir.Model model) {
        List<dev.nnc.ir.Layer> layers = model.layers();
        dev.nnc.ir.Layer last = layers.get(layers.size() - 1);
        var end = last instanceof dev.nnc.ir.Layer.Activation a ? a.function() : null;
        boolean vector = last.out().isVector();
        int outputs = vector ? last.out().dim(0) : 0;
        boolean hiddenStep = layers.stream().limit(layers.size() - 1).anyMatch(l -> l instanceof dev.nnc.ir.Layer.Activation a
                && a.function() == dev.nnc.ir.Layer.Activation.Function.STEP);
        List<String> changes = new java.util.ArrayList<>();
        if (hiddenStep) changes.add("replace `step`, which has no useful gradient, with `sigmoid`");
        String loss;
        if (!vector) {
            loss = "mse";
        } else if (end == dev.nnc.ir.Layer.Activation.Function.SOFTMAX) {
            loss = "cross_entropy";
        } else if (end == dev.nnc.ir.Layer.Activation.Function.STEP && outputs == 1) {
            changes.add("replace the final `step` with `sigmoid`");
            loss = "binary_cross_entropy";
        } else if (end == dev.nnc.ir.Layer.Activation.Function.STEP) {
            changes.add("remove the final `step`, which has no useful gradient");
            loss = "softmax_cross_entropy";
        } else if (end == dev.nnc.ir.Layer.Activation.Function.SIGMOID) {
            loss = "binary_cross_entropy";
        } else if (end == null || end == dev.nnc.ir.Layer.Activation.Function.IDENTITY) {
            loss = outputs == 1 ? "mse" : "softmax_cross_entropy";
        } else {
            loss = "mse"; // squared error takes any output; a class loss after relu or tanh would get NN0508
        }
        changes.add("add e.g. `loss " + loss + "` and `optimizer sgd(lr: 0.1)`");
        return String.join("; ", changes);
    }

    static final double MIN_TOLERANCE = 1e-9;

    private GradientCheck.Options options() {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new ParameterException(spec.commandLine(), "--tolerance must be a positive number, found " + dev.nnc.common.Decimals.of(tolerance));
        }
        if (tolerance < MIN_TOLERANCE) {
            // The floor is the loss's rounding noise over the tolerance: a smaller tolerance would raise
            // the floor until every gradient passed, a weaker check than the one asked for.
            throw new ParameterException(spec.commandLine(), "--tolerance " + Decimals.of(tolerance) + " is below what central differences"
                    + " in double precision can resolve; use " + Decimals.of(MIN_TOLERANCE) + " or more");
        }
        if (seed < 0) { // as train's --seed: a seed is 0 or more everywhere in nnc
            throw new ParameterException(spec.commandLine(), "--seed must be 0 or more, found " + seed);
        }
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 1, found " + samples);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new ParameterException(spec.commandLine(), "--batch must be from 1 to " + MAX_BATCH + ", found " + batch);
        }
        return new GradientCheck.Options(seed, batch, samples, tolerance);
    }
}
