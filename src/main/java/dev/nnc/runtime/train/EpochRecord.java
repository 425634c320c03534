package dev.nnc.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the training history. Validation figures are NaN when there is no
 * validation split. {@code samplesPerSecond} counts the training pass only.
 *
 * @param gradientNorms for each weight tensor, in the network's order ({@code h1.weight} first),
 *                      the L2 norm of the loss's gradient averaged over the epoch's batches
 *                      ({@link GradientNorms}); empty for an epoch recorded before nnc kept them
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                          double testLoss, double testAccuracy, double seconds, double samplesPerSecond,
                          Map<String, Double> gradientNorms) {

    public EpochRecord {
        gradientNorms = Collections.unmodifiableMap(new LinkedHashMap<>(gradientNorms)); // ordered, as the layers
    }

    /** An epoch without gradient norms. */
    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                       double testLoss, double testAccuracy, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, testLoss, testAccuracy, seconds, samplesPerSecond, Map.of());
    }

    public boolean hasValidation() { return !Double.isNaN(valLoss); }
}
