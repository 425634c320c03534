package dev.nnc.cli;

import dev.nnc.api.FloatNetwork;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.data.Idx;
import dev.nnc.runtime.data.IdxKind;
import dev.nnc.runtime.data.Images;
import dev.nnc.runtime.train.Checkpoint;
import dev.nnc.runtime.train.Inference;
import dev.nnc.runtime.train.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nnc predict FILE --weights W --image digit.png} (or {@code nnc predict RUN --image ...}): the class of one image and every class's probability (or output). */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Classify one image with trained weights; print the class and each class's probability"
            + " (the sigmoid of each, for binary cross-entropy; the outputs themselves, for squared error).",
            "The image is a picture file, framed as MNIST frames its digits (grey, light on dark, the digit "
            + "scaled to fit 20×20 and centred by its mass in 28×28), or image N of an IDX file."})
final class PredictCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE|RUN", description = "The .nn model the weights were trained from (its training settings may have been edited since), or a run folder of `nnc train`"
            + " (its model.nn and, unless --weights names others, its weights).")
    Path file;

    @Mixin
    TrainedWeightsOptions trained;

    // One of --image and --idx with --index, checked in call(): picocli's exclusive groups worded a mistake
    // three ways depending on the order of the options, one of them advice that led to another.
    @Option(names = "--image", paramLabel = "PICTURE", description = "A PNG, JPEG, GIF or BMP of a digit.")
    Path image;

    @Option(names = "--idx", paramLabel = "IMAGES", description = "An IDX images file (raw or .gz); with --index.")
    Path idxFile;

    @Option(names = "--index", paramLabel = "N", description = "Which image of the --idx file, from 0.")
    Integer index;

    /** The image to classify: a picture, or image N of an IDX file. */
    sealed interface Input permits Picture, IdxImage {}

    record Picture(Path file) implements Input {}

    record IdxImage(Path file, int index) implements Input {}

    /** The image asked for, or why the options do not name one. */
    private Input input() {
        String both = "give one of --image PICTURE, or --idx IMAGES --index N";
        String wrong = image != null && idxFile != null ? both + ", not both"
                : index != null && idxFile == null ? "--index needs --idx IMAGES, the IDX file it counts in" + (image != null ? "; a picture needs --image alone" : "")
                : image == null && idxFile == null ? "which image? " + both
                : image == null && index == null ? "--idx needs --index N: which image of the file, from 0"
                : null;
        if (wrong != null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), wrong);
        return image != null ? new Picture(image) : new IdxImage(idxFile, index);
    }

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    PredictCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Input input = input();
        TrainedWeightsOptions.Chosen chosen = trained.choose(file, spec);
        return CheckedModel.withTrainedMnistModel(chosen.model(), env, err, color.onStderr(env), "classify MNIST digits", (model, source) -> {
            try {
                float[] pixels = input instanceof IdxImage idx ? idxImage(idx, env) : Images.mnistPixels(((Picture) input).file(), 28, 28);
                if (Images.blank(pixels)) {
                    err.println("nnc: note: no digit found in the image (one shade throughout, ink too faint, or a stroke taken for paper);"
                            + " the answer means little");
                }
                FloatNetwork net = Networks.floatNetwork(model, 1, Kernels.of(trained.vector));
                Inference.Saved saved = Inference.read(chosen.weights());
                saved.note().ifPresent(note -> err.println("nnc: " + note));
                WeightsOfAnotherArchitecture.load(saved, net, model, source, env);
                Checkpoint c = saved.checkpoint();
                float[] x = Samples.normalize(pixels, c.settings().normalizeMean(), c.settings().normalizeStd());
                float[] y = net.forward(x, 1);
                print(Inference.answer(model, y, 0, net.outputSize()), out);
                if (input instanceof IdxImage idx) trueLabel(idx).ifPresent(out::println);
                return ExitCodes.OK;
            } catch (Kernels.Unavailable | DataException | IOException e) {
                return CheckedModel.usageError(err, e);
            }
        });
    }

    /**
     * The class and every class's value, read as the model's loss trained them: probabilities of a
     * softmax, each class's own sigmoid, or (squared error) the outputs themselves, never shown as
     * percentages they are not.
     */
    private static void print(Inference.Answer answer, PrintWriter out) {
        double[] v = answer.values();
        int best = answer.best();
        switch (answer.kind()) {
            case PROBABILITIES -> out.printf(Locale.ROOT, "predicted class: %d (%.2f%%)%n", best, 100 * v[best]);
            case SIGMOID_SCORES -> out.printf(Locale.ROOT, "predicted class: %d (its sigmoid %.2f%%; each class's on its own,"
                    + " they need not sum to 100%%)%n", best, 100 * v[best]);
            case OUTPUTS -> out.printf(Locale.ROOT, "predicted class: %d (the largest output, %.4f; the model's loss makes"
                    + " no probabilities, so these are its outputs)%n", best, v[best]);
        }
        for (int j = 0; j < v.length; j++) {
            String bar = "█".repeat((int) Math.round(40 * Math.max(0, Math.min(1, v[j]))));
            String value = answer.kind() == Inference.Answer.Kind.OUTPUTS ? String.format(Locale.ROOT, "%8.4f", v[j])
                    : String.format(Locale.ROOT, "%6.2f%%", 100 * v[j]);
            out.printf(Locale.ROOT, "  %d  %s%s%n", j, value, bar.isEmpty() ? "" : "  " + bar);
        }
    }

    /**
     * {@code label: 7 (t10k-labels-idx1-ubyte.gz)} when the images' labels file lies beside them, named as
     * MNIST names it; nothing when it does not, or cannot be read (the prediction stands without it).
     */
    private static Optional<String> trueLabel(IdxImage idx) {
        String name = idx.file.getFileName().toString();
        if (!name.contains("images-idx3")) return Optional.empty();
        Path labels = idx.file.resolveSibling(name.replace("images-idx3", "labels-idx1"));
        if (!java.nio.file.Files.isRegularFile(labels)) return Optional.empty();
        try {
            return Optional.of("label: " + (Idx.readItem(labels, IdxKind.LABELS, idx.index).bytes()[0] & 0xff) + " ("
                    + labels.getFileName() + ")");
        } catch (DataException e) {
            return Optional.empty();
        }
    }

    private static float[] idxImage(IdxImage idx, Environment env) throws DataException {
        Idx.Item image;
        try {
            image = Idx.readItem(idx.file, IdxKind.IMAGES, idx.index);
        } catch (DataException e) {
            // `--idx t10k-images-idx3-ubyte.gz` run elsewhere than the data folder: the copy nnc itself uses.
            // Only an images file: nnc's copy of a labels file would be refused next as not images.
            if (e.kind() != DataException.Kind.MISSING || idx.file.getNameCount() != 1 || !idx.file.toString().contains("images")) throw e;
            var where = dev.nnc.runtime.data.MnistLocator.settings(null, env.variables(), dev.nnc.runtime.data.MnistLocator.home(env.variables()), line -> { });
            Optional<Path> copy = new dev.nnc.runtime.data.MnistLocator(where).existingCopy(idx.file.toString());
            throw copy.map(p -> e.withHelp("nnc's copy of MNIST has it: --idx " + p)).orElse(e);
        }
        int rows = image.dims()[1], cols = image.dims()[2];
        if (rows != 28 || cols != 28) {
            throw new DataException(DataException.Kind.BAD_DIMENSIONS, idx.file + " holds " + rows + "×" + cols
                    + " images; the model reads 28×28", null);
        }
        float[] pixels = new float[rows * cols];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (image.bytes()[i] & 0xff) / 255f;
        return pixels;
    }
}
