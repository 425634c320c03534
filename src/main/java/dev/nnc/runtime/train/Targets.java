package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;

/**
 * Feeds class labels to a network in the form its loss takes: as indices for the
 * cross-entropy losses, as one-hot vectors for mse, sum_squares and binary cross-entropy.
 * The one-hot buffer is made once, so a training step still allocates nothing.
 */
final class Targets {
    private final FloatNetwork net;
    private final float[] oneHot;

    Targets(FloatNetwork net) {
        this.net = net;
        this.oneHot = net.classTargets() ? null : new float[net.maxBatch() * net.outputSize()];
    }

    /**
     * The loss of the batch per sample: the network's own, divided by n when it sums over the
     * batch ({@code sum_squares}), so that epochs, evaluations and batch sizes compare.
     */
    double loss(int[] labels, int n) {
        double loss = oneHot == null ? net.loss(labels, n) : net.loss(encode(labels, n), n);
        return net.lossSumsOverBatch() ? loss / n : loss;
    }

    void backward(int[] labels, int n) {
        if (oneHot == null) net.backward(labels, n);
        else net.backward(encode(labels, n), n);
    }

    private float[] encode(int[] labels, int n) {
        int k = net.outputSize();
        java.util.Arrays.fill(oneHot, 0, n * k, 0f);
        for (int s = 0; s < n; s++) oneHot[s * k + labels[s]] = 1f;
        return oneHot;
    }
}
