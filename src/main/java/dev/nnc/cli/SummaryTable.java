package dev.nnc.cli;

import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.ir.ParamTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code nnc summary}: one row per IR layer (an activation written after a
 * layer is a row of its own, as it is a step of its own), then the totals. Every number
 * comes from the IR; nothing is recomputed here.
 */
final class SummaryTable {
    private SummaryTable() {}

    private static final String[] HEADER = {"layer", "kind", "output shape", "weight shape", "parameters"};
    private static final String GAP = "   ";

    static String render(Model model) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {inputName(model), "input", model.input().toString(), "-", number(0)});
        for (Layer layer : model.layers()) {
            rows.add(new String[] {layer.name(), layer.kind(), layer.out().toString(), weightShape(layer),
                number(layer.paramCount())});
        }

        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) widths[c] = Math.max(widths[c], row[c].length());
        }
        int total = 0;
        for (int w : widths) total += w;
        total += GAP.length() * (widths.length - 1);

        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(model.name()).append(" (").append(model.sourceFile()).append(")\n");
        sb.append("=".repeat(total)).append('\n');
        row(sb, HEADER, widths);
        sb.append("-".repeat(total)).append('\n');
        for (String[] r : rows) row(sb, r, widths);
        sb.append("=".repeat(total)).append('\n');

        long params = model.paramCount();
        String[][] totals = {
            {"total params:", number(params)},
            {"trainable params:", number(model.trainable() ? params : 0)
                    + (model.trainable() ? "" : " (no loss and optimizer: inference only)")},
            {"forward FLOPs per sample:", number(model.flops())},
            {"input shape:", model.input().toString()},
            {"output shape:", model.output().toString()},
        };
        int labelWidth = 0;
        for (String[] t : totals) labelWidth = Math.max(labelWidth, t[0].length());
        for (String[] t : totals) {
            sb.append(pad(t[0], labelWidth)).append(' ').append(t[1]).append('\n');
        }
        return sb.toString();
    }

    private static String inputName(Model model) {
        String name = model.inputName();
        return name == null || name.isEmpty() ? "input" : name;
    }

    /** The shape of the layer's weight (not its bias), as Keras shows a kernel; {@code -} if none. */
    private static String weightShape(Layer layer) {
        return layer.params().stream()
                .filter(p -> p.role() == ParamTensor.Role.WEIGHT)
                .map(p -> p.shape().toString())
                .findFirst()
                .orElse("-");
    }

    /** Numbers are right-aligned in the last column, text left-aligned elsewhere. */
    private static void row(StringBuilder sb, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            boolean last = c == cells.length - 1;
            if (c > 0) sb.append(GAP);
            sb.append(last ? padLeft(cells[c], widths[c]) : pad(cells[c], widths[c]));
        }
        sb.append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
