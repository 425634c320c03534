package dev.nnc.check;

import dev.nnc.ir.Layer.Activation.Function;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Optimizer;
import dev.nnc.ir.Training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.nnc.check.Param.NON_NEGATIVE;
import static dev.nnc.check.Param.POSITIVE;
import static dev.nnc.check.Param.Type.BOOL;
import static dev.nnc.check.Param.Type.INIT;
import static dev.nnc.check.Param.Type.INT;
import static dev.nnc.check.Param.Type.PAIR;
import static dev.nnc.check.Param.Type.REAL;
import static dev.nnc.check.Param.Type.SIZE;
import static dev.nnc.check.Param.Type.WINDOW;
import static dev.nnc.check.Param.UNIT_OPEN;
import static dev.nnc.check.Param.optional;
import static dev.nnc.check.Param.required;

/** Every name the language knows and the arguments each takes. */
final class Catalog {
    private Catalog() {}

    static final Signature DENSE = Signature.withSizes("dense",
            required("out", SIZE, 0, "the number of outputs"),
            optional("in", SIZE, -1, null, "the number of inputs"),
            optional("bias", BOOL, -1, true, null),
            optional("init", INIT, -1, null, null));

    static final Signature CONV2D = Signature.withSizes("conv2d",
            required("out", SIZE, 0, "the number of output channels"),
            optional("in", SIZE, -1, null, "the number of input channels"),
            required("kernel", WINDOW, -1, "the window size, e.g. `kernel: 3`"),
            optional("stride", SIZE, -1, 1L, null),
            optional("padding", INT, -1, 0L, null).range(NON_NEGATIVE, "0 or more"),
            optional("bias", BOOL, -1, true, null),
            optional("init", INIT, -1, null, null));

    static Signature pool(String name) {
        return Signature.of(name,
                required("kernel", WINDOW, 0, "the window size, e.g. `kernel: 2`"),
                optional("stride", WINDOW, -1, null, "defaults to the kernel size"));
    }

    static final Signature FLATTEN = Signature.of("flatten");

    static final Signature DROPOUT = Signature.of("dropout",
            required("rate", REAL, 0, "the fraction of values dropped in training").range(UNIT_OPEN, "in [0, 1)"));

    static final Map<String, Function> ACTIVATIONS = new LinkedHashMap<>();

    static {
        for (Function f : Function.values()) ACTIVATIONS.put(f.name().toLowerCase(java.util.Locale.ROOT), f);
    }

    static Signature activation(Function f) {
        if (f == Function.LEAKY_RELU) {
            return Signature.of("leaky_relu",
                    optional("alpha", REAL, 0, 0.01, "the slope for negative inputs")
                            .range(NON_NEGATIVE.and(Param.WITHIN_FLOAT), "0 or more, and " + Param.WITHIN_FLOAT_TEXT));
        }
        return Signature.of(f.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Layer kinds proper; activations are accepted as layers too. */
    static final List<String> LAYER_KINDS = List.of("dense", "conv2d", "maxpool2d", "avgpool2d", "flatten", "dropout");

    static List<String> layerOrActivationNames() {
        List<String> all = new java.util.ArrayList<>(LAYER_KINDS);
        all.addAll(ACTIVATIONS.keySet());
        return all;
    }

    static final Map<String, Loss.Kind> LOSSES = new LinkedHashMap<>();

    static {
        LOSSES.put("mse", Loss.Kind.MSE);
        LOSSES.put("sum_squares", Loss.Kind.SUM_SQUARES);
        LOSSES.put("softmax_cross_entropy", Loss.Kind.SOFTMAX_CROSS_ENTROPY);
        LOSSES.put("cross_entropy", Loss.Kind.CROSS_ENTROPY);
        LOSSES.put("binary_cross_entropy", Loss.Kind.BINARY_CROSS_ENTROPY);
        LOSSES.put("sigmoid_binary_cross_entropy", Loss.Kind.SIGMOID_BINARY_CROSS_ENTROPY);
        LOSSES.put("bce_with_logits", Loss.Kind.SIGMOID_BINARY_CROSS_ENTROPY);
    }

    static final Map<String, Optimizer.Kind> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("sgd", Optimizer.Kind.SGD);
        OPTIMIZERS.put("momentum", Optimizer.Kind.MOMENTUM);
        OPTIMIZERS.put("adagrad", Optimizer.Kind.ADAGRAD);
        OPTIMIZERS.put("rmsprop", Optimizer.Kind.RMSPROP);
        OPTIMIZERS.put("adam", Optimizer.Kind.ADAM);
    }

    private static Param lr(Double fallback) {
        Param p = fallback == null ? required("lr", REAL, 0, "the learning rate")
                : optional("lr", REAL, 0, fallback, "the learning rate");
        return p.range(POSITIVE, "greater than 0");
    }

    private static Param weightDecay() {
        return optional("weight_decay", REAL, -1, 0.0, "L2 penalty added to the gradient").range(NON_NEGATIVE, "0 or more");
    }

    private static Param l1() {
        return optional("l1", REAL, -1, 0.0, "L1 penalty added to the gradient").range(NON_NEGATIVE, "0 or more");
    }

    private static Param eps(double fallback) {
        return optional("eps", REAL, -1, fallback, null).range(POSITIVE, "greater than 0");
    }

    static Signature optimizer(Optimizer.Kind kind) {
        return switch (kind) {
            case SGD -> Signature.of("sgd", lr(null),
                    optional("momentum", REAL, -1, 0.0, null).range(UNIT_OPEN, "in [0, 1)"), weightDecay(), l1());
            case MOMENTUM -> Signature.of("momentum", lr(null),
                    optional("mu", REAL, -1, 0.9, null).range(UNIT_OPEN, "in [0, 1)"), weightDecay(), l1());
            case ADAGRAD -> Signature.of("adagrad", lr(null), eps(1e-10), weightDecay(), l1());
            case RMSPROP -> Signature.of("rmsprop", lr(null),
                    optional("rho", REAL, -1, 0.99, null).range(UNIT_OPEN, "in [0, 1)"), eps(1e-8), weightDecay(), l1());
            case ADAM -> Signature.of("adam", lr(0.001),
                    optional("beta1", REAL, -1, 0.9, null).range(UNIT_OPEN, "in [0, 1)"),
                    optional("beta2", REAL, -1, 0.999, null).range(UNIT_OPEN, "in [0, 1)"),
                    eps(1e-8), weightDecay(), l1());
        };
    }

    static final Signature TRAIN = Signature.of("train",
            optional("batch", SIZE, 0, (long) Training.DEFAULT_BATCH, "the mini-batch size"),
            optional("epochs", SIZE, 1, (long) Training.DEFAULT_EPOCHS, "passes over the training set"),
            optional("seed", INT, 2, 0L, "seeds initialization, shuffling and dropout").range(NON_NEGATIVE, "0 or more"),
            optional("shuffle", BOOL, -1, true, null),
            optional("validation", REAL, -1, 0.0, "fraction of the training set held out").range(UNIT_OPEN, "in [0, 1)"),
            // 0 is off, as `--early-stop 0` and a run file's `early_stop: 0` are.
            optional("early_stop", INT, -1, null, "patience in epochs, 0 for off").range(v -> v >= 0 && v <= Integer.MAX_VALUE, "0 (off) to 2,147,483,647"),
            optional("normalize", PAIR, -1, null, "[mean, std]"));

    static final Signature NO_ARGUMENTS_LOSS = Signature.of("loss");
}
