package dev.nnc.runtime.train;

import dev.nnc.ir.Model;
import dev.nnc.ir.SourceRef;

import java.util.Optional;

/** Whether a model can be trained on MNIST: 784 pixels (or one 28×28 image) in, 10 classes out. */
public final class MnistFit {
    private MnistFit() {}

    /** What stops a model from training on MNIST, and where in its source. */
    public record Problem(SourceRef where, String message) {
        /** {@code file:line:column: error: message}, as compilers print one. */
        @Override
        public String toString() { return where.location() + ": error: " + message; }
    }

    public static Optional<Problem> problem(Model m) {
        String in = m.input().toString();
        if (!in.equals("[784]") && !in.equals("[1, 28, 28]")) {
            return Optional.of(new Problem(m.inputSource(), "model " + m.name() + " takes input " + in
                    + ", but MNIST images are 28×28 pixels: write `input [784]` or `input [1, 28, 28]`"));
        }
        if (!m.output().toString().equals("[10]")) {
            SourceRef last = m.layers().isEmpty() ? m.source() : m.layers().get(m.layers().size() - 1).source();
            return Optional.of(new Problem(last, "model " + m.name() + " outputs " + m.output()
                    + ", but MNIST has 10 classes: end the model with a layer of 10 outputs, e.g. `dense out(10)`"));
        }
        if (!m.trainable()) {
            return Optional.of(new Problem(m.source(), "model " + m.name() + " has no loss and optimizer, so it cannot be trained: "
                    + "add e.g. `loss softmax_cross_entropy` and `optimizer adam(lr: 0.001)`"));
        }
        return Optional.empty();
    }
}
