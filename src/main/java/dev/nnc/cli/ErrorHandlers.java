package dev.nnc.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * How the CLI fails. A usage error is picocli's message plus a hint, exit 2. Anything
 * unexpected is one line, exit 3: a user never sees a stack trace unless asked for one.
 */
final class ErrorHandlers {
    private ErrorHandlers() {}

    static final class Usage implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String message = ex instanceof UnmatchedArgumentException unmatched ? unmatched(unmatched, cmd, args)
                    : ex.getMessage().startsWith("Unknown subcommand '") // `nnc help frob`
                    ? unknownCommand(ex.getMessage().split("'")[1], root(cmd))
                    : plainTypes(asWritten(ex, args));
            err.println("nnc: " + message);
            dashFile(args).ifPresent(file -> err.println("hint: `" + file + "` is read as an option; for the file of that name write `./"
                    + file + "` (or put `--` before it)"));
            err.println("hint: run `" + cmd.getCommandSpec().qualifiedName() + " --help` for usage");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /**
     * An argument before any {@code --} that starts with a dash and names a file that is there, or a model
     * ({@code -weird.nn}): picocli takes it for an option (one it does not have, or it misses the file it was meant as).
     */
    static java.util.Optional<String> dashFile(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) break;
            if (arg.length() < 2 || !arg.startsWith("-") || arg.startsWith("--")) continue;
            try {
                if (arg.endsWith(".nn") || java.nio.file.Files.exists(java.nio.file.Path.of(arg))) return java.util.Optional.of(arg);
            } catch (java.nio.file.InvalidPathException notAPath) {
                // not a file name either
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * picocli names an option by its longest name: `compile -d` without a value was "Missing required parameter for
     * option '--output'". The name the user wrote is named instead.
     */
    static String asWritten(ParameterException ex, String[] args) {
        String message = ex.getMessage();
        if (!(ex instanceof picocli.CommandLine.MissingParameterException missing)) return message;
        for (var arg : missing.getMissing()) {
            if (!(arg instanceof picocli.CommandLine.Model.OptionSpec option)) continue;
            for (String name : option.names()) {
                if (!name.equals(option.longestName()) && Arrays.asList(args).contains(name)) {
                    return message.replace("'" + option.longestName() + "'", "'" + name + "'");
                }
            }
        }
        return message;
    }

    /** picocli names Java's types ("'1e30' is not an int"); a user knows numbers and their range. */
    static String plainTypes(String message) {
        return message.replace("' is not an int", "' is not a whole number (or is beyond 2147483647)")
                .replace("' is not a long", "' is not a whole number (or is beyond 9223372036854775807)")
                .replace("' is not a double", "' is not a number (such as 0.01 or 1e-3)")
                .replace("Error: Missing required argument (specify one of these): ", "Missing required option, one of: ")
                .replace("Error: Missing required argument(s): ", "Missing required option: ")
                .replaceFirst("^Error: ", "");
    }

    /**
     * An argument nothing takes, said by what it is: an unknown command (with the commands, and
     * the one meant if it is a slip: picocli offered `predict` for `frobnicate`), an unknown
     * option (picocli listed the file after it as an unknown option too), or one argument too many.
     */
    static String unmatched(UnmatchedArgumentException ex, CommandLine cmd, String[] args) {
        String first = ex.getUnmatched().get(0);
        String name = cmd.getCommandSpec().qualifiedName();
        java.util.List<String> given = Arrays.asList(args);
        boolean afterDashes = given.contains("--") && given.indexOf("--") < given.lastIndexOf(first);
        if (first.startsWith("-") && first.length() > 1 && !afterDashes) {
            String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (var o : cmd.getCommandSpec().options()) {
                for (String n : o.names()) {
                    if (n.startsWith("--")) names.add(n); // `-x` is a slip of any one letter: no guess among them
                    if (n.startsWith("--") && o.negatable()) names.add("--no-" + n.substring(2));
                }
            }
            return "unknown option `" + option + "` for `" + name + "`" + (option.startsWith("--")
                    ? dev.nnc.diag.Spelling.closest(option, names).map(o -> "; did you mean `" + o + "`?").orElse("") : "");
        }
        if (!cmd.getSubcommands().isEmpty()) return unknownCommand(first, cmd);
        return "unexpected argument `" + first + "`: `" + name + "` takes no more";
    }

    private static CommandLine root(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) root = root.getParent();
        return root;
    }

    /** {@code unknown command `trian`; did you mean `train`?}, or the list of commands when it is no slip. */
    private static String unknownCommand(String name, CommandLine root) {
        java.util.Set<String> commands = root.getSubcommands().keySet();
        return "unknown command `" + name + "`" + dev.nnc.diag.Spelling.closest(name, commands).map(c -> "; did you mean `" + c + "`?")
                .orElse("; the commands are " + String.join(", ", commands));
    }

    static final class Internal implements IExecutionExceptionHandler {
        private final Environment env;

        Internal(Environment env) { this.env = env; }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
            if (ex instanceof dev.nnc.runtime.JavaSourceCompiler.ClassTooLarge tooLarge) {
                // A limit of Java the model reaches, wherever a class is compiled (compile, train, eval, ...).
                cmd.getErr().println("error: " + tooLarge.getMessage());
                cmd.getErr().flush();
                return ExitCodes.DIAGNOSTICS;
            }
            if (ex instanceof dev.nnc.runtime.JavaSourceCompiler.BatchTooLarge
                    || ex instanceof dev.nnc.runtime.JavaSourceCompiler.NoJavaCompiler) {
                cmd.getErr().println("error: " + ex.getMessage());
                cmd.getErr().flush();
                return ExitCodes.USAGE;
            }
            Optional<OutOfMemoryError> heap = outOfMemory(ex);
            if (heap.isPresent()) return Main.outOfMemory(heap.get(), env, cmd.getErr(), parsed.originalArgs().toArray(String[]::new));
            return internal(ex, env.debug() || debugRequested(parsed), cmd.getErr());
        }
    }

    /** The OutOfMemoryError among {@code t}'s causes, if any: javac, for one, wraps it in errors of its own. */
    static Optional<OutOfMemoryError> outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError oom) return Optional.of(oom);
        }
        return Optional.empty();
    }

    static int internal(Throwable t, boolean debug, PrintWriter err) {
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : t.getMessage();
        if (debug) {
            t.printStackTrace(err);
            err.println("nnc: internal error: " + message);
        } else {
            err.println("nnc: internal error: " + message + " (run with --debug for details)");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** {@code --debug} may be written after any (sub)command: it is an inherited option. */
    static boolean debugRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) return true;
        }
        return false;
    }

    /** For failures before or outside parsing, when there is no parse result to ask. */
    static boolean debugRequested(String[] args) {
        return Arrays.asList(args).contains("--debug");
    }
}
