package dev.nnc.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code nnc} exits with. Scripts and CI match on these, so they never change:
 * 1 means "your model is wrong", 2 "nnc could not do what you asked", 3 "nnc is wrong".
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The model has errors, or warnings under {@code --strict}. */
    public static final int DIAGNOSTICS = 1;
    /** Bad command line, or a path that cannot be read. */
    public static final int USAGE = 2;
    /** An unexpected exception: a bug in nnc. */
    public static final int INTERNAL = 3;

    /** The same facts for {@code --help}, in order. */
    static Map<String, String> help() {
        Map<String, String> help = new LinkedHashMap<>();
        help.put(" " + OK, "no errors");
        help.put(" " + DIAGNOSTICS, "errors found (or warnings, with --strict)");
        help.put(" " + USAGE, "usage or I/O problem: bad option, missing or unreadable file, directory without .nn files");
        help.put(" " + INTERNAL, "internal error in nnc (a bug; --debug shows the stack trace)");
        return help;
    }
}
