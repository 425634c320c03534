package dev.nnc.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training history as CSV (for a spreadsheet or pandas) and as JSON (for scripts).
 * Both use the same snake_case names; accuracies are fractions in [0, 1], as in
 * {@link EpochRecord}. A figure that does not exist (validation without a validation
 * split) is an empty CSV cell and a JSON {@code null}, never the string NaN. The gradient
 * norms of the weight tensors follow the fixed columns: in CSV one column per tensor,
 * {@code grad_norm:h1.weight}; in JSON an object {@code gradient_norms} by tensor name.
 */
public final class HistoryFiles {
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "val_loss",
            "val_accuracy", "test_loss", "test_accuracy", "seconds", "samples_per_second");
    /** The CSV column of a tensor's gradient norm is this and the tensor's name. */
    public static final String GRAD_NORM = "grad_norm:";
    public static final String GRADIENT_NORMS = "gradient_norms";

    private HistoryFiles() {}

    public static String csv(List<EpochRecord> history) {
        List<String> tensors = tensors(history);
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS));
        for (String t : tensors) sb.append(',').append(GRAD_NORM).append(t);
        sb.append('\n');
        for (EpochRecord r : history) {
            sb.append(r.epoch());
            for (double v : figures(r)) cell(sb, v);
            for (String t : tensors) cell(sb, r.gradientNorms().getOrDefault(t, Double.NaN));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void cell(StringBuilder sb, double v) {
        sb.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
    }

    /** The tensors of every epoch's norms, in the order first met (an epoch resumed from an older checkpoint has none). */
    static List<String> tensors(List<EpochRecord> history) {
        Set<String> names = new LinkedHashSet<>();
        for (EpochRecord r : history) names.addAll(r.gradientNorms().keySet());
        return List.copyOf(names);
    }

    public static String json(List<EpochRecord> history) {
        List<Map<String, Object>> rows = history.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(COLUMNS.get(0), r.epoch());
            double[] v = figures(r);
            for (int i = 0; i < v.length; i++) row.put(COLUMNS.get(i + 1), finite(v[i]));
            Map<String, Object> norms = new LinkedHashMap<>();
            r.gradientNorms().forEach((tensor, norm) -> norms.put(tensor, finite(norm)));
            row.put(GRADIENT_NORMS, norms.isEmpty() ? null : norms);
            return row;
        }).collect(Collectors.toList());
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the history as JSON", e);
        }
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }

    /** Every column after the epoch, in {@link #COLUMNS} order. */
    private static double[] figures(EpochRecord r) {
        return new double[] {r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                r.testLoss(), r.testAccuracy(), r.seconds(), r.samplesPerSecond()};
    }
}
