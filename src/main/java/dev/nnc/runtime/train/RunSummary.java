package dev.nnc.runtime.train;

import java.util.List;
import java.util.Locale;

/**
 * What a run came to, for {@code summary.txt}: the final test figures (of the weights the
 * run kept, which after early stopping are those of the best epoch), the epochs, the time.
 *
 * @param stoppedEarly whether early stopping ended the run, which may be at its last planned epoch
 * @param test the test set evaluated with the final weights
 */
public record RunSummary(String modelName, String sourceFile, int epochsPlanned, boolean stoppedEarly, TrainingState state,
                         Evaluation test) {

    public String text() {
        List<EpochRecord> history = state.history();
        ConfusionReport confusion = new ConfusionReport(test.confusion());
        double seconds = history.stream().mapToDouble(EpochRecord::seconds).sum();
        double samples = history.stream().mapToDouble(r -> r.samplesPerSecond() * r.seconds()).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(modelName).append(", trained from ").append(sourceFile).append("\n\n");
        line(sb, "test accuracy", String.format(Locale.ROOT, "%s (%,d of %,d)",
                ConfusionReport.percent(test.accuracy()), confusion.correct(), test.n()));
        line(sb, "test loss", String.format(Locale.ROOT, "%.4f", test.loss()));
        line(sb, "epochs", epochs());
        line(sb, "time", String.format(Locale.ROOT, "%s training, %,.0f samples/s", HistoryPlot.duration(seconds),
                seconds > 0 ? samples / seconds : 0));
        if (!history.isEmpty() && !history.get(history.size() - 1).gradientNorms().isEmpty()) {
            EpochRecord last = history.get(history.size() - 1);
            line(sb, "gradient norms", last.gradientNorms().entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue() == 0 ? "0" : String.format(Locale.ROOT, "%.3g", e.getValue())))
                    .collect(java.util.stream.Collectors.joining(", "))
                    + String.format(Locale.ROOT, " (epoch %d's mean; by epoch in %s)", last.epoch(), RunFolder.GRADIENTS));
        }
        return sb.toString();
    }

    /** {@code summary.txt} of a run that diverged: what stopped it and what the folder still holds. */
    public static String diverged(String modelName, String sourceFile, NonFiniteLossException why, int epochsDone) {
        StringBuilder sb = new StringBuilder();
        sb.append(modelName).append(", trained from ").append(sourceFile).append("\n\n");
        line(sb, "stopped", "training diverged: " + why.getMessage());
        line(sb, "kept", epochsDone == 0 ? "no epoch finished, so there is no checkpoint (only model.nn and settings.yaml)"
                : "the checkpoint after epoch " + epochsDone + " (checkpoint.nnck), from before it diverged");
        return sb.toString();
    }

    private String epochs() {
        int done = state.epochsDone();
        String s = done + " of " + epochsPlanned;
        if (stoppedEarly) s += ", stopped early";
        if (state.bestParams() != null) {
            s += String.format(Locale.ROOT, "; weights of epoch %d, the best validation loss (%.4f)",
                    state.bestEpoch(), state.bestValLoss());
        }
        return s;
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-15s%s\n", label, value));
    }
}
