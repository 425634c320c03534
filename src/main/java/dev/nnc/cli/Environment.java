package dev.nnc.cli;

import dev.nnc.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;

import java.util.Map;
import java.util.function.Function;

/**
 * What the CLI takes from the world besides its arguments, passed in so that tests can
 * run every command in-process with a fake checker, environment or terminal.
 *
 * @param compiler  the front end to run on each file; {@link NncCompiler#check} in production
 * @param variables the process environment ({@code NO_COLOR}, {@code NNC_DEBUG})
 * @param console   whether a terminal is attached, for {@code --color auto}
 */
public record Environment(Function<SourceFile, CheckResult> compiler, Map<String, String> variables, boolean console) {
    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(NncCompiler::check, System.getenv(), System.console() != null);
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
