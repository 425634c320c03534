package dev.nnc.maven;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates one Java class per {@code .nn} model of {@code src/main/nn} into
 * {@code target/generated-sources/nn} and adds that directory to the compile source roots.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class GenerateMojo extends AbstractGenerateMojo {
    /** The directory searched (recursively) for {@code *.nn} models. */
    @Parameter(property = "nn.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn", required = true)
    File sourceDirectory;

    /** Where the generated classes are written (as {@code <package path>/<Model>.java}). */
    @Parameter(property = "nn.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/nn", required = true)
    File outputDirectory;

    @Override File sourceDirectory() { return sourceDirectory; }
    @Override String sourceDirectorySetting() { return "sourceDirectory, or nn.sourceDirectory"; }
    @Override String defaultSourceDirectory() { return "src/main/nn"; }
    @Override File outputDirectory() { return outputDirectory; }
    @Override String goal() { return "generate"; }
    @Override void addSourceRoot(String directory) { project.addCompileSourceRoot(directory); }
    @Override List<String> javaSourceRoots() { return project.getCompileSourceRoots(); }

    @Override
    List<String> classpath() throws DependencyResolutionRequiredException { return project.getCompileClasspathElements(); }

    @Override
    String classpathName() { return "compile classpath (a dependency of scope test or runtime is not)"; }

    @Override
    List<String> compilerParameters() { return List.of("release", "target", "source"); }

    @Override
    Path stateDirectory() { return buildDirectory.toPath().resolve("nnc-maven-plugin"); }
}
