package dev.nnc.robustness;

import java.util.List;

/**
 * A random but valid model, as the raw choices jqwik draws and shrinks. Every choice is a
 * small non-negative int (or a list of them) read modulo what the current shape allows, so
 * any combination renders to a model whose shapes agree: shrinking toward zeros and shorter
 * lists yields the simplest failing model (a vector input, relu, no hidden layers, sgd,
 * softmax_cross_entropy) rather than an invalid one. Dense and conv2d layers may name an
 * initializer and drop their bias. {@link #source} is the .nn text.
 *
 * @param image   an image input [channels, height, width] rather than a vector
 * @param dims    input sizes: channels 1..3 and height, width 2..6, or a vector of 1..6
 * @param steps   hidden layers, in order
 * @param loss    index into {@link #LOSSES}; it decides the final layer
 * @param outSize output size choice (2..5 classes, 1..4 otherwise)
 * @param outAct  the final activation of a squared-error model (0 = none)
 * @param opt     optimizer choices: kind, lr, then its hyperparameters and penalties
 */
record RandomModel(boolean image, List<Integer> dims, List<Step> steps, int loss, int outSize, int outAct,
                   List<Integer> opt) {

    /** One hidden layer's choices; what they mean depends on the shape it meets. */
    record Step(int kind, int a, int b, int c, int act) {}

    static final List<String> LOSSES = List.of("softmax_cross_entropy", "mse", "sum_squares", "cross_entropy",
            "binary_cross_entropy", "bce_with_logits");
    private static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid", "leaky_relu(alpha: 0.1)", "identity",
            "leaky_relu", "softmax"};
    private static final double[] RATES = {0.1, 0.01, 0.5, 0.001};
    private static final double[] DECAYS = {0, 0.5, 0.9, 0.99};
    private static final double[] PENALTIES = {0, 1e-4, 0.01};

    String lossName() { return LOSSES.get(loss); }

    /** The model as written, with its own optimizer settings. */
    String source() { return render(false); }

    /**
     * The same model with learning rate 1e-4 and no weight decay or L1, so that one step
     * follows the loss's own gradient closely enough to lower it.
     */
    String smallStepSource() { return render(true); }

    private String render(boolean smallStep) {
        StringBuilder s = new StringBuilder("model R {\n");
        int c = 0, h = 0, w = 0, n = 0;
        if (image) {
            c = 1 + dims.get(0) % 3;
            h = 2 + dims.get(1) % 5;
            w = 2 + dims.get(2) % 5;
            s.append("  input image[" + c + ", " + h + ", " + w + "]\n");
        } else {
            n = 1 + dims.get(0) % 6;
            s.append("  input [" + n + "]\n");
        }
        boolean flat = !image;
        int i = 0;
        for (Step step : steps) {
            String name = "l" + i++;
            if (flat) {
                switch (step.kind % 3) {
                    case 0 -> s.append("  ").append(activation(step.a, flat)).append('\n');
                    case 1 -> {
                        n = 1 + step.a % 6;
                        s.append("  dense ").append(name).append('(').append(n)
                                .append(step.b % 3 == 2 ? ", bias: false" : "").append(init(step.c)).append(')')
                                .append(trailing(step.act, flat)).append('\n');
                    }
                    default -> s.append("  dropout(").append(rate(step.b)).append(")\n");
                }
                continue;
            }
            switch (step.kind % 6) {
                case 0 -> s.append("  ").append(activation(step.a, flat)).append('\n');
                case 1 -> {
                    int out = 1 + step.a % 3;
                    int pad = step.c % 2, stride = 1 + (step.c / 2) % 2;
                    int kh = Math.min(1 + step.b % 3, h + 2 * pad);
                    int kw = (step.b / 3) % 2 == 0 ? kh : Math.min(1 + (step.b / 6) % 3, w + 2 * pad);
                    kh = Math.min(kh, h + 2 * pad);
                    kw = Math.min(kw, w + 2 * pad);
                    String kernel = kh == kw ? String.valueOf(kh) : "[" + kh + ", " + kw + "]";
                    s.append("  conv2d ").append(name).append('(').append(out).append(", kernel: ").append(kernel);
                    if (stride != 1) s.append(", stride: ").append(stride);
                    if (pad != 0) s.append(", padding: ").append(pad);
                    if ((step.a / 3) % 3 == 2) s.append(", bias: false");
                    s.append(init(step.c / 4)).append(')').append(trailing(step.act, flat)).append('\n');
                    c = out;
                    h = (h + 2 * pad - kh) / stride + 1;
                    w = (w + 2 * pad - kw) / stride + 1;
                }
                case 2, 3 -> {
                    // Square or rectangular windows; the stride by default (the window's, per axis) or 1.
                    int kh = Math.min(2 + step.a % 2, h);
                    int kw = (step.b / 2) % 2 == 0 ? Math.min(kh, w) : Math.min(1 + (step.b / 4) % 3, w);
                    boolean byDefault = step.b % 2 == 0;
                    s.append(step.kind % 6 == 2 ? "  maxpool2d(kernel: " : "  avgpool2d(kernel: ")
                            .append(kh == kw ? String.valueOf(kh) : "[" + kh + ", " + kw + "]");
                    if (!byDefault) s.append(", stride: 1");
                    s.append(")\n");
                    h = (h - kh) / (byDefault ? kh : 1) + 1;
                    w = (w - kw) / (byDefault ? kw : 1) + 1;
                }
                case 4 -> s.append("  dropout(").append(rate(step.b)).append(")\n");
                default -> {
                    s.append("  flatten\n");
                    flat = true;
                    n = c * h * w;
                }
            }
        }
        if (!flat) s.append("  flatten\n");
        String lossName = lossName();
        int k = switch (lossName) {
            case "softmax_cross_entropy", "cross_entropy" -> 2 + outSize % 4;
            default -> 1 + outSize % 4;
        };
        String last = switch (lossName) {
            case "cross_entropy" -> " softmax";
            case "binary_cross_entropy" -> " sigmoid";
            case "mse", "sum_squares" -> trailing(outAct, true);
            default -> "";
        };
        s.append("  dense out(").append(k).append(')').append(last).append('\n');
        s.append("  loss ").append(lossName).append('\n');
        s.append("  optimizer ").append(optimizer(smallStep)).append('\n');
        return s.append("}\n").toString();
    }

    private String optimizer(boolean smallStep) {
        int kind = opt.get(0) % 5;
        String lr = smallStep ? "0.0001" : num(RATES[opt.get(1) % RATES.length]);
        double decay = DECAYS[opt.get(2) % DECAYS.length];
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case 0 -> s.append("sgd(lr: ").append(lr).append(decay > 0 ? ", momentum: " + num(decay) : "");
            case 1 -> s.append("momentum(lr: ").append(lr).append(decay > 0 ? ", mu: " + num(decay) : ""); // else its default, 0.9
            case 2 -> s.append("adagrad(lr: ").append(lr).append(opt.get(2) % 2 == 1 ? ", eps: 1e-6" : "");
            case 3 -> s.append("rmsprop(lr: ").append(lr).append(decay > 0 ? ", rho: " + num(decay) : "")
                    .append(opt.get(2) % 2 == 1 ? ", eps: 1e-6" : "");
            default -> s.append("adam(lr: ").append(lr).append(decay > 0 ? ", beta1: " + num(decay) : "")
                    .append(opt.get(2) % 2 == 1 ? ", beta2: 0.99, eps: 1e-7" : "");
        }
        if (!smallStep) {
            double wd = PENALTIES[opt.get(3) % PENALTIES.length], l1 = PENALTIES[opt.get(4) % PENALTIES.length];
            if (wd > 0) s.append(", weight_decay: ").append(num(wd));
            if (l1 > 0) s.append(", l1: ").append(num(l1));
        }
        return s.append(')').toString();
    }

    /** An activation; softmax (the last) only on vectors, as the language requires. */
    private static String activation(int choice, boolean flat) {
        int kinds = flat ? ACTIVATIONS.length : ACTIVATIONS.length - 1;
        return ACTIVATIONS[choice % kinds];
    }

    /** An activation on the layer's own line, or nothing for choice 0. */
    private static String trailing(int choice, boolean flat) {
        int kinds = flat ? ACTIVATIONS.length : ACTIVATIONS.length - 1;
        return choice % (kinds + 1) == 0 ? "" : " " + activation(choice % (kinds + 1) - 1, flat);
    }

    /** An explicit initializer, or the default (he or xavier, after the activation) for 0. */
    private static String init(int choice) {
        return new String[] {"", ", init: he", ", init: xavier", ", init: normal(0.1)", ", init: uniform(0.3)",
                ", init: zeros"}[choice % 6];
    }

    private static String rate(int choice) { return num(new double[] {0.5, 0.0, 0.25, 0.9}[choice % 4]); }

    private static String num(double v) { return java.math.BigDecimal.valueOf(v).toPlainString(); }

    @Override
    public String toString() { return "\n" + source(); }
}
