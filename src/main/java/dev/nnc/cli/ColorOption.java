package dev.nnc.cli;

import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code --color auto|always|never}, shared by every command that prints diagnostics. */
final class ColorOption {
    enum When {
        AUTO, ALWAYS, NEVER;

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Color diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "auto means only on a terminal and when NO_COLOR is not set).")
    When when = When.AUTO;

    /** For what goes to standard error: the diagnostics of every command but {@code check}. */
    boolean onStderr(Environment env) { return enabled(env, env.errConsole()); }

    /** For what goes to standard output: {@code check}'s diagnostics, {@code gradcheck}'s report. */
    boolean onStdout(Environment env) { return enabled(env, env.console()); }

    private boolean enabled(Environment env, boolean terminal) {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> terminal && !env.noColor();
        };
    }
}
