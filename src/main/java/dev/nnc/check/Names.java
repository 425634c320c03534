package dev.nnc.check;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean" suggestions: the closest known name by edit distance (with adjacent
 * transpositions, so {@code rleu} finds {@code relu}), or a known synonym from another
 * framework ({@code learning_rate} is {@code lr} here).
 */
final class Names {
    private Names() {}

    /** Names from PyTorch, Keras and papers that mean one of ours. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("learning_rate", "lr"),
            Map.entry("lr_rate", "lr"),
            Map.entry("eta", "lr"),
            Map.entry("epsilon", "eps"),
            Map.entry("beta_1", "beta1"),
            Map.entry("beta_2", "beta2"),
            Map.entry("decay", "weight_decay"),
            Map.entry("wd", "weight_decay"),
            Map.entry("l2", "weight_decay"),
            Map.entry("batch_size", "batch"),
            Map.entry("num_epochs", "epochs"),
            Map.entry("patience", "early_stop"),
            Map.entry("early_stopping", "early_stop"),
            Map.entry("validation_split", "validation"),
            Map.entry("val", "validation"),
            Map.entry("p", "rate"),
            Map.entry("kernel_size", "kernel"),
            Map.entry("size", "kernel"),
            Map.entry("pool_size", "kernel"),
            Map.entry("window", "kernel"),
            Map.entry("strides", "stride"),
            Map.entry("units", "out"),
            Map.entry("negative_slope", "alpha"),
            Map.entry("use_bias", "bias"),
            Map.entry("initializer", "init"),
            Map.entry("kernel_initializer", "init"),
            Map.entry("glorot", "xavier"),
            Map.entry("kaiming", "he"),
            Map.entry("linear", "dense"),
            Map.entry("fc", "dense"),
            Map.entry("conv", "conv2d"),
            Map.entry("conv2", "conv2d"),
            Map.entry("maxpool", "maxpool2d"),
            Map.entry("max_pool", "maxpool2d"),
            Map.entry("avgpool", "avgpool2d"),
            Map.entry("avg_pool", "avgpool2d"),
            Map.entry("leakyrelu", "leaky_relu"),
            Map.entry("lrelu", "leaky_relu"),
            Map.entry("logistic", "sigmoid"),
            Map.entry("linear_activation", "identity"),
            Map.entry("ce", "cross_entropy"),
            Map.entry("crossentropy", "cross_entropy"),
            Map.entry("categorical_crossentropy", "cross_entropy"),
            Map.entry("nll", "cross_entropy"),
            Map.entry("bce", "binary_cross_entropy"),
            Map.entry("mean_squared_error", "mse"),
            Map.entry("sse", "sum_squares"),
            Map.entry("l2_loss", "sum_squares"),
            Map.entry("mu", "momentum"),
            Map.entry("momentum", "mu"));

    /** Activations of other frameworks that nnc does not have, with the nearest one it has. */
    private static final Map<String, String> ACTIVATIONS_ELSEWHERE = Map.ofEntries(
            Map.entry("gelu", "relu"), Map.entry("silu", "relu"), Map.entry("swish", "relu"), Map.entry("mish", "relu"),
            Map.entry("relu6", "relu"), Map.entry("softplus", "relu"), Map.entry("elu", "leaky_relu"),
            Map.entry("selu", "leaky_relu"), Map.entry("prelu", "leaky_relu"), Map.entry("softsign", "tanh"),
            Map.entry("hardtanh", "tanh"), Map.entry("hard_sigmoid", "sigmoid"), Map.entry("log_softmax", "softmax"));

    /**
     * The help for an unknown activation: for one that exists elsewhere, that nnc lacks it and
     * what comes nearest (not "did you mean `relu`?" for `gelu`); else the closest spelling.
     */
    static Optional<String> activationHelp(String unknown, Collection<String> known) {
        String nearest = ACTIVATIONS_ELSEWHERE.get(unknown.toLowerCase(java.util.Locale.ROOT));
        if (nearest != null) return Optional.of("nnc has no `" + unknown + "` activation; the nearest it has is `" + nearest + "`");
        return suggest(unknown, known).map(s -> "did you mean `" + s + "`?");
    }

    static Optional<String> suggest(String unknown, Collection<String> known) {
        String lower = unknown.toLowerCase(java.util.Locale.ROOT);
        String synonym = SYNONYMS.get(lower);
        if (synonym != null && known.contains(synonym)) return Optional.of(synonym);
        if (!lower.equals(unknown) && known.contains(lower)) return Optional.of(lower);
        return dev.nnc.diag.Spelling.closest(unknown, known);
    }

    /** `a`, `b` or `c` for messages listing the known names. */
    static String list(Collection<String> names) {
        java.util.List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
        if (quoted.size() <= 1) return String.join("", quoted);
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
