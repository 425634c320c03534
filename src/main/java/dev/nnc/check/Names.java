package dev.nnc.check;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** "Did you mean" suggestions ({@link dev.nnc.diag.Spelling#suggest}) and the lists of names in messages. */
final class Names {
    private Names() {}

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
        return dev.nnc.diag.Spelling.suggest(unknown, known);
    }

    /** `a`, `b` or `c` for messages listing the known names. */
    static String list(Collection<String> names) {
        java.util.List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
        if (quoted.size() <= 1) return String.join("", quoted);
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
