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
        return of(model, Sources.load(model.file()));
    }

    /** Checks the model as {@code loaded}: the text whose {@link #sha256} the build state records for it. */
    static ModelCheck of(ModelFiles.Model model, Sources.Loaded loaded) {
        if (loaded instanceof Sources.Loaded.Failed failed) {
            return new ModelCheck(new Checked(model, List.of(failed.diagnostic())), Optional.empty());
        }
        CheckResult result = NncCompiler.check(((Sources.Loaded.Text) loaded).file());
        return new ModelCheck(new Checked(model, result.diagnostics()), Optional.of(result));
    }

    /**
     * The SHA-256 of a model's text as read, which is also the text checked and compiled: a file saved between two
     * reads (an editor, a checkout during an IDE's build) got one version's hash and the other's class, and a later
     * build took the stale class for up to date. An unreadable file hashes to "" and is always checked (and reported).
     */
    static String sha256(Sources.Loaded loaded) {
        return loaded instanceof Sources.Loaded.Text text ? dev.nnc.common.Sha256.hex(text.file().text()) : "";
    }
}
