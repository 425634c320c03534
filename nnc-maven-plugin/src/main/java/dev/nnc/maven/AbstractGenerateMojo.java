package dev.nnc.maven;

import dev.nnc.NncCompiler;
import dev.nnc.common.NncVersion;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.Precision;
import dev.nnc.maven.Generation.Generated;
import dev.nnc.maven.Generation.Removed;
import dev.nnc.maven.Generation.Why;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What {@code generate} and {@code generate-test} share: one Java class per {@code .nn} model,
 * written into an output directory that becomes a source root of the build (main or test).
 * Only models that changed since the last build are generated again; the classes of deleted
 * models are removed.
 */
abstract class AbstractGenerateMojo extends AbstractNncMojo {
    /** The Java package of the generated classes. */
    @Parameter(property = "nn.package", defaultValue = GeneratorOptions.DEFAULT_PACKAGE)
    String packageName;

    /** The number type of the generated code: {@code float} (FloatNetwork) or {@code double} (DoubleNetwork). */
    @Parameter(property = "nn.precision", defaultValue = "float")
    String precision;

    /**
     * Generate the Vector API kernels ({@code nnc compile --vector}): several times faster,
     * float only. The classes compile as they are, but the JVM that runs them needs
     * {@code --add-modules jdk.incubator.vector} (for tests: surefire's {@code argLine}).
     */
    @Parameter(property = "nn.vector", defaultValue = "false")
    String vector;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution execution;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    org.apache.maven.execution.MavenSession session;

    /** Where the generated classes are written (as {@code <package path>/<Model>.java}). */
    abstract File outputDirectory();

    /** The goal's name, as a pom's {@code <goal>} and the command line write it. */
    abstract String goal();

    /** Adds the output directory to the source roots the classes are compiled with (main or test). */
    abstract void addSourceRoot(String directory);

    /** The source roots the classes are compiled with (main or test), where a class of the same name would clash. */
    abstract List<String> javaSourceRoots();

    /** The classpath the classes are compiled against (main or test). */
    abstract List<String> classpath() throws org.apache.maven.artifact.DependencyResolutionRequiredException;

    /**
     * The maven-compiler-plugin's parameters that set the Java the classes are compiled for, the
     * first set one winning: {@code release}, {@code target}, {@code source} (the test goal's
     * {@code testRelease} ... before them).
     */
    abstract List<String> compilerParameters();

    /** "compile classpath (a dependency of scope test or runtime is not)", for a message. */
    abstract String classpathName();

    /** Where this goal's executions keep their state files, apart from the other goal's. */
    abstract Path stateDirectory();

    /** What this goal finds amiss in the build besides the models, after generating into {@code output}. */
    List<String> warnings(Path output) { return List.of(); }

    /** Why the goal does nothing, beyond {@code nn.skip}; empty if it works. */
    Optional<String> skippedBecause() { return Optional.empty(); }

