package dev.nnc.runtime.train;

import java.util.List;

/**
 * What a run must remember to continue after an epoch exactly as if it had never stopped:
 * the epochs done, the history, the early-stopping bookkeeping (best validation loss, its
 * epoch and weights) and the network's own state (parameters, optimizer state, step count
 * and dropout generator), which the checkpoint reads from the network itself.
 */
public record TrainingState(int epochsDone, List<EpochRecord> history, double bestValLoss, int bestEpoch,
                            float[] bestParams) {
    public TrainingState {
        history = List.copyOf(history);
    }

    /**
     * Whether early stopping ended the run after its last epoch: the condition the training
     * loop stops on, so that a resumed run that had stopped does not train on. {@code validated}:
     * the run holds out validation images (early stopping watches nothing without them).
     */
    public boolean stoppedEarly(Settings s, boolean validated) {
        return s.earlyStop().isPresent() && validated && epochsDone > 0
                && epochsDone - bestEpoch >= s.earlyStop().getAsInt();
    }

    public static TrainingState fresh() {
        return new TrainingState(0, List.of(), Double.POSITIVE_INFINITY, 0, null);
    }
}
