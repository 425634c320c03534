package dev.nnc.api;

/**
 * A generated model computing in {@code float}. Arrays are row-major with the sample index
 * first: a batch of n inputs is {@code [n][inputSize]} flattened.
 */
public interface FloatNetwork extends Network {
    /**
     * Runs the layers on {@code n} samples and returns the output buffer, whose first
     * n·outputSize values ({@code [n][outputSize]}) are this batch's (it holds maxBatch
     * samples). The buffer belongs to the network and is overwritten by the next forward; copy
     * what you keep. The network reads {@code inputs} again in {@code backward} (it keeps the
     * array, not a copy): leave them unchanged until then.
     */
    float[] forward(float[] inputs, int n);

    /**
     * The output of layer {@code i} from the last forward: its first n·layerSize(i) values,
     * {@code [n][layerSize(i)]} (the buffer holds maxBatch samples). A flatten's output is its
     * input's buffer, and the first layer's input is the caller's array.
     */
    float[] layerOutput(int i);

    /** The loss of the last forward against class indices (for cross-entropy models). */
    double loss(int[] labels, int n);

    /** The loss of the last forward against target vectors {@code [n][outputSize]}. */
    double loss(float[] targets, int n);

    /** Backpropagates the loss of the last forward, adding to the gradients. */
    void backward(int[] labels, int n);

    void backward(float[] targets, int n);

    /**
     * Parameters, flat, in the order and layouts of {@link #parameters()}: the network's own
     * array, to read. Write with {@link #setParams}: some layers compute from copies derived
     * from the parameters (a transposed weight matrix), which only setParams and step refresh.
     */
    float[] params();

    /** Copies {@code values} into the parameters (and refreshes anything derived from them). */
    void setParams(float[] values);

    /** Gradients of the loss, parallel to {@link #params()}. */
    float[] grads();

    /** The optimizer's state, {@link #optimizerStateSize()} values; writable, to restore a checkpoint. */
    float[] optimizerState();

    /**
     * d loss / d input of the last backward, in the first n·inputSize values ({@code [n][inputSize]}), when enabled with
     * {@link #setInputGradient} before that backward; otherwise (not enabled, or a forward or predict since) it throws
     * {@link IllegalStateException}, for the array would hold zeros or an earlier batch's values.
     */
    float[] inputGrad();

    /**
     * zeroGrad, forward, loss, backward and step on one batch, in training mode (dropout
     * applies; the mode before is restored); returns the loss.
     */
    default double trainBatch(float[] inputs, int[] labels, int n) {
        boolean wasTraining = isTraining();
        setTraining(true);
        try {
            zeroGrad();
            forward(inputs, n);
            double loss = loss(labels, n);
            backward(labels, n);
            step();
            return loss;
        } finally {
            setTraining(wasTraining);
        }
    }

    default double trainBatch(float[] inputs, float[] targets, int n) {
        boolean wasTraining = isTraining();
        setTraining(true);
        try {
            zeroGrad();
            forward(inputs, n);
            double loss = loss(targets, n);
            backward(targets, n);
            step();
            return loss;
        } finally {
            setTraining(wasTraining);
        }
    }

    /**
     * The output for one input, in a new array, in evaluation mode (no dropout; the mode before
     * is restored). For a classifier, the logits or probabilities.
     */
    default float[] predict(float[] input) {
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("expected " + inputSize() + " input values, got " + input.length);
        }
        boolean wasTraining = isTraining();
        setTraining(false);
        try {
            return java.util.Arrays.copyOf(forward(input, 1), outputSize());
        } finally {
            setTraining(wasTraining);
            forgetForward();
        }
    }

    /**
     * Outputs for {@code n} inputs into {@code out} ({@code [n][outputSize]}), in batches of at
     * most maxBatch, in evaluation mode as {@link #predict(float[])}.
     */
    default void predict(float[] inputs, int n, float[] out) {
        int in = inputSize(), k = outputSize(), batch = maxBatch();
        if (n < 0) throw new IllegalArgumentException("n must be at least 0, got " + n);
        if (inputs.length < (long) n * in) {
            throw new IllegalArgumentException("expected at least " + (long) n * in + " input values for " + n + " samples, got " + inputs.length);
        }
        if (out.length < (long) n * k) {
            throw new IllegalArgumentException("out holds " + out.length + " values; " + n + " samples need " + (long) n * k);
        }
        float[] chunk = new float[Math.min(n, batch) * in];
        boolean wasTraining = isTraining();
        setTraining(false);
        try {
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                System.arraycopy(inputs, start * in, chunk, 0, m * in);
                System.arraycopy(forward(chunk, m), 0, out, start * k, m * k);
            }
        } finally {
            setTraining(wasTraining);
            if (n > 0) forgetForward();
        }
    }

    /**
     * The index of the largest output: the predicted class of a classifier with one output per class.
     *
     * @throws IllegalStateException for a model of one output (compare it with its threshold instead), or
     *                               outputs that are NaN or infinite (an input or a parameter not finite, or overflowed)
     */
    default int predictClass(float[] input) {
        return PredictedClass.of(predict(input));
    }
}
