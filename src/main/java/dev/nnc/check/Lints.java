package dev.nnc.check;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Diagnostics;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Layer.Activation.Function;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Optimizer;
import dev.nnc.syntax.Ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Warnings about models that are valid but probably not what was meant. They run only
 * on models without errors, as rustc's lints do.
 */
final class Lints {
    private Lints() {}

    /** This many sigmoid/tanh hidden layers in a row trigger the vanishing-gradient warning. */
    static final int SATURATING_RUN = 4;

    static void run(List<Layers.Site> sites, Optional<Loss> loss, Optional<Ast.Loss> lossStmt,
                    Optional<Optimizer> optimizer, Optional<Ast.Optimizer> optimizerStmt, Diagnostics out) {
        linearCollapse(sites, out);
        vanishingGradients(sites, out);
        if (loss.isPresent()) softmaxWithSquaredError(sites, loss.get(), lossStmt.orElseThrow(), out);
        misplacedSoftmax(sites, out);
        if (loss.isPresent()) activationBeforeLossOnLogits(sites, loss.get(), lossStmt.orElseThrow(), out);
        squashedInput(sites, out);
        droppedInput(sites, out);
        paddingOnly(sites, out);
        dropoutAfterOutput(sites, out);
        redundant(sites, out);
        leakWithoutSlope(sites, out);
        hiddenWeightsAtZero(sites, out);
        if (optimizer.isPresent()) learningRate(optimizer.get(), optimizerStmt.orElseThrow(), out);
    }

    private static boolean hasWeights(Layer l) {
        return l instanceof Layer.Dense || l instanceof Layer.Conv2d;
    }

    /** Two weight layers with nothing nonlinear between them compute one linear map. */
    private static void linearCollapse(List<Layers.Site> sites, Diagnostics out) {
        Layers.Site previous = null;
        boolean nonlinear = false;
        String identity = null; // the linear activation between the two, as written
        for (Layers.Site s : sites) {
            Layer l = s.layer();
            if (hasWeights(l)) {
                if (previous != null && !nonlinear) {
                    String a = previous.layer().name(), b = l.name();
                    // `identity`, and `leaky_relu(alpha: 1)` (max(z, 1·z) = z), are activations in name only.
                    boolean named = identity != null;
                    out.add(Diagnostic.at(Code.NN0501, previous.span(), "`" + a + "` and `" + b + "` have no "
                                    + (named ? "nonlinear " : "") + "activation between them, so together they are one linear map")
                            .label(named ? "`" + identity + "` after `" + a + "` is linear" : "no activation after `" + a + "`")
                            .secondary(s.kindSpan(), "`" + b + "` follows " + (named ? "it" : "directly"))
                            .note("W^[" + b + "]·(W^[" + a + "]·x + b) is again a linear function of x: the extra layer adds parameters, not power")
                            .help(named ? "replace `" + identity + "` after `" + a + "` with e.g. `relu`" + (identity.startsWith("leaky")
                                            ? ", or give it an alpha below 1 such as `leaky_relu(alpha: 0.01)`" : "")
                                    : "add an activation after `" + a + "`, e.g. `relu`")
                            .build());
                }
                previous = s;
                nonlinear = false;
                identity = null;
            } else if (l instanceof Layer.Activation act && Layers.passesThrough(act)) {
                identity = act.function() == Function.IDENTITY ? "identity" : "leaky_relu(alpha: 1)";
            } else if (l instanceof Layer.Activation || l instanceof Layer.Pool2d p && p.mode() == Layer.Pool2d.Mode.MAX) {
                nonlinear = true;
            }
        }
    }

