package dev.nnc.ir;

import dev.nnc.common.Decimals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /**
     * The first place where {@code model} computes otherwise than {@code trained}, the model some
     * weights were trained with, in a person's words with both locations: why the weights do not
     * fit it. Empty when the two have one architecture.
     */
    public static Optional<String> difference(Model trained, Model model) {
        if (!dims(trained.input()).equals(dims(model.input()))) {
            return Optional.of("the input is " + dims(trained.input()) + " in the weights' model (" + trained.inputSource()
                    + "), " + dims(model.input()) + " in this one (" + model.inputSource() + ")");
        }
        List<Layer> was = computing(trained), is = computing(model);
        int first = 0;
        while (first < Math.min(was.size(), is.size()) && line(was.get(first)).equals(line(is.get(first)))) first++;
        // Layers added or removed in one place, the kinds of the rest lining up after them (their sizes may change with the
        // shapes, as a dense layer's after a pool taken out): named as such, not as the layer they displaced.
        int extra = is.size() - was.size();
        List<Layer> longer = extra > 0 ? is : was, shorter = extra > 0 ? was : is;
        int block = removedAt(longer, shorter, first);
        if (block == first) {
            List<Layer> added = longer.subList(first, first + Math.abs(extra));
            return Optional.of((extra > 0 ? "this model has " : "the weights' model has ") + (added.size() == 1 ? "a layer" : added.size() + " layers")
                    + " the other lacks: " + added.stream().map(l -> "`" + shown(l) + "` (" + l.source() + ")").collect(Collectors.joining(", ")));
        }
        if (first < Math.min(was.size(), is.size())) {
            // (The layers before are the same, so these two are given the same input: their words differ.)
            Layer a = was.get(first), b = is.get(first);
            return Optional.of("`" + shown(a) + "` of the weights' model (" + a.source() + ") is `" + shown(b) + "` in this one ("
                    + b.source() + ")");
        }
        String lossWas = trained.loss().map(l -> lossName(l.kind())).orElse("none");
        String lossIs = model.loss().map(l -> lossName(l.kind())).orElse("none");
        if (!lossWas.equals(lossIs)) {
            return Optional.of("the loss is " + lossWas + trained.loss().map(l -> " (" + l.source() + ")").orElse("")
                    + " in the weights' model, " + lossIs + model.loss().map(l -> " (" + l.source() + ")").orElse("") + " in this one");
        }
        return Optional.empty();
    }

    /**
     * Where layers were added to {@code shorter} (or removed from {@code longer}) in one place, at or after
     * {@code first}, the first place the two differ: the start of the block of {@code longer} whose removal
     * lines the kinds of the rest up with {@code shorter}'s (their sizes may change with the shapes, as a dense
     * layer's after a pool taken out) and leaves the most words of each pair alike; -1 if the lengths are
     * equal or no block lines them up. A block after {@code first} means a layer there changed too, which comes first.
     */
    private static int removedAt(List<Layer> longer, List<Layer> shorter, int first) {
        int k = longer.size() - shorter.size(), best = -1, bestAlike = -1;
        for (int p = first; k > 0 && p <= shorter.size(); p++) {
            List<Layer> rest = new java.util.ArrayList<>(longer.subList(0, p));
            rest.addAll(longer.subList(p + k, longer.size()));
            int alike = 0;
            boolean lined = true;
            for (int i = 0; i < rest.size() && lined; i++) {
                lined = rest.get(i).kind().equals(shorter.get(i).kind());
                alike += wordsAlike(line(rest.get(i)), line(shorter.get(i)));
            }
            if (lined && alike > bestAlike) {
                best = p;
                bestAlike = alike;
            }
        }
        return best;
    }

    /** How many words two lines have alike, place by place. */
    private static int wordsAlike(String a, String b) {
        String[] x = a.split(" "), y = b.split(" ");
        int alike = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i].equals(y[i])) alike++;
        return alike;
    }

    /** The layers that compute once trained: those {@link #describe} writes a line for. */
    private static List<Layer> computing(Model m) {
        return m.layers().stream().filter(l -> !(l instanceof Layer.Dropout
                || l instanceof Layer.Activation a && a.function() == Layer.Activation.Function.IDENTITY)).toList();
    }

    /** A layer's line as a person reads it: the language's numbers, not the bits the hash spells alpha with. */
    private static String shown(Layer l) {
        if (l instanceof Layer.Activation a && a.function() == Layer.Activation.Function.LEAKY_RELU) {
            return "leaky_relu(alpha: " + Decimals.of(a.alpha()) + ")";
        }
        if (l instanceof Layer.Flatten) return "flatten";
        return line(l).replace(" bias true", "").replace(" bias false", " without bias").replaceAll(" in \\[[^\\]]*\\]$", "");
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
