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

    boolean enabled(Environment env) {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> env.console() && !env.noColor();
        };
    }
}
