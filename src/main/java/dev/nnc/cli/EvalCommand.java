package dev.nnc.cli;

import dev.nnc.api.FloatNetwork;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.train.Evaluation;
import dev.nnc.runtime.train.Inference;
import dev.nnc.runtime.train.Samples;
import dev.nnc.runtime.train.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nnc eval FILE --weights W} (or {@code nnc eval RUN}): test accuracy of trained weights on MNIST's 10,000 test images. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Evaluate trained weights on the MNIST test set: accuracy, loss, and accuracy per class."})
final class EvalCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE|RUN", description = "The .nn model the weights were trained from (its training settings may have been edited since), or a run folder of `nnc train`"
            + " (its model.nn and, unless --weights names others, its weights).")
    Path file;

    @Mixin
    TrainedWeightsOptions trained;

    @Mixin
    MnistDataOption data;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    EvalCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainedWeightsOptions.Chosen chosen = trained.choose(file, spec);
        return CheckedModel.withTrainedMnistModel(chosen.model(), env, err, color.onStderr(env), "be evaluated on MNIST", (model, source) -> {
            try {
                Inference.Saved saved = Inference.read(chosen.weights());
                saved.note().ifPresent(note -> err.println("nnc: " + note));
                Settings settings = saved.checkpoint().settings();
                // Batches of up to 100: a network holds its buffers, gradients included, for its largest batch (1,000 took Cnn 700 MB).
                FloatNetwork net = Networks.floatNetwork(model, Math.max(1, Math.min(100, settings.batch())), Kernels.of(trained.vector));
                WeightsOfAnotherArchitecture.load(saved, net, model, source, env);
                var testSet = CheckedModel.mnistTest(data.dir, err);
                Samples test = Samples.of(testSet, settings.normalizeMean(), settings.normalizeStd());
                Evaluation e = Evaluation.of(net, test);
                out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) on %,d images%n", 100 * e.accuracy(), e.loss(), e.n());
                // Five classes a line: ten are 106 columns, wider than a terminal.
                StringBuilder perClass = new StringBuilder("per class:");
                var confusion = new dev.nnc.runtime.train.ConfusionReport(e.confusion());
                for (int c = 0; c < confusion.classes(); c++) {
                    if (c > 0 && c % 5 == 0) perClass.append("\n          ");
                    double recall = confusion.recall(c); // NaN for a class the test set lacks
                    perClass.append(String.format(Locale.ROOT, "  %d: %5.1f%%", c, Double.isNaN(recall) ? 0 : 100 * recall));
                }
                out.println(perClass);
                return ExitCodes.OK;
            } catch (Kernels.Unavailable | DataException | IOException e) {
                return CheckedModel.usageError(err, e);
            }
        });
    }
}
