package dev.nnc.cli;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;

import java.util.Map;
import java.util.function.Function;

/**
 * What the CLI takes from the world besides its arguments, passed in so that tests can
 * run every command in-process with a fake checker, environment or terminal.
 *
 * @param compiler  the front end to run on each file; {@link NncCompiler#check} in production
 * @param variables the process environment ({@code NO_COLOR}, {@code NNC_DEBUG}, {@code COLUMNS}, {@code NNC_PROGRAM})
 * @param console    whether standard output is a terminal (and not a dumb one), for the live progress bar and
 *                   {@code --color auto} of what is printed there
 * @param errConsole whether standard error is one, for {@code --color auto} of the diagnostics printed there
 * @param stdin      standard input, which {@code nnc check -} reads (an editor's unsaved buffer)
 */
public record Environment(Function<SourceFile, CheckResult> compiler, Map<String, String> variables, boolean console,
                          boolean errConsole, java.util.function.Supplier<java.io.InputStream> stdin) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    /** Both streams on a terminal, or neither. */
    public Environment(Function<SourceFile, CheckResult> compiler, Map<String, String> variables, boolean console,
                       java.util.function.Supplier<java.io.InputStream> stdin) {
        this(compiler, variables, console, console, stdin);
    }

    /** Without standard input: it reads as empty. */
    public Environment(Function<SourceFile, CheckResult> compiler, Map<String, String> variables, boolean console) {
        this(compiler, variables, console, java.io.InputStream::nullInputStream);
    }

    public static Environment system() {
        Map<String, String> variables = System.getenv();
        // A dumb terminal (Emacs' shell, some CI pseudo-terminals) shows escapes and carriage returns as they are.
        boolean dumb = "dumb".equals(variables.get("TERM"));
        Terminals terminals = Terminals.of(variables.get(Terminals.VARIABLE), System.console() != null);
        return new Environment(NncCompiler::check, variables, terminals.out() && !dumb, terminals.err() && !dumb, () -> System.in);
    }

    /**
     * Which of standard output and error are terminals. Java cannot tell them apart ({@code System.console()}
     * needs standard input and output both on one), so the launcher, which can ({@code [ -t 1 ]}, {@code [ -t 2 ]}),
     * says so in {@code NNC_TTY}: the numbers of the streams that are, e.g. {@code "1 2"}, {@code "2"} or {@code ""}.
     */
    record Terminals(boolean out, boolean err) {
        static final String VARIABLE = "NNC_TTY";

        /** From the launcher's word, else (run with {@code java -jar}) both as {@code System.console()} says. */
        static Terminals of(String launcherSays, boolean javaConsole) {
            if (launcherSays == null || !launcherSays.matches("[12 ]*")) return new Terminals(javaConsole, javaConsole);
            return new Terminals(launcherSays.contains("1"), launcherSays.contains("2"));
        }
    }

    /**
     * How the user calls nnc, for the commands nnc prints: the launcher says ({@code ./nnc} when
     * run from the repository, {@code nnc} when it is on the PATH).
     */
    public String program() {
        String program = variables.get("NNC_PROGRAM");
        return program == null || program.isBlank() ? "nnc" : program;
    }

    /**
     * The terminal's width in columns, asked each time (the window may be resized): $COLUMNS
     * when exported, else {@code stty size} on the terminal, else 80.
     */
    public int columns() {
        try {
            int columns = Integer.parseInt(variables.getOrDefault("COLUMNS", "").trim());
            if (columns > 0) return columns;
        } catch (NumberFormatException notSet) {
            // ask the terminal
        }
        if (!console) return 80;
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().split("\\s+");
            if (stty.waitFor() == 0 && size.length == 2 && Integer.parseInt(size[1]) > 0) return Integer.parseInt(size[1]);
        } catch (java.io.IOException | NumberFormatException e) {
            // no stty, or no terminal to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** {@code NNC_DEBUG=1} (or any value but 0) asks for stack traces, like {@code --debug}. */
    public boolean debug() {
        String value = variables.get("NNC_DEBUG");
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** The no-color.org convention: set and not empty means no color. */
    public boolean noColor() {
        String value = variables.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }
}
