package dev.nnc.runtime.train;

import dev.nnc.ir.Training;

import java.util.OptionalInt;

/**
 * Everything a run needs besides the model and the data, resolved: the model's
 * {@code train(...)} defaults with the run file's and the command line's overrides
 * applied. {@code limit} caps the training samples (for quick runs).
 */
public record Settings(int batch, int epochs, long seed, boolean shuffle, double validation,
                       OptionalInt earlyStop, double normalizeMean, double normalizeStd, OptionalInt limit) {

    public static Settings of(Training t) {
        return new Settings(t.batch(), t.epochs(), t.seed(), t.shuffle(), t.validation(), t.earlyStop(),
                t.normalizeMean(), t.normalizeStd(), OptionalInt.empty());
    }
}
