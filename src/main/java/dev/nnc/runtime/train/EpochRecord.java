package dev.nnc.runtime.train;

/**
 * One line of the training history. Validation figures are NaN when there is no
 * validation split. {@code samplesPerSecond} counts the training pass only.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double testLoss, double testAccuracy, double seconds, double samplesPerSecond) {

    public boolean hasValidation() { return !Double.isNaN(valLoss); }
}
