package dev.nnc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source lines of one file that a diagnostic points into, with the markers drawn
 * under them: {@code ^} for the primary span, {@code -} for secondary labels.
 *
 * <p>Layout rules, kept deliberately simpler than rustc's: each marker gets its own
 * line under its source line (no vertical-bar art); a span running over several lines
 * is marked from its start to the end of its first line; lines between two shown lines
 * are printed when there is exactly one, and elided as {@code ...} when there are more.
 * Tabs are shown as four spaces, in the source and in the marker offsets alike.
 */
record Snippet(SourceFile file, List<Snippet.Mark> marks) {

    record Mark(Span span, boolean primary, String label) {
        int line() { return span.line(); }
    }

    private static final String TAB = "    ";

    /** Longer source lines are cut to a window around their markers, marked with {@code ...}. */
    static final int MAX_LINE = 120;
    private static final int CONTEXT_BEFORE = 40;
    private static final String ELLIPSIS = "...";

    /** One snippet per file, the primary span's file first, then in label order. */
    static List<Snippet> of(Diagnostic d) {
        // SourceFile keeps identity equality: two objects are two texts, even with one path.
        Map<SourceFile, List<Mark>> byFile = new LinkedHashMap<>();
        if (d.span() != null) {
            byFile.computeIfAbsent(d.span().file(), f -> new ArrayList<>()).add(new Mark(d.span(), true, d.label()));
        }
        for (Label l : d.secondary()) {
            byFile.computeIfAbsent(l.span().file(), f -> new ArrayList<>()).add(new Mark(l.span(), false, l.message()));
        }
        List<Snippet> snippets = new ArrayList<>();
        byFile.forEach((file, marks) -> snippets.add(new Snippet(file, List.copyOf(marks))));
        return snippets;
    }

    int maxLine() { return marks.stream().mapToInt(Mark::line).max().orElse(1); }

    /** Where the snippet starts, for a {@code :::} header. */
    Span first() { return marks.stream().min(Comparator.comparingInt(m -> m.span().start())).orElseThrow().span(); }

    void appendTo(StringBuilder out, String pad, Ansi ansi, Ansi.Tone primaryTone) {
        out.append(ansi.paint(Ansi.Tone.GUTTER, pad + " |")).append('\n');
        List<Integer> lines = marks.stream().map(Mark::line).distinct().sorted().toList();
        int previous = 0;
        for (int line : lines) {
            if (previous > 0 && line - previous == 2) {
                appendSource(out, pad, ansi, previous + 1);
            } else if (previous > 0 && line - previous > 2) {
                out.append(ansi.paint(Ansi.Tone.GUTTER, "...")).append('\n');
            }
            appendSource(out, pad, ansi, line);
            marks.stream()
                    .filter(m -> m.line() == line)
                    .sorted(Comparator.comparingInt((Mark m) -> m.span().column()).thenComparing(m -> !m.primary()))
                    .forEach(m -> appendMarker(out, pad, ansi, m, primaryTone));
            previous = line;
        }
    }

    /** The part [start, end) of a line's characters that is shown. */
    private record Window(int start, int end, int length) {
        String prefix() { return start > 0 ? ELLIPSIS : ""; }

        String suffix() { return end < length ? ELLIPSIS : ""; }
    }

    private Window window(int line) {
        String raw = file.line(line);
        if (raw.length() <= MAX_LINE) return new Window(0, raw.length(), raw.length());
        int first = marks.stream().filter(m -> m.line() == line)
                .mapToInt(m -> clamp(m.span().column() - 1, raw.length())).min().orElse(0);
        int start = Math.max(0, Math.min(first - CONTEXT_BEFORE, raw.length() - MAX_LINE));
        // The primary mark is always in view: when the marks are too far apart for one window, it gets the window.
        int primary = marks.stream().filter(m -> m.line() == line && m.primary())
                .mapToInt(m -> clamp(m.span().column() - 1, raw.length())).findFirst().orElse(-1);
        if (primary >= 0 && primary >= start + MAX_LINE - ELLIPSIS.length() - 8) {
            start = Math.max(0, Math.min(primary - CONTEXT_BEFORE, raw.length() - MAX_LINE));
        }
        if (start > 0 && Character.isLowSurrogate(raw.charAt(start))) start--;
        int end = Math.min(raw.length(), start + MAX_LINE);
        return new Window(start, end, raw.length());
    }

