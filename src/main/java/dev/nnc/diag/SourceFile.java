package dev.nnc.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one .nn file and the name it is reported under (as the user wrote the path).
 * Knows where its lines start so that spans can be turned into line/column and snippets.
 */
public final class SourceFile {
    private final String path;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String path() { return path; }

    public String text() { return text; }

    public int lineCount() { return lineStarts.length; }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }

    /** A span from 0-based character offsets [start, end). */
    public Span span(int start, int end) {
        start = Math.max(0, Math.min(start, text.length()));
        end = Math.max(start, Math.min(end, text.length()));
        int line = lineOf(start);
        int endLine = lineOf(Math.max(start, end - 1));
        return new Span(this, start, end, line, start - lineStarts[line - 1] + 1,
                endLine, end - lineStarts[endLine - 1] + 1);
    }

    /** A span covering a whole 1-based line (used when only the line is known). */
    public Span lineSpan(int line) {
        int start = lineStarts[Math.max(0, Math.min(line, lineStarts.length) - 1)];
        return span(start, start + line(line).length());
    }

    private int lineOf(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    @Override
    public String toString() { return path; }
}
