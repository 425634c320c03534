package dev.nnc.runtime.train;

/**
 * The loss became NaN or infinite. Says where: the epoch, the batch, and the first layer
 * whose output held a non-finite value (or none, when only the loss overflowed).
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
}
