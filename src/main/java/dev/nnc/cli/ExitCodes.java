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
    /** 128 + SIGINT, as shells report Ctrl-C (the launcher passes it to the JVM as SIGTERM and reports this). */
    static final int STOPPED_BY_CTRL_C = 130;
    /** 128 + SIGTERM. */
    static final int STOPPED_BY_TERM = 143;

    /**
     * The same facts for {@code command}'s {@code --help}, in order, each as that command can reach it:
     * only {@code check} has {@code --strict}, and only the commands that take folders skip one without models.
     */
    static Map<String, String> help(String command) {
        String errors = switch (command) {
            case "" -> "errors found (or warnings, with check --strict)";
            case "check" -> "errors found (or warnings, with --strict)";
            case "train" -> "errors in the model, a model MNIST cannot feed, or training diverged (a loss not finite)";
            case "eval", "predict", "bench" -> "errors in the model, or a model MNIST cannot feed";
            case "compile" -> "errors in a model (the classes of the others are written all the same)";
            case "gradcheck" -> "errors in the model, a gradient above the tolerance, or a model without a loss (nothing to check)";
            default -> "errors in the model";
        };
        boolean folders = command.isEmpty() || command.equals("check") || command.equals("compile");
        Map<String, String> help = new LinkedHashMap<>();
        help.put(" " + OK, switch (command) {
            case "gradcheck" -> "every checked gradient within the tolerance";
            case "train", "bench", "eval", "predict", "explain", "help" -> "done";
            default -> "no errors";
        });
        // explain: a code that is not nnc's is a usage problem; help reads no model.
        if (!command.equals("explain") && !command.equals("help")) help.put(" " + DIAGNOSTICS, errors);
        help.put(" " + USAGE, command.equals("explain") ? "usage problem: a bad option or argument, a code that is not nnc's, output that cannot be written"
                : command.equals("help") ? "usage problem: a command nnc does not have"
                : "usage or I/O problem: bad option, missing or unreadable file" + (folders ? ", directory without .nn files" : "")
                + switch (command) {
                    case "compile" -> ", a file of yours where a class would be written";
                    case "train" -> ", settings that cannot train (early stopping without a validation split)";
                    default -> "";
                } + ", too little memory (the message says how to give more)");
        help.put(" " + INTERNAL, "internal error in nnc (a bug; --debug shows the stack trace)");
        if (command.equals("train")) {
            help.put(STOPPED_BY_CTRL_C + "", "stopped by Ctrl-C (" + STOPPED_BY_TERM + " by kill): the run folder keeps its last"
                    + " checkpoint, and the message says how to resume");
        }
        return help;
    }
}
