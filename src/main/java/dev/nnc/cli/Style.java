package dev.nnc.cli;

/** The few ANSI colors the CLI itself uses; diagnostics are colored by their renderer. */
final class Style {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String BOLD_YELLOW = "\u001b[1;33m";
    private static final String BOLD_GREEN = "\u001b[1;32m";

    private final boolean enabled;

    private Style(boolean enabled) { this.enabled = enabled; }

    static Style of(boolean enabled) { return new Style(enabled); }

    /** A closing line in the color of its worst news: red for errors, yellow for warnings. */
    String summary(long errors, long warnings, String text) {
        if (!enabled) return text;
        String color = errors > 0 ? BOLD_RED : warnings > 0 ? BOLD_YELLOW : BOLD_GREEN;
        return color + text + RESET;
    }
}
