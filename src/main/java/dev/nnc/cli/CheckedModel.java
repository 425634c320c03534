package dev.nnc.cli;

import dev.nnc.check.CheckResult;
import dev.nnc.Sources;
import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.HumanRenderer;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;
import dev.nnc.ir.SourceRef;
import dev.nnc.ir.Model;
import dev.nnc.runtime.data.DataException;
import dev.nnc.runtime.data.Mnist;
import dev.nnc.runtime.data.MnistLocator;
import dev.nnc.runtime.train.MnistFit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The common start of the commands that work on one checked model ({@code summary},
 * {@code ir}, {@code train}, ...): read and check the file, show its diagnostics on stderr
 * (stdout is for the command's own output), then hand over the model if there was no error.
 */
final class CheckedModel {
    private CheckedModel() {}

    static int with(Path file, Environment env, PrintWriter err, boolean color, ToIntFunction<Model> action) {
        return withSource(file, env, err, color, (model, source) -> action.applyAsInt(model));
    }

    /** Like {@link #with}, also handing over the source text (training keeps it and hashes it). */
    static int withSource(Path file, Environment env, PrintWriter err, boolean color, BiFunction<Model, String, Integer> action) {
        return withSource(file, env, err, color, d -> true, action);
    }

    /** {@code shown}: which of the model's diagnostics to show (errors stop the command whether shown or not). */
    private static int withSource(Path file, Environment env, PrintWriter err, boolean color, Predicate<Diagnostic> shown,
                                  BiFunction<Model, String, Integer> action) {
        Sources.Loaded loaded = Sources.load(file);
        if (loaded instanceof Sources.Loaded.Failed failed) {
            err.print(new TextReport(color).add(file.toString(), List.of(failed.diagnostic())));
            return failed.reason().unreadable() ? ExitCodes.USAGE : ExitCodes.DIAGNOSTICS;
        }
        Sources.Loaded.Text text = (Sources.Loaded.Text) loaded;
        CheckResult result = env.compiler().apply(text.file());
        err.print(new TextReport(color).add(file.toString(),
                result.diagnostics().stream().filter(d -> d.isError() || shown.test(d)).toList()));
        err.flush();
        if (result.hasErrors()) return ExitCodes.DIAGNOSTICS;
        Model model = result.model().orElseThrow(() -> new IllegalStateException(
                "the checker returned neither a model nor an error for `" + file + "`"));
        return action.apply(model, text.file().text());
    }

    /** A failure of the user's setup (data, files, kernels) as one line, exit 2: what the commands that train or evaluate share. */
    static int usageError(PrintWriter err, Exception e) {
        err.println("error: " + (e instanceof IOException io ? IoMessages.of(io) : e.getMessage()));
        return ExitCodes.USAGE;
    }

    /** Like {@link #withSource}, for the commands that need a model MNIST can feed (train, bench). */
    static int withMnistModel(Path file, Environment env, PrintWriter err, boolean color, BiFunction<Model, String, Integer> action) {
        return withMnistModel(file, env, err, color, d -> true, "be trained on MNIST", action);
    }

    /**
     * Like {@link #withMnistModel} for the commands that use trained weights (eval, predict): the
     * model's warnings were shown when it was checked and trained, and would precede every answer.
     */
    static int withTrainedMnistModel(Path file, Environment env, PrintWriter err, boolean color, String use,
                                     BiFunction<Model, String, Integer> action) {
        return withMnistModel(file, env, err, color, Diagnostic::isError, use, action);
    }

    /**
     * {@code shown}: which warnings to show (train leaves out those its options settle); {@code use}:
     * what the model cannot do if MNIST does not fit it, after "cannot" ("be evaluated on MNIST").
     */
    static int withMnistModel(Path file, Environment env, PrintWriter err, boolean color, Predicate<Diagnostic> shown,
                              String use, BiFunction<Model, String, Integer> action) {
        return withSource(file, env, err, color, shown, (model, source) -> {
            List<MnistFit.Problem> unfit = MnistFit.problems(model);
            if (!unfit.isEmpty()) {
                SourceFile text = new SourceFile(file.toString(), source);
                List<Diagnostic> diagnostics = unfit.stream()
                        .map(p -> Diagnostic.at(Code.NN0305, statementAt(text, p.where()), p.message()).label(p.label()).help(p.help()).build())
                        .toList();
                HumanRenderer renderer = new HumanRenderer(color);
                err.print(renderer.render(diagnostics));
                err.println();
                err.println("error: `" + file + "` cannot " + use + ": " + diagnostics.size()
                        + (diagnostics.size() == 1 ? " error" : " errors") + " (the model itself is valid: nnc check finds none)");
                return ExitCodes.DIAGNOSTICS;
            }
            return action.apply(model, source);
        });
    }

    /**
     * The statement that starts at {@code at}: to the end of its line, or to a comment or brace
     * before it ({@code model T { input [10]} marks only {@code T}), without trailing blanks.
     */
    private static Span statementAt(SourceFile text, SourceRef at) {
        String line = text.line(at.line());
        int from = Math.min(Math.max(0, at.column() - 1), line.length());
        int to = line.length();
        for (String end : List.of("#", "//", "/*", "{", "}")) {
            int i = line.indexOf(end, from);
            if (i >= 0) to = Math.min(to, i);
        }
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) to--;
        int start = text.lineSpan(at.line()).start();
        return text.span(start + from, start + Math.max(to, from + 1));
    }

    /** Only MNIST's test set, found the same way (evaluation needs nothing else). */
    static dev.nnc.runtime.data.Dataset mnistTest(Path data, PrintWriter err) throws DataException {
        return locator(data, err).loadTest();
    }

    /** MNIST from --data, $NNC_DATA or the cache (fetched once), with progress lines on stderr. */
    static Mnist mnist(Path data, PrintWriter err) throws DataException {
        return locator(data, err).load();
    }

    private static MnistLocator locator(Path data, PrintWriter err) {
        return MnistLocator.standard(data, line -> {
            err.println(line);
            err.flush();
        });
    }
}
