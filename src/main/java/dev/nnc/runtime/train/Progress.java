package dev.nnc.runtime.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a person sees while a model trains. On a terminal: a live bar per epoch in the
 * manner of tqdm, redrawn in place at most ten times a second, with samples/s, the time
 * left, and the running loss and accuracy. Anywhere else (a CI log, a pipe): one plain
 * line per epoch, so logs do not fill with carriage returns.
 */
public final class Progress implements Listener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final LongSupplier clock;
    private int epoch, epochs, samples;
    private long epochStart, lastDraw;

    public Progress(PrintWriter out, boolean live) {
        this(out, live, System::nanoTime);
    }

    Progress(PrintWriter out, boolean live, LongSupplier clock) {
        this.out = out;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.samples = samples;
        this.epochStart = clock.getAsLong();
        this.lastDraw = 0;
    }

    @Override
    public void batchDone(int batch, int seen, double runningLoss, double runningAccuracy) {
        if (!live) return;
        long now = clock.getAsLong();
        if (seen < samples && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        double seconds = Math.max(1e-9, (now - epochStart) / 1e9);
        double rate = seen / seconds;
        double left = (samples - seen) / Math.max(rate, 1e-9);
        int filled = (int) ((long) BAR * seen / Math.max(1, samples));
        String bar = "█".repeat(filled) + "░".repeat(BAR - filled);
        out.print(String.format(Locale.ROOT, "\repoch %d/%d %s %3d%% %,d/%,d  %,.0f samples/s  %s left  loss %.4f  acc %.2f%%\u001b[K",
                epoch, epochs, bar, 100L * seen / Math.max(1, samples), seen, samples, rate, clockTime(left),
                runningLoss, 100 * runningAccuracy));
        out.flush();
    }

    @Override
    public void epochDone(EpochRecord r, TrainingState state) {
        if (live) out.print("\r\u001b[K");
        out.println(line(r, epochs));
        out.flush();
    }

    @Override
    public void stoppedEarly(int epoch, int bestEpoch) {
        out.println("early stopping after epoch " + epoch + ": the validation loss has not improved since epoch "
                + bestEpoch + "; restoring the weights of epoch " + bestEpoch);
        out.flush();
    }

    /** The plain line of one epoch: train, validation (if any) and test figures, time, speed. */
    public static String line(EpochRecord r, int epochs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f acc %.2f%%",
                r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy()));
        if (r.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val loss %.4f acc %.2f%%", r.valLoss(), 100 * r.valAccuracy()));
        }
        sb.append(String.format(Locale.ROOT, "  test loss %.4f acc %.2f%%  %.1f s  %,.0f samples/s",
                r.testLoss(), 100 * r.testAccuracy(), r.seconds(), r.samplesPerSecond()));
        return sb.toString();
    }

    /** 75 s as 1:15, an hour and more as 1:02:03. */
    static String clockTime(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
