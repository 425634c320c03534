package dev.nnc.runtime.train;

import dev.nnc.ir.Model;
import dev.nnc.ir.SourceRef;

import java.util.ArrayList;
import java.util.List;

/** Whether a model can be trained on MNIST: 784 pixels (or one 28×28 image) in, 10 classes out. */
public final class MnistFit {
    private MnistFit() {}

    /** What stops a model from training on MNIST, where in its source, and how to fix it. */
    public record Problem(SourceRef where, String message, String label, String help) {}

    /** Every reason, in source order: a model with the wrong input and output hears of both at once. */
    public static List<Problem> problems(Model m) {
        List<Problem> problems = new ArrayList<>();
        if (!m.takesMnistImages()) {
            problems.add(new Problem(m.inputSource(), "model " + m.name() + " takes input " + m.input() + ", but MNIST images are 28×28 pixels",
                    "not an MNIST image", "write `input [784]` or `input [1, 28, 28]`"));
        }
        if (!m.hasMnistClasses()) {
            SourceRef last = m.layers().isEmpty() ? m.source() : m.layers().get(m.layers().size() - 1).source();
            problems.add(new Problem(last, "model " + m.name() + " outputs " + m.output() + ", but MNIST has 10 classes",
                    "the model's output", "end the model with a layer of 10 outputs, e.g. `dense out(10)`"));
        }
        if (!m.trainable()) {
            problems.add(new Problem(m.source(), "model " + m.name() + " has no loss and optimizer, so it cannot be trained",
                    "no loss, no optimizer", "add e.g. `loss softmax_cross_entropy` and `optimizer adam(lr: 0.001)`"));
        }
        problems.sort(java.util.Comparator.comparingInt((Problem p) -> p.where().line()).thenComparingInt(p -> p.where().column()));
        return problems;
    }
}
