package dev.nnc.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders diagnostics for people, in the manner of rustc and Elm:
 *
 * <pre>
 * error[NN0102]: dense layer `fc1` expects 3163 inputs, but receives 3136
 *  --> bad/dense_in_mismatch.nn:9:13
 *   |
 * 9 |   dense fc1(3163 -> 128) relu
 *   |             ^^^^ declared here
 *   = note: flatten after `c2` delivers [64, 7, 7] = 3136 values
 *   = help: write `dense fc1(3136 -> 128)` or `dense fc1(128)` to infer it
 * </pre>
 *
 * A diagnostic without a span prints only its header, {@code --> path}, notes and help.
 * Diagnostics are printed in the order given (callers sort, see
 * {@link Diagnostics#sorted()}) and separated by a blank line. Without color the output
 * has no trailing whitespace and no platform-dependent bytes, so golden files can hold
 * it. The closing count line is {@link #summary}; the CLI decides whether to print it.
 */
public final class HumanRenderer implements DiagnosticRenderer {
    private final Ansi ansi;

    /** @param color whether to use ANSI colors (for a terminal; never in files or tests) */
    public HumanRenderer(boolean color) {
        this.ansi = new Ansi(color);
    }

    @Override
    public String render(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(this::render).collect(Collectors.joining("\n"));
    }

    /** One diagnostic, ending with a newline. */
    public String render(Diagnostic d) {
        List<Snippet> snippets = Snippet.of(d);
        int widest = snippets.stream().mapToInt(Snippet::maxLine).max().orElse(1);
        String pad = " ".repeat(Integer.toString(widest).length());
        Ansi.Tone tone = Ansi.Tone.of(d.severity());

        StringBuilder out = new StringBuilder();
        out.append(ansi.paint(tone, d.severity().word() + "[" + d.code() + "]"))
                .append(ansi.paint(Ansi.Tone.BOLD, ": " + Printable.of(d.message())))
                .append('\n');
        String where = Printable.of(d.span() != null ? d.span().location() : d.file());
        if (where != null) {
            out.append(pad).append(ansi.paint(Ansi.Tone.GUTTER, "-->")).append(' ').append(where).append('\n');
        }
        for (int i = 0; i < snippets.size(); i++) {
            Snippet snippet = snippets.get(i);
            boolean underArrow = i == 0 && d.span() != null;
            if (!underArrow) {
                // A label in another file (or under a span-less diagnostic) names its place itself.
                out.append(pad).append(ansi.paint(Ansi.Tone.GUTTER, ":::")).append(' ')
                        .append(Printable.of(snippet.first().location())).append('\n');
            }
            snippet.appendTo(out, pad, ansi, tone);
        }
        for (String note : d.notes()) appendChild(out, pad, "note", note);
        for (String help : d.help()) appendChild(out, pad, "help", help);
        return out.toString();
    }

    /**
     * The closing line for one checked file, or {@code ""} when there is nothing to say:
     * {@code error: could not check `x.nn`: 2 errors, 1 warning} or
     * {@code warning: `x.nn` generated 1 warning}. Ends with a newline.
     */
    public String summary(String file, List<Diagnostic> diagnostics) {
        String path = Printable.of(file);
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        if (errors > 0) {
            String counts = count(errors, "error") + (warnings > 0 ? ", " + count(warnings, "warning") : "");
            return ansi.paint(Ansi.Tone.ERROR, "error")
                    + ansi.paint(Ansi.Tone.BOLD, ": could not check `" + path + "`: " + counts) + "\n";
        }
        if (warnings > 0) {
            return ansi.paint(Ansi.Tone.WARNING, "warning")
                    + ansi.paint(Ansi.Tone.BOLD, ": `" + path + "` generated " + count(warnings, "warning")) + "\n";
        }
        return "";
    }

    private static String count(long n, String noun) { return n + " " + noun + (n == 1 ? "" : "s"); }

    /** {@code = note: text}, with the continuation lines of a long text aligned under it. */
    private void appendChild(StringBuilder out, String pad, String kind, String text) {
        String indent = " ".repeat(pad.length() + " = ".length() + kind.length() + ": ".length());
        out.append(ansi.paint(Ansi.Tone.GUTTER, pad + " ="))
                .append(' ').append(ansi.paint(Ansi.Tone.BOLD, kind + ":"))
                .append(' ').append(Printable.keepingLines(text).replace("\n", "\n" + indent))
                .append('\n');
    }
}
