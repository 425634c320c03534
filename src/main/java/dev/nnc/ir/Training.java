package dev.nnc.ir;

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
}
