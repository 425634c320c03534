package dev.nnc.maven;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Generates one Java class per {@code .nn} model of {@code src/test/nn} into
 * {@code target/generated-test-sources/nn} and adds that directory to the test source roots:
 * models that only the project's tests use, kept out of its jar.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class GenerateTestMojo extends AbstractGenerateMojo {
    /** The directory searched (recursively) for the tests' {@code *.nn} models. */
    @Parameter(property = "nn.testSourceDirectory", defaultValue = "${project.basedir}/src/test/nn", required = true)
    File testSourceDirectory;

    /** Where the tests' generated classes are written (as {@code <package path>/<Model>.java}). */
    @Parameter(property = "nn.testOutputDirectory", defaultValue = "${project.build.directory}/generated-test-sources/nn", required = true)
    File testOutputDirectory;

    /**
     * Maven's own switch for leaving the tests out, compiling included: their models are left out too.
     * Read from the property, not a setting of this plugin (so {@code nnc:help} does not list it).
     */
    @Parameter(defaultValue = "${maven.test.skip}", readonly = true)
    String mavenTestSkip;

    @Override File sourceDirectory() { return testSourceDirectory; }
    @Override String sourceDirectorySetting() { return "testSourceDirectory, or nn.testSourceDirectory"; }
    @Override String defaultSourceDirectory() { return "src/test/nn"; }
    @Override File outputDirectory() { return testOutputDirectory; }
    @Override String goal() { return "generate-test"; }
    @Override void addSourceRoot(String directory) { project.addTestCompileSourceRoot(directory); }
    @Override List<String> javaSourceRoots() { return project.getTestCompileSourceRoots(); }

    @Override
    List<String> classpath() throws DependencyResolutionRequiredException { return project.getTestClasspathElements(); }

    @Override
    String classpathName() { return "test classpath"; }

    /**
     * As the test compile reads them: a release (the tests' own, else the main one) overrides source and
     * target, which the tests' own settings give before the main ones.
     */
    @Override
    List<String> compilerParameters() { return List.of("testRelease", "release", "testTarget", "target", "testSource", "source"); }

    @Override
    Path stateDirectory() { return buildDirectory.toPath().resolve("nnc-maven-plugin").resolve("test"); }

    /**
     * A test model's class with the name of a main class (of a main model, or hand-written): the
     * test compile would silently use the test one in its place, in the tests and in the main
     * code they call.
     */
    @Override
    List<String> warnings(Path output) {
        BuildState state = BuildState.load(stateFile());
        List<String> warnings = new java.util.ArrayList<>();
        state.entries().forEach((model, entry) -> entry.classes().forEach(javaFile -> {
            for (String root : project.getCompileSourceRoots()) {
                Path main = Path.of(root).resolve(javaFile);
                if (!java.nio.file.Files.isRegularFile(main)) continue;
                String modelShown = state.sourceDir().isEmpty() ? model : shown(Path.of(state.sourceDir()).resolve(model));
                warnings.add("nnc: " + modelShown + " generates " + shown(output.resolve(javaFile)) + ", a class of the same name as the main "
                        + shown(main) + ": the tests would see the test model's class in its place; rename the model"
                        + " or give the generate-test goal an execution of its own with another packageName");
            }
        }));
        return warnings;
    }

    @Override
    Optional<String> skippedBecause() {
        // Maven reads -Dmaven.test.skip (no value) as true, and so does the compiler plugin.
        String v = mavenTestSkip == null ? "false" : mavenTestSkip.trim();
        return v.isEmpty() || v.equalsIgnoreCase("true") ? Optional.of("maven.test.skip") : Optional.empty();
    }
}
