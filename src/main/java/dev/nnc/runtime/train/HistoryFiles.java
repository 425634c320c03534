package dev.nnc.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The training history as CSV (for a spreadsheet or pandas) and as JSON (for scripts).
 * Both use the same snake_case names; accuracies are fractions in [0, 1], as in
 * {@link EpochRecord}. A figure that does not exist (validation without a validation
 * split) is an empty CSV cell and a JSON {@code null}, never the string NaN.
 */
public final class HistoryFiles {
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "val_loss",
            "val_accuracy", "test_loss", "test_accuracy", "seconds", "samples_per_second");

    private HistoryFiles() {}

    public static String csv(List<EpochRecord> history) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (EpochRecord r : history) {
            sb.append(r.epoch());
            for (double v : figures(r)) sb.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String json(List<EpochRecord> history) {
        List<Map<String, Object>> rows = history.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(COLUMNS.get(0), r.epoch());
            double[] v = figures(r);
            for (int i = 0; i < v.length; i++) row.put(COLUMNS.get(i + 1), Double.isFinite(v[i]) ? v[i] : null);
            return row;
        }).collect(Collectors.toList());
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the history as JSON", e);
        }
    }

    /** Every column after the epoch, in {@link #COLUMNS} order. */
    private static double[] figures(EpochRecord r) {
        return new double[] {r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                r.testLoss(), r.testAccuracy(), r.seconds(), r.samplesPerSecond()};
    }
}