    @Override
    String goalVerb() { return "generate"; }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path output = outputDirectory().toPath().toAbsolutePath().normalize();
        flag("vector", vector); // a bad value fails even when the goal is skipped, as the other switches do
        Optional<String> otherwiseSkipped = skippedBecause();
        if (otherwiseSkipped.isPresent()) {
            getLog().info("nnc: skipped (" + otherwiseSkipped.get() + ")");
            return;
        }
        if (skipped()) {
            // Classes of an earlier build still compile: skipping saves the work, not the classes.
            if (Files.isDirectory(output)) addSourceRoot(output.toString());
            return;
        }
        GeneratorOptions options = options();
        boolean missing = noSourceDirectory();
        IncrementalGenerator.Config config = new IncrementalGenerator.Config(baseDir(), sourceDirectory().toPath(), output,
                stateFile(), options, fingerprint(options, output), javaSourceRoots().stream().map(Path::of).toList());
        Generation generation;
        List<Removed> forgotten;
        try {
            forgotten = forgetRemovedExecutions();
            generation = new IncrementalGenerator(config).run();
        } catch (IOException e) {
            // Without the cause: Maven would add its message (the bare path) to the line.
            throw new MojoExecutionException(ioProblem(e, output));
        }
        for (Removed r : forgotten) {
            getLog().info("nnc: removed " + shown(r.file()) + " (" + r.because() + ")");
        }
        report(generation.checked(), generation.problems());
        for (Generated g : generation.generated()) {
            if (g.written()) getLog().info("nnc: " + g.model().shown() + " -> " + shown(output.resolve(g.javaFile())));
        }
        for (Removed r : generation.removed()) {
            getLog().info("nnc: removed " + shown(r.file()) + " (" + r.because() + ")");
        }
        generation.notes().forEach(n -> getLog().info("nnc: " + n));
        if (Files.isDirectory(output)) addSourceRoot(output.toString());
        String summary = missing && generation.checked().isEmpty() && generation.removed().isEmpty() ? "" : summary(generation);
        if (!summary.isEmpty()) getLog().info(summary);
        if (options.vector() && (!generation.generated().isEmpty() || generation.upToDate() > 0)) {
            getLog().info("nnc: the classes use the Vector API: run them (and the tests: surefire's argLine) with --add-modules "
                    + dev.nnc.api.simd.VectorModule.NAME);
        }
        warnings(output).forEach(getLog()::warn);
        failOnProblems(generation.checked(), generation.problems());
        if (!generation.generated().isEmpty() || generation.upToDate() > 0) {
            requireApi();
            requireJava17();
        }
    }

    /**
     * The generated classes use records and switch expressions: compiled for an older Java, javac
     * would fail inside them. Read as the compiler plugin reads it: each of its parameters from its
     * configuration, else from its property (a -D first, then the pom's); the first one set wins
     * ({@code release} over {@code target} over {@code source}).
     */
    void requireJava17() throws MojoFailureException {
        String config = compilerConfiguration();
        for (String name : compilerParameters()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(config);
            OptionalInt inConfig = m.find() ? javaVersion(m.group(1)) : OptionalInt.empty();
            if (inConfig.isPresent()) {
                refuseBelow17(inConfig.getAsInt(), "the maven-compiler-plugin's <" + name + "> is " + m.group(1).trim(), "set it to 17 (or later)");
                return;
            }
            String property = "maven.compiler." + name;
            boolean given = session != null && session.getUserProperties().getProperty(property) != null;
            String value = given ? session.getUserProperties().getProperty(property) : project.getProperties().getProperty(property);
            OptionalInt version = javaVersion(value);
            if (version.isEmpty()) continue;
            refuseBelow17(version.getAsInt(), property + " is " + value.trim() + (given ? " (given with -D" + property + ")" : ""),
                    given ? "give -D" + property + "=17 (or later), or leave it out" // a -D wins over the pom: set there, it would not help
                            : "set <" + property + ">17</" + property + "> (or later)");
            return;
        }
    }

    private static void refuseBelow17(int version, String why, String fix) throws MojoFailureException {
        if (version >= 17) return;
        throw new MojoFailureException("nnc: the generated classes need Java 17 or later (records, switch expressions), but " + why + "; " + fix);
    }

    /** The maven-compiler-plugin's configuration in this project as XML (its DOM's text), or "". */
    private String compilerConfiguration() {
        for (org.apache.maven.model.Plugin p : project.getBuildPlugins()) {
            if (p.getArtifactId().equals("maven-compiler-plugin") && p.getConfiguration() != null) return p.getConfiguration().toString();
        }
        return "";
    }

    /** {@code 11}, {@code 1.8} (8), {@code 17}; empty for no value or one that is not a version. */
    static OptionalInt javaVersion(String value) {
        if (value == null || value.isBlank()) return OptionalInt.empty();
        String v = value.trim().startsWith("1.") ? value.trim().substring(2) : value.trim();
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty(); // ${java.version}-style expressions and the like: javac will say
        }
    }

    /**
     * An I/O failure said with its file and reason (Java's message is often the path alone:
     * {@code nnc: /proc/x}), and, under the output directory, which setting put it there.
     */
    String ioProblem(IOException e, Path output) {
        Path file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? Path.of(f.getFile()).toAbsolutePath().normalize() : null;
        // `target/gen/sub/com/example: Not a directory`: what is in the way is the file above it.
        Optional<Path> inTheWay = file == null ? Optional.empty() : dev.nnc.common.IoReasons.fileInTheWay(file);
        String setting = " (the outputDirectory " + shown(output) + " must be a directory nnc can create and write to)";
        if (inTheWay.isPresent()) return "nnc: cannot " + goalVerb() + ": " + shown(inTheWay.get()) + " is a file, not a folder" + setting;
        String where = file == null ? "" : shown(file) + ": ";
        boolean underOutput = file != null && (file.startsWith(output) || output.startsWith(file));
        return "nnc: cannot " + goalVerb() + ": " + where + dev.nnc.common.IoReasons.of(e) + (underOutput ? setting : "");
    }

    /** {@code nnc: generated 1 class (1 changed); 1 model up to date}, or why there was nothing to do. */
    private String summary(Generation g) {
        int generated = g.generated().size();
        if (generated == 0 && g.upToDate() == 0 && g.checked().isEmpty()) {
            return g.removed().isEmpty() ? "nnc: no .nn files in " + shown(sourceDirectory().toPath()) : "";
        }
        if (generated == 0) {
            return g.errors() > 0 ? "" : "nnc: " + count(g.upToDate(), "model") + " up to date, nothing to generate";
        }
        String why = Arrays.stream(Why.values())
                .map(w -> {
                    long n = g.generated().stream().filter(x -> x.why() == w).count();
                    return n == 0 ? "" : n + " " + (w == Why.SETTINGS ? "for " + g.settingsChange() : w.words);
                })
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        long same = g.generated().stream().filter(x -> !x.written()).count();
        // Generated again to the same text: nothing was written, and saying "generated" would mislead.
        return (same == generated ? "nnc: checked " + count(generated, "model") + " (" + why + "); " + (generated == 1 ? "its class was" : "their classes were")
                        + " on disk as generated, nothing written"
                : "nnc: generated " + count(generated, "class") + " (" + why + ")" + (same > 0 ? "; " + same + " unchanged on disk" : ""))
                + (g.upToDate() > 0 ? "; " + count(g.upToDate(), "model") + " up to date" : "");
    }

    GeneratorOptions options() throws MojoExecutionException {
        // -D values arrive untrimmed, and an empty one as "": read as the pom's are (an empty <packageName/> is the default).
        String packageName = this.packageName == null || this.packageName.isBlank() ? GeneratorOptions.DEFAULT_PACKAGE : this.packageName.trim();
        java.util.Optional<String> problem = GeneratorOptions.packageProblem(packageName);
        if (problem.isPresent()) throw new MojoExecutionException("nnc: packageName " + problem.get());
        Precision p = switch (precision == null ? "" : precision.trim().toLowerCase(Locale.ROOT)) {
            case "float" -> Precision.FLOAT;
            case "double" -> Precision.DOUBLE;
            default -> throw new MojoExecutionException("nnc: precision must be `float` or `double`, not `" + precision + "`");
        };
        boolean vector = flag("vector", this.vector);
        if (vector && p != Precision.FLOAT) {
            throw new MojoExecutionException("nnc: vector needs precision `float` (the Vector API kernels are float only); "
                    + "drop one of vector=true and precision=" + precision);
        }
        return new GeneratorOptions(packageName, p, vector);
    }

    /** One state file per execution, so that two executions (two source directories) do not mix. */
    Path stateFile() {
        return stateFile(execution == null ? "default" : execution.getExecutionId());
    }

    /**
     * The execution a command-line goal runs as, when it is this plugin's {@code goal}: default-cli,
     * or its @id ({@code nnc:generate}, {@code dev.nnc:nnc-maven-plugin[:version]:generate}, each
     * with an optional {@code @id}).
     */
    static Optional<String> cliExecutionOf(String goal, String commandLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?:nnc|dev\\.nnc:nnc-maven-plugin(?::[^:@]+)?):" + java.util.regex.Pattern.quote(goal) + "(?:@(.+))?").matcher(commandLine);
        return m.matches() ? Optional.of(m.group(1) == null ? "default-cli" : m.group(1)) : Optional.empty();
    }

    private Path stateFile(String executionId) {
        return stateDirectory().resolve(executionId.replaceAll("[^A-Za-z0-9._-]", "_") + ".properties");
    }

    /**
     * The classes of generate executions that are no longer in the build (taken out of the pom,
     * in a profile not active now, or a `mvn nnc:generate` of earlier), removed with their state:
     * left in the output directory, they would be compiled with every build.
     */
    private List<Removed> forgetRemovedExecutions() throws IOException {
        Path dir = stateFile().getParent();
        if (!Files.isDirectory(dir) || project == null) return List.of();
        java.util.Set<Path> declared = new java.util.HashSet<>(List.of(stateFile()));
        for (org.apache.maven.model.Plugin p : project.getBuildPlugins()) {
            if (!p.getKey().equals(plugin.getPluginLookupKey())) continue;
            for (org.apache.maven.model.PluginExecution e : p.getExecutions()) {
                if (e.getGoals().contains(goal())) declared.add(stateFile(e.getId()));
            }
        }
        // Goals of this plugin on the command line run in this build too, as default-cli or @id, perhaps after this one.
        if (session != null) {
            for (String commandLine : session.getGoals()) cliExecutionOf(goal(), commandLine).ifPresent(id -> declared.add(stateFile(id)));
        }
        long started = session == null || session.getStartTime() == null ? Long.MAX_VALUE : session.getStartTime().getTime();
        IncrementalGenerator.States states = IncrementalGenerator.states(dir, declared, started);
        if (states.orphans().isEmpty()) return List.of();
        java.util.Set<Path> live = new java.util.HashSet<>();
        states.live().forEach(f -> live.addAll(IncrementalGenerator.recorded(f)));
        List<Removed> removed = new java.util.ArrayList<>();
        for (Path orphan : states.orphans()) {
            String id = orphan.getFileName().toString().replaceFirst("\\.properties$", "");
            removed.addAll(IncrementalGenerator.forget(orphan, baseDir(), live, "execution `" + id + "` is no longer in the build"));
        }
        return removed;
    }

    /**
     * Everything besides the models that the generated classes depend on. The jars' hashes
     * are in it because a SNAPSHOT keeps its version while its code changes.
     */
    private String fingerprint(GeneratorOptions options, Path output) {
        return String.join("; ",
                "plugin " + plugin.getVersion() + " " + Fingerprints.codeOf(AbstractGenerateMojo.class),
                "nnc " + NncVersion.get() + " " + Fingerprints.codeOf(NncCompiler.class),
                "package " + options.packageName(),
                "precision " + options.precision(),
                "vector " + options.vector(),
                "source " + shown(sourceDirectory().toPath()),
                "output " + shown(output));
    }

    /**
     * Generated classes implement dev.nnc.api; without it javac would fail on every one of
     * them with "package dev.nnc.api does not exist". Say what to add instead.
     */
    private void requireApi() throws MojoFailureException {
        List<String> classpath;
        try {
            classpath = classpath();
        } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
            return; // cannot tell; javac will
        }
        if (classpath.stream().anyMatch(Fingerprints::hasApi)) return;
        throw new MojoFailureException(String.join("\n",
                "nnc: the generated classes need the runtime API dev.nnc.api, which is not on the " + classpathName() + ". Add:",
                "    <dependency>",
                "      <groupId>dev.nnc</groupId>",
                "      <artifactId>nnc</artifactId>",
                "      <version>" + NncVersion.get() + "</version>",
                "      <classifier>api</classifier>",
                "      <exclusions>",
                "        <exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>",
                "      </exclusions>",
                "    </dependency>"));
    }
}
