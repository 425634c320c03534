package dev.nnc.maven;

import dev.nnc.maven.Generation.Checked;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.util.List;

/**
 * Checks every model and reports its errors and warnings, generating nothing: a lint for
 * the {@code validate} phase (or {@code mvn nnc:check}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractNncMojo {

    @Override
    String goalVerb() { return "check"; }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) return;
        warnIfNoSourceDirectory();
        List<ModelFiles.Model> models;
        try {
            models = ModelFiles.find(sourceDirectory.toPath(), baseDir());
        } catch (IOException e) {
            throw new MojoExecutionException("nnc: cannot list " + shown(sourceDirectory.toPath()) + ": " + e.getMessage(), e);
        }
        if (models.isEmpty()) {
            getLog().info("nnc: no .nn files in " + shown(sourceDirectory.toPath()));
            return;
        }
        List<Checked> checked = models.stream().map(m -> ModelCheck.of(m).checked()).toList();
        report(checked, List.of());
        long errors = checked.stream().mapToLong(Checked::errors).sum();
        long warnings = checked.stream().mapToLong(Checked::warnings).sum();
        getLog().info("nnc: checked " + count(models.size(), "model") + ": "
                + (errors + warnings == 0 ? "no problems" : count(errors, "error") + ", " + count(warnings, "warning")));
        failOnProblems(checked, List.of());
    }
}
