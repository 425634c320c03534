package dev.nnc.cli;

import dev.nnc.common.Decimals;
import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.data.Mnist;
import dev.nnc.runtime.train.Checkpoint;
import dev.nnc.runtime.train.NonFiniteLossException;
import dev.nnc.runtime.train.Overrides;
import dev.nnc.runtime.train.RunFile;
import dev.nnc.runtime.train.RunFolder;
import dev.nnc.runtime.train.Settings;
import dev.nnc.runtime.train.Shell;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code nnc train FILE}: generate, compile and train a model on MNIST, keeping a run folder. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Train a model on MNIST and keep the run in runs/<model>-<timestamp>/.",
            "nnc checks the model, generates and compiles its class, trains it, and keeps the history, "
            + "curves.png, the confusion matrix, a checkpoint after every epoch, the final weights, the model "
            + "and its settings. Settings come from the model's train(...), then --config, then these options. "
            + "MNIST is read from --data, $NNC_DATA or ~/.cache/nnc/mnist, and fetched once if absent."})
final class TrainCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The .nn model (with --resume, the run's own model.nn if left out).")
    Path file;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (replaces the optimizer's).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of initialization, shuffling and dropout.")
    Long seed;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Fraction of the training set held out, in [0, 1).")
    Double validation;

    @Option(names = "--early-stop", paramLabel = "PATIENCE", description = "Stop after this many epochs without a better validation loss (0: off).")
    Integer earlyStop;

    @Option(names = "--shuffle", negatable = true, description = "Shuffle the training set every epoch (--no-shuffle: keep its order).")
    Boolean shuffle;

    @Option(names = "--normalize", paramLabel = "MEAN,STD", description = "Map each pixel x in [0, 1] to (x − MEAN)/STD.")
    MeanStd normalize;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training images only (quick runs).")
    Integer limit;

    @Option(names = "--config", paramLabel = "RUN.yaml", description = "A YAML run file of training settings (keys batch, epochs,"
            + " seed, shuffle, validation, early_stop, normalize, lr, limit), or a run's settings.yaml; where the data, runs and"
            + " kernels are is given by options only.")
    Path config;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the --vector kernels (default: all cores; results are the same for any count).")
    Integer threads;

    @Option(names = "--vector", description = "Use the Vector API kernels (jdk.incubator.vector; the nnc launcher adds the JVM flag).")
    boolean vector;

    @Mixin
    MnistDataOption data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its last checkpoint.")
    Path resume;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    TrainCommand(Environment env) { this.env = env; }

    /**
     * The model: FILE, or with --resume alone the run's own model.nn (as eval RUN takes it), once the run folder's
     * own messages have been given a chance. Empty when there is one; else the exit code, the reason said.
     */
    private Optional<Integer> chooseModel(PrintWriter err) {
        if (file == null && resume != null) {
            try {
                RunFolder.requireRun(resume);
            } catch (IOException e) {
                return Optional.of(CheckedModel.usageError(err, e));
            }
            file = resume.resolve(RunFolder.SOURCE);
            if (!Files.isRegularFile(file)) {
                err.println("nnc: " + resume + " keeps no " + RunFolder.SOURCE + "; give the model it was trained from: "
                        + env.program() + " train MODEL.nn --resume " + Shell.quote(resume.toString()));
                return Optional.of(ExitCodes.USAGE);
            }
        } else if (file == null) {
            err.println("nnc: train needs the .nn model: " + env.program() + " train FILE (or --resume RUN to continue a run)");
            return Optional.of(ExitCodes.USAGE);
        } else if (Files.isDirectory(file) && RunFolder.looksLikeRun(file)) {
            err.println("nnc: " + file + " is a run folder, not a model: to continue it, " + env.program() + " train --resume "
                    + Shell.quote(file.toString()));
            return Optional.of(ExitCodes.USAGE);
        }
        return Optional.empty();
    }

    private int threads() {
        return threads != null ? threads : vector ? Runtime.getRuntime().availableProcessors() : 1;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Integer> noModel = chooseModel(err);
        if (noModel.isPresent()) return noModel.get();
        if (threads != null && (threads < 1 || threads > dev.nnc.api.BatchChecks.MAX_THREADS)) { // before any data is looked for (or downloaded)
            err.println("nnc: --threads must be 1 to " + dev.nnc.api.BatchChecks.MAX_THREADS + " (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " cores), found " + threads);
            return ExitCodes.USAGE;
        }
        if (threads != null && threads > 1 && !vector) {
            err.println("nnc: note: --threads " + threads + " applies to the --vector kernels; the plain classes train on one thread (add --vector to use " + threads + ")");
        }
        Overrides cli = new Overrides(Optional.ofNullable(batch), Optional.ofNullable(epochs), Optional.ofNullable(seed),
                Optional.ofNullable(shuffle), Optional.ofNullable(validation), Optional.ofNullable(earlyStop),
                Optional.ofNullable(normalize).map(MeanStd::values), Optional.ofNullable(lr), Optional.ofNullable(limit));
        Optional<String> bad = cli.problem(key -> "--" + key.replace('_', '-'));
        if (bad.isPresent()) {
            err.println("nnc: " + bad.get());
            return ExitCodes.USAGE;
        }
        Overrides overrides = cli;
        RunFile.Contents runFile = null;
        if (config != null) {
            try {
                runFile = RunFile.load(config);
                overrides = cli.over(runFile.overrides());
            } catch (RunFile.BadRunFile e) {
                e.getMessage().lines().forEach(line -> err.println("nnc: " + line)); // one mistake a line
                return ExitCodes.USAGE;
            }
        }
        if (resume != null) {
            // Every option given but those a resumed run may take: a new training option is refused without a list to update.
            List<String> changed = new ArrayList<>();
            var parsed = spec.commandLine().getParseResult();
            for (var option : parsed.matchedOptions()) {
                String name = option.longestName();
                if (RESUMABLE.contains(name)) continue;
                String negated = "--no-" + name.substring(2);
                changed.add(option.negatable() && parsed.originalArgs().stream().anyMatch(a -> a.equals(negated) || a.startsWith(negated + "="))
                        ? negated : name);
            }
            if (!changed.isEmpty()) {
                err.println("nnc: a resumed run keeps its settings and its folder; only --epochs may change with --resume, not "
                        + String.join(", ", changed));
                return ExitCodes.USAGE;
            }
        }
        Overrides chosen = overrides;
        RunFile.Contents fromRun = runFile;
        // NN0509 (early stopping without a split in train(...)) is settled by a split or no early stopping given here.
        boolean settled = chosen.validation().map(v -> v > 0).orElse(false) || chosen.earlyStop().map(e -> e == 0).orElse(false);
        // NN0505 (a learning rate far from usual) is about the model's rate, which a rate given here replaces,
        // or a resumed run's own (its settings.yaml: judged when it started).
        boolean lrGiven = chosen.lr().isPresent();
        boolean modelsLr = !lrGiven && resume == null;
        boolean batchGiven = chosen.batch().isPresent() || resume != null; // a resumed run keeps its own batch
        return CheckedModel.withMnistModel(file, env, err, color.onStderr(env),
                d -> !(settled && d.code() == dev.nnc.diag.Code.NN0509) && (modelsLr || d.code() != dev.nnc.diag.Code.NN0505)
                        // NN0514 is about the model's batch, which a batch given here replaces (the class is made for that one).
                        && !(batchGiven && d.code() == dev.nnc.diag.Code.NN0514), "be trained on MNIST",
                (checked, source) -> {
            if (fromRun != null) noteAnotherRun(fromRun, checked, err);
            var model = chosen.apply(checked);
            if (lrGiven) unusualLearningRate(model).ifPresent(w -> err.println("nnc: warning: " + w));
            try { // what is wrong whatever the data, before MNIST is loaded (or fetched)
                if (resume != null) {
                    try {
                        TrainingRun.checkResume(new TrainingRun.Resume(resume, Optional.ofNullable(epochs)), model, source,
                                Kernels.of(vector), env.program(), Optional.ofNullable(data.dir));
                    } catch (Checkpoint.BadCheckpoint refused) {
                        throw otherLayers(refused, model);
                    }
                } else {
                    RunFolder.checkParent(runs);
                }
            } catch (Kernels.Unavailable | IOException e) {
                return CheckedModel.usageError(err, e);
            }
            Mnist mnist;
            try {
                mnist = CheckedModel.mnist(data.dir, err);
            } catch (DataException e) {
                return CheckedModel.usageError(err, e);
            }
            Settings settings = chosen.apply(Settings.of(model.training()));
            if (resume == null) {
                Optional<String> unusable = settings.problemWith(mnist.train().n());
                if (unusable.isPresent()) { // before a run folder is made for it
                    err.println("nnc: " + unusable.get());
                    return ExitCodes.USAGE;
                }
                settings.notesOn(mnist.train().n()).forEach(note -> err.println("nnc: " + note));
                settings = settings.fittedTo(mnist.train().n());
                if (RunFolder.looksLikeRun(runs)) { // a run inside a run is rarely what was meant
                    err.println("nnc: note: --out " + runs + " is a run folder itself; the new run goes inside it"
                            + " (to continue that run instead: --resume " + runs + ")");
                }
            }
            TrainingRun.Start start = resume != null
                    ? new TrainingRun.Resume(resume, Optional.ofNullable(epochs))
                    : new TrainingRun.Fresh(runs, settings);
            try {
                TrainingRun.Outcome o = TrainingRun.run(model, source, start, Kernels.of(vector), threads(), mnist.train(), mnist.test(),
                        Optional.ofNullable(data.dir), new TrainingRun.Console(this.out(), err, env.console(), env::columns, env.program()),
                        Clock.systemDefaultZone());
                if (!o.trained()) {
                    this.out().printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) with the run's weights, after %d epoch%s%n",
                            100 * o.test().accuracy(), o.test().loss(), o.state().epochsDone(), o.state().epochsDone() == 1 ? "" : "s");
                    return ExitCodes.OK;
                }
                this.out().println(env.console() ? dev.nnc.runtime.train.Progress.wrap(finalLine(o), Math.max(10, env.columns() - 1)) : finalLine(o));
                this.out().println("saved " + o.folder().dir() + "/ (weights.nnck, history.csv, curves.png, confusion.txt, ...)");
                return ExitCodes.OK;
            } catch (NonFiniteLossException e) {
                this.out().flush();
                err.println("error: training diverged: " + e.getMessage());
                err.println("help: try a smaller learning rate, e.g. --lr " + smaller(model));
                double reach = dev.nnc.ir.Training.largestScaled(settings.normalizeMean(), settings.normalizeStd());
                if (resume == null && reach > 10) {
                    // Inputs far from [-1, 1] need a far smaller rate; the scaling is the likelier mistake.
                    err.printf(Locale.ROOT, "help: or check normalize [%s, %s]: it scales pixels to values up to %.3g, where a std near"
                            + " the pixels' spread (such as 0.3) keeps them near [-1, 1]%n", Decimals.of(settings.normalizeMean()),
                            Decimals.of(settings.normalizeStd()), reach);
                }
                return ExitCodes.DIAGNOSTICS;
            } catch (Kernels.Unavailable | IOException e) { // a BadCheckpoint is an IOException with a sentence
                return CheckedModel.usageError(err, e);
            }
        });
    }

    /** A resume refused for the model given: with the first layer it changed, when the run's model.nn shows it. */
    private Checkpoint.BadCheckpoint otherLayers(Checkpoint.BadCheckpoint refused, dev.nnc.ir.Model model) {
        Path checkpoint = resume.resolve(RunFolder.CHECKPOINT);
        try {
            return WeightsOfAnotherArchitecture.explained(refused, checkpoint, Checkpoint.read(checkpoint), model, env);
        } catch (IOException unreadable) {
            return refused; // refused for that, then
        }
    }

    /** What may change when a run is resumed: how long, and how it computes (the kernels must stay, which is checked). */
    private static final java.util.Set<String> RESUMABLE = java.util.Set.of("--resume", "--epochs", "--vector", "--threads", "--data",
            "--color", "--debug");

        private PrintWriter out() { return spec.commandLine().getOut(); }

    /**
     * {@code test accuracy 93.95% (loss 0.2056) after 3 epochs: 1.5 s training, 2.0 s in all}: the
     * training time is summary.txt's and the plot's; the rest went on evaluating and writing files.
     */
    private static String finalLine(TrainingRun.Outcome o) {
        int done = o.state().epochsDone();
        String now = o.epochsNow() == done ? "" : o.epochsNow() == 0 ? " (its final files written now)" : " (" + o.epochsNow() + " of them now)";
        // A resumed run: this session's training, and the run's in all, as summary.txt and the plot give it.
        double run = o.state().history().stream().mapToDouble(dev.nnc.runtime.train.EpochRecord::seconds).sum();
        String thisTime = o.epochsNow() == 0 ? "no training now" : dev.nnc.runtime.train.HistoryPlot.duration(o.trainingSeconds()) + " training now";
        String training = o.epochsNow() == done ? dev.nnc.runtime.train.HistoryPlot.duration(o.trainingSeconds())
                : thisTime + " (" + dev.nnc.runtime.train.HistoryPlot.duration(run) + " over the run, as summary.txt says)";
        return String.format(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epoch%s%s: %s%s, %s in all",
                100 * o.test().accuracy(), o.test().loss(), done, done == 1 ? "" : "s", now,
                training, o.epochsNow() == done ? " training" : "", dev.nnc.runtime.train.HistoryPlot.duration(o.seconds()));
    }

    /**
     * A run's settings.yaml given to --config: of another model or optimizer, its learning rate may
     * not suit this one; of this one, what it says otherwise (an edited momentum) is not taken.
     */
    private void noteAnotherRun(RunFile.Contents run, dev.nnc.ir.Model model, PrintWriter err) {
        String optimizer = model.optimizer().map(o -> o.kind().toString().toLowerCase(Locale.ROOT)).orElse("");
        boolean otherModel = run.runModel().isPresent() && !run.runModel().get().equals(model.name());
        boolean otherOptimizer = run.runOptimizer().isPresent() && !run.runOptimizer().get().equals(optimizer);
        if (otherModel || otherOptimizer) {
            err.println("nnc: note: " + config + " holds the settings of a run of " + run.runModel().orElse("another model")
                    + run.runOptimizer().map(k -> " with " + k).orElse("") + "; " + model.name() + " (" + optimizer
                    + ") is trained with them, its learning rate included (give --lr to choose another)");
            return;
        }
        List<String> notTaken = run.notTaken(model);
        if (!notTaken.isEmpty()) {
            err.println("nnc: note: " + config + " describes " + model.name() + " otherwise: " + String.join(", ", notTaken)
                    + "; a run file sets only the `run:` settings and the optimizer's `lr`, so change the others in "
                    + model.sourceFile());
        }
    }


    /** A tenth of the rate that diverged, or the optimizer's typical rate when that one was above the usual range. */
    static String smaller(dev.nnc.ir.Model m) {
        if (m.optimizer().isEmpty()) return "0.01";
        dev.nnc.ir.Optimizer o = m.optimizer().get();
        if (o.lr() > o.learningRates().high()) return Decimals.of(o.learningRates().typical());
        // A tenth in decimal: of 0.3 it is 0.03, not 0.030000000000000002.
        return Decimals.of(new java.math.BigDecimal(Double.toString(o.lr())).movePointLeft(1));
    }

    /** The check's NN0505 for a rate given by --lr or a run file, which the check never saw. */
    static Optional<String> unusualLearningRate(dev.nnc.ir.Model m) {
        return m.optimizer().filter(o -> o.learningRates().farOutside(o.lr())).map(o -> {
            var rates = o.learningRates();
            String name = o.kind().name().toLowerCase(Locale.ROOT);
            // NN0505's words, for the option: the rate was given here, not in the model.
            return "learning rate " + Decimals.of(o.lr()) + " is far " + (o.lr() > rates.farAbove() ? "above" : "below")
                    + " the usual range for `" + name + "` (it usually trains well with lr " + rates.usual() + "); "
                    + rates.outcome(o.lr()) + "; try --lr " + Decimals.of(rates.typical());
        });
    }
}
