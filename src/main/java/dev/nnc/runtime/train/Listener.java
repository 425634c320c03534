package dev.nnc.runtime.train;

/** What a training run tells the outside world as it goes: progress, and each finished epoch. */
public interface Listener {
    default void epochStarted(int epoch, int epochs, int batches, int samples) {}

    /** After each batch: samples seen so far this epoch, the running mean loss and accuracy. */
    default void batchDone(int batch, int seen, double runningLoss, double runningAccuracy) {}

    /** After the epoch's evaluation; {@code state} is what a checkpoint must hold to resume after it. */
    default void epochDone(EpochRecord record, TrainingState state) {}

    /** Early stopping decided to stop after {@code epoch}; the weights of {@code bestEpoch} are restored. */
    default void stoppedEarly(int epoch, int bestEpoch) {}

    Listener NONE = new Listener() {};
}
