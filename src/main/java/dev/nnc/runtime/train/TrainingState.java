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
     * loop stops on, so that a resumed run that had stopped does not train on.
     */
    public boolean stoppedEarly(Settings s) {
        return s.earlyStop().isPresent() && s.validation() > 0 && epochsDone > 0
                && epochsDone - bestEpoch >= s.earlyStop().getAsInt();
    }

    /** Nothing left to train: every epoch done, or stopped early. */
    public boolean finished(Settings s) {
        return epochsDone >= s.epochs() || stoppedEarly(s);
    }

    public static TrainingState fresh() {
        return new TrainingState(0, List.of(), Double.POSITIVE_INFINITY, 0, null);
    }
}
