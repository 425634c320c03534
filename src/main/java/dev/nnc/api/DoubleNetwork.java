package dev.nnc.api;

/**
 * A generated model computing in {@code double}. Arrays are row-major with the sample index
 * first: a batch of n inputs is {@code [n][inputSize]} flattened.
 */
public interface DoubleNetwork extends Network {
    /**
     * Runs the layers on {@code n} samples and returns the output buffer
     * {@code [n][outputSize]}. The buffer belongs to the network and is overwritten by
     * the next forward; copy what you keep.
     */
    double[] forward(double[] inputs, int n);

    /** The output of layer {@code i} from the last forward, {@code [n][layerSize(i)]}. */
    double[] layerOutput(int i);

    /** The loss of the last forward against class indices (for cross-entropy models). */
    double loss(int[] labels, int n);

    /** The loss of the last forward against target vectors {@code [n][outputSize]}. */
    double loss(double[] targets, int n);

    /** Backpropagates the loss of the last forward, adding to the gradients. */
    void backward(int[] labels, int n);

    void backward(double[] targets, int n);

    /** Parameters, flat, in the order and layouts of {@link #parameters()}. Read-only: write with {@link #setParams}. */
    double[] params();

    /** Copies {@code values} into the parameters (and refreshes anything derived from them). */
    void setParams(double[] values);

    /** Gradients of the loss, parallel to {@link #params()}. */
    double[] grads();

    /** The optimizer's state, {@link #optimizerStateSize()} values; writable, to restore a checkpoint. */
    double[] optimizerState();

    /** d loss / d input of the last backward, {@code [n][inputSize]}, when enabled. */
    double[] inputGrad();

    /** zeroGrad, forward, loss, backward and step on one batch; returns the loss. */
    default double trainBatch(double[] inputs, int[] labels, int n) {
        zeroGrad();
        forward(inputs, n);
        double loss = loss(labels, n);
        backward(labels, n);
        step();
        return loss;
    }

    default double trainBatch(double[] inputs, double[] targets, int n) {
        zeroGrad();
        forward(inputs, n);
        double loss = loss(targets, n);
        backward(targets, n);
        step();
        return loss;
    }

    /** The output for one input, in a new array. For a classifier, the logits or probabilities. */
    default double[] predict(double[] input) {
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("expected " + inputSize() + " input values, got " + input.length);
        }
        return java.util.Arrays.copyOf(forward(input, 1), outputSize());
    }

    /** Outputs for {@code n} inputs into {@code out} ({@code [n][outputSize]}), in batches of at most maxBatch. */
    default void predict(double[] inputs, int n, double[] out) {
        int in = inputSize(), k = outputSize(), batch = maxBatch();
        double[] chunk = new double[Math.min(n, batch) * in];
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            System.arraycopy(inputs, start * in, chunk, 0, m * in);
            System.arraycopy(forward(chunk, m), 0, out, start * k, m * k);
        }
    }

    /** The index of the largest output: the predicted class of a classifier. */
    default int predictClass(double[] input) {
        double[] y = predict(input);
        int best = 0;
        for (int i = 1; i < y.length; i++) if (y[i] > y[best]) best = i;
        return best;
    }
}
