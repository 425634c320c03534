package dev.nnc.robustness;

import dev.nnc.check.CheckResult;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.HumanRenderer;
import dev.nnc.diag.JsonRenderer;
import dev.nnc.diag.Label;
import dev.nnc.diag.SourceFile;
import dev.nnc.diag.Span;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every answer of the front end must satisfy, whatever the input: a model exactly when
 * there is no error, no blank message, every primary and secondary span inside the file (and
 * of that file), and diagnostics that the human and JSON renderers accept. Shared by
 * {@link MutatedModelsTest} (random mutants) and {@link FrontEndFuzzTest} (Jazzer).
 */
final class FrontEndInvariants {
    private FrontEndInvariants() {}

    /** Asserts the invariants of {@code r}, the result of checking {@code source}. */
    static void assertHold(SourceFile source, CheckResult r, Supplier<String> context) {
        assertEquals(r.hasErrors(), r.model().isEmpty(), () -> "a model exactly when there is no error: " + context.get());
        for (Diagnostic d : r.diagnostics()) {
            assertNotNull(d.message(), context);
            assertFalse(d.message().isBlank(), () -> "blank message: " + d + context.get());
            if (d.span() != null) assertInside(source, d.span(), d, context);
            for (Label l : d.secondary()) assertInside(source, l.span(), d, context);
        }
        try {
            new HumanRenderer(false).render(r.diagnostics());
            new JsonRenderer().render(r.diagnostics());
        } catch (RuntimeException e) {
            throw new AssertionError("rendering failed on " + context.get(), e);
        }
    }

    private static void assertInside(SourceFile source, Span span, Diagnostic d, Supplier<String> context) {
        int length = source.text().length();
        assertTrue(span.file() == source, () -> "span of another file: " + d + context.get());
        assertTrue(0 <= span.start() && span.start() <= span.end() && span.end() <= length,
                () -> "span " + span.start() + ".." + span.end() + " outside 0.." + length + ": " + d + context.get());
        assertTrue(span.line() >= 1 && span.line() <= span.endLine() && span.endLine() <= source.lineCount(),
                () -> "lines " + span.line() + ".." + span.endLine() + " of " + source.lineCount() + ": " + d + context.get());
        assertTrue(span.column() >= 1 && span.endColumn() >= 1, () -> "columns: " + d + context.get());
    }
}
