package dev.nnc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code nnc}: the command line. Thin on purpose: it parses options, calls
 * {@link dev.nnc.NncCompiler} through {@link Environment#compiler()}, and prints.
 */
@Command(name = "nnc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "A compiler for neural networks on the JVM: checks the shapes of .nn models (every problem with "
            + "its file, line and column), generates Java classes from them and trains them on MNIST."},
        footer = {"%nRun `nnc COMMAND --help` for the options of one command."})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an internal error (or set NNC_DEBUG=1).")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<String> commands = List.copyOf(spec.subcommands().keySet());
        throw new ParameterException(spec.commandLine(), "missing a command: " + String.join(", ", commands.subList(0, commands.size() - 1))
                + " or " + commands.get(commands.size() - 1));
    }

    /** The whole command tree, wired to {@code env}, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(Environment env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new CheckCommand(env))
                .addSubcommand(new SummaryCommand(env))
                .addSubcommand(new IrCommand(env))
                .addSubcommand(new CompileCommand(env))
                .addSubcommand(new GradcheckCommand(env))
                .addSubcommand(new TrainCommand(env))
                .addSubcommand(new EvalCommand(env))
                .addSubcommand(new PredictCommand(env))
                .addSubcommand(new BenchCommand(env))
                .addSubcommand(new ExplainCommand(env))
                .addSubcommand("help", new CommandLine.HelpCommand()); // `nnc help train`, as git and cargo take it
        cli.setCommandName(env.program()); // usage and hints name nnc as it was called (`./nnc check --help`)
        cli.registerConverter(OutputFormat.class, lowerCase(OutputFormat.class));
        cli.registerConverter(IrWriter.Format.class, lowerCase(IrWriter.Format.class));
        cli.registerConverter(ColorOption.When.class, lowerCase(ColorOption.When.class));
        cli.registerConverter(dev.nnc.codegen.Precision.class, lowerCase(dev.nnc.codegen.Precision.class));
        // Decimal numbers only: Java's own parsing took `0.01f`, `0.1d` and `0x1p-3` (but not `0x10`). Infinity and NaN pass,
        // for each option's range check to say what it takes.
        // One converter object for both: two method references to one method crash JDK 17.0.15's class-data
        // archiving (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), which the launcher records.
        ITypeConverter<Double> decimal = Main::decimal;
        cli.registerConverter(Double.class, decimal);
        cli.registerConverter(Double.TYPE, decimal);
        cli.registerConverter(MeanStd.class, MeanStd::parse);
        // An empty path (--out '', an unset variable in a script) would be the current directory, silently.
        cli.registerConverter(java.nio.file.Path.class, value -> {
            if (value.isBlank()) throw new TypeConversionException("a path is needed, found an empty one");
            return java.nio.file.Path.of(value);
        });
        for (CommandLine command : Stream.concat(Stream.of(cli), cli.getSubcommands().values().stream()).toList()) {
            String name = command == cli ? "" : command.getCommandName();
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help(name));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new ErrorHandlers.Usage());
        cli.setExecutionExceptionHandler(new ErrorHandlers.Internal(env));
        return cli;
    }

    /** A decimal number as an option's value, or the reason it is not one. */
    static double decimal(String value) {
        if (!DECIMAL.matcher(value.strip()).matches()) {
            throw new TypeConversionException("'" + value + "' is not a number (such as 0.01 or 1e-3)");
        }
        return Double.parseDouble(value.strip());
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN");

    /** Enum options are written as the help shows them (lower case), in any case. */
    private static <E extends Enum<E>> ITypeConverter<E> lowerCase(Class<E> type) {
        return value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.toString().equalsIgnoreCase(value)) return constant;
            }
            throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + ", found '" + value + "'");
        };
    }

    /** Runs one command line in-process and returns the exit code; never throws. */
    public static int run(Environment env, PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(env, out, err).execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(e, env, err, args);
        } catch (Throwable t) {
            // Errors (StackOverflowError, OutOfMemoryError) pass picocli's handlers by design; one that a library wrapped
            // (javac's "could not be instantiated" around it) is still the heap's.
            Optional<OutOfMemoryError> heap = ErrorHandlers.outOfMemory(t);
            if (heap.isPresent()) return outOfMemory(heap.get(), env, err, args);
            return ErrorHandlers.internal(t, env.debug() || ErrorHandlers.debugRequested(args), err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Not a bug: a model or batch too big for the heap this JVM was given. Says how much more the machine can give. */
    static int outOfMemory(OutOfMemoryError e, Environment env, PrintWriter err, String... args) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        err.println("nnc: out of memory (" + e.getMessage() + "; the heap holds at most " + heapMb + " MB): "
                + heapAdvice(heapMb, machineMb(), env, args));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The memory of this machine, or of the container it runs in, in MB; -1 if the JVM cannot tell. */
    private static long machineMb() {
        try {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os.getTotalMemorySize() / (1024 * 1024);
        } catch (RuntimeException | LinkageError unknown) {
            return -1;
        }
    }

    /**
     * What to do after running out of a heap of {@code heapMb} on a machine (or container) of {@code machineMb}
     * (-1: unknown): a heap twice as large, if the machine has room for it beside the JVM's own needs (three
     * quarters of its memory), else as much as it has; a fixed 4 GB got a training killed by a 1 GB container.
     */
    static String heapAdvice(long heapMb, long machineMb, Environment env, String... args) {
        String command = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        String batch = command.equals("train") || command.equals("bench") ? " (in training, a smaller --batch needs less too)" : "";
        long want = roundUp(Math.max(2 * heapMb, heapMb + 256));
        long room = machineMb <= 0 ? Long.MAX_VALUE : machineMb * 3 / 4 / 64 * 64;
        if (want <= room) return "give the JVM more, e.g. " + withMoreHeap(env, size(want), args) + batch;
        if (room > heapMb * 11 / 10 + 64) { // the heap the JVM reports lies some 3% under its -Xmx: room for more than that
            return "give the JVM more, up to about three quarters of the " + machineMb + " MB this machine (or container) has, e.g. "
                    + withMoreHeap(env, size(room), args) + batch;
        }
        return "this machine (or container) has " + machineMb + " MB, and the heap already takes " + heapMb + " MB of it;"
                + " nnc needs more memory than it can give" + (batch.isEmpty() ? "" : ": a smaller --batch needs less");
    }

    private static long roundUp(long mb) { return (mb + 63) / 64 * 64; }

    /** 512m, 2g: what -Xmx takes. */
    private static String size(long mb) { return mb % 1024 == 0 ? mb / 1024 + "g" : mb + "m"; }

    /**
     * The command run again with a larger heap ({@code size}, as -Xmx takes it: 512m, 2g): through the
     * launcher's NNC_JAVA_OPTS, as the user called it; without the launcher (no NNC_PROGRAM), the JVM's own flag.
     */
    static String withMoreHeap(Environment env, String size, String... args) {
        String again = Arrays.stream(args).map(dev.nnc.runtime.train.Shell::quote).collect(Collectors.joining(" "));
        // The user's own NNC_JAVA_OPTS are kept, their -Xmx replaced.
        String own = env.variables().getOrDefault("NNC_JAVA_OPTS", "").replaceAll("(^|\\s)-Xmx\\S*", " ").trim();
        String opts = (own.isEmpty() ? "" : own + " ") + "-Xmx" + size;
        return env.variables().containsKey("NNC_PROGRAM")
                ? "NNC_JAVA_OPTS=" + dev.nnc.runtime.train.Shell.quote(opts) + " " + env.program() + (again.isEmpty() ? "" : " " + again)
                : "java -Xmx" + size + " ... (the flag of the java command that ran nnc)";
    }

    public static void main(String[] args) {
        // nnc never opens a window: AWT (the run folder's pictures, reading a PNG) must not look for a screen.
        System.setProperty("java.awt.headless", "true");
        // Numbers read the same in every locale (nnc's own formats say Locale.ROOT; this covers the libraries':
        // the confusion matrix's counts were 1.015 under de_DE).
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, java.util.Locale.ROOT);
        // UTF-8 whatever the locale says: diagnostics quote source text, which is UTF-8.
        WriteFailure stdout = new WriteFailure(new FileOutputStream(FileDescriptor.out), WriteFailure::stdoutTarget);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        exitWithTheLauncher(System.getenv("NNC_LAUNCHER_PID"));
        int status = run(Environment.system(), out, err, args);
        System.exit(stdout.checked(status, err));
    }

    /**
     * Standard output that remembers why a write failed: a PrintWriter swallows it, and `nnc ir m.nn > /dev/full`
     * exited 0 with the output lost. A closed pipe (`| head -1`) is the reader's choice, not a failure.
     */
    static final class WriteFailure extends java.io.FilterOutputStream {
        private volatile String failure;
        /** What the stream writes to, as {@link #stdoutTarget} tells it for file descriptor 1. */
        private final java.util.function.Supplier<java.util.Optional<String>> target;

        WriteFailure(java.io.OutputStream out, java.util.function.Supplier<java.util.Optional<String>> target) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                throw remembered(e);
            }
        }

        @Override
        public void write(int b) throws java.io.IOException { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void flush() throws java.io.IOException {
            try {
                out.flush();
            } catch (java.io.IOException e) {
                throw remembered(e);
            }
        }

        /** The first failure's reason is what {@link #checked} reports. */
        private java.io.IOException remembered(java.io.IOException e) {
            if (failure == null) failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return e;
        }

        /** {@code status}, or 2 with the reason when the output could not be written. */
        int checked(int status, PrintWriter err) {
            if (failure == null || readerGone(failure, target.get())) return status;
            err.println("nnc: could not write the output: " + failure);
            err.flush();
            return ExitCodes.USAGE;
        }

        /**
         * A pipe whose reader stopped reading: the message is the C library's, in the user's language ("Broken pipe",
         * "Datenübergabe unterbrochen"), so what standard output is decides too: a pipe or a socket only fails so.
         */
        static boolean readerGone(String failure, java.util.Optional<String> stdoutTarget) {
            return failure.toLowerCase(java.util.Locale.ROOT).contains("broken pipe")
                    || stdoutTarget.filter(t -> t.startsWith("pipe:") || t.startsWith("socket:")).isPresent();
        }

        /** What file descriptor 1 is on Linux ("pipe:[123]", "/dev/full"); empty elsewhere. */
        static java.util.Optional<String> stdoutTarget() {
            try {
                return java.util.Optional.of(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString());
            } catch (java.io.IOException | RuntimeException noProc) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * The ./nnc launcher passes signals on to this JVM, but one it cannot catch ({@code kill -9} of the
     * script, the OOM killer) would leave the JVM training on its own, out of the user's sight. So
     * when the launcher that started us is gone, so are we, as if stopped (exit status 128 + SIGTERM):
     * the shutdown hooks run, and a training run says how to resume. Gone means no longer among our
     * ancestors: a killed launcher stays a zombie until its own parent reaps it, and looks alive, but
     * its children pass to another parent at once. Ancestors, not the parent: a JVM that an nnc
     * command starts in turn (a benchmark's) inherits the variable and lives under the launcher too.
     * Checked at once (the launcher may die while the JVM starts) and every half second after.
     */
    private static void exitWithTheLauncher(String launcherPid) {
        long pid;
        try {
            pid = launcherPid == null ? -1 : Long.parseLong(launcherPid.trim());
        } catch (NumberFormatException notOurs) {
            return;
        }
        if (pid <= 1) return;
        Thread watch = new Thread(() -> {
            int away = 0; // twice in a row: one failed read of /proc is no reason to stop
            while (true) {
                away = launcherAbove(pid) ? 0 : away + 1;
                if (away == 2) break;
                try {
                    Thread.sleep(away == 1 ? 50 : 500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(143);
        }, "nnc-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Whether process {@code pid} is this one's parent, or its parent's, and so on up. */
    private static boolean launcherAbove(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; p.isPresent() && depth < 64; depth++) {
            if (p.get().pid() == pid) return true;
            p = p.get().parent();
        }
        return false;
    }
}
