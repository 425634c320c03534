package dev.nnc.cli;

import dev.nnc.runtime.GradientCheck;
import dev.nnc.runtime.GradientCheck.Report;
import dev.nnc.runtime.GradientCheck.TensorResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text of {@code nnc gradcheck}: what was compared and how, one row per tensor, the
 * worst entry of each failing tensor with both gradients, then one closing line.
 */
final class GradcheckReport {
    private GradcheckReport() {}

    private static final String[] HEADER = {"tensor", "shape", "checked", "largest |g|", "worst rel. error", "worst abs. error", "result"};
    /** Columns whose numbers are right-aligned. */
    private static final boolean[] RIGHT = {false, false, true, true, true, true, false};
    private static final String GAP = "   ";

    /** @param kinks the kinds of layer with kinks the model has ({@link GradientCheck#kinks}), named when it is not smooth */
    static String render(String modelName, String path, Report report, List<String> kinks, double seconds, Style style) {
        GradientCheck.Options o = report.options();
        StringBuilder sb = new StringBuilder();
        sb.append("gradcheck ").append(modelName).append(" (").append(path).append(")\n");
        sb.append("  double precision, training mode, batch of ").append(batchOf(report)).append(" random inputs, seed ")
                .append(o.seed()).append(", loss ").append(String.format(Locale.ROOT, "%.6g", report.loss())).append('\n');
        sb.append("  central differences (L(p+h) - L(p-h)) / 2h, h = ").append(sci(GradientCheck.STEP, 0))
                .append(", on up to ").append(o.samples()).append(" random entries per tensor\n");
        sb.append("  relative error |g - g_fd| / max(|g|, |g_fd|, ").append(sci(report.floor(), 1))
                .append("), the floor being the loss's rounding noise at h over the tolerance\n")
                .append("  (where both are under the floor, the error is judged as an absolute one: up to ")
                .append(sci(report.floor() * o.tolerance(), 1)).append(" passes);\n");
        if (report.smooth()) {
            sb.append("  gradients under ").append((int) GradientCheck.WIDE_BELOW).append(" times that noise are measured again with h = ")
                    .append(sci(GradientCheck.WIDE_STEP, 0)).append(" and ").append(sci(GradientCheck.WIDE_STEP / 2, 0))
                    .append(" (Richardson extrapolation), a thousand times less noisy\n\n");
        } else {
            // The wider steps would cross the kinks of units near them: correct gradients failed there.
            sb.append("  gradients under ").append((int) GradientCheck.WIDE_BELOW)
                    .append(" times that noise are judged at h: wider steps would cross the kinks of this model's ")
                    .append(String.join(" and ", kinks)).append("\n\n");
        }

        List<String[]> rows = new ArrayList<>();
        for (TensorResult t : report.tensors()) {
            boolean none = t.unresolved() == t.checked(); // not one entry judged: no error to show
            String result = !t.ok() ? "FAIL" : none ? "unresolved" : "ok";
            rows.add(new String[] {t.name(), t.shape().toString(), t.checked() + " of " + SummaryTable.number(t.size()),
                sci(t.largest(), 1), none ? "-" : sci(t.worstRelative(), 1), none ? "-" : sci(t.worstAbsolute(), 1), result});
        }
        table(sb, rows);

        for (TensorResult t : report.failures()) {
            sb.append("  ").append(t.name()).append(index(t.worstAt())).append(": backward gives ").append(sci(t.analytic(), 6))
                    .append(", the central difference ").append(sci(t.numeric(), 6)).append('\n');
        }
        if (report.kinks() > 0) {
            sb.append("  ").append(count(report.kinks(), "entry", "entries"))
                    .append(" crossed a kink (ReLU, leaky ReLU, max-pool) within h and agreed when measured again with h/10 (or, closer still, one-sided)\n");
        }
        if (report.wide() > 0) {
            sb.append("  ").append(count(report.wide(), "entry", "entries")).append(" too small for h measured again with the wider steps");
            if (report.unresolved() > 0) {
                sb.append("; ").append(report.unresolved()).append(" of them could not be judged (too small even for ")
                        .append(sci(GradientCheck.WIDE_STEPS_LARGEST, 0)).append(", or the loss bends within the step): ")
                        .append(report.tensors().stream().filter(t -> t.unresolved() > 0)
                                .map(t -> t.name() + " " + t.unresolved()).collect(Collectors.joining(", ")));
            }
            sb.append('\n');
        }
        if (report.unread() > 0) {
            sb.append("  ").append(count(report.unread(), "entry", "entries")).append(" the loss does not depend on at this point: ")
                    .append(report.tensors().stream().filter(t -> t.unread() > 0)
                            .map(t -> t.name() + " " + t.unread()).collect(Collectors.joining(", "))).append('\n')
                    .append("    (a move of ±1 leaves the loss bitwise the same, as it can for a pixel no window covers, a weight into or out of a")
                    .append(" unit that dropout drops, or out of a unit that a ReLU keeps at 0 for every input of the batch; their gradient and")
                    .append(" differences are exactly 0, as they should be)\n");
        }
        if (!report.failures().isEmpty() || report.kinks() > 0 || report.wide() > 0 || report.unread() > 0) sb.append('\n');

        String timing = String.format(Locale.ROOT, " in %.1f s", seconds);
        String checked = SummaryTable.number(report.entriesChecked()) + " entries of " + count(report.tensors().size(), "tensor", "tensors");
        if (!Double.isFinite(report.loss())) {
            sb.append(style.summary(1, 0, "FAIL: the loss is " + report.loss() + " at the checked point, so no gradient can be checked"));
        } else if (report.ok() && report.worst().worstRelative() < 0) {
            sb.append(style.summary(0, 0, "unresolved: no gradient could be judged (each too small even for "
                    + sci(GradientCheck.WIDE_STEPS_LARGEST, 0) + ", or the loss bends within the step); " + checked + " checked" + timing));
        } else if (report.ok()) {
            TensorResult worst = report.worst();
            String judged = report.unresolved() == 0 ? "every gradient" : "every gradient judged";
            sb.append(style.summary(0, 0, "ok: " + judged + " within tolerance " + sci(o.tolerance(), 0)
                    + " (worst " + sci(worst.worstRelative(), 1) + " at " + worst.name() + index(worst.worstAt()) + "); "
                    + checked + " checked" + (report.unresolved() == 0 ? "" : " (" + report.unresolved() + " unresolved)") + timing));
        } else {
            List<TensorResult> failures = report.failures();
            sb.append(style.summary(1, 0, "FAIL: " + failures.size() + " of " + count(report.tensors().size(), "tensor", "tensors")
                    + " above tolerance " + sci(o.tolerance(), 0) + ": "
                    + failures.stream().map(TensorResult::name).collect(Collectors.joining(", "))
                    + "; " + checked + " checked" + timing));
        }
        return sb.append('\n').toString();
    }

    /** The batch actually used: the input pseudo-tensor's first dimension. */
    private static int batchOf(Report report) {
        return report.tensors().stream().filter(t -> t.name().equals(GradientCheck.INPUT)).findFirst()
                .map(t -> t.shape().get(0)).orElse(report.options().batch());
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) widths[c] = Math.max(widths[c], row[c].length());
        }
        row(sb, HEADER, widths);
        for (String[] r : rows) row(sb, r, widths);
        sb.append('\n');
    }

    private static void row(StringBuilder sb, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) line.append(GAP);
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(RIGHT[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static String index(List<Integer> at) {
        return at.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** 1.4e-03 style: errors span many orders of magnitude. */
    static String sci(double x, int digits) {
        if (!Double.isFinite(x)) return String.valueOf(x);
        return String.format(Locale.ROOT, "%." + digits + "e", x);
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
