package dev.nnc.runtime.train;

import dev.nnc.ir.Model;
import dev.nnc.ir.Training;
import dev.nnc.ir.Optimizer;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Changes to a model's training defaults, from a run file or the command line. Empty
 * means "keep the model's value". {@link #over} layers one set on another: the command
 * line over the run file over the model.
 */
public record Overrides(Optional<Integer> batch, Optional<Integer> epochs, Optional<Long> seed, Optional<Boolean> shuffle,
                        Optional<Double> validation, Optional<Integer> earlyStop, Optional<double[]> normalize,
                        Optional<Double> lr, Optional<Integer> limit) {

    public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** These, with anything they leave empty taken from {@code base}. */
    public Overrides over(Overrides base) {
        return new Overrides(batch.or(base::batch), epochs.or(base::epochs), seed.or(base::seed), shuffle.or(base::shuffle),
                validation.or(base::validation), earlyStop.or(base::earlyStop), normalize.or(base::normalize),
                lr.or(base::lr), limit.or(base::limit));
    }

    /** Only the setting {@code key} (named as in a run file: {@code early_stop}), the others left empty. */
    public Overrides only(String key) {
        return new Overrides(key.equals("batch") ? batch : Optional.empty(), key.equals("epochs") ? epochs : Optional.empty(),
                key.equals("seed") ? seed : Optional.empty(), key.equals("shuffle") ? shuffle : Optional.empty(),
                key.equals("validation") ? validation : Optional.empty(), key.equals("early_stop") ? earlyStop : Optional.empty(),
                key.equals("normalize") ? normalize : Optional.empty(), key.equals("lr") ? lr : Optional.empty(),
                key.equals("limit") ? limit : Optional.empty());
    }

    public Settings apply(Settings s) {
        double[] norm = normalize.orElse(new double[] {s.normalizeMean(), s.normalizeStd()});
        return new Settings(batch.orElse(s.batch()), epochs.orElse(s.epochs()), seed.orElse(s.seed()),
                shuffle.orElse(s.shuffle()), validation.orElse(s.validation()),
                earlyStop.map(p -> p == 0 ? OptionalInt.empty() : OptionalInt.of(p)).orElse(s.earlyStop()),
                norm[0], norm[1], limit.map(OptionalInt::of).orElse(s.limit()),
                lr.map(OptionalDouble::of).orElse(s.lr()));
    }

    /** The model with its learning rate replaced, when one is given (it is a constant of the generated code). */
    public Model apply(Model m) {
        return withLr(m, lr.map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    /** {@code m} with the learning rate {@code lr}, when there is one. */
    public static Model withLr(Model m, OptionalDouble lr) {
        if (lr.isEmpty() || m.optimizer().isEmpty()) return m;
        Optimizer o = m.optimizer().get();
        Optimizer changed = new Optimizer(o.kind(), lr.getAsDouble(), o.momentum(), o.rho(), o.beta1(), o.beta2(), o.eps(),
                o.weightDecay(), o.l1(), o.source());
        return new Model(m.name(), m.source(), m.sourceHash(), m.inputName(), m.inputSource(), m.input(), m.layers(), m.loss(), Optional.of(changed),
                m.training(), m.params());
    }

    /** What is wrong with these values, if anything: the same ranges the language checks; keys named as in a run file. */
    public Optional<String> problem() {
        return problem(key -> key);
    }

    /** The same, naming each setting with {@code name} (the command line says {@code --early-stop}, a run file {@code early_stop}). */
    public Optional<String> problem(java.util.function.UnaryOperator<String> name) {
        if (batch.isPresent() && batch.get() < 1) return Optional.of(name.apply("batch") + " must be at least 1, found " + batch.get());
        if (epochs.isPresent() && epochs.get() < 1) return Optional.of(name.apply("epochs") + " must be at least 1, found " + epochs.get());
        if (seed.isPresent() && seed.get() < 0) return Optional.of(name.apply("seed") + " must be 0 or more, found " + seed.get());
        if (validation.isPresent() && !(validation.get() >= 0 && validation.get() < 1)) {
            return Optional.of(name.apply("validation") + " must be in [0, 1), found " + dev.nnc.common.Decimals.of(validation.get()));
        }
        if (earlyStop.isPresent() && earlyStop.get() < 0) {
            return Optional.of(name.apply("early_stop") + " (the patience) must be 0 (off) or more, found " + earlyStop.get());
        }
        if (normalize.isPresent()) {
            Optional<String> unusable = Training.normalizeProblem(normalize.get()[0], normalize.get()[1]);
            if (unusable.isPresent()) return Optional.of(name.apply("normalize") + " cannot be used: " + unusable.get());
        }
        if (lr.isPresent() && !(lr.get() > 0 && Double.isFinite(lr.get()))) return Optional.of(name.apply("lr") + " must be a finite number greater than 0, found " + dev.nnc.common.Decimals.of(lr.get()));
        if (limit.isPresent() && limit.get() < 1) return Optional.of(name.apply("limit") + " must be at least 1, found " + limit.get());
        return Optional.empty();
    }
}
