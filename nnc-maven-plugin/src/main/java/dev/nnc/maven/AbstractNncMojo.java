package dev.nnc.maven;

import dev.nnc.maven.Generation.Checked;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the goals share: where the models are, how strict to be, and how to tell the user. */
abstract class AbstractNncMojo extends AbstractMojo {
    /** Fail the build when a model has warnings (lints), not only errors. */
    @Parameter(property = "nn.failOnWarning", defaultValue = "false")
    String failOnWarning;

    /** Skip the goal. */
    @Parameter(property = "nn.skip", defaultValue = "false")
    String skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The directory searched (recursively) for {@code *.nn} models. */
    abstract File sourceDirectory();

    /** The source directory's parameter and property, for messages: {@code sourceDirectory, or nn.sourceDirectory}. */
    abstract String sourceDirectorySetting();

    /** The source directory by default, relative to the project: {@code src/main/nn}. */
    abstract String defaultSourceDirectory();

    Path baseDir() { return project.getBasedir().toPath().toAbsolutePath().normalize(); }

    /** A path as the user knows it: relative to the project when it lies inside. */
    String shown(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(baseDir()) ? ModelFiles.slashes(baseDir().relativize(p)) : p.toString();
    }

    /**
     * Whether the source directory is missing, said once. A sourceDirectory set to one that does not
     * exist is most likely a typo: a warning. The default one missing is a module without models (the
     * plugin declared in a parent for all modules): a debug line, not a warning in every module.
     */
    boolean noSourceDirectory() {
        File dir = sourceDirectory();
        if (dir.isDirectory()) return false;
        String what = "nnc: the source directory " + shown(dir.toPath()) + " does not exist"
                + (dir.exists() ? " as a directory" : "") + "; no models to " + goalVerb();
        boolean byDefault = dir.toPath().toAbsolutePath().normalize().equals(baseDir().resolve(defaultSourceDirectory()));
        if (byDefault) {
            getLog().debug(what);
        } else {
            getLog().warn(what + " (set " + sourceDirectorySetting() + ", to where the .nn files are)");
        }
        return true;
    }

    /**
     * A switch's value. The switches are strings because Maven reads every word but
     * {@code true} as false: {@code -Dnn.skip=yes} would quietly not skip.
     */
    static boolean flag(String name, String value) throws MojoExecutionException {
        return switch (value == null ? "false" : value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MojoExecutionException("nnc: " + name + " must be `true` or `false`, not `" + value + "`");
        };
    }

    /** Whether to skip the goal; skip and failOnWarning are read here, before any work, so a bad value fails at once. */
    boolean skipped() throws MojoExecutionException {
        flag("failOnWarning", failOnWarning);
        if (!flag("skip", skip)) return false;
        getLog().info("nnc: skipped (nn.skip)");
        return true;
    }

    /** "generate" or "check", for messages. */
    abstract String goalVerb();

    private static final java.util.regex.Pattern LOCATED = java.util.regex.Pattern.compile("\\S+:\\d+:\\d+: error: ");

    /** Logs every diagnostic of every model, and the problems that are not about one model's source. */
    void report(List<Checked> checked, List<String> problems) {
        // Warnings that fail the build are logged as errors: `mvn -q` shows errors only, and the failure points at them.
        boolean warningsFail;
        try {
            warningsFail = flag("failOnWarning", failOnWarning);
        } catch (MojoExecutionException checkedBefore) { // skipped() refused the value before any work
            warningsFail = false;
        }
        boolean asErrors = warningsFail;
        checked.forEach(c -> DiagnosticLog.report(getLog(), c.diagnostics(), asErrors));
        // A located problem (a class clash, at a model line) starts with its file:line:col, as the diagnostics do, for IDEs to link.
        problems.forEach(p -> getLog().error(LOCATED.matcher(p).lookingAt() ? p : "nnc: " + p));
    }

    /** Fails on errors, and on warnings with failOnWarning, naming the models (the messages were logged). */
    void failOnProblems(List<Checked> checked, List<String> problems) throws MojoExecutionException, MojoFailureException {
        long errors = checked.stream().mapToLong(Checked::errors).sum() + problems.size();
        long warnings = checked.stream().mapToLong(Checked::warnings).sum();
        if (errors > 0) {
            long inModels = errors - problems.size();
            // Errors of a model's source name the model; a class clash is about generated classes, not one file.
            String where = problems.isEmpty() ? where(checked, true)
                    : inModels == 0 ? " with the classes of the models"
                    : ": " + inModels + where(checked, true) + ", " + problems.size() + " with the classes of the models";
            throw new MojoFailureException("nnc: " + count(errors, "error") + where + "; see the messages above");
        }
        if (warnings > 0 && flag("failOnWarning", failOnWarning)) {
            throw new MojoFailureException("nnc: " + count(warnings, "warning") + where(checked, false)
                    + " and failOnWarning is set; see the messages above");
        }
    }

    /** {@code " in src/main/nn/a.nn, src/main/nn/b.nn"}: the models with errors (or warnings). */
    private static String where(List<Checked> checked, boolean errors) {
        List<String> models = checked.stream()
                .filter(c -> errors ? c.errors() > 0 : c.warnings() > 0)
                .map(c -> c.model().shown())
                .toList();
        return models.isEmpty() ? "" : " in " + String.join(", ", models);
    }

    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}
