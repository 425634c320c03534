package dev.nnc.maven;

import dev.nnc.ClassClash;
import dev.nnc.maven.Generation.Checked;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.nnc.check.CheckResult;
import dev.nnc.codegen.ClassNames;
import dev.nnc.ir.SourceRef;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every model and reports its errors and warnings, generating nothing: a lint for
 * the {@code validate} phase (or {@code mvn nnc:check}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractNncMojo {
    /** The directory searched (recursively) for {@code *.nn} models. */
    @Parameter(property = "nn.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn", required = true)
    File sourceDirectory;

    /** The package generate writes the classes into: a class of the project in it with a model's name would clash. */
    @Parameter(property = "nn.package", defaultValue = dev.nnc.codegen.GeneratorOptions.DEFAULT_PACKAGE)
    String packageName;

    @Override
    File sourceDirectory() { return sourceDirectory; }

    @Override
    String sourceDirectorySetting() { return "sourceDirectory, or nn.sourceDirectory"; }

    @Override
    String defaultSourceDirectory() { return "src/main/nn"; }

    @Override
    String goalVerb() { return "check"; }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) return;
        boolean missing = noSourceDirectory();
        List<ModelFiles.Model> models;
        try {
            models = ModelFiles.find(sourceDirectory.toPath(), baseDir());
        } catch (IOException e) {
            throw new MojoExecutionException("nnc: cannot list " + shown(sourceDirectory.toPath()) + ": " + dev.nnc.common.IoReasons.of(e), e);
        }
        if (models.isEmpty()) {
            if (!missing) getLog().info("nnc: no .nn files in " + shown(sourceDirectory.toPath()));
            return;
        }
        List<ModelCheck> checks = models.stream().map(ModelCheck::of).toList();
        List<Checked> checked = checks.stream().map(ModelCheck::checked).toList();
        List<String> clashes = new ArrayList<>(clashes(checks));
        clashes.addAll(handWritten(checks));
        report(checked, clashes);
        long errors = checked.stream().mapToLong(Checked::errors).sum() + clashes.size();
        long warnings = checked.stream().mapToLong(Checked::warnings).sum();
        getLog().info("nnc: checked " + count(models.size(), "model") + ": "
                + (errors + warnings == 0 ? "no problems" : count(errors, "error") + ", " + count(warnings, "warning")));
        noteTestModels();
        failOnProblems(checked, clashes);
    }

    /** The tests' models are generate-test's to check: said, so that a lint step that passes is not taken to cover them. */
    private void noteTestModels() {
        java.nio.file.Path tests = baseDir().resolve("src/test/nn");
        try {
            if (java.nio.file.Files.isDirectory(tests) && !ModelFiles.find(tests, baseDir()).isEmpty()) {
                getLog().info("nnc: the models in " + shown(tests) + " are the tests': generate-test checks them, check does not");
            }
        } catch (IOException e) {
            // Not this goal's directory: it says nothing about it then.
        }
    }

    /** A valid model whose class the project's own sources define too (generate says it too, at its model line). */
    private List<String> handWritten(List<ModelCheck> checks) {
        String pkg = packageName == null || packageName.isBlank() ? dev.nnc.codegen.GeneratorOptions.DEFAULT_PACKAGE : packageName.trim();
        if (!dev.nnc.codegen.GeneratorOptions.isPackageName(pkg) || project == null) return List.of(); // generate says what is wrong with it
        List<String> problems = new ArrayList<>();
        for (ModelCheck c : checks) {
            Optional<dev.nnc.ir.Model> model = c.result().flatMap(CheckResult::model);
            if (model.isEmpty()) continue;
            String className = ClassNames.forModel(model.get().name());
            String javaFile = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + className + ".java";
            for (String root : project.getCompileSourceRoots()) {
                java.nio.file.Path theirs = java.nio.file.Path.of(root).resolve(javaFile);
                if (!java.nio.file.Files.isRegularFile(theirs)) continue;
                problems.add(IncrementalGenerator.handWrittenClash(ClassClash.place(c.checked().model().file().toAbsolutePath().normalize().toString(),
                                model.get().source()),
                        (pkg.isEmpty() ? "" : pkg + ".") + className, ModelFiles.relative(baseDir(), theirs)));
            }
        }
        return problems;
    }

    /** Two valid models that generate would turn into one class (file): an error here too, not first at generate. */
    private static List<String> clashes(List<ModelCheck> checks) {
        Map<String, String> firstClass = new HashMap<>(), firstWhere = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ModelCheck c : checks) {
            Optional<dev.nnc.ir.Model> model = c.result().flatMap(CheckResult::model);
            if (model.isEmpty()) continue;
            String className = ClassNames.forModel(model.get().name());
            String key = dev.nnc.GeneratedSources.fileKey(className);
            SourceRef at = model.get().source();
            if (firstClass.containsKey(key)) {
                problems.add(ClassClash.message(at, model.get().name(), className, firstClass.get(key), firstWhere.get(key), "generate"));
            } else {
                firstClass.put(key, className);
                firstWhere.put(key, ClassClash.place(c.checked().model().shown(), at));
            }
        }
        return problems;
    }
}