    private void appendSource(StringBuilder out, String pad, Ansi ansi, int line) {
        String number = Integer.toString(line);
        String gutter = " ".repeat(Math.max(0, pad.length() - number.length())) + number + " |";
        Window w = window(line);
        String raw = file.line(line);
        String text = (w.prefix() + visible(raw.substring(w.start(), w.end())) + w.suffix()).stripTrailing();
        out.append(ansi.paint(Ansi.Tone.GUTTER, gutter));
        if (!text.isEmpty()) out.append(' ').append(text);
        out.append('\n');
    }

    private void appendMarker(StringBuilder out, String pad, Ansi ansi, Mark mark, Ansi.Tone primaryTone) {
        String raw = file.line(mark.line());
        Span span = mark.span();
        Window w = window(mark.line());
        int at = clamp(span.column() - 1, raw.length());
        if (at < w.start() || at >= w.end() && w.end() < raw.length()) {
            // A label out of view (the primary mark has the window): said with its column, not drawn at the edge.
            String marker = (mark.primary() ? "^" : "-") + " " + (mark.label().isEmpty() ? "" : mark.label() + " ")
                    + "(column " + span.column() + ", out of view)";
            out.append(ansi.paint(Ansi.Tone.GUTTER, pad + " |")).append(' ')
                    .append(ansi.paint(mark.primary() ? primaryTone : Ansi.Tone.GUTTER, marker)).append('\n');
            return;
        }
        int from = Math.max(w.start(), at);
        int to = span.endLine() == span.line() ? clamp(span.column() - 1 + (span.end() - span.start()), raw.length()) : raw.length();
        to = Math.min(to, w.end());
        int indent = w.prefix().length() + width(raw, w.start(), Math.min(from, w.end()));
        int length = Math.max(1, width(raw, from, Math.max(from, to)));
        String marker = (mark.primary() ? "^" : "-").repeat(length) + (mark.label().isEmpty() ? "" : " " + mark.label());
        out.append(ansi.paint(Ansi.Tone.GUTTER, pad + " |"))
                .append(' ').append(" ".repeat(indent))
                .append(ansi.paint(mark.primary() ? primaryTone : Ansi.Tone.GUTTER, marker))
                .append('\n');
    }

    private static int clamp(int index, int max) { return Math.max(0, Math.min(index, max)); }

    /**
     * The line as printed: tabs expanded, and other control characters replaced so that a
     * hostile file cannot send escape sequences to the terminal through a snippet.
     */
    static String visible(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\t') sb.append(TAB);
            else if (Printable.isControl(c)) sb.append('\uFFFD');
            else sb.append(c);
        }
        return sb.toString();
    }

    /** Columns taken by raw[from, to) once made {@link #visible}; a surrogate pair is one column. */
    static int width(String raw, int from, int to) {
        int columns = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '\t') columns += TAB.length();
            else if (!Character.isLowSurrogate(c)) columns += cells(raw.codePointAt(i));
        }
        return columns;
    }

    /**
     * Terminal cells of a character: two for the wide ones (CJK, Hangul, full-width forms, emoji),
     * as terminals draw them, so that a caret after a comment in Chinese or an emoji still points
     * at its place. The main East Asian Wide ranges, not all of Unicode's width table.
     */
    static int cells(int codePoint) {
        boolean wide = codePoint >= 0x1100 && codePoint <= 0x115F || codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F
                || codePoint >= 0xAC00 && codePoint <= 0xD7A3 || codePoint >= 0xF900 && codePoint <= 0xFAFF
                || codePoint >= 0xFE30 && codePoint <= 0xFE4F || codePoint >= 0xFF00 && codePoint <= 0xFF60
                || codePoint >= 0xFFE0 && codePoint <= 0xFFE6 || codePoint >= 0x1F300 && codePoint <= 0x1F64F
                || codePoint >= 0x1F900 && codePoint <= 0x1F9FF || codePoint >= 0x20000 && codePoint <= 0x3FFFD;
        return wide ? 2 : 1;
    }
}
