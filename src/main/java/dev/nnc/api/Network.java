package dev.nnc.api;

import java.util.List;

/**
 * What every generated model offers, whatever its precision. The typed operations
 * (forward, loss, backward, parameters) are on {@link FloatNetwork} and {@link DoubleNetwork}.
 *
 * <p>A training step is: {@code zeroGrad(); forward(x, n); loss(t, n); backward(t, n); step();}
 * in training mode (or {@code trainBatch}, which does exactly that). Gradients accumulate over
 * {@code backward} calls until {@code zeroGrad}. A network is not thread-safe: it owns
 * its buffers, sized for {@link #maxBatch()} samples, so that training allocates nothing.
 */
public interface Network {
    /** The model's name in its .nn file. */
    String modelName();

    /** The .nn file it was generated from. */
    String sourceFile();

    /**
     * The SHA-256 (hex) of the model's tokens (its text without comments and layout), as a
     * checkpoint of {@code nnc train} records it; empty only for a class generated from a model
     * built without its source (by hand, in tests).
     */
    default String modelHash() { return ""; }

    /**
     * The SHA-256 (hex) of what trained weights depend on: the input, each layer's computation
     * and the loss, not the optimizer, {@code train(...)}, initializers or layer names. Weights
     * files record it, and {@link TrainedWeights} loads weights into a class of the same
     * architecture (a model whose learning rate or epochs were edited since the run, say); empty
     * for a class generated before nnc had it (its {@code modelHash()} is compared then).
     */
    default String architectureHash() { return ""; }

    /** {@code "float"} or {@code "double"}. */
    String precision();

    /** Values per sample, e.g. 784. */
    int inputSize();

    /** The per-sample input shape, e.g. [1, 28, 28]. */
    List<Integer> inputShape();

    /** Values per sample of the output, e.g. 10. */
    int outputSize();

    /** The largest batch forward and backward accept. */
    int maxBatch();

    /** Whether targets are class indices ({@code int[]}) rather than vectors like the output. */
    boolean classTargets();

    /**
     * Whether {@code loss} sums over the samples of the batch ({@code sum_squares}) rather than
     * averaging; a figure per sample, comparable between batch sizes, divides it by n.
     */
    default boolean lossSumsOverBatch() { return false; }

    /** Whether the model has a loss and an optimizer (otherwise it is inference-only). */
    boolean trainable();

    /** The names of the layers, in order; activations are layers of their own. */
    List<String> layerNames();

    /** Values per sample of the output of layer {@code i}. */
    int layerSize(int i);

    int paramCount();

    List<ParamInfo> parameters();

    /** Values of optimizer state (velocities, squares, moments), parallel to the parameters. */
    int optimizerStateSize();

    /** Optimizer steps taken (Adam's t). */
    long stepCount();

    void setStepCount(long steps);

    /** Initializes every parameter from its initializer (or its literal), resets optimizer state. */
    void initialize(long seed);

    /** State of the random generator used by dropout; save it to resume exactly. */
    long rngState();

    void setRngState(long state);

    /**
     * Training mode applies dropout; evaluation mode (the default) makes it the identity. It
     * matters to a step written out ({@code forward}, {@code loss}, {@code backward}, {@code step});
     * {@code trainBatch} trains in training mode and {@code predict} in evaluation mode whatever it is.
     */
    void setTraining(boolean training);

    boolean isTraining();

    /** Whether backward also computes d loss / d input (for gradient checks); off by default. */
    void setInputGradient(boolean enabled);

    void zeroGrad();

    /**
     * Called by {@code predict} after its forward passes, which replaced the buffers of the caller's last
     * {@code forward}: loss and backward then ask for that forward again instead of working on predict's
     * (they gave its numbers silently). Classes that train override it; others have nothing to forget.
     */
    default void forgetForward() {}

    /**
     * How many threads forward and backward may use, the caller's included. Classes
     * generated with {@code --vector} split each layer's work over samples or rows, each
     * part summing in a fixed order, so results are the same for any count; other classes
     * compute on the calling thread only. The threads beyond the caller's are daemon threads
     * that live as long as the network uses them: {@code setThreads(1)} stops them, so call it
     * before dropping a network in a program that makes many.
     */
    default void setThreads(int threads) {
        BatchChecks.threads(threads);
    }

    /** The threads in use (1 for classes generated without {@code --vector}). */
    default int threads() { return 1; }

    /** One optimizer update of every parameter from the accumulated gradients. */
    void step();
}
