package dev.nnc.diag;

/**
 * The few terminal styles the human renderer uses, in rustc's scheme. When disabled
 * every call returns its text unchanged, so uncolored output stays byte-stable.
 */
final class Ansi {
    enum Tone {
        ERROR("\u001b[1;31m"),
        WARNING("\u001b[1;33m"),
        GUTTER("\u001b[1;34m"),
        BOLD("\u001b[1m");

        private final String escape;

        Tone(String escape) { this.escape = escape; }

        static Tone of(Severity severity) { return severity == Severity.ERROR ? ERROR : WARNING; }
    }

    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    Ansi(boolean enabled) { this.enabled = enabled; }

    String paint(Tone tone, String text) {
        return enabled && !text.isEmpty() ? tone.escape + text + RESET : text;
    }
}
