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

    public static TrainingState fresh() {
        return new TrainingState(0, List.of(), Double.POSITIVE_INFINITY, 0, null);
    }
}
