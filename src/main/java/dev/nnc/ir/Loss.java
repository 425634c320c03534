package dev.nnc.ir;

/**
 * The training objective. The two fused kinds consume the final activation layer
 * (softmax or sigmoid) together with the loss, for stability: {@link #fusedActivation()}
 * says which, and that layer is then still part of the forward pass for inference.
 */
public record Loss(Kind kind, SourceRef source) {
    public enum Kind {
        /** mean over batch and elements of (y − t)² */
        MSE,
        /** Σ (y − t)², summed over the batch */
        SUM_SQUARES,
        /** logits in, integer class targets; softmax inside the loss */
        SOFTMAX_CROSS_ENTROPY,
        /** final softmax layer fused with the loss; integer class targets */
        CROSS_ENTROPY,
        /** final sigmoid layer fused with the loss; targets in {0, 1} */
        BINARY_CROSS_ENTROPY,
        /** logits in, sigmoid inside the loss; targets in {0, 1} */
        SIGMOID_BINARY_CROSS_ENTROPY
    }

    /** Whether targets are class indices (one per sample) rather than vectors like the output. */
    public boolean classTargets() {
        return kind == Kind.SOFTMAX_CROSS_ENTROPY || kind == Kind.CROSS_ENTROPY;
    }

    /** Whether the loss of a batch is a sum over its samples (else their mean). */
    public boolean sumsOverBatch() {
        return kind == Kind.SUM_SQUARES;
    }

    public boolean fusedActivation() {
        return kind == Kind.CROSS_ENTROPY || kind == Kind.BINARY_CROSS_ENTROPY;
    }
}
