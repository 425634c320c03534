package dev.nnc.diag;

/**
 * Text a terminal prints as it is: control characters written as escapes ({@code \n},
 * {@code \e}, {@code \x07}, {@code \u009b}), in the manner of {@code ls -b}. A file name may hold
 * any of them, and printed raw a newline forges a diagnostic line that problem matchers pick up, an
 * escape (or the one-character CSI, U+009B) recolors the terminal, a line or paragraph separator
 * breaks the line for some readers. The JSON and SARIF documents escape by their own rules.
 */
public final class Printable {
    private Printable() {}

    public static String of(String s) { return escape(s, false); }

    /** The same, keeping line breaks: for notes and help, whose continuation lines are laid out by the renderer. */
    public static String keepingLines(String s) { return escape(s, true); }

    private static String escape(String s, boolean keepLines) {
        if (s == null || s.chars().noneMatch(Printable::isControl)) return s;
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' && keepLines) out.append(c);
            else if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c == '\t') out.append("\\t");
            else if (c == 0x1b) out.append("\\e");
            else if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", (int) c));
            else if (isControl(c)) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the line and paragraph separators. */
    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
