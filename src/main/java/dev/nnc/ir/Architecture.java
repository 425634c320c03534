package dev.nnc.ir;

/**
 * What trained weights depend on: the input, each layer's computation, and the loss, which says
 * how the outputs are read (as probabilities, scores or values). Not the optimizer, not
 * {@code train(...)}, not the initializers, the initial literals, the dropout rates or the layer
 * names, which shape the training but not what the weights compute once trained: weights stay
 * usable when those are edited, nor dropout and identity layers, which compute nothing once trained.
 * Its SHA-256 is what a weights file and a generated class's
 * {@code architectureHash()} compare (a resume, which also needs the same optimizer and
 * settings, compares the hash of the whole model's tokens).
 *
 * <p>The description is written out here word by word, one line per item, never from a record's
 * {@code toString} or an enum's name: the hashes in weights files must not change with nnc's code
 * ({@code ArchitectureTest} pins it).
 */
public final class Architecture {
    private Architecture() {}

    /** "architecture 1", then the input, one line per layer and the loss. */
    public static String describe(Model m) {
        StringBuilder sb = new StringBuilder("architecture 1\n");
        sb.append("input ").append(dims(m.input())).append('\n');
        for (Layer l : m.layers()) {
            // Dropout and identity compute nothing once trained: a model with one more or fewer is the same.
            if (l instanceof Layer.Dropout || l instanceof Layer.Activation a && a.function() == Layer.Activation.Function.IDENTITY) continue;
            sb.append(line(l)).append('\n');
        }
        sb.append("loss ").append(m.loss().map(loss -> lossName(loss.kind())).orElse("none")).append('\n');
        return sb.toString();
    }

    /** SHA-256 (hex) of {@link #describe}. */
    public static String hash(Model m) {
        return dev.nnc.common.Sha256.hex(describe(m));
    }

    private static String line(Layer l) {
        if (l instanceof Layer.Dense d) {
            return "dense " + d.inputs() + " -> " + d.outputs() + " bias " + d.bias().isPresent();
        }
        if (l instanceof Layer.Conv2d c) {
            return "conv2d " + c.inChannels() + " -> " + c.outChannels() + " kernel " + c.kernelH() + "x" + c.kernelW()
                    + " stride " + c.stride() + " padding " + c.padding() + " bias " + c.bias().isPresent() + " in " + dims(c.in());
        }
        if (l instanceof Layer.Pool2d p) {
            return (p.mode() == Layer.Pool2d.Mode.MAX ? "maxpool2d" : "avgpool2d") + " kernel " + p.kernelH() + "x" + p.kernelW()
                    + " stride " + p.strideH() + "x" + p.strideW() + " in " + dims(p.in());
        }
        if (l instanceof Layer.Activation a) {
            return switch (a.function()) {
                case IDENTITY -> throw new IllegalArgumentException("identity has no architecture line");
                case STEP -> "step";
                case SIGMOID -> "sigmoid";
                case TANH -> "tanh";
                case RELU -> "relu";
                // its bits: Double.toString's digits changed between JDKs for some values
                case LEAKY_RELU -> "leaky_relu alpha " + Long.toHexString(Double.doubleToLongBits(a.alpha()));
                case SOFTMAX -> "softmax";
            };
        }
        if (l instanceof Layer.Flatten) return "flatten in " + dims(l.in());
        throw new IllegalArgumentException("no architecture line for " + l.getClass().getSimpleName());
    }

    private static String lossName(Loss.Kind kind) {
        return switch (kind) {
            case MSE -> "mse";
            case SUM_SQUARES -> "sum_squares";
            case SOFTMAX_CROSS_ENTROPY -> "softmax_cross_entropy";
            case CROSS_ENTROPY -> "cross_entropy";
            case BINARY_CROSS_ENTROPY -> "binary_cross_entropy";
            case SIGMOID_BINARY_CROSS_ENTROPY -> "sigmoid_binary_cross_entropy";
        };
    }

    /** "[1, 28, 28]", written here rather than by Shape, whose text may change. */
    private static String dims(Shape shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.rank(); i++) sb.append(i == 0 ? "" : ", ").append(shape.dim(i));
        return sb.append(']').toString();
    }
}
