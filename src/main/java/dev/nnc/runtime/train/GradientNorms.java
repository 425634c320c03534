package dev.nnc.runtime.train;

import dev.nnc.api.Network;
import dev.nnc.api.ParamInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How large each layer's weight gradient is during an epoch: the L2 norm of d loss / d W of a
 * batch (the loss's own gradient, before the optimizer adds any penalty), averaged over
 * {@link #SAMPLES} batches spread evenly over the epoch, every batch of a shorter one. A first
 * layer whose norm lies orders of magnitude below the last layer's learns that much slower:
 * the vanishing gradients of a sigmoid stack, seen while it trains. A hundred batches, however
 * long the epoch, keep the cost of measuring from growing with the data.
 */
final class GradientNorms {
    static final int SAMPLES = 100;

    private final List<ParamInfo> weights;
    private final double[] sums;
    private final int batches;
    private int measured;

    /** For an epoch of {@code batches} batches of {@code net}. */
    GradientNorms(Network net, int batches) {
        this.weights = net.parameters().stream().filter(ParamInfo::weight).collect(Collectors.toList());
        this.sums = new double[weights.size()];
        this.batches = batches;
    }

    /**
     * Whether batch {@code b} (from 0) is one of the samples: the first batch of each of {@link #SAMPLES}
     * equal parts of the epoch, so exactly that many (or every batch of a shorter epoch).
     */
    boolean measures(int b) {
        return batches <= SAMPLES || b == 0 || (long) b * SAMPLES / batches != (long) (b - 1) * SAMPLES / batches;
    }

    /** After the backward pass of batch {@code b} (from 0), before the step: measures it if it is one of the samples. */
    void afterBackward(int b, float[] grads) {
        if (!measures(b)) return;
        for (int t = 0; t < weights.size(); t++) {
            ParamInfo w = weights.get(t);
            sums[t] += Math.sqrt(sumOfSquares(grads, w.offset(), w.offset() + w.size()));
        }
        measured++;
    }

    /** Tensor name to mean norm, in the network's order; empty before any batch was measured. */
    Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        if (measured == 0) return means;
        for (int t = 0; t < weights.size(); t++) means.put(weights.get(t).name(), sums[t] / measured);
        return means;
    }

    /** Four partial sums, for speed; the order is fixed, so the result is the same on every run. */
    static double sumOfSquares(float[] g, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
            s2 += (double) g[i + 2] * g[i + 2];
            s3 += (double) g[i + 3] * g[i + 3];
        }
        for (; i < to; i++) s0 += (double) g[i] * g[i];
        return (s0 + s1) + (s2 + s3);
    }
}
