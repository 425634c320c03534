package dev.nnc.runtime.train;

import dev.nnc.ir.Training;

import java.util.List;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything a run needs besides the model and the data, resolved: the model's
 * {@code train(...)} defaults with the run file's and the command line's overrides
 * applied. {@code limit} caps the training samples (for quick runs). {@code lr} is a learning
 * rate that replaces the model's ({@code --lr}); it is a constant of the generated class, so a
 * resumed run must generate its class with it again.
 */
public record Settings(int batch, int epochs, long seed, boolean shuffle, double validation,
                       OptionalInt earlyStop, double normalizeMean, double normalizeStd, OptionalInt limit, OptionalDouble lr) {

    /** Settings that keep the model's learning rate. */
    public Settings(int batch, int epochs, long seed, boolean shuffle, double validation,
                    OptionalInt earlyStop, double normalizeMean, double normalizeStd, OptionalInt limit) {
        this(batch, epochs, seed, shuffle, validation, earlyStop, normalizeMean, normalizeStd, limit, OptionalDouble.empty());
    }

    public Settings withEpochs(int e) {
        return new Settings(batch, e, seed, shuffle, validation, earlyStop, normalizeMean, normalizeStd, limit, lr);
    }

    public Settings withLr(double rate) {
        return new Settings(batch, epochs, seed, shuffle, validation, earlyStop, normalizeMean, normalizeStd, limit, OptionalDouble.of(rate));
    }

    /**
     * A batch no larger than the images trained on: a batch of 100,000 on 500 images is one
     * batch of 500 per epoch either way, and buffers for 100,000 samples would be wasted (or
     * larger than a Java array).
     */
    public Settings fittedTo(int available) {
        int train = split(available).train();
        if (batch <= train || train < 1) return this;
        return new Settings(train, epochs, seed, shuffle, validation, earlyStop, normalizeMean, normalizeStd, limit, lr);
    }

    public record Split(int train, int validation) {}

    /** How many of the available training images train, and how many are held out for validation. */
    public Split split(int available) {
        int used = limit.isPresent() ? Math.min(limit.getAsInt(), available) : available;
        int held = (int) Math.round(used * validation);
        return new Split(used - held, held);
    }

    /**
     * What makes these settings unusable on {@code available} training images, said as a
     * user can fix it: early stopping without a validation split to watch, a split that
     * holds out no image, or none left to train on.
     */
    public Optional<String> problemWith(int available) {
        if (earlyStop.isPresent() && validation == 0) {
            return Optional.of("early stopping (patience " + earlyStop.getAsInt() + ") watches the validation loss, but there is"
                    + " no validation split: add --validation 0.1, or turn early stopping off with --early-stop 0");
        }
        Split s = split(available);
        int used = s.train() + s.validation();
        if (validation > 0 && s.validation() == 0) {
            return Optional.of("a validation split of " + dev.nnc.common.Decimals.of(validation) + " of " + images(used) + " holds out no image:"
                    + " raise --limit or --validation, or use --validation 0");
        }
        if (s.train() < 1) {
            return Optional.of("a validation split of " + dev.nnc.common.Decimals.of(validation) + " of " + images(used) + " leaves none to train on:"
                    + " lower --validation, or raise --limit");
        }
        return Optional.empty();
    }

    private static String images(int n) { return String.format(java.util.Locale.ROOT, n == 1 ? "%,d image" : "%,d images", n); }

    /** A limit above the images there are, or a batch above those trained on, changes nothing; said so that the user is not misled. */
    public List<String> notesOn(int available) {
        List<String> notes = new ArrayList<>();
        if (limit.isPresent() && limit.getAsInt() > available) {
            notes.add(String.format(java.util.Locale.ROOT, "note: the limit of %,d images is more than the %,d training images"
                    + " there are; all of them are used", limit.getAsInt(), available));
        }
        int train = split(available).train();
        if (batch > train && train >= 1) {
            notes.add(String.format(java.util.Locale.ROOT, "note: a batch of %,d is more than the %s trained on;"
                    + " each epoch is one batch of %,d", batch, images(train), train));
        }
        return notes;
    }

    public static Settings of(Training t) {
        return new Settings(t.batch(), t.epochs(), t.seed(), t.shuffle(), t.validation(), t.earlyStop(),
                t.normalizeMean(), t.normalizeStd(), OptionalInt.empty());
    }
}