    /** A long run of sigmoid/tanh hidden layers multiplies many derivatives below 1. */
    private static void vanishingGradients(List<Layers.Site> sites, Diagnostics out) {
        // Each weight layer with the activation that follows it (dropout in between is transparent).
        List<Layers.Site> weightLayers = new ArrayList<>();
        List<Function> activations = new ArrayList<>();
        List<Layers.Site> activationSites = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            if (!hasWeights(sites.get(i).layer())) continue;
            Function f = null;
            Layers.Site at = null;
            for (int j = i + 1; j < sites.size() && !hasWeights(sites.get(j).layer()); j++) {
                if (sites.get(j).layer() instanceof Layer.Activation a) {
                    f = a.function();
                    at = sites.get(j);
                    break;
                }
            }
            weightLayers.add(sites.get(i));
            activations.add(f);
            activationSites.add(at);
        }
        int hidden = weightLayers.size() - 1; // the last weight layer is the output
        int runStart = -1;
        for (int i = 0; i <= hidden; i++) {
            boolean saturating = i < hidden && (activations.get(i) == Function.SIGMOID || activations.get(i) == Function.TANH);
            if (saturating && runStart < 0) runStart = i;
            if (!saturating && runStart >= 0) {
                int length = i - runStart;
                if (length >= SATURATING_RUN) {
                    Layers.Site first = weightLayers.get(runStart);
                    Layers.Site lastOfRun = weightLayers.get(i - 1);
                    boolean allSigmoid = activations.subList(runStart, i).stream().allMatch(f -> f == Function.SIGMOID);
                    boolean allTanh = activations.subList(runStart, i).stream().allMatch(f -> f == Function.TANH);
                    String what = allSigmoid ? "sigmoid" : allTanh ? "tanh" : "sigmoid/tanh";
                    // tanh's derivative is 1 at 0, and a tanh stack with xavier's initializer keeps its gradients
                    // (a learner measured h1's as large as the output's): a risk to watch, not a certainty.
                    out.add(Diagnostic.at(Code.NN0502, activationSites.get(runStart).kindSpan(),
                                    length + " " + what + " hidden layers in a row: " + (allTanh ? "gradients may vanish" : "expect vanishing gradients"))
                            .label("first of " + length + ", from `" + first.layer().name() + "`")
                            .secondary(activationSites.get(i - 1).kindSpan(), "last, after `" + lastOfRun.layer().name() + "`")
                            .note(allSigmoid
                                    ? "the derivative of sigmoid is at most 0.25, so the sigmoids alone multiply the gradient reaching `" + first.layer().name()
                                    + "` by at most 0.25^" + length + " ≈ " + String.format(java.util.Locale.ROOT, "%.1g", Math.pow(0.25, length))
                                    : allTanh
                                    ? "tanh's derivative is 1 at 0 but falls towards 0 as a unit saturates; with xavier's initializer a tanh"
                                    + " stack often trains, but wherever its units saturate the gradients multiply to small numbers through "
                                    + length + " layers (`nnc gradcheck` shows each tensor's largest gradient)"
                                    : "sigmoid and tanh saturate; their derivatives multiply to small numbers through " + length + " layers")
                            .help("use `relu` or `leaky_relu` in hidden layers")
                            .build());
                }
                runStart = -1;
            }
        }
    }

    private static void softmaxWithSquaredError(List<Layers.Site> sites, Loss loss, Ast.Loss stmt, Diagnostics out) {
        if (loss.kind() != Loss.Kind.MSE && loss.kind() != Loss.Kind.SUM_SQUARES) return;
        Optional<Layers.Site> output = Layers.shapingOutput(sites);
        if (output.isEmpty()) return;
        Layers.Site last = output.get();
        if (!(last.layer() instanceof Layer.Activation a) || a.function() != Function.SOFTMAX) return;
        out.add(Diagnostic.at(Code.NN0503, stmt.kind().span(), "softmax output trained with `" + stmt.kind().text() + "`")
                .label("squared error on probabilities")
                .secondary(last.kindSpan(), "softmax here")
                .note("through a softmax, squared error gives weak gradients when the model is confidently wrong")
                .help(LossRules.removing(sites.subList(sites.indexOf(last) + 1, sites.size()))
                        + "use `loss cross_entropy` (fused with the softmax) for classification")
                .build());
    }

    private static boolean isSoftmax(Layer l) {
        return l instanceof Layer.Activation a && a.function() == Function.SOFTMAX;
    }

    /** Softmax anywhere but at the output: twice in a row, or in a hidden layer. */
    private static void misplacedSoftmax(List<Layers.Site> sites, Diagnostics out) {
        for (int i = 0; i < sites.size(); i++) {
            if (!isSoftmax(sites.get(i).layer())) continue;
            int next = i + 1; // an identity between the two changes nothing
            while (next < sites.size() && Layers.passesThrough(sites.get(next).layer())) next++;
            if (next < sites.size() && isSoftmax(sites.get(next).layer())) {
                out.add(Diagnostic.at(Code.NN0507, sites.get(next).kindSpan(), "softmax applied twice in a row")
                        .label("second softmax")
                        .secondary(sites.get(i).kindSpan(), "first softmax")
                        .note("the second turns probabilities that already sum to 1 into nearly equal ones, and its gradients are tiny")
                        // With an identity between them, only removing the first leaves the softmax last.
                        .help(next == i + 1 ? "remove one of them" : "remove the first one")
                        .build());
                i = next;
                continue;
            }
            Optional<Layers.Site> weighted = sites.subList(i + 1, sites.size()).stream().filter(s -> hasWeights(s.layer())).findFirst();
            if (weighted.isPresent()) {
                out.add(Diagnostic.at(Code.NN0507, sites.get(i).kindSpan(), "softmax in a hidden layer")
                        .label("softmax before `" + weighted.get().layer().name() + "`")
                        .note("softmax makes a layer's outputs sum to 1: its units compete, and its gradients shrink as one wins")
                        .help("use `relu` in hidden layers; softmax belongs at the output (or in the loss, `softmax_cross_entropy`)")
                        .build());
            }
        }
    }

    /**
     * {@code softmax_cross_entropy} and {@code sigmoid_binary_cross_entropy} take raw scores: an activation at the
     * output squashes or clips them first (the one the loss applies itself is an error, NN0108).
     */
    private static void activationBeforeLossOnLogits(List<Layers.Site> sites, Loss loss, Ast.Loss stmt, Diagnostics out) {
        Optional<Layers.Site> output = Layers.shapingOutput(sites);
        boolean softmaxLoss = loss.kind() == Loss.Kind.SOFTMAX_CROSS_ENTROPY;
        if (!softmaxLoss && loss.kind() != Loss.Kind.SIGMOID_BINARY_CROSS_ENTROPY || output.isEmpty()) return;
        Layers.Site last = output.get();
        Function own = softmaxLoss ? Function.SOFTMAX : Function.SIGMOID;
        if (!(last.layer() instanceof Layer.Activation a) || a.function() == own) return;
        String name = a.function().name().toLowerCase(java.util.Locale.ROOT);
        String ownName = own.name().toLowerCase(Locale.ROOT);
        String lossName = stmt.kind().text();
        Diagnostic.Builder d = Diagnostic.at(Code.NN0508, last.kindSpan(), "`" + lossName + "` takes raw scores, but the model ends in `"
                        + name + "`")
                .label("reshapes the scores before the loss's " + ownName)
                .secondary(stmt.kind().span(), "applies " + ownName + " to them")
                .note("the loss applies " + ownName + " itself; through `" + name + "` first, the scores cannot spread and the model"
                        + " learns slowly or never becomes confident");
        d.help(softmaxLoss && a.function() == Function.SIGMOID
                ? "end the model without an activation (the loss takes logits), or use `loss binary_cross_entropy` for independent yes/no outputs"
                : !softmaxLoss && a.function() == Function.SOFTMAX
                ? "end the model without an activation (the loss takes logits), or use `loss cross_entropy` for one class out of several"
                : "end the model without an activation: the loss takes logits");
        out.add(d.build());
    }

    /**
     * A softmax or sigmoid whose input an activation has already squashed: softmax over values in (0, 1) cannot
     * make one class much likelier than another, and a sigmoid of values that are never negative never goes below 0.5.
     * Help that says "add softmax" to a model ending in sigmoid led there without a word.
     */
    private static void squashedInput(List<Layers.Site> sites, Diagnostics out) {
        for (int i = 0; i < sites.size(); i++) {
            if (!(sites.get(i).layer() instanceof Layer.Activation second)) continue;
            if (second.function() != Function.SOFTMAX && second.function() != Function.SIGMOID) continue;
            Optional<Layers.Site> before = activationBefore(sites, i);
            if (before.isEmpty()) continue;
            Function first = ((Layer.Activation) before.get().layer()).function();
            String firstName = first.name().toLowerCase(Locale.ROOT);
            String what;
            String note;
            if (second.function() == Function.SOFTMAX) {
                double width = switch (first) {
                    case SIGMOID, STEP -> 1;
                    case TANH -> 2;
                    default -> 0; // relu: unbounded above; softmax twice is NN0507's
                };
                if (width == 0) continue;
                int k = second.out().isVector() ? second.out().dim(0) : 0;
                what = "softmax after `" + firstName + "`: its inputs lie between " + (first == Function.TANH ? "−1" : "0") + " and 1";
                note = String.format(Locale.ROOT, "no output can be more than e%s ≈ %.1f times another", width == 1 ? "" : "²",
                        Math.exp(width)) + (k >= 2 ? String.format(Locale.ROOT, "; of %d outputs, none above %.2f", k,
                        Math.exp(width) / (Math.exp(width) + k - 1)) : "") + ": it can never single one out";
            } else {
                switch (first) {
                    case RELU, SIGMOID, SOFTMAX, STEP -> {
                        what = "sigmoid after `" + firstName + "`: its input is never negative";
                        note = "sigmoid(x) ≥ 0.5 for x ≥ 0: its outputs stay between 0.5 and 1";
                    }
                    case TANH -> {
                        what = "sigmoid after `tanh`: its input lies between −1 and 1";
                        note = "sigmoid then outputs only values between 0.27 and 0.73";
                    }
                    default -> { continue; }
                }
            }
            String range = switch (first) {
                case RELU -> "never negative after this";
                case STEP -> "0 or 1 after this";
                case TANH -> "between −1 and 1 after this";
                default -> "between 0 and 1 after this";
            };
            out.add(Diagnostic.at(Code.NN0516, sites.get(i).kindSpan(), what)
                    .label("takes what `" + firstName + "` left")
                    .secondary(before.get().kindSpan(), range)
                    .note(note)
                    .help("remove the `" + firstName + "`: a " + second.kind() + " needs inputs that "
                            + (second.function() == Function.SOFTMAX ? "can differ widely" : "can be negative"))
                    .build());
        }
    }

    /** The activation whose output reaches site {@code i} unchanged in range (past pools, dropout, flatten and identities). */
    private static Optional<Layers.Site> activationBefore(List<Layers.Site> sites, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Layer l = sites.get(j).layer();
            if (l.passesValuesOn() || Layers.passesThrough(l)) continue;
            return l instanceof Layer.Activation ? Optional.of(sites.get(j)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** "1 of every 3 rows" (empty when the window covers the stride along that axis). */
    /** "9 of its 28 rows (1 of every 3)": counted in the input, not its padded frame. */
    private static String skipped(int size, int kernel, int stride, int padding, String what) {
        return String.format(Locale.ROOT, "%,d of its %,d %ss (%,d of every %,d)", WindowArithmetic.unread(size, kernel, stride, padding),
                size, what, stride - kernel, stride);
    }

    /** Floor rounding in a window size silently ignores the last rows or columns; a stride past the window, rows between. */
    private static void droppedInput(List<Layers.Site> sites, Diagnostics out) {
        for (Layers.Site s : sites) {
            int kh, kw, sh, sw, padding;
            if (s.layer() instanceof Layer.Conv2d c) {
                kh = c.kernelH(); kw = c.kernelW(); sh = c.stride(); sw = c.stride(); padding = c.padding();
            } else if (s.layer() instanceof Layer.Pool2d p) {
                kh = p.kernelH(); kw = p.kernelW(); sh = p.strideH(); sw = p.strideW(); padding = 0;
            } else {
                continue;
            }
            String stride = sh == sw ? String.valueOf(sh) : sh + "×" + sw;
            int h = s.layer().in().dim(1), w = s.layer().in().dim(2);
            // Windows that do not touch leave input between them that no output reads (with one window
            // along an axis there is no "between": what it misses is the last rows, said below).
            boolean skipRows = sh > kh && s.layer().out().dim(1) > 1, skipCols = sw > kw && s.layer().out().dim(2) > 1;
            if (skipRows || skipCols) {
                boolean both = skipRows && skipCols;
                String lines = both ? "rows and columns" : skipRows ? "rows" : "columns";
                out.add(Diagnostic.at(Code.NN0504, s.kindSpan(), "this " + s.layer().kind() + " skips input " + lines
                                + " between its windows")
                        .label("window " + kh + "×" + kw + ", stride " + stride)
                        .note("with a stride larger than the window, " + (skipRows ? skipped(h, kh, sh, padding, "row") : "") + (both ? " and " : "")
                                + (skipCols ? skipped(w, kw, sw, padding, "column") : "") + " are never read")
                        .help("use a stride no larger than the window, e.g. `stride: " + coveringStride(h, w, kh, kw, Math.min(kh, kw), padding) + "`")
                        .build());
                continue;
            }
            long rows = WindowArithmetic.dropped(h, kh, sh, padding);
            long cols = WindowArithmetic.dropped(w, kw, sw, padding);
            if (rows == 0 && cols == 0) continue;
            String what = rows > 0 && cols > 0
                    ? (rows == cols ? count(rows, "row") + " and " + (cols == 1 ? "column" : "columns")
                            : count(rows, "row") + " and the last " + count(cols, "column")) // "the last 2 rows and the last column"
                    : rows > 0 ? count(rows, "row") : count(cols, "column");
            boolean across = rows == 0; // the note shows the axis that loses input
            out.add(Diagnostic.at(Code.NN0504, s.kindSpan(), "this " + s.layer().kind() + " ignores the last " + what + " of its "
                            + h + "×" + w + " input")
                    .label("window " + kh + "×" + kw + ", stride " + stride)
                    .note("output " + (across ? "width" : "size") + " is floor((" + (across ? w : h)
                            + (s.layer() instanceof Layer.Conv2d ? " + 2·" + padding : "") + " − " // a pool takes no padding
                            + (across ? kw : kh) + ")/" + (across ? sw : sh) + ") + 1 = "
                            + s.layer().out().dim(across ? 2 : 1) + "; what does not fill a whole window is dropped")
                    .help(sh == sw ? coverFix(s.layer() instanceof Layer.Conv2d, h, w, kh, kw, sh, padding)
                            : sh == kh && sw == kw ? sideBySideFix(h, w, kh, kw)
                            : "make (size − kernel) a multiple of the stride along each axis: of " + sh + " down the " + h
                            + " rows, of " + sw + " across the " + w + " columns")
                    .build());
        }
    }

    /** Padding at least as wide as the window: the outer windows read nothing but the zeros around the input. */
    private static void paddingOnly(List<Layers.Site> sites, Diagnostics out) {
        for (Layers.Site s : sites) {
            if (!(s.layer() instanceof Layer.Conv2d c) || c.padding() < Math.min(c.kernelH(), c.kernelW())) continue;
            int k = Math.min(c.kernelH(), c.kernelW());
            int usual = (k - 1) / 2; // keeps the size at stride 1 for an odd kernel only
            out.add(Diagnostic.at(Code.NN0517, s.kindSpan(), "`padding: " + c.padding() + "` is as wide as the " + c.kernelH() + "×"
                            + c.kernelW() + " window or wider")
                    .label("padding " + c.padding())
                    .note("the outermost windows lie wholly in the padding: their outputs see only zeros, and are the bias alone")
                    .help(k % 2 == 1 && c.kernelH() == c.kernelW()
                            ? "use `padding: " + usual + "`, which keeps the size at stride 1, or less than the window"
                            : "use a padding smaller than the window (" + (k - 1) + " or less)")
                    .build());
        }
    }

    /** A pool whose rectangular windows lie side by side (its default stride): each side of the kernel must divide the input's. */
    static String sideBySideFix(int h, int w, int kh, int kw) {
        String rule = "windows side by side cover the input when the kernel's height divides its height and its width its width ("
                + h + "×" + w + ")";
        int rows = h % kh == 0 ? kh : sideBySideKernel(h, h, kh), cols = w % kw == 0 ? kw : sideBySideKernel(w, w, kw);
        if (rows > 0 && cols > 0) return rule + ", e.g. `kernel: [" + rows + ", " + cols + "]`, or `stride: 1` for overlapping windows";
        return rule + "; windows that overlap cover it: e.g. `stride: 1`";
    }

    /**
     * The windows cover the input when (size + 2·padding − kernel) is a multiple of the stride,
     * along both axes. The smallest change that does it: a larger padding (convolutions), a
     * kernel near the one written, else a smaller stride. A pool whose windows lie side by side
     * (its stride is its kernel, as by default) keeps them so: its kernel must divide the size.
     */
    static String coverFix(boolean conv, int h, int w, int kh, int kw, int stride, int padding) {
        if (!conv && stride == kh && stride == kw) {
            String rule = "windows side by side cover the input when the kernel divides its size (" + h + "×" + w + ")";
            int k = sideBySideKernel(h, w, kh);
            // A stride written out stays as written: it changes with the kernel.
            if (k > 0) return rule + ", e.g. `kernel: " + k + "` (with `stride: " + k + "` if a stride is written), or `stride: 1` for overlapping windows";
            // No kernel but the whole image divides it (7 after two poolings of 28): overlapping windows, as AlexNet pools.
            int wider = overlappingKernel(h, w, kh);
            int side = Math.min(h, w);
            String only = h % side == 0 && w % side == 0 ? "no kernel but 1 and " + side + " (one window for all of it)" : "no kernel above 1";
            return rule + ", which " + only + " does" + (wider > 0
                    ? "; windows that overlap cover it: e.g. `kernel: " + wider + ", stride: " + kh + "`, or `stride: 1`"
                    : "; windows that overlap cover it: e.g. `stride: 1`");
        }
        String rule = "make (size" + (conv ? " + 2·padding" : "") + " − kernel) a multiple of the stride " + stride + " along both axes";
        // With a stride past the window (one window here: more would skip between them), more padding makes
        // more windows, which skip: a kernel as large as the stride, or a smaller stride, instead.
        if (conv && stride <= Math.min(kh, kw)) {
            for (int p = padding + 1; p < padding + stride; p++) {
                if (covers(h, kh, stride, p) && covers(w, kw, stride, p)) return rule + ", e.g. `padding: " + p + "`";
            }
        }
        // A pool of one value pools nothing; below the stride, windows would skip input between them.
        int least = Math.max(conv ? 1 : 2, stride);
        int rows = nearestKernel(h, kh, stride, padding, least), cols = nearestKernel(w, kw, stride, padding, least);
        if (rows > 0 && cols > 0) {
            return rule + ", e.g. `kernel: " + (rows == cols ? String.valueOf(rows) : "[" + rows + ", " + cols + "]") + "`";
        }
        return rule + ", e.g. `stride: " + coveringStride(h, w, kh, kw, stride - 1, padding) + "`";
    }

    /** The largest stride from {@code most} down whose windows cover both axes (1 always does): no new NN0504. */
    private static int coveringStride(int h, int w, int kh, int kw, int most, int padding) {
        int s = most;
        while (s > 1 && !(covers(h, kh, s, padding) && covers(w, kw, s, padding))) s--;
        return s;
    }

    /**
     * The kernel nearest {@code kernel} (the larger first at equal distance), above 1, that divides
     * both sides; 0 if none does. Not the whole image: one window pooling everything is another layer.
     */
    private static int sideBySideKernel(int h, int w, int kernel) {
        for (int d = 1; d <= Math.max(h, w); d++) {
            for (int k : new int[] {kernel + d, kernel - d}) {
                if (k > 1 && k < Math.min(h, w) && h % k == 0 && w % k == 0) return k;
            }
        }
        return 0;
    }

    /** The smallest kernel above {@code stride} whose windows, {@code stride} apart, cover both sides; 0 if none below the size. */
    private static int overlappingKernel(int h, int w, int stride) {
        for (int k = stride + 1; k < Math.min(h, w); k++) {
            if (covers(h, k, stride, 0) && covers(w, k, stride, 0)) return k;
        }
        return 0;
    }

    private static boolean covers(int size, int kernel, int stride, int padding) {
        long span = (long) size + 2L * padding - kernel;
        return span >= 0 && span % stride == 0;
    }

    /** The kernel nearest {@code kernel} (the larger first at equal distance), at least {@code least}, whose windows cover the axis, or 0. */
    private static int nearestKernel(int size, int kernel, int stride, int padding, int least) {
        if (covers(size, kernel, stride, padding)) return kernel;
        for (int d = 1; d < stride; d++) {
            if (covers(size, kernel + d, stride, padding)) return kernel + d;
            if (kernel - d >= least && covers(size, kernel - d, stride, padding)) return kernel - d;
        }
        return 0;
    }

    /** Dropout regularizes hidden layers; after the last weight layer it zeroes what the loss compares with the targets. */
    private static void dropoutAfterOutput(List<Layers.Site> sites, Diagnostics out) {
        int lastWeights = -1;
        for (int i = 0; i < sites.size(); i++) if (hasWeights(sites.get(i).layer())) lastWeights = i;
        if (lastWeights < 0) return;
        String output = sites.get(lastWeights).layer().name();
        for (Layers.Site s : sites.subList(lastWeights + 1, sites.size())) {
            if (!(s.layer() instanceof Layer.Dropout d) || d.rate() == 0) continue;
            out.add(Diagnostic.at(Code.NN0510, s.kindSpan(), "`dropout` after the output layer `" + output + "`")
                    .label("zeroes some of the model's outputs in training")
                    .secondary(sites.get(lastWeights).kindSpan(), "the output layer")
                    .note("dropout keeps hidden units from relying on each other; after the output it only adds noise to"
                            + " what the loss compares with the targets (at inference it does nothing)")
                    .help("move it above `" + output + "`, between hidden layers, or remove it")
                    .build());
        }
    }

    private static void redundant(List<Layers.Site> sites, Diagnostics out) {
        for (int i = 0; i < sites.size(); i++) {
            Layers.Site s = sites.get(i);
            Optional<Layers.Site> nonNegative = s.layer() instanceof Layer.Activation a && a.function() == Layer.Activation.Function.RELU
                    ? nonNegativeBefore(sites, i) : Optional.empty();
            if (nonNegative.isPresent()) {
                // `relu relu`, a relu line under `dense h(8) relu` or after a pool or dropout, `sigmoid` then `relu`:
                // relu(x) = x for x ≥ 0.
                Layer.Activation b = (Layer.Activation) nonNegative.get().layer();
                boolean same = b.function() == Layer.Activation.Function.RELU;
                Diagnostic.Builder d = Diagnostic.at(Code.NN0506, s.kindSpan(), same ? "a second `relu` after one does nothing"
                                : "`relu` after `" + b.kind() + "` does nothing: its input is never negative")
                        .label(same ? "relu(relu(x)) = relu(x)" : "relu(x) = x for x ≥ 0")
                        .secondary(nonNegative.get().kindSpan(), same ? "the first `relu`" : "never negative after this")
                        .help(same ? "remove one of them" : "remove this `relu`");
                if (sites.get(i - 1) != nonNegative.get()) d.note("the pooling, dropout or flatten between them keeps values that are not negative so");
                out.add(d.build());
            } else if (s.layer() instanceof Layer.Flatten f && f.in().isVector()) {
                out.add(Diagnostic.at(Code.NN0506, s.kindSpan(), "`flatten` of a vector " + f.in() + " does nothing")
                        .label("already flat")
                        .help("remove this line")
                        .build());
            } else if (s.layer() instanceof Layer.Pool2d p && p.kernelH() == 1 && p.kernelW() == 1 && p.strideH() == 1 && p.strideW() == 1) {
                out.add(Diagnostic.at(Code.NN0506, s.kindSpan(), "`" + p.kind() + "` with a 1×1 window and stride 1 does nothing")
                        .label("each window is one value")
                        .help("remove it, or give a window such as `kernel: 2`")
                        .build());
            } else if (s.layer() instanceof Layer.Dropout d && d.rate() == 0) {
                out.add(Diagnostic.at(Code.NN0506, s.kindSpan(), "`dropout(0)` keeps every value and does nothing")
                        .label("rate 0")
                        .help("remove it, or give a rate such as `dropout(0.2)`")
                        .build());
            }
        }
    }

    /**
     * The site of the activation before site {@code i}, past pools, dropout and flatten (which keep a value that is
     * not negative so), when its outputs are never negative (relu, sigmoid, softmax, step).
     */
    private static Optional<Layers.Site> nonNegativeBefore(List<Layers.Site> sites, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Layer l = sites.get(j).layer();
            if (l.passesValuesOn()) continue;
            if (l instanceof Layer.Activation a && switch (a.function()) {
                case RELU, SIGMOID, SOFTMAX, STEP -> true;
                default -> false;
            }) {
                return Optional.of(sites.get(j));
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A hidden layer's weights all 0 at the start, where that keeps it from learning: before a ReLU
     * (its units output relu(0) = 0, where the derivative is 0, so no gradient reaches them), or
     * under a layer that starts at zero too (its units compute the same value and get the same
     * gradient, so they stay copies of each other). Under random weights, the units of a sigmoid or
     * tanh layer get different gradients and part at the first step: no warning.
     */
    private static void hiddenWeightsAtZero(List<Layers.Site> sites, Diagnostics out) {
        for (int i = 0; i < sites.size(); i++) {
            if (!startsAtZero(sites.get(i).layer())) continue;
            Layer.Activation activation = null;
            Layer above = null;
            for (int j = i + 1; j < sites.size() && above == null; j++) {
                Layer l = sites.get(j).layer();
                if (hasWeights(l)) above = l;
                else if (activation == null && l instanceof Layer.Activation a) activation = a;
            }
            if (above == null) continue; // the output layer: its inputs already differ from unit to unit
            String name = sites.get(i).layer().name();
            // relu, or leaky_relu(alpha: 0), a ReLU by another name: no slope at 0 or below.
            boolean flatAtZero = activation != null && (activation.function() == Function.RELU
                    || activation.function() == Function.LEAKY_RELU && activation.alpha() == 0);
            boolean dead = flatAtZero && !biasGiven(sites.get(i).layer());
            if (!dead && !startsAtZero(above)) continue;
            Layers.Site site = sites.get(i);
            boolean literal = weightsLiteral(sites.get(i).layer());
            out.add(Diagnostic.at(Code.NN0512, site.initSpan().orElse(site.kindSpan()), "the weights of hidden layer `" + name + "` start at zero")
                    .label(literal ? "a `weights` literal of zeros" : "`init: zeros`")
                    .note(dead
                            ? "each unit of `" + name + "` then outputs relu(0) = 0, where the derivative is taken as 0: no gradient"
                            + " reaches the layer, and it never learns"
                            : "`" + above.name() + "` above starts at zero too, so every unit of `" + name + "` computes the same"
                            + " value and gets the same gradient: they stay copies of each other")
                    .help(literal ? "give weights that " + (dead ? "are not all zero" : "differ from unit to unit")
                            + ", or leave out the literal to start at random (he before relu, xavier otherwise)"
                            : "leave out `init:` (he before relu, xavier otherwise), or give a small random one such as `init: normal(0.01)`")
                    .build());
        }
    }

    /** A weight layer whose weights are all 0 at the start: {@code init: zeros} and no literal, or a literal of zeros. */
    private static boolean startsAtZero(Layer l) {
        return l.params().stream().anyMatch(p -> p.role() == dev.nnc.ir.ParamTensor.Role.WEIGHT && p.values()
                .map(values -> values.stream().allMatch(v -> v == 0))
                .orElse(p.init().kind() == dev.nnc.ir.Init.Kind.ZEROS));
    }

    private static boolean weightsLiteral(Layer l) {
        return l.params().stream().anyMatch(p -> p.role() == dev.nnc.ir.ParamTensor.Role.WEIGHT && p.values().isPresent());
    }

    /** Whether the layer's bias is given as a literal (which may put its units off ReLU's kink). */
    private static boolean biasGiven(Layer l) {
        return l.params().stream().anyMatch(p -> p.role() == dev.nnc.ir.ParamTensor.Role.BIAS && p.values().isPresent());
    }

    /** {@code leaky_relu(alpha: 0)} is a plain ReLU: the leak, which keeps units from dying, is gone. */
    private static void leakWithoutSlope(List<Layers.Site> sites, Diagnostics out) {
        for (Layers.Site s : sites) {
            if (!(s.layer() instanceof Layer.Activation act) || act.function() != Function.LEAKY_RELU || act.alpha() != 0) continue;
            out.add(Diagnostic.at(Code.NN0511, s.span(), "`leaky_relu` with `alpha: 0` is a plain `relu`")
                    .label("no slope below 0")
                    .note("leaky ReLU passes a small slope alpha·z for z < 0 so that a unit whose inputs are all negative still"
                            + " gets a gradient; with alpha 0 such a unit gets none and may never learn again (a \"dead\" ReLU)")
                    .help("give it a small slope such as `leaky_relu(alpha: 0.01)` (the default), or write `relu`")
                    .build());
        }
    }

    /** "Far outside the usual range": two orders of magnitude past common practice. */
    private static void learningRate(Optimizer o, Ast.Optimizer stmt, Diagnostics out) {
        Optimizer.LearningRates rates = o.learningRates();
        if (!rates.farOutside(o.lr())) return;
        String name = stmt.kind().text();
        boolean tooHigh = o.lr() > rates.farAbove();
        String typical = dev.nnc.common.Decimals.of(rates.typical());
        var span = stmt.arguments().flatMap(a -> a.items().stream()
                        .filter(arg -> arg instanceof Ast.Argument.Positional
                                || arg instanceof Ast.Argument.Named n && n.name().text().equals("lr"))
                        .findFirst())
                .map(Ast.Argument::span).orElse(stmt.kind().span());
        out.add(Diagnostic.at(Code.NN0505, span, "learning rate " + dev.nnc.common.Decimals.of(o.lr()) + " is far " + (tooHigh ? "above" : "below")
                        + " the usual range for `" + name + "`")
                .label(tooHigh ? "very large" : "very small")
                .note("`" + name + "` usually trains well with lr " + rates.usual())
                .help(rates.outcome(o.lr()) + "; try `lr: " + typical + "`")
                .build());
    }

    /** "row" for one, "2 rows" for more: "the last row", "the last 2 rows". */
    private static String count(long n, String noun) { return n == 1 ? noun : n + " " + noun + "s"; }
}
