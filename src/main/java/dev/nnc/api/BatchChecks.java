package dev.nnc.api;

/**
 * The argument checks every generated class makes on its public calls, kept here once rather
 * than written into each class. They cost a comparison on the way in and allocate only to
 * throw.
 */
public final class BatchChecks {
    private BatchChecks() {}

    /** A batch of {@code n} samples fits the class's buffers of {@code maxBatch}. */
    public static void batch(int n, int maxBatch) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("batch size must be 1 to " + maxBatch + ", got " + n
                    + (n > maxBatch ? ": the network was made for batches of up to " + maxBatch
                    + " (its model's train batch, unless given): make it with the constructor that takes maxBatch, " + n + " or more" : ""));
        }
    }

    /** The {@code forwardN} of a class after a predict, whose forward passes replaced the caller's ({@code forgetForward}). */
    public static final int PREDICTED = -1;

    /**
     * loss and backward work on the outputs of the last forward, which must have been of the same {@code n}
     * (0: none yet; {@link #PREDICTED}: a predict's since).
     */
    public static void forwardDone(int n, int forwardN) {
        if (n != forwardN) {
            throw new IllegalArgumentException(forwardN == 0 ? "call forward on the batch before loss or backward"
                    : forwardN == PREDICTED ? "a predict since the last forward replaced its outputs: call forward on this batch again"
                    : "the last forward had n = " + forwardN + ", not " + n + ": call forward on this batch first");
        }
    }

    /**
     * Dropout's backward must meet a forward of its own mode: it multiplies by the forward's mask in training,
     * by 1 otherwise (a class with dropout calls this from backward).
     */
    public static void sameMode(boolean forwardTraining, boolean training) {
        if (forwardTraining != training) {
            throw new IllegalArgumentException("the last forward ran in " + (forwardTraining ? "training" : "evaluation")
                    + " mode, and the network is now in " + (training ? "training" : "evaluation") + " mode (setTraining):"
                    + " dropout acts otherwise in each, so call forward on this batch again");
        }
    }

    /** More threads than this are a mistake on any machine (MAX_VALUE asked for an array the JVM cannot make). */
    public static final int MAX_THREADS = 1024;

    /** A thread count for {@code setThreads}: 1 to {@link #MAX_THREADS}. */
    public static void threads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + " (this machine has "
                    + Runtime.getRuntime().availableProcessors() + " cores), got " + threads);
        }
    }

    /** A targets (or labels) array holds at least what the batch needs. */
    public static void targets(int length, int needed, String what) {
        if (length < needed) {
            throw new IllegalArgumentException("expected " + needed + " " + what + " for the batch, got " + length);
        }
    }
}
