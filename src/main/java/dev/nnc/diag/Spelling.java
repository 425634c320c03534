package dev.nnc.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The closest known word to a misspelt one, by edit distance with adjacent transpositions
 * ({@code rleu} finds {@code relu}, {@code trian} finds {@code train}): what the checker's
 * "did you mean" and the command line's share.
 */
public final class Spelling {
    private Spelling() {}

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

    /**
     * "Did you mean" for a name of the language or of a run file: a synonym from another framework
     * ({@code learning_rate} is {@code lr} here), the name in lowercase, or the closest spelling.
     */
    public static Optional<String> suggest(String unknown, Collection<String> known) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        String synonym = SYNONYMS.get(lower);
        if (synonym != null && known.contains(synonym)) return Optional.of(synonym);
        if (!lower.equals(unknown) && known.contains(lower)) return Optional.of(lower);
        return closest(unknown, known);
    }

    /** The known word nearest to {@code word}, if near enough for its length to be a slip (or {@code word} a prefix of it). */
    public static Optional<String> closest(String word, Collection<String> known) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(lower, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best != null && bestDistance <= threshold(word.length())) return Optional.of(best);
        // A prefix such as `max` for `maxpool2d`.
        for (String k : known) {
            if (lower.length() >= 3 && k.startsWith(lower)) return Optional.of(k);
        }
        return Optional.empty();
    }

    private static int threshold(int length) {
        return length <= 3 ? 1 : length <= 6 ? 2 : 3;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
