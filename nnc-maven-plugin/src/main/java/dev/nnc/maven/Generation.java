package dev.nnc.maven;

import dev.nnc.diag.Diagnostic;

import java.util.List;

/**
 * What one run of {@link IncrementalGenerator} did: the diagnostics of every model it
 * checked, the classes it generated and removed, the models it found up to date, and the
 * problems that are not about a model's source (two models defining one class, a file in
 * the way). {@code settingsChange} says what differs from the last build's generator
 * ("a new nnc, another package"), empty when nothing does. {@code notes}: what the build should
 * say besides (classes left where nnc deletes nothing).
 */
record Generation(List<Checked> checked, List<Generated> generated, List<Removed> removed,
                  int upToDate, List<String> problems, String settingsChange, List<String> notes) {

    Generation {
        checked = List.copyOf(checked);
        generated = List.copyOf(generated);
        removed = List.copyOf(removed);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Why a model was (re)generated. */
    enum Why {
        NEW("new"),
        FIXED("fixed"), // its errors, which kept it from having a class, are gone
        CHANGED("changed"),
        SETTINGS("for new settings"), // the summary says which: Generation.settingsChange
        MISSING("whose class was missing"),
        EDITED("whose class was edited on disk");

        final String words;

        Why(String words) { this.words = words; }
    }

    record Checked(ModelFiles.Model model, List<Diagnostic> diagnostics) {
        Checked {
            diagnostics = List.copyOf(diagnostics);
        }

        long errors() { return diagnostics.stream().filter(Diagnostic::isError).count(); }

        long warnings() { return diagnostics.size() - errors(); }
    }

    /** A class generated from {@code model}; {@code written} is false when the file on disk already said the same. */
    record Generated(ModelFiles.Model model, String javaFile, Why why, boolean written) {}

    /**
     * A class that no model generates any more, deleted; {@code because} says why. {@code file}: the
     * deleted class, absolute (it may lie in a previous build's output directory).
     */
    record Removed(java.nio.file.Path file, String because) {}

    long errors() { return checked.stream().mapToLong(Checked::errors).sum() + problems.size(); }

    long warnings() { return checked.stream().mapToLong(Checked::warnings).sum(); }
}
