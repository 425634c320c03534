package dev.nnc.runtime.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What a person sees while a model trains. On a terminal: a live bar per epoch in the
 * manner of tqdm, redrawn in place at most ten times a second, with samples/s, the time
 * left, and the running loss and accuracy, fitted to the terminal's width (a frame that
 * wraps is not redrawn in place: every redraw would leave a line behind). Anywhere else (a
 * CI log, a pipe): one plain line per epoch, so logs do not fill with carriage returns.
 */
public final class Progress implements Listener {
    private static final int BAR = 24, NARROWEST_BAR = 8;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Before this much of an epoch has passed, a rate (and so the time left) is the noise of its first batches. */
    private static final long SETTLED_NANOS = 500_000_000L;

    private final PrintWriter out;
    private final boolean live;
    private final LongSupplier clock;
    private final IntSupplier columns;
    private int epoch, epochs, samples, width;
    private long epochStart, lastDraw;

    public Progress(PrintWriter out, boolean live, IntSupplier columns) {
        this(out, live, System::nanoTime, columns);
    }

    Progress(PrintWriter out, boolean live, LongSupplier clock, IntSupplier columns) {
        this.out = out;
        this.live = live;
        this.clock = clock;
        this.columns = columns;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.samples = samples;
        this.epochStart = clock.getAsLong();
        this.lastDraw = 0;
        if (live) this.width = columns.getAsInt(); // once an epoch: asking the terminal costs a process
    }

    @Override
    public void batchDone(int batch, int seen, double runningLoss, double runningAccuracy) {
        if (!live) return;
        long now = clock.getAsLong();
        if (seen < samples && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        out.print("\r" + frame(seen, now - epochStart, runningLoss, runningAccuracy) + "\u001b[K");
        out.flush();
        midLine = true;
    }

    private volatile boolean midLine;

    /** Whether a frame is on screen without its newline (another message must start a line of its own). */
    public boolean midLine() { return midLine; }

    /**
     * One frame, at most {@code width − 1} columns: the fields that matter least go first
     * (the count, the rate, then the bar narrows, then the accuracy and loss).
     */
    String frame(int seen, long elapsedNanos, double loss, double accuracy) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        boolean settled = elapsedNanos >= SETTLED_NANOS;
        double rate = seen / seconds;
        // After the last batch the epoch is evaluated (validation, test set): say so, not "0:00 left".
        String when = seen >= samples ? "evaluating" : settled ? clockTime((samples - seen) / Math.max(rate, 1e-9)) + " left" : "";
        String head = String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs);
        String percent = String.format(Locale.ROOT, "%3d%%", 100L * seen / Math.max(1, samples));
        String count = String.format(Locale.ROOT, "%,d/%,d", seen, samples);
        String speed = settled ? String.format(Locale.ROOT, "%,.0f samples/s", rate) : "";
        String lossText = String.format(Locale.ROOT, "loss %.4f", loss), accText = String.format(Locale.ROOT, "acc %.2f%%", 100 * accuracy);
        int limit = limit();
        // Level by level: the count goes, then the rate, then the bar narrows, then it goes, then the accuracy, the loss, the time.
        for (int level = 0; ; level++) {
            int barWidth = level < 3 ? BAR : level == 3 ? NARROWEST_BAR : 0;
            List<String> fields = new ArrayList<>();
            fields.add(head + " " + (barWidth > 0 ? bar(seen, barWidth) + " " : "") + percent);
            if (level < 1) fields.add(count);
            if (level < 2 && !speed.isEmpty()) fields.add(speed);
            if (!when.isEmpty() && level < 7) fields.add(when);
            if (level < 6) fields.add(lossText);
            if (level < 5) fields.add(accText);
            String frame = String.join("  ", fields);
            if (frame.length() <= limit || level == 7) return frame.length() <= limit ? frame : frame.substring(0, limit);
        }
    }

    /** The columns a line may take: one short of the width, since filling the last column wraps on some terminals. */
    private int limit() {
        return Math.max(10, width - 1);
    }

    /** The words of a figure, a number kept with the unit after it ("0.2 s", "1 epoch:"), which a break between would orphan. */
    private static List<String> unitsKept(String[] words) {
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            int last = kept.size() - 1;
            if (last >= 0 && kept.get(last).matches(".*\\d") && word.matches("[A-Za-z%/]{1,10}[,:;)]?")) {
                kept.set(last, kept.get(last) + " " + word);
            } else {
                kept.add(word);
            }
        }
        return kept;
    }

    /**
     * {@code line} broken into lines of at most {@code limit}: between its figures (two spaces apart),
     * and a figure longer than a line between its words (a word longer still stays whole).
     */
    public static String wrap(String line, int limit) {
        if (line.length() <= limit) return line;
        String indent = limit >= 40 ? "      " : ""; // on a very narrow terminal the figures need every column
        List<String> fields = new ArrayList<>();
        for (String field : line.split("  ")) {
            if (field.length() <= limit - indent.length()) {
                fields.add(field);
                continue;
            }
            StringBuilder part = new StringBuilder();
            for (String word : unitsKept(field.split(" "))) {
                if (part.length() > 0 && part.length() + 1 + word.length() > limit - indent.length()) {
                    fields.add(part.toString());
                    part.setLength(0);
                }
                if (part.length() > 0) part.append(' ');
                part.append(word);
            }
            fields.add(part.toString());
        }
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String prefix = "";
        for (String field : fields) {
            if (current.length() > 0 && prefix.length() + current.length() + 2 + field.length() > limit) {
                lines.add(prefix + current);
                current.setLength(0);
                prefix = indent;
            }
            if (current.length() > 0) current.append("  ");
            current.append(field);
        }
        lines.add(prefix + current);
        return String.join("\n", lines);
    }

    private String bar(int seen, int barWidth) {
        int filled = (int) ((long) barWidth * seen / Math.max(1, samples));
        return "█".repeat(filled) + "░".repeat(barWidth - filled);
    }

    @Override
    public void epochDone(EpochRecord r, TrainingState state) {
        if (live) out.print("\r\u001b[K");
        midLine = false;
        String line = line(r, epochs);
        // Wrapped by the terminal it would break mid-number: broken between its figures instead, the rest indented.
        out.println(live ? wrap(line, limit()) : line);
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
