package dev.nnc.cli;

import dev.nnc.ClassClash;
import com.palantir.javapoet.JavaFile;
import dev.nnc.common.AtomicFiles;
import dev.nnc.check.CheckResult;
import dev.nnc.CompileResult;
import dev.nnc.GeneratedSources;
import dev.nnc.NncCompiler;
import dev.nnc.Sources;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.runtime.JavaSourceCompiler;
import dev.nnc.codegen.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code nnc compile FILE... -d OUTDIR}: check models and write their Java classes. */
@Command(name = "compile",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check models and write one specialized Java class per model.",
            "Each goes to OUTDIR/<package path>/<Model>.java. Files with errors are reported and not "
            + "written; a file at the target path that nnc did not generate is never overwritten."})
final class CompileCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Models to compile, or directories of models.")
    List<Path> paths;

    @Option(names = {"-d", "--output"}, paramLabel = "OUTDIR",
            description = "Source root to write into, e.g. src/main/java (required).")
    Path outDir;

    @Option(names = "--package", paramLabel = "P", defaultValue = GeneratorOptions.DEFAULT_PACKAGE,
            description = "Java package of the generated classes (default: ${DEFAULT-VALUE}).")
    String packageName;

    @Option(names = "--precision", paramLabel = "TYPE", defaultValue = "float",
            description = "Number type of the generated code: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--vector", description = "Dense and convolutional layers, ReLU and the optimizer through the incubating Vector API"
            + " (float only; a JVM that runs the classes needs --add-modules jdk.incubator.vector).")
    boolean vector;

    @Option(names = "--classes", paramLabel = "CLASSDIR",
            description = "Also compile the classes with the JDK's compiler, in this process, and write the .class files under CLASSDIR.")
    Path classDir;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    CompileCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GeneratorOptions options = options();
        Sources.Expansion expansion = Sources.expand(paths);
        if (!expansion.problems().isEmpty()) {
            expansion.problems().forEach(problem -> err.println("nnc: " + dev.nnc.diag.Printable.of(problem.message())));
            return ExitCodes.USAGE;
        }
        Generated generated = generate(expansion.files(), options, err);
        if (!generated.report().isEmpty()) err.print(generated.report() + "\n");
        boolean errors = generated.errors(), blocked;
        try {
            List<JavaFile> written = writeSources(generated.files(), out, err);
            blocked = written.size() < generated.files().size(); // a file of the user's in the way: exit 2, as for I/O
            // Only the classes whose source is on disk: a .class of a source refused would disagree with the folder.
            if (classDir != null && !written.isEmpty()) writeClasses(written, out);
        } catch (JavaSourceCompiler.CompilationFailed e) { // ClassTooLarge goes to ErrorHandlers, as for every command
            err.println("nnc: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IOException e) {
            err.println("nnc: " + IoMessages.of(e));
            return ExitCodes.USAGE;
        }
        if (generated.unreadable() || blocked) return ExitCodes.USAGE;
        return errors ? ExitCodes.DIAGNOSTICS : ExitCodes.OK;
    }

    private GeneratorOptions options() {
        if (outDir == null) {
            throw new ParameterException(spec.commandLine(), "compile needs -d OUTDIR, the source root to write the classes into,"
                    + " e.g. -d src/main/java");
        }
        GeneratorOptions.packageProblem(packageName).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), "--package: " + problem);
        });
        if (vector && precision != Precision.FLOAT) {
            throw new ParameterException(spec.commandLine(), "--vector works with --precision float only (the Vector API kernels are float)");
        }
        return new GeneratorOptions(packageName, precision, vector);
    }

    /** The classes of the models that checked, their diagnostics, and whether any file failed (or could not be read). */
    private record Generated(List<JavaFile> files, TextReport report, boolean errors, boolean unreadable) {}

    private Generated generate(List<Path> files, GeneratorOptions options, PrintWriter err) {
        TextReport report = new TextReport(color.onStderr(env));
        boolean errors = false, unreadable = false;
        List<JavaFile> generated = new ArrayList<>();
        Map<String, String> classes = new HashMap<>(), classNames = new HashMap<>();
        Set<String> colliding = new HashSet<>();
        for (Path path : files) {
            Sources.Loaded loaded = Sources.load(path);
            if (loaded instanceof Sources.Loaded.Failed failed) {
                report.add(path.toString(), List.of(failed.diagnostic()));
                errors = true;
                unreadable |= failed.reason().unreadable();
                continue;
            }
            CheckResult checked = env.compiler().apply(((Sources.Loaded.Text) loaded).file());
            report.add(path.toString(), checked.diagnostics());
            CompileResult result = NncCompiler.generate(checked, options);
            if (result.hasErrors() || result.javaFile().isEmpty()) {
                errors = true;
                continue;
            }
            JavaFile file = result.javaFile().get();
            String here = checked.model().orElseThrow().source().location();
            String key = GeneratedSources.fileKey(file.typeSpec().name());
            String first = classes.putIfAbsent(key, here);
            if (first != null) {
                // Neither is written: which of the two a user wants is not for nnc to guess.
                // Said at the second model, as a compiler says it (file:line:col: error: ...), naming the first.
                err.println(ClassClash.message(checked.model().orElseThrow().source(), checked.model().orElseThrow().name(),
                        qualified(file.typeSpec().name()), qualified(classNames.get(key)), first, "compile"));
                colliding.add(key);
                errors = true;
                continue;
            }
            classNames.put(key, file.typeSpec().name());
            generated.add(file);
        }
        generated.removeIf(f -> colliding.contains(GeneratedSources.fileKey(f.typeSpec().name())));
        return new Generated(generated, report, errors, unreadable);
    }

    /** {@code nnc.models.Mlp}, or {@code Mlp} in the unnamed package. */
    private String qualified(String simpleName) {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    /** Writes the .java files; returns those on disk now, without any refused (a file nnc did not write in the way). */
    private List<JavaFile> writeSources(List<JavaFile> files, PrintWriter out, PrintWriter err) throws IOException {
        List<JavaFile> onDisk = new java.util.ArrayList<>();
        int unchanged = 0;
        for (JavaFile file : files) {
            Path target = GeneratedSources.pathOf(file, outDir);
            try {
                if (GeneratedSources.write(file, outDir) == GeneratedSources.Outcome.WRITTEN) {
                    out.println("wrote " + target);
                    out.flush(); // each as it is written: a Ctrl-C then leaves the list of what is on disk
                } else {
                    unchanged++;
                }
                onDisk.add(file);
            } catch (GeneratedSources.NotOurs e) {
                err.println("nnc: " + e.getMessage() + "; move it away or choose another --package or -d");
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": " + IoMessages.of(e), e);
            }
        }
        if (unchanged > 0) out.println(unchanged + " file" + (unchanged == 1 ? "" : "s") + " already up to date");
        return onDisk;
    }

    /** --classes: javac in this process, the .class files under CLASSDIR. */
    private void writeClasses(List<JavaFile> files, PrintWriter out) throws IOException {
        Map<String, byte[]> classFiles = JavaSourceCompiler.compile(files, vector).classFiles();
        try {
            for (Map.Entry<String, byte[]> c : classFiles.entrySet()) {
                AtomicFiles.write(classDir.resolve(c.getKey().replace('.', '/') + ".class"), c.getValue());
            }
        } catch (IOException e) {
            throw new IOException("cannot write class files under " + classDir + ": " + IoMessages.of(e), e);
        }
        out.println("compiled " + classFiles.size() + " class file" + (classFiles.size() == 1 ? "" : "s") + " into " + classDir);
    }
}
