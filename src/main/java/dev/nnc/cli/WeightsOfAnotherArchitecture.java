package dev.nnc.cli;

import dev.nnc.Sources;
import dev.nnc.check.CheckResult;
import dev.nnc.ir.Architecture;
import dev.nnc.ir.Model;
import dev.nnc.runtime.train.Checkpoint;
import dev.nnc.runtime.train.Inference;
import dev.nnc.runtime.train.RunFolder;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Weights refused by a model say where the model differs from the one they were trained with,
 * when their run folder keeps that model's source: "its layers differ" leaves a user comparing
 * two files by eye. A weights file records only hashes, so without the kept source (a file
 * copied out of its run, a model.nn edited since) the refusal stays as it was.
 */
final class WeightsOfAnotherArchitecture {
    private WeightsOfAnotherArchitecture() {}

    /** Loads {@code saved} into {@code net}; a refusal names the first difference from {@code model} that the run's model.nn shows. */
    static void load(Inference.Saved saved, dev.nnc.api.FloatNetwork net, Model model, String source, Environment env)
            throws Checkpoint.BadCheckpoint {
        try {
            saved.loadInto(net, source);
        } catch (Checkpoint.BadCheckpoint refused) {
            throw explained(refused, saved.file(), saved.checkpoint(), model, env);
        }
    }

    /**
     * {@code refused}, with a note of the first difference between {@code model} and the model of
     * {@code weights} (read as {@code file}), if their run keeps it; as it is otherwise.
     */
    static Checkpoint.BadCheckpoint explained(Checkpoint.BadCheckpoint refused, Path file, Checkpoint weights, Model model,
                                              Environment env) {
        return trainedModel(file, weights, env).flatMap(trained -> Architecture.difference(trained, model))
                .map(difference -> new Checkpoint.BadCheckpoint(refused.getMessage() + "\n  = note: " + difference))
                .orElse(refused);
    }

    /** The model {@code weights} were trained with, from their run's model.nn, if it is still that model. */
    private static Optional<Model> trainedModel(Path file, Checkpoint weights, Environment env) {
        Optional<Path> kept = RunFolder.keptSource(file);
        if (kept.isEmpty() || !(Sources.load(kept.get()) instanceof Sources.Loaded.Text text)) return Optional.empty();
        CheckResult checked = env.compiler().apply(text.file());
        return checked.model().filter(m -> weights.usableBy(m.name(), m.architectureHash(), m.sourceHash(), text.file().text()));
    }
}
