package dev.nnc.cli;

import dev.nnc.Sources;
import dev.nnc.diag.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nnc check FILE|DIR...}: every diagnostic of every file, in one report. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Check .nn models: parse them, infer and verify every shape, report all problems.",
            "A directory stands for every *.nn file under it."})
final class CheckCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Models to check, or directories of models; `-` reads one from standard input.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "short prints one line per diagnostic (file:line:col: error: message [code]), for editors' problem matchers; "
                    + "json and sarif print one document covering all files.")
    OutputFormat format;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Option(names = "--stdin-filename", paramLabel = "NAME",
            description = "The name diagnostics give the model read from standard input (`-`), e.g. the path of the editor's buffer (default: <stdin>).")
    String stdinName;

    /** The FILE that stands for standard input: an editor's unsaved buffer. */
    static final String STDIN = "-";

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    CheckCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        boolean fromStdin = paths.stream().anyMatch(p -> p.toString().equals(STDIN));
        String stdinMisused = stdinName == null ? null
                : !fromStdin ? "--stdin-filename names the model read from standard input; give `-` among the files to read it"
                : stdinName.isBlank() ? "--stdin-filename needs a name, e.g. the path of the editor's file" : null;
        if (stdinMisused != null) {
            err.println("nnc: " + stdinMisused);
            return ExitCodes.USAGE;
        }
        Sources.Expansion given = Sources.expand(paths.stream().filter(p -> !p.toString().equals(STDIN)).toList());
        // The file the buffer will be saved to is checked as the buffer, not as it is on disk.
        Sources.Expansion expansion = stdinName == null ? given : new Sources.Expansion(given.files().stream()
                .filter(f -> !sameFile(f, Path.of(stdinName))).toList(), given.problems());
        // A wrong directory among the arguments is reported, and the other files are still checked. A json
        // or sarif document carries it too (a CI step that uploads the document would get nothing otherwise).
        // (short prints it as its own line on stdout, already readable: not twice.)
        if (format != OutputFormat.SHORT) expansion.problems().forEach(problem -> err.println("nnc: " + dev.nnc.diag.Printable.of(problem.message())));
        err.flush();
        if (expansion.files().isEmpty() && !fromStdin && format == OutputFormat.TEXT) return ExitCodes.USAGE;

        boolean colored = color.onStdout(env);
        TextReport text = new TextReport(colored);
        List<Diagnostic> diagnostics = new ArrayList<>(expansion.problems());
        boolean unreadable = false;
        List<Path> inputs = new ArrayList<>(expansion.files());
        if (fromStdin) inputs.add(0, Path.of(STDIN));
        for (Path path : inputs) {
            List<Diagnostic> found;
            boolean isStdin = path.toString().equals(STDIN);
            String name = isStdin ? (stdinName != null ? stdinName : "<stdin>") : path.toString();
            Sources.Loaded loaded = isStdin ? Sources.read(env.stdin().get(), name) : Sources.load(path);
            if (loaded instanceof Sources.Loaded.Text source) {
                found = env.compiler().apply(source.file()).diagnostics();
            } else {
                Sources.Loaded.Failed failed = (Sources.Loaded.Failed) loaded;
                found = List.of(failed.diagnostic());
                unreadable |= failed.reason().unreadable();
            }
            diagnostics.addAll(found);
            text.add(name, found);
        }

        // The count line counts the files' diagnostics; a directory's problem was said on its own line.
        List<Diagnostic> ofFiles = diagnostics.subList(expansion.problems().size(), diagnostics.size());
        long errors = ofFiles.stream().filter(Diagnostic::isError).count();
        long warnings = ofFiles.size() - errors;
        if (format == OutputFormat.TEXT) {
            if (!text.isEmpty()) out.print(text + "\n");
            explainHint(ofFiles).ifPresent(out::println); // the count line stays the last
            out.println(Style.of(colored).summary(errors, warnings,
                    "checked " + count(inputs.size(), "file") + ": "
                            + count(errors, "error") + ", " + count(warnings, "warning")
                            + (strict && errors == 0 && warnings > 0 ? " (failing: --strict counts warnings as errors)" : "")));
        } else {
            out.print(format.document(colored).render(diagnostics));
        }

        if (unreadable || !expansion.problems().isEmpty()) return ExitCodes.USAGE;
        if (errors > 0 || (strict && warnings > 0)) return ExitCodes.DIAGNOSTICS;
        return ExitCodes.OK;
    }

    /** As rustc's "try `rustc --explain E0308`": the codes printed, and the command that explains them. */
    private java.util.Optional<String> explainHint(List<Diagnostic> shown) {
        List<String> codes = shown.stream().map(d -> d.code().name()).distinct().sorted().toList();
        if (codes.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of("For more on " + (codes.size() == 1 ? "it" : "a code (" + String.join(", ", codes) + ")")
                + ": " + env.program() + " explain " + codes.get(0));
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
