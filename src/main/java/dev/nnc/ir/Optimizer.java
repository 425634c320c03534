package dev.nnc.ir;

/**
 * The update rule with every hyperparameter resolved (defaults filled in). The exact
 * formulas are those of the fixtures' README. {@code momentum} is used by SGD (0 means
 * plain SGD) and MOMENTUM; {@code rho} by RMSPROP; {@code beta1}/{@code beta2} by ADAM;
 * {@code eps} by ADAGRAD, RMSPROP and ADAM. Weight decay (L2) and L1 are added to the
 * gradient of every parameter before the update.
 */
public record Optimizer(Kind kind, double lr, double momentum, double rho, double beta1, double beta2,
                        double eps, double weightDecay, double l1, SourceRef source) {
    public enum Kind { SGD, MOMENTUM, ADAGRAD, RMSPROP, ADAM }

    /**
     * The learning rates a rule usually trains well with ({@code low} to {@code high}, {@code typical}
     * a good first try), and where "far outside" begins: two orders of magnitude past common practice.
     */
    public record LearningRates(double low, double high, double typical, double farBelow, double farAbove) {
        public boolean farOutside(double lr) { return lr < farBelow || lr > farAbove; }

        /** "between 0.001 and 0.1": the usual range, as NN0505 and the command line's warning say it. */
        public String usual() { return "between " + dev.nnc.common.Decimals.of(low) + " and " + dev.nnc.common.Decimals.of(high); }

        /** What a rate far outside the range does: "expect the loss to diverge", or that training barely moves. */
        public String outcome(double lr) { return lr > farAbove ? "expect the loss to diverge" : "training will barely move"; }
    }

    /** Adam and RMSProp scale each step by the gradient's size, so their rates are smaller than SGD's. */
    public LearningRates learningRates() {
        return kind == Kind.ADAM || kind == Kind.RMSPROP ? new LearningRates(1e-4, 1e-2, 1e-3, 1e-6, 0.1)
                : new LearningRates(1e-3, 0.1, 0.01, 1e-5, 1.0);
    }

    /**
     * The hyperparameters its rule reads, named as the language writes them, in its signature's order:
     * {@code lr}, then {@code momentum} (MOMENTUM's {@code mu}), {@code rho}, the betas, {@code eps}
     * where the rule has them, then {@code weight_decay} and {@code l1}. What the IR dump and a run's
     * settings.yaml show (not Adam's unused momentum).
     */
    public java.util.Map<String, Double> hyperparameters() { // ordered (a LinkedHashMap)
        java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("lr", lr);
        if (kind == Kind.SGD) m.put("momentum", momentum);
        if (kind == Kind.MOMENTUM) m.put("mu", momentum);
        if (kind == Kind.RMSPROP) m.put("rho", rho);
        if (kind == Kind.ADAM) {
            m.put("beta1", beta1);
            m.put("beta2", beta2);
        }
        if (kind == Kind.ADAGRAD || kind == Kind.RMSPROP || kind == Kind.ADAM) m.put("eps", eps);
        m.put("weight_decay", weightDecay);
        m.put("l1", l1);
        return m;
    }

    /** How many state slots per parameter the rule keeps (velocity, squares, moments). */
    public int stateSlots() {
        return switch (kind) {
            case SGD -> momentum != 0 ? 1 : 0;
            case MOMENTUM, ADAGRAD, RMSPROP -> 1;
            case ADAM -> 2;
        };
    }
}
