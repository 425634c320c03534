package dev.nnc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnc.common.NncVersion;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.bench.Bench;
import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.data.Mnist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code nnc bench MODEL...}: nnc's training and inference speed beside PyTorch's reference
 * on the same machine, run one after the other per model, written to BENCHMARKS.md.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Measure training and inference speed, beside PyTorch's reference when it is installed.",
            "For each model: training samples/s, inference images/s (batch 1000 and 1), GFLOP/s and memory, "
            + "then the reference trainer on the same model right after; the table goes to BENCHMARKS.md (see "
            + "--out)."})
final class BenchCommand implements Callable<Integer> {
    private final Environment env;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Models to measure; they must fit MNIST. The reference builds mlp_small.nn, mlp.nn and cnn.nn.")
    List<Path> files;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Training epochs per measurement (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--reps", paramLabel = "N", defaultValue = "5", description = "Inference repetitions (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
            description = "Rounds per model, nnc and PyTorch alternating; each figure is the median over the rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Threads for PyTorch, and for nnc with --vector (the plain kernels use one) (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--vector", description = "Generate the classes with the Vector API kernels (jdk.incubator.vector).")
    boolean vector;

    @Mixin
    MnistDataOption data;

    @Mixin
    ColorOption color;

    @Option(names = "--python", paramLabel = "PYTHON", defaultValue = "/usr/bin/python3",
            description = "Python with torch for the reference (default: ${DEFAULT-VALUE}); skipped if it lacks torch.")
    String python;

    @Option(names = "--reference", paramLabel = "SCRIPT",
            description = "The PyTorch reference trainer (default: torch_reference.py in ../shared/bench beside this nnc's repository).")
    Path reference;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where the report goes (default: BENCHMARKS.md, if it does not exist yet; an existing report of nnc bench"
                    + " is replaced only when named here, and its ## Analysis section is kept; any other file is refused).")
    Path out;

    /** The models the reference trainer builds, by the file names of nnc's sample models. */
    /**
     * What torch_reference.py builds for each sample file: its name there ({@code --model}), and the
     * sample model's name and parameter count. A user's own mlp.nn is another network, and a
     * comparison with the reference's would mislead.
     */
    record Reference(String peer, String modelName, long params) {}

    static final Map<String, Reference> REFERENCES = Map.of("mlp_small.nn", new Reference("mlp-small", "MlpSmall", 13_002),
            "mlp.nn", new Reference("mlp", "Mlp", 109_386), "cnn.nn", new Reference("cnn", "Cnn", 426_122));

    /** Set in the JVM that measures one model for the bench that started it: print its RESULT line, nothing else. */
    @Option(names = "--measure-in-this-jvm", hidden = true)
    boolean child;

    @Spec
    CommandSpec spec;

    BenchCommand(Environment env) { this.env = env; }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return benchmark(err);
        } catch (IOException e) {
            // A measuring JVM that failed, its unreadable output, or a report that cannot be written.
            err.println("error: " + IoMessages.of(e));
            return ExitCodes.USAGE;
        }
    }

    private int benchmark(PrintWriter err) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        for (var option : List.of(Map.entry("--threads", threads), Map.entry("--epochs", epochs), Map.entry("--reps", reps),
                Map.entry("--rounds", rounds))) {
            if (option.getValue() < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), option.getKey() + " must be at least 1, found " + option.getValue());
            }
        }
        if (threads > dev.nnc.api.BatchChecks.MAX_THREADS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at most " + dev.nnc.api.BatchChecks.MAX_THREADS
                    + ", found " + threads);
        }
        // Everything that can be wrong is found before the first measurement, which takes minutes.
        Path report = out != null ? out : Path.of("BENCHMARKS.md");
        if (!child && Files.isDirectory(report)) {
            err.println("nnc: --out " + report + " is a directory; give a file, e.g. --out " + report.resolve("BENCHMARKS.md"));
            return ExitCodes.USAGE;
        }
        if (!child && out != null && Files.isRegularFile(report) && !isReport(report)) {
            err.println("nnc: --out " + report + " exists and is not a report of nnc bench (it does not begin with `" + TITLE.strip()
                    + "` and its `Measured with` line), so it is not replaced; name another file, or move this one away");
            return ExitCodes.USAGE;
        }
        boolean write = child || out != null || !Files.exists(report);
        if (write && !child) {
            try {
                dev.nnc.common.AtomicFiles.checkWritable(report);
            } catch (IOException e) {
                err.println("nnc: cannot write the report " + report + ": " + IoMessages.of(e) + "; nothing was measured");
                return ExitCodes.USAGE;
            }
        }
        List<Model> models = new ArrayList<>();
        for (Path file : files) {
            int status = CheckedModel.withMnistModel(file, env, err, color.onStderr(env), (model, source) -> {
                models.add(model);
                return ExitCodes.OK;
            });
            if (status != ExitCodes.OK) return status;
        }
        Mnist mnist;
        try {
            mnist = CheckedModel.mnist(data.dir, err);
            Kernels.of(vector).requireAvailable();
        } catch (DataException | Kernels.Unavailable e) {
            return CheckedModel.usageError(err, e);
        }
        ObjectMapper json = new ObjectMapper();
        if (child) {
            for (Model model : models) {
                Map<String, Object> ours = Bench.run(model, mnist.train(), mnist.test(), epochs, reps, Kernels.of(vector), vector ? threads : 1);
                stdout.println("RESULT " + json.writeValueAsString(ours));
            }
            return ExitCodes.OK;
        }
        Path script = reference != null ? reference : defaultReference();
        boolean torch = Files.isRegularFile(script) && hasTorch();
        if (!torch) err.println("PyTorch not available (" + python + " with torch, " + script + "): nnc figures only");
        Path mnistDir = mnist.files().dir();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String peer = torch ? peerFor(files.get(i), models.get(i), err) : null;
            rows.add(measure(files.get(i), models.get(i), peer, script, mnistDir, json, err));
        }
        // PyTorch ran only where it has the model: with none of them, the report compares nothing.
        String table = report(rows, torch && rows.stream().anyMatch(row -> !measurements(row, "torch").isEmpty()));
        stdout.print(table);
        stdout.flush(); // before the status line on stderr
        if (write) {
            boolean replaced = Files.exists(report);
            String kept = keptNotes(report);
            dev.nnc.common.AtomicFiles.write(report, (table + kept).getBytes(StandardCharsets.UTF_8));
            err.println(replaced ? "replaced the tables of " + report + (kept.isEmpty() ? "" : ", its ## Analysis kept") : "wrote " + report);
        } else {
            err.println("not written: " + report + " exists; pass --out " + report + " to replace its table"
                    + " (its ## Analysis section is kept), or --out ANOTHER.md");
        }
        return ExitCodes.OK;
    }

    /** The reference's name for the model ({@code --model}), or null (said why) when it builds no such model. */
    private static String peerFor(Path file, Model model, PrintWriter status) {
        Reference built = REFERENCES.get(file.getFileName().toString());
        if (built == null) {
            status.println("the PyTorch reference has no " + file.getFileName() + " (it builds " + String.join(", ",
                    REFERENCES.keySet().stream().sorted().toList()) + "): nnc figures only for " + model.name());
            return null;
        }
        if (!(built.modelName().equals(model.name()) && built.params() == model.paramCount())) {
            status.println(String.format(Locale.ROOT, "the PyTorch reference's %s is the sample model %s (%,d parameters), not this %s"
                    + " (%,d): nnc figures only for %s", file.getFileName(), built.modelName(), built.params(), model.name(),
                    model.paramCount(), model.name()));
            return null;
        }
        return built.peer();
    }

    /**
     * One row of the report: nnc's figures and, with a {@code peer}, PyTorch's, in rounds that
     * alternate the two, so that a slow spell of this shared machine (runs of the same day differ by
     * up to 30%) falls on both sides rather than on one.
     */
    private Map<String, Object> measure(Path file, Model model, String peer, Path script, Path mnistDir, ObjectMapper json,
                                        PrintWriter status) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model.name());
        for (String key : List.of("nnc", "torch", "torchInfer", "torchInfer1")) row.put(key, new ArrayList<Map<?, ?>>());
        for (int round = 1; round <= rounds; round++) {
            String of = rounds > 1 ? " (round " + round + " of " + rounds + ")" : "";
            status.println("nnc " + model.name() + ": training " + epochs + " epoch" + (epochs == 1 ? "" : "s") + ", inference "
                    + reps + " repetition" + (reps == 1 ? "" : "s") + of + " ...");
            status.flush();
            measurements(row, "nnc").add(json.readValue(measureInOwnJvm(file), Map.class));
            if (peer == null) continue;
            status.println("pytorch " + peer + of + " ...");
            status.flush();
            measurements(row, "torch").add(json.readValue(runReference(script, mnistDir, peer, "--epochs", String.valueOf(epochs)), Map.class));
            measurements(row, "torchInfer").add(json.readValue(runReference(script, mnistDir, peer, "--infer", "--infer-reps",
                    String.valueOf(reps)), Map.class));
            measurements(row, "torchInfer1").add(json.readValue(
                    runReference(script, mnistDir, peer, "--infer", "--infer-reps", "3", "--infer-batch", "1"), Map.class));
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> measurements(Map<String, Object> row, String peer) {
        return (List<Map<?, ?>>) row.get(peer);
    }

    /** The median over the rounds of one figure of one peer; null when that peer did not run. */
    static Double median(Map<String, Object> row, String peer, String key) {
        List<Map<?, ?>> runs = measurements(row, peer);
        if (runs.isEmpty()) return null;
        double[] v = runs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** nnc / PyTorch in each round, "1.9, 2.1, 2.0": how far the rounds agree. */
    static String perRound(Map<String, Object> row, String peer, String key, String torchKey) {
        List<Map<?, ?>> ours = measurements(row, "nnc"), theirs = measurements(row, peer);
        if (theirs.isEmpty()) return "";
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            double a = ((Number) ours.get(i).get(key)).doubleValue(), b = ((Number) theirs.get(i).get(torchKey)).doubleValue();
            ratios.add(String.format(Locale.ROOT, "%.2f", a / b));
        }
        return String.join(", ", ratios);
    }

    private static final String TITLE = "# Benchmarks\n\n";
    private static final String MEASURED = "Measured with `./nnc bench ";

    /** Whether a file is a report this command wrote, which --out may replace (anything else is a user's own file). */
    private static boolean isReport(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1); // any bytes: a binary is no report either
        // A checkout with Windows line ends, a save with a byte order mark: a report still.
        return text.replace("\r\n", "\n").replaceFirst("^\u00EF\u00BB\u00BF", "").startsWith(TITLE + MEASURED);
    }

    /** The hand-written part of an existing report, from its "## Analysis" heading on: a new measurement keeps it. */
    private static String keptNotes(Path out) throws IOException {
        if (!Files.isRegularFile(out)) return "";
        String old = Files.readString(out, StandardCharsets.UTF_8);
        int at = old.indexOf("\n## Analysis");
        return at < 0 ? "" : old.substring(at).replace("\r\n", "\n"); // one kind of line end in the new file
    }

    private boolean hasTorch() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Measures one model in a JVM of its own, as PyTorch runs in a process of its own: in a
     * JVM that had trained MlpSmall first, the kernels' code compiled for MlpSmall's shapes
     * made the Mlp train at 75,000 samples/s instead of 165,000. The child gets this JVM's
     * flags and class path; it prints its progress to stderr and its figures as a RESULT line.
     */
    private String measureInOwnJvm(Path file) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench", file.toString(),
                "--measure-in-this-jvm", "--epochs", String.valueOf(epochs), "--reps", String.valueOf(reps), "--threads", String.valueOf(threads)));
        if (vector) command.add("--vector");
        if (data.dir != null) command.addAll(List.of("--data", data.dir.toString()));
        ProcessBuilder child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // Its stdout is a pipe to this JVM, its stderr this one's: the launcher's word on terminals holds for stderr only.
        child.environment().computeIfPresent(Environment.Terminals.VARIABLE, (name, streams) -> streams.replace("1", "").strip());
        return resultLine(child, "the measuring JVM");
    }

    /**
     * {@code ../shared/bench/torch_reference.py} beside the repository this nnc was built in
     * (its jar or classes lie under {@code target/}), wherever the command is run from.
     */
    private static Path defaultReference() {
        try {
            Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
                    return p.getParent().resolveSibling("shared").resolve("bench").resolve("torch_reference.py");
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working directory
        }
        return Path.of("..", "shared", "bench", "torch_reference.py");
    }

    private static final String OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-openmp";

    /** Runs the reference on the MNIST files nnc used and returns its RESULT line's JSON. */
    private String runReference(Path script, Path mnistDir, String model, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--model", model,
                "--threads", String.valueOf(threads), "--data", mnistDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Debian's torch is ~10× slower on its reference BLAS; OpenBLAS first, the user's paths kept after it.
        pb.environment().merge("LD_LIBRARY_PATH", OPENBLAS, (theirs, ours) -> ours + java.io.File.pathSeparator + theirs);
        return resultLine(pb, "the PyTorch reference");
    }

    /** Starts {@code pb} and returns the JSON of the last line it prints that starts with {@code RESULT}. */
    private static String resultLine(ProcessBuilder pb, String what) throws IOException {
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) result = line.substring(7);
            }
        }
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (result == null) {
            throw new IOException(what + " printed no RESULT line (" + (p.isAlive() ? "still running" : "exit " + p.exitValue()) + "): "
                    + pb.command());
        }
        return result;
    }

    private String report(List<Map<String, Object>> rows, boolean compared) {
        StringBuilder sb = new StringBuilder(TITLE);
        sb.append(MEASURED).append(String.join(" ", files.stream().map(Path::toString).toList()))
                .append(vector ? " --vector" : "").append(" --epochs ").append(epochs).append(" --threads ").append(threads)
                .append(reps != 5 ? " --reps " + reps : "").append(rounds > 1 ? " --rounds " + rounds : "").append(out != null ? " --out " + out : "").append("` on ").append(LocalDate.now())
                .append(", nnc ").append(NncVersion.get()).append(".\n\n");
        sb.append("Machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append("; JVM flags: ").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append(".\n\nnnc ran ").append(vector ? "the Vector API kernels (`--vector`) on " + threads + " thread(s)" : "the plain-loop kernels (no `--vector`) on one thread").append(epochs > 1 ? ". Training figures are the median of the epochs after the first (the training pass only);"
                        : ". Training figures are of the one epoch (the training pass only, the JIT's warm-up included: use --epochs 2 or more for steady figures);")
                .append(" inference is over the 10,000 test images (batch 1000), and one image at a time (batch 1) over 2,000 of them")
                .append(vector && threads > 1 ? ", on one thread" : "").append(".\n");
        if (compared) {
            // What differs between the two harnesses, so that nobody reads more into a ratio than it holds.
            sb.append("PyTorch ran `torch_reference.py` with ").append(threads).append(" thread(s), right after nnc on the same model;")
                    .append(" its batch-1 figure is over all 10,000 test images (3 repetitions), and it shuffles an epoch before")
                    .append(" starting its clock, while nnc's epoch time includes gathering each batch.\n");
        }
        sb.append("Each model was measured in a JVM of its own").append(compared ? ", as each PyTorch run is a process of its own" : "").append(".\n");
        if (rounds > 1) {
            sb.append("Each model was measured in ").append(rounds).append(" rounds, nnc then PyTorch in each; a figure is the median over the rounds,")
                    .append(" nnc / PyTorch the ratio of the two medians, and the last column gives nnc / PyTorch in each round.\n");
        }
        boolean many = rounds > 1 && compared;
        sb.append("\n| model | figure | nnc | PyTorch | nnc / PyTorch |").append(many ? " each round |" : "").append("\n|---|---|---|---|---|")
                .append(many ? "---|" : "").append("\n");
        for (Map<String, Object> row : rows) {
            String m = (String) row.get("model");
            line(sb, m, "training samples/s", row, "samples_per_s_median", "torch", "samples_per_s_median", 1, many);
            line(sb, m, "training GFLOP/s", row, "gflops_median", "torch", "gflops_median", 1, many);
            line(sb, m, "inference images/s (batch 1000)", row, "infer_images_per_s", "torchInfer", "infer_images_per_s", 1, many);
            line(sb, m, "inference images/s (batch 1)", row, "infer_batch1_images_per_s", "torchInfer1", "infer_images_per_s", 1, many);
            line(sb, m, "test accuracy after the run", row, "final_test_acc", "torch", "final_test_acc", 100, many);
            sb.append(String.format(Locale.ROOT, "| %s | peak heap / peak RSS (MB) | %.0f / %.0f | | |%s%n", m,
                    median(row, "nnc", "peak_heap_mb"), median(row, "nnc", "peak_rss_mb"), many ? " |" : ""));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String model, String what, Map<String, Object> row, String key,
                             String peer, String torchKey, double scale, boolean perRound) {
        double ours = scale * median(row, "nnc", key);
        Double median = median(row, peer, torchKey);
        Double theirs = median == null ? null : scale * median;
        sb.append(String.format(Locale.ROOT, "| %s | %s | %,.1f | %s | %s |%s%n", model, what, ours,
                theirs == null ? "" : String.format(Locale.ROOT, "%,.1f", theirs),
                theirs == null || theirs == 0 ? "" : String.format(Locale.ROOT, "%.2f×", ours / theirs),
                perRound ? " " + perRound(row, peer, key, torchKey) + " |" : ""));
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException ignored) {
            // not Linux: no CPU name
        }
        return Optional.ofNullable(System.getProperty("os.arch")).orElse("unknown CPU");
    }
}
