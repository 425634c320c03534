package dev.nnc.ir;

import java.util.Locale;

/**
 * What trained weights depend on: the input, each layer's computation, and the loss, which says
 * how the outputs are read (as probabilities, scores or values). Not the optimizer, not
 * {@code train(...)}, not the initializers, the initial literals, the dropout rates or the layer
 * names, which shape the training but not what the weights compute once trained: weights stay
 * usable when those are edited. Its SHA-256 is what a weights file and a generated class's
 * {@code architectureHash()} compare (a resume, which also needs the same optimizer and
 * settings, compares the hash of the whole model's tokens).
 *
 * <p>The description is written out here explicitly, one line per item, and never from a
 * record's {@code toString}: the hashes in weights files must not change with nnc's code.
 */
public final class Architecture {
    private Architecture() {}

    /** "architecture 1", then the input, one line per layer and the loss. */
    public static String describe(Model m) {
        StringBuilder sb = new StringBuilder("architecture 1\n");
        sb.append("input ").append(m.input()).append('\n');
        for (Layer l : m.layers()) sb.append(line(l)).append('\n');
        sb.append("loss ").append(m.loss().map(loss -> loss.kind().name().toLowerCase(Locale.ROOT)).orElse("none")).append('\n');
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
                    + " stride " + c.stride() + " padding " + c.padding() + " bias " + c.bias().isPresent() + " in " + c.in();
        }
        if (l instanceof Layer.Pool2d p) {
            return p.kind() + " kernel " + p.kernelH() + "x" + p.kernelW() + " stride " + p.strideH() + "x" + p.strideW() + " in " + p.in();
        }
        if (l instanceof Layer.Activation a) {
            return a.function() == Layer.Activation.Function.LEAKY_RELU
                    // its bits: Double.toString's digits changed between JDKs for some values
                    ? "leaky_relu alpha " + Long.toHexString(Double.doubleToLongBits(a.alpha())) : a.kind();
        }
        // flatten, and dropout: the identity once trained
        return l.kind() + " in " + l.in();
    }
}
