package dev.nnc.runtime;

import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.ParamInfo;
import dev.nnc.api.Rng;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks a generated backward pass against the loss itself. For each checked entry p of
 * a parameter tensor, and of the input, the gradient g from {@code backward} is compared
 * with the central difference g_fd = (L(p + h) − L(p − h)) / 2h, h = {@value #STEP}:
 * the error |g − g_fd| / max(|g|, |g_fd|, floor) must not exceed the tolerance.
 *
 * <p>The floor is where finite differences stop resolving anything. The loss is
 * computed to within a few ulps (at most 8 on the sample models), so g_fd carries a
 * rounding error of up to {@value #ROUNDING_ULPS} ulp(max(L, 1)) / h, about 1.4e-8 for a
 * cross-entropy near 2.3; gradients smaller than that error over the tolerance are
 * compared with the floor instead of with themselves. It is never below {@value #FLOOR}.
 *
 * <p>The network runs in double precision on a small random batch, in training mode:
 * the dropout mask of the analytic pass is replayed for every perturbed pass (by
 * restoring the generator's state), so dropout's backward is checked too.
 *
 * <p>Finite differences are wrong where the loss has a kink (ReLU at 0, ties in a
 * max-pool window). Two things keep kinks out of the way. Every parameter is first
 * jittered by up to ±{@value #JITTER}, so that none sits exactly on one (a literal weight
 * of 0 or a {@code zeros} initializer would put pre-activations exactly at 0). And an
 * entry that fails at h is measured again at h/10: if a kink lay within ±h, the smaller
 * step agrees with g (it is counted as a kink), while a wrong gradient fails at any step
 * (unless its error is within the rounding noise of the smaller step, ten times h's). If a
 * kink lies within h/10 too (a {@code zeros} layer after jitter has pre-activations of order
 * 1e-3, so one in a thousand lies that close), the one-sided differences at h/10 are tried:
 * the one on p's side of the kink is the derivative at p, and a wrong gradient matches neither.
 *
 * <p>A gradient below {@value #WIDE_BELOW} times the rounding noise at h (the first layers of a deep
 * sigmoid stack: 1e-7 and less) is compared with the floor, and would pass with an error of several
 * percent, so such an entry is measured again with wider steps, H =
 * {@value #WIDE_STEP} and H/2 (or 10·H and 5·H where even those leave it under a hundred times their
 * noise), whose rounding noise is a thousand times smaller; combined by
 * Richardson extrapolation, (4·D(H/2) − D(H))/3, their truncation error (of order H⁴) stays far
 * below the tolerance where the loss is smooth. Where it is not (the two differ by more than
 * {@value #SMOOTH}, or the one-sided differences at H/2 by more than {@value #ONE_SIDED}: a kink
 * within H, or a strongly curved loss), the entry cannot be judged either way and is counted as
 * unresolved, which the report says, and left out of the worst error. A kink within H that passes
 * those tests is allowed for (see {@link #wider}). Entries where a kink was found within h are not
 * measured so.
 */
public final class GradientCheck {
    /** The finite-difference step: small enough to rarely cross a ReLU kink, large enough to keep rounding low. */
    public static final double STEP = 1e-6;
    /** Bound on the rounding error of the loss, in ulps of the loss; 8 observed on the sample models. */
    public static final int ROUNDING_ULPS = 32;
    /** The smallest floor: gradients below it are zero for practical purposes. */
    public static final double FLOOR = 1e-8;
    /** The wider step for gradients too small for {@link #STEP}: a thousand times less rounding noise. */
    public static final double WIDE_STEP = 1e-3;
    /** The wider steps tried in turn, up to ten thousand times less noise (a 14-layer sigmoid stack's 1e-9 gradients). */
    static final double[] WIDE_STEPS = {WIDE_STEP, 10 * WIDE_STEP};
    /** The widest of them. */
    public static final double WIDE_STEPS_LARGEST = WIDE_STEPS[WIDE_STEPS.length - 1];
    /** How far apart the differences at H and H/2 may be, relatively, for the loss to count as smooth there. */
    public static final double SMOOTH = 1e-3;
    /** Gradients below this many times the rounding noise at h (which resolves them to no better than 1%) are measured with H. */
    public static final double WIDE_BELOW = 100;
    /** How far apart the one-sided differences at H/2 may be, relatively: a kink at p parts them by its jump in slope. */
    public static final double ONE_SIDED = 0.1;
    /** How far each parameter is moved, at most, before the check. */
    public static final double JITTER = 1e-3;

    public static final double DEFAULT_TOLERANCE = 1e-5;
    public static final int DEFAULT_SAMPLES = 50;
    public static final int DEFAULT_BATCH = 3;
    public static final long DEFAULT_SEED = 1;

    /** The name of the pseudo-tensor that stands for d loss / d input, shape [batch, input shape...]. */
    public static final String INPUT = "input";

    /** How random targets are drawn, after the loss. */
    public enum Targets {
        /** class indices, uniform over the outputs */
        CLASSES,
        /** 0 or 1 per output, for binary cross-entropy */
        BINARY,
        /** uniform in [−1, 1] per output, for squared errors */
        REAL;

        public static Targets of(Loss loss) {
            if (loss.classTargets()) return CLASSES;
            return switch (loss.kind()) {
                case BINARY_CROSS_ENTROPY, SIGMOID_BINARY_CROSS_ENTROPY -> BINARY;
                default -> REAL;
            };
        }
    }

    /**
     * @param seed      drives initialization, jitter, inputs, targets and the sampled entries
     * @param batch     random samples in the batch
     * @param samples   at most this many entries of each tensor are checked, drawn at random
     *                  without repetition; a smaller tensor is checked whole
     * @param tolerance the largest acceptable relative error
     */
    public record Options(long seed, int batch, int samples, double tolerance) {
        public Options {
            if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
            if (samples < 1) throw new IllegalArgumentException("samples must be at least 1, got " + samples);
            if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }

        public static Options defaults() {
            return new Options(DEFAULT_SEED, DEFAULT_BATCH, DEFAULT_SAMPLES, DEFAULT_TOLERANCE);
        }
    }

    /**
     * One tensor's verdict: its worst entry (as a multi-index into the shape) with both
     * gradients there; how many of its entries needed the smaller step ({@code kinks}), were
     * below the floor and measured with the wider ones ({@code wide}), and of those, how many
     * could not be judged ({@code unresolved}); the largest |g| of the checked entries.
     */
    public record TensorResult(String name, List<Integer> shape, int checked, int kinks, int wide, int unresolved, int unread,
                               double largest, double worstRelative, double worstAbsolute, List<Integer> worstAt,
                               double analytic, double numeric, double tolerance) {
        public TensorResult {
            shape = List.copyOf(shape);
            worstAt = List.copyOf(worstAt);
        }

        public long size() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }

        /** NaN (a loss that is not finite) fails. */
        public boolean ok() { return worstRelative <= tolerance; }
    }

    /**
     * @param loss  the loss at the checked point
     * @param floor the denominator's floor: rounding noise over tolerance, at least {@link #FLOOR}
     * @param smooth whether the loss has no kinks, so that gradients too small for h were measured with wider steps
     */
    public record Report(String model, Options options, double loss, double floor, List<TensorResult> tensors, boolean smooth) {
        public Report {
            tensors = List.copyOf(tensors);
        }

        /** A report of a model without kinks. */
        public Report(String model, Options options, double loss, double floor, List<TensorResult> tensors) {
            this(model, options, loss, floor, tensors, true);
        }

        public boolean ok() { return tensors.stream().allMatch(TensorResult::ok); }

        public int entriesChecked() { return tensors.stream().mapToInt(TensorResult::checked).sum(); }

        public int kinks() { return tensors.stream().mapToInt(TensorResult::kinks).sum(); }

        public int wide() { return tensors.stream().mapToInt(TensorResult::wide).sum(); }

        public int unresolved() { return tensors.stream().mapToInt(TensorResult::unresolved).sum(); }

        /** Entries the loss did not read at the checked point (their gradient and differences exactly 0, rightly). */
        public int unread() { return tensors.stream().mapToInt(TensorResult::unread).sum(); }

        public List<TensorResult> failures() { return tensors.stream().filter(t -> !t.ok()).toList(); }

        /** The tensor with the largest relative error; NaN counts as largest. */
        public TensorResult worst() {
            TensorResult worst = tensors.get(0);
            for (TensorResult t : tensors) {
                if (Double.isNaN(worst.worstRelative())) break;
                if (!(t.worstRelative() <= worst.worstRelative())) worst = t;
            }
            return worst;
        }
    }

    /** The loss has no kinks: the wider steps may be used. */
    private final boolean smooth;
    private final DoubleNetwork net;
    private final Targets targetKind;
    private final Options options;
    private final Rng rng;
    private final int n;
    private final double[] inputs;
    private final int[] labels;
    private final double[] targets;
    private final double[] params;
    private long dropoutState;
    private double baseLoss;

    private GradientCheck(DoubleNetwork net, Targets targetKind, Options options, boolean smooth) {
        this.smooth = smooth;
        this.net = net;
        this.targetKind = targetKind;
        this.options = options;
        this.rng = new Rng(options.seed());
        this.n = Math.min(options.batch(), net.maxBatch());
        this.inputs = new double[n * net.inputSize()];
        this.labels = targetKind == Targets.CLASSES ? new int[n] : null;
        this.targets = targetKind == Targets.CLASSES ? null : new double[n * net.outputSize()];
        this.params = new double[net.paramCount()];
    }

    /**
     * Generates {@code model} in double precision, compiles it in memory and checks it.
     *
     * @throws IllegalArgumentException if the model has no loss (inference only)
     */
    public static Report run(Model model, Options options) {
        Loss loss = model.loss().filter(l -> model.trainable()).orElseThrow(() -> new IllegalArgumentException(
                "model " + model.name() + " has no loss and optimizer: there is no gradient to check"));
        return run(Networks.doubleNetwork(model, options.batch()), Targets.of(loss), options, smooth(model));
    }

    /**
     * Whether the model's loss is smooth in its parameters: no ReLU-family activation and no max-pool,
     * whose kinks lie within the wider steps' reach for units near them (a reviewer found correct
     * gradients of ReLU layers near their kinks failing there). Only then are the wider steps used.
     */
    public static boolean smooth(Model model) {
        return kinks(model).isEmpty();
    }

    /** The kinds of layer with kinks the model has, as a report names them: "ReLU", "leaky ReLU", "step", "max-pool". */
    public static List<String> kinks(Model model) {
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        for (dev.nnc.ir.Layer l : model.layers()) {
            if (l instanceof dev.nnc.ir.Layer.Activation a) {
                switch (a.function()) {
                    case RELU -> kinds.add("ReLU");
                    case LEAKY_RELU -> { if (a.alpha() != 1) kinds.add("leaky ReLU"); }
                    case STEP -> kinds.add("step");
                    default -> { }
                }
            } else if (l instanceof dev.nnc.ir.Layer.Pool2d p && p.mode() == dev.nnc.ir.Layer.Pool2d.Mode.MAX) {
                kinds.add("max-pool");
            }
        }
        return List.copyOf(kinds);
    }

    /** {@link #run(DoubleNetwork, Targets, Options, boolean)} of a network whose loss may have kinks: no wider steps. */
    public static Report run(DoubleNetwork net, Targets targets, Options options) {
        return run(net, targets, options, false);
    }

    /**
     * Checks {@code net}, which must be trainable, on a random batch of {@code options.batch()}
     * samples (fewer if its buffers are smaller). The network is re-initialized from
     * {@code options.seed()} and left with jittered parameters, in training mode. {@code smooth}: its
     * loss has no kinks ({@link #smooth(Model)}), so gradients too small for h may be measured with wider steps.
     */
    public static Report run(DoubleNetwork net, Targets targets, Options options, boolean smooth) {
        if (!net.trainable()) {
            throw new IllegalArgumentException("model " + net.modelName() + " has no loss and optimizer: there is no gradient to check");
        }
        if (net.classTargets() != (targets == Targets.CLASSES)) {
            throw new IllegalArgumentException("model " + net.modelName() + " is trained on "
                    + (net.classTargets() ? "class indices" : "target vectors") + ", not " + targets);
        }
        return new GradientCheck(net, targets, options, smooth).run();
    }

    private Report run() {
        net.initialize(options.seed());
        jitter();
        draw();
        net.setTraining(true);
        net.setInputGradient(true);
        dropoutState = net.rngState();

        net.zeroGrad();
        baseLoss = loss();
        if (labels != null) net.backward(labels, n);
        else net.backward(targets, n);
        double[] grads = net.grads().clone();
        double[] inputGrad = Arrays.copyOf(net.inputGrad(), inputs.length);

        List<TensorResult> results = new ArrayList<>();
        for (ParamInfo info : net.parameters()) {
            results.add(check(info.name(), info.shape(), info.offset(), grads, params, true));
        }
        List<Integer> inputShape = new ArrayList<>();
        inputShape.add(n);
        inputShape.addAll(net.inputShape());
        results.add(check(INPUT, inputShape, 0, inputGrad, inputs, false));
        return new Report(net.modelName(), options, baseLoss, floor(STEP), results, smooth);
    }

    private void jitter() {
        System.arraycopy(net.params(), 0, params, 0, params.length);
        for (int i = 0; i < params.length; i++) params[i] += JITTER * (2 * rng.nextDouble() - 1);
        net.setParams(params);
    }

    private void draw() {
        for (int i = 0; i < inputs.length; i++) inputs[i] = 2 * rng.nextDouble() - 1;
        switch (targetKind) {
            case CLASSES -> {
                for (int s = 0; s < n; s++) labels[s] = rng.nextInt(net.outputSize());
            }
            case BINARY -> {
                for (int i = 0; i < targets.length; i++) targets[i] = rng.nextInt(2);
            }
            case REAL -> {
                for (int i = 0; i < targets.length; i++) targets[i] = 2 * rng.nextDouble() - 1;
            }
        }
    }

    /** The loss of one forward pass, with the dropout mask of the analytic pass. */
    private double loss() {
        net.setRngState(dropoutState);
        net.forward(inputs, n);
        return labels != null ? net.loss(labels, n) : net.loss(targets, n);
    }

    /** Rounding noise over tolerance: below this, gradients are compared absolutely. NaN if the loss is not finite. */
    private double floor(double h) {
        double noise = noise(h);
        return Double.isNaN(noise) ? Double.NaN : Math.max(FLOOR, noise / options.tolerance());
    }

    /** The largest rounding error of a central difference with step h: {@value #ROUNDING_ULPS} ulps of the loss over h. */
    private double noise(double h) {
        // A loss far below 1 is still computed from terms near 1 (log-sum-exp of the logits, softplus), whose
        // rounding it keeps: ulps of 1, not of a loss of 1e-8 (a reviewer's false alarms at batch 1).
        return ROUNDING_ULPS * Math.ulp(Math.max(Math.abs(baseLoss), 1)) / h;
    }

    private double relative(double g, double fd, double h) {
        return Math.abs(g - fd) / Math.max(Math.max(Math.abs(g), Math.abs(fd)), floor(h));
    }

    /**
     * Compares {@code analytic[offset + k]} with the central difference of the loss in
     * {@code values[offset + k]} for each sampled k. {@code values} are the parameters
     * (pushed with setParams after each change, which also refreshes derived copies) or
     * the inputs (read by every forward).
     */
    private TensorResult check(String name, List<Integer> shape, int offset, double[] analytic, double[] values,
                               boolean isParams) {
        int size = 1;
        for (int d : shape) size *= d;
        double worstRel = -1, worstAbs = 0, worstG = 0, worstFd = 0, largest = 0;
        int worstK = 0, kinks = 0, checked = 0, wide = 0, unresolved = 0, unread = 0;
        for (int k : sample(size)) {
            checked++;
            int at = offset + k;
            double g = analytic[at];
            double fd = central(values, at, isParams, STEP);
            double rel = relative(g, fd, STEP);
            double h = STEP / 10;
            double again = rel <= options.tolerance() ? fd : central(values, at, isParams, h);
            // Measured again only where the loss bends within h: there the estimates at h and
            // h/10 disagree. Where they agree, the first one (the less noisy) stands; the retry's
            // larger noise floor would otherwise let a small wrong gradient pass as a "kink".
            boolean bends = !(relative(fd, again, h) <= options.tolerance());
            if (!(rel <= options.tolerance()) && bends) {
                double relAgain = relative(g, again, h);
                if (!(relAgain <= options.tolerance())) {
                    // A kink still within h/10: the slope on p's own side of it, one of the two
                    // one-sided differences, is the derivative at p.
                    double[] sides = oneSided(values, at, isParams, h);
                    for (double side : sides) {
                        double relSide = relative(g, side, h / 2);
                        if (relSide < relAgain) {
                            again = side;
                            relAgain = relSide;
                        }
                    }
                }
                if (relAgain <= options.tolerance()) kinks++;
                if (relAgain < rel) {
                    fd = again;
                    rel = relAgain;
                }
            }
            boolean judged = true;
            // Both exactly 0 (two more forward passes each): the loss may not read this entry at all here (an input
            // pixel no window covers, a weight whose inputs are all 0), and then 0 is right: said, and judged so in
            // a smooth model too, where a zero would otherwise be too small for h and go unjudged.
            boolean notRead = g == 0 && fd == 0 && ignored(values, at, isParams);
            if (notRead) unread++;
            boolean small = smooth && !bends && Math.max(Math.abs(g), Math.abs(fd)) < WIDE_BELOW * noise(STEP);
            if (notRead) {
                // judged: rel is 0
            } else if (small) {
                // h resolves this gradient to no better than a percent: measure with the wider steps.
                wide++;
                judged = false;
                // The wider step first; the widest where even it leaves the gradient under 100 times its noise.
                for (double step : WIDE_STEPS) {
                    Wide w = wider(values, at, isParams, step);
                    if (w == null) break; // the loss bends within this width: a wider one bends more
                    // Still under a hundred times this step's noise: a wider one, or no judgement at all (a
                    // 16-layer stack's 1e-12 judged at the widest passed with its gradient zeroed).
                    if (Math.max(Math.abs(g), Math.abs(w.estimate())) < WIDE_BELOW * noise(step / 2)) continue;
                    fd = w.estimate();
                    // Only what no kink or curvature within H explains counts; the combination carries up to
                    // 1.5 times the noise of D(H/2), so it is judged with twice its floor.
                    rel = Math.max(0, Math.abs(g - fd) - w.allowance())
                            / Math.max(Math.max(Math.abs(g), Math.abs(fd)), floor(step / 4));
                    judged = true;
                    break;
                }
                if (!judged) unresolved++;
            }
            largest = Math.max(largest, Math.abs(g));
            if (!judged) continue; // no measure of it: neither its error nor the worst
            worstAbs = Math.max(worstAbs, Math.abs(g - fd));
            if (!(rel <= worstRel)) {
                worstRel = rel;
                worstK = k;
                worstG = g;
                worstFd = fd;
            }
            if (Double.isNaN(rel)) break; // the loss is not finite: nothing else can be checked either
        }
        if (isParams) net.setParams(values);
        return new TensorResult(name, shape, checked, kinks, wide, unresolved, unread, largest, worstRel, worstAbs,
                multiIndex(worstK, shape), worstG, worstFd, options.tolerance());
    }

    /**
     * A derivative from the wider steps and how far from the true one a kink or the loss's curvature
     * within H could have put it.
     */
    private record Wide(double estimate, double allowance) {}

    /**
     * The derivative from the wider steps H and H/2, R = (4·D(H/2) − D(H))/3, or null where the loss
     * is not smooth enough around p for it: D(H) and D(H/2) differ by more than {@link #SMOOTH}, or
     * the one-sided differences at H/2 by more than {@link #ONE_SIDED} (a kink right at p, which every
     * central difference straddles alike). A kink within H that passes both still moves R: by at most
     * |D(H/2) − D(H)| plus half the gap between the one-sided differences, for a loss that is linear on
     * each side of it (and a curved loss moves them alike), so that much of a difference from g is
     * allowed; without it, correct gradients of a ReLU layer whose units sat within 1e-3 of their kinks
     * failed by a few percent.
     */
    private Wide wider(double[] values, int at, boolean isParams, double step) {
        double half = step / 2;
        double up = lossAt(values, at, isParams, half), down = lossAt(values, at, isParams, -half);
        double fine = (up - down) / step, coarse = central(values, at, isParams, step);
        double forward = (up - baseLoss) / half, backward = (baseLoss - down) / half;
        // Beyond the differences' own rounding (a few times the noise at H/2), whatever the tolerance asked.
        double noise = 4 * noise(half);
        boolean smooth = Math.abs(coarse - fine) <= SMOOTH * Math.max(Math.abs(coarse), Math.abs(fine)) + noise
                && Math.abs(forward - backward) <= ONE_SIDED * Math.max(Math.abs(forward), Math.abs(backward)) + 2 * noise;
        return smooth ? new Wide((4 * fine - coarse) / 3, Math.abs(fine - coarse) + Math.abs(forward - backward) / 2) : null;
    }

    /** (L(p + h) − L(p − h)) / 2h for p = values[at]. */
    private double central(double[] values, int at, boolean isParams, double h) {
        return (lossAt(values, at, isParams, h) - lossAt(values, at, isParams, -h)) / (2 * h);
    }

    /**
     * Whether the loss stays bitwise the same when values[at] moves by ±1, far beyond any step:
     * then it does not depend on the entry, and a gradient of exactly 0 is right rather than too
     * small to judge. (An entry that matters moves the loss at such a distance, whatever its kinks.)
     */
    private boolean ignored(double[] values, int at, boolean isParams) {
        return lossAt(values, at, isParams, 1) == baseLoss && lossAt(values, at, isParams, -1) == baseLoss;
    }

    /** The loss with values[at] moved by {@code by}; restores values[at] but not the network's copy. */
    private double lossAt(double[] values, int at, boolean isParams, double by) {
        double original = values[at];
        values[at] = original + by;
        if (isParams) net.setParams(values);
        double loss = loss();
        values[at] = original; // pushed with the next change, or at the end of the tensor
        return loss;
    }

    /**
     * (L(p + h) − L(p)) / h and (L(p) − L(p − h)) / h: where a kink lies within ±h, the one on
     * p's side of it is the derivative at p (to within h·L''/2).
     */
    private double[] oneSided(double[] values, int at, boolean isParams, double h) {
        return new double[]{(lossAt(values, at, isParams, h) - baseLoss) / h, (baseLoss - lossAt(values, at, isParams, -h)) / h};
    }

    /** {@code min(samples, size)} distinct entries in increasing order: all of a small tensor. */
    private int[] sample(int size) {
        if (size <= options.samples()) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        // Floyd's algorithm: distinct picks without an array as long as the tensor.
        TreeSet<Integer> picked = new TreeSet<>();
        for (int j = size - options.samples(); j < size; j++) {
            int t = rng.nextInt(j + 1);
            picked.add(picked.contains(t) ? j : t);
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Flat row-major index to one index per dimension. */
    static List<Integer> multiIndex(int flat, List<Integer> shape) {
        Integer[] index = new Integer[shape.size()];
        for (int d = shape.size() - 1; d >= 0; d--) {
            index[d] = flat % shape.get(d);
            flat /= shape.get(d);
        }
        return List.of(index);
    }
}
