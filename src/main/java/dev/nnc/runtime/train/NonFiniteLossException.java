package dev.nnc.runtime.train;

/**
 * The loss became NaN or infinite, or ({@link #grew}) a million times what it was at first. Says
 * where: the epoch, the batch, and the first layer whose output held a non-finite value (or
 * none, when only the loss overflowed or grew).
 */
public final class NonFiniteLossException extends RuntimeException {
    public final int epoch;
    public final int batch;
    public final String firstBadLayer;
    public final double loss;

    public NonFiniteLossException(int epoch, int batch, String firstBadLayer, double loss) {
        super("the loss became " + loss + " in epoch " + epoch + ", batch " + batch
                + (firstBadLayer == null ? "" : "; the first layer with a non-finite output is `" + firstBadLayer + "`"));
        this.epoch = epoch;
        this.batch = batch;
        this.firstBadLayer = firstBadLayer;
        this.loss = loss;
    }

    private NonFiniteLossException(String message, int epoch, int batch, double loss) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
        this.firstBadLayer = null;
        this.loss = loss;
    }

    /**
     * Mean losses this many times the yardstick (or 1, if larger) count as divergence though
     * finite: in epoch 1 the loss of its first batch, later the mean loss of epoch 1.
     */
    public static final double GROWTH = 1e6;

    /**
     * The loss stayed finite but exploded: a bounded gradient (softmax cross-entropy) and a
     * huge learning rate can carry the weights to 1e29 without ever overflowing.
     */
    public static NonFiniteLossException grew(int epoch, int batches, double meanLoss, double yardstick) {
        return new NonFiniteLossException(String.format(java.util.Locale.ROOT,
                "the mean loss of epoch %d (%d batches) grew to %.3g, over a million times %s (%.3g): the weights are diverging",
                epoch, batches, meanLoss, epoch == 1 ? "that of the first batch" : "the mean loss of epoch 1", yardstick),
                epoch, batches, meanLoss);
    }
}
