package dev.nnc.ir;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Training defaults from {@code train(...)}, every one overridable from the CLI.
 * {@code earlyStop} is the patience in epochs; empty means no early stopping.
 * {@code normalizeMean}/{@code normalizeStd} map a pixel x in [0, 1] to (x − mean)/std;
 * with no {@code normalize:} they are 0 and 1.
 */
public record Training(int batch, int epochs, long seed, boolean shuffle, double validation,
                       OptionalInt earlyStop, double normalizeMean, double normalizeStd) {
    public static final int DEFAULT_BATCH = 32;
    public static final int DEFAULT_EPOCHS = 5;

    /** Inputs this large after scaling leave float arithmetic no room (its largest value is 3.4e38). */
    static final double LARGEST_SCALED = 1e30;

    /** The largest magnitude (x − mean) / std takes for a pixel x in [0, 1]. */
    public static double largestScaled(double mean, double std) {
        return Math.max(Math.abs(mean), Math.abs(1 - mean)) / std;
    }

    /**
     * Why {@code normalize: [mean, std]} cannot scale pixels in [0, 1] to usable float values, or
     * empty: the one rule for the model's {@code train(...)}, the command line and a run file.
     */
    public static Optional<String> normalizeProblem(double mean, double std) {
        if (!Double.isFinite(mean)) return Optional.of("its mean must be a finite number, found " + dev.nnc.common.Decimals.of(mean));
        if (!(std > 0) || !Double.isFinite(std)) return Optional.of("its standard deviation must be greater than 0 and finite, found " + dev.nnc.common.Decimals.of(std));
        double largest = largestScaled(mean, std);
        if (largest > LARGEST_SCALED) {
            return Optional.of(String.format(Locale.ROOT, "it scales pixels in [0, 1] to values as large as %.3g, beyond what float"
                    + " arithmetic can train on; a standard deviation near the pixels' spread (such as 0.3) is usual", largest));
        }
        return Optional.empty();
    }
}
