package dev.nnc.maven;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.Sources;
import dev.nnc.maven.Generation.Checked;

import java.util.List;
import java.util.Optional;

/** One model read and checked by the compiler's entry point; the result is empty when the file could not be read. */
record ModelCheck(Checked checked, Optional<CheckResult> result) {

    /**
     * Checks a model under its absolute path: the form build logs, editors and CI annotators
     * resolve wherever the build was started (a module of a larger build, an IDE).
     */
    static ModelCheck of(ModelFiles.Model model) {
        Sources.Loaded loaded = Sources.load(model.file());
        if (loaded instanceof Sources.Loaded.Failed failed) {
            return new ModelCheck(new Checked(model, List.of(failed.diagnostic())), Optional.empty());
        }
        CheckResult result = NncCompiler.check(((Sources.Loaded.Text) loaded).file());
        return new ModelCheck(new Checked(model, result.diagnostics()), Optional.of(result));
    }
}
