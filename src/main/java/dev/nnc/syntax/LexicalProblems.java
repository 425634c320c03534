package dev.nnc.syntax;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Span;
import dev.nnc.syntax.antlr.NnLexer;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Problems visible in the token list alone, found before parsing: bad characters and
 * names, strings, unclosed comments, unreadable numbers, and input so deeply nested or
 * so long that the parser (and every later stage, which recurses over the tree) must not
 * see it. Unlike syntax errors, all of them are reported, up to a cap.
 */
final class LexicalProblems {
    /** More problems than this are counted but not shown: a binary file would produce thousands. */
    static final int MAX_REPORTED = 20;
    /** Sizes are short products such as {@code 7*7*64}; longer chains only threaten the recursion. */
    static final int MAX_OPERATORS = 100;
    /** Digits beyond this are never meaningful for a size or a weight, and BigDecimal parsing is quadratic. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** After this many problems the rest of the file is not examined (lexing 10 MB of binary takes seconds). */
    static final int MAX_COUNTED = 10 * MAX_REPORTED;

    private final AstBuilder spans;
    private final List<Diagnostic.Builder> found = new ArrayList<>();
    private int count;
    private boolean stopped;
    private Token last;
    private int depth;
    private int operators;
    private Token runStart;

    LexicalProblems(AstBuilder spans) {
        this.spans = spans;
    }

    boolean any() {
        return count > 0;
    }

    /** Looks at the next token of the file; false when nothing after it needs to be seen. */
    boolean accept(Token t) {
        Token before = last;
        last = t;
        int type = t.getType();
        boolean arithmetic = switch (type) {
            case NnLexer.NUMBER, NnLexer.LPAREN, NnLexer.RPAREN, NnLexer.STAR, NnLexer.SLASH,
                 NnLexer.PLUS, NnLexer.MINUS -> true;
            default -> false;
        };
        if (!arithmetic) {
            operators = 0;
            runStart = null;
        } else if (runStart == null && type != NnLexer.LPAREN) {
            runStart = t; // where the expression visibly starts, not the `(` of an argument list
        }
        switch (type) {
            case NnLexer.UNKNOWN_CHAR -> {
                if (t.getText().equals(">") && before != null && before.getText().equals("=")
                        && before.getStopIndex() + 1 == t.getStartIndex()) {
                    // reported with the `=` as one `=>`
                } else if (t.getText().equals("=") && nextIs(t, '>')) {
                    add(Diagnostic.at(Code.NN0003, spans.span(t.getStartIndex(), t.getStartIndex() + 2), "`=>` is not an arrow of the .nn language")
                            .label("write `->`")
                            .help("sizes are written `in -> out`, for example `dense h(4 -> 8)`"));
                } else if (t.getText().equals(">") && before != null && before.getType() == NnLexer.MINUS) {
                    add(Diagnostic.at(Code.NN0003, spans.span(before.getStartIndex(), t.getStopIndex() + 1), "`-` and `>` apart are not an arrow")
                            .label("write `->` without a space")
                            .help("sizes are written `in -> out`, for example `dense h(4 -> 8)`"));
                } else if (t.getText().equals("%") && before != null && before.getType() == NnLexer.NUMBER) {
                    String fraction = null;
                    String digits = before.getText().replace("_", "");
                    if (digits.matches("[0-9]*\\.?[0-9]*")) { // no exponent: 1e99999999% must not become 10^99999997 digits
                        try {
                            fraction = "`" + new BigDecimal(digits).movePointLeft(2).stripTrailingZeros().toPlainString() + "`";
                        } catch (NumberFormatException | ArithmeticException e) {
                            // no exact fraction to offer
                        }
                    }
                    add(badCharacter(t).help(fraction != null ? "write the fraction: `" + before.getText() + "%` is " + fraction
                            : "write it as a fraction: 10% is `0.1`"));
                } else if (t.getText().equals("\r")) {
                    // One report for the file's line endings, not one per line.
                    if (loneCarriageReturns++ == 0) add(firstLoneCarriageReturn = badCharacter(t));
                } else {
                    add(badCharacter(t));
                }
            }
            case NnLexer.BAD_NAME -> addOther(badName(t));
            case NnLexer.STRING -> addOther(string(t));
            case NnLexer.BLOCK_COMMENT -> {
                String text = t.getText();
                if (text.length() < 4 || !text.endsWith("*/")) addOther(unclosedComment(t));
            }
            case NnLexer.NUMBER -> {
                Diagnostic.Builder b = number(t);
                if (b != null) addOther(b);
            }
            case NnLexer.LPAREN, NnLexer.LBRACK -> {
                if (++depth > NnSyntax.MAX_NESTING) {
                    addOther(tooDeep(t, depth));
                    return false; // the rest of such a file is no use to anyone
                }
            }
            case NnLexer.RPAREN, NnLexer.RBRACK -> depth = Math.max(0, depth - 1);
            default -> { }
        }
        if (type == NnLexer.STAR || type == NnLexer.SLASH || type == NnLexer.PLUS || type == NnLexer.MINUS) {
            if (++operators > MAX_OPERATORS) {
                addOther(tooLong(t, runStart));
                return false;
            }
        }
        if (count >= MAX_COUNTED) {
            stopped = true;
            return false;
        }
        return true;
    }

    private int loneCarriageReturns;
    private Diagnostic.Builder firstLoneCarriageReturn;

    private void add(Diagnostic.Builder b) {
        if (++count <= MAX_REPORTED) found.add(b);
    }

    private boolean otherThanCharacters;

    /** A problem that is not a stray character: what the parser would see is not known. */
    private void addOther(Diagnostic.Builder b) {
        otherThanCharacters = true;
        add(b);
    }

    /**
     * Whether every problem is a character that the tokens are whole without (`;`, `@`, a
     * fullwidth bracket), all of them shown: the file can then be parsed without them, for
     * the syntax errors of the other lines.
     */
    boolean onlyStrayCharacters() {
        return count > 0 && !otherThanCharacters && !stopped && count <= MAX_REPORTED;
    }

    /** The problems found, in source order; the last says how many more were not shown. */
    List<Diagnostic> diagnostics() {
        if (loneCarriageReturns > 1) {
            firstLoneCarriageReturn.note("the file has " + loneCarriageReturns + " of them, reported here once");
        }
        if (count > MAX_REPORTED) {
            String more = (count - MAX_REPORTED) + " more problems like these are not shown";
            found.get(found.size() - 1).note(stopped
                    ? more + ", and the file was read only up to line " + last.getLine() + "; is it a .nn text file?"
                    : more);
        }
        return found.stream().map(Diagnostic.Builder::build).toList();
    }

    private Diagnostic.Builder badCharacter(Token t) {
        int cp = t.getText().codePointAt(0);
        Diagnostic.Builder b = Diagnostic.at(Code.NN0003, spans.span(t), "unexpected character " + describe(cp));
        if (cp == '\r') {
            return b.label("a carriage return without a line feed")
                    .help("save the file with LF or CRLF line endings; a lone CR (old Mac style) does not end a line");
        }
        if (cp == ';') {
            // `input [2]; dense o(1)`: removing the `;` alone would leave two statements on one line.
            // `;;` at a line's end: what follows the first is only more of them.
            return b.label("not needed").help(restOfLineAfter(t).replaceAll("[;\\s]", "").isEmpty() ? "statements end at the end of the line; remove the `;`"
                    : "statements end at the end of the line: remove the `;` and put what follows on a line of its own");
        }
        if (cp == 0x2212 || cp == 0x2013 || cp == 0x2014 || cp == 0x2012) {
            // A minus sign or a dash from a word processor or a web page, where `-` was meant.
            return b.label("not the ASCII minus").help("write `-`");
        }
        if (cp == '=') {
            // `loss = mse`: a statement is its keyword and a name; elsewhere `lr = 0.1` is an argument.
            String before = lineBefore(t).replaceAll("/\\*.*?\\*/", " ").trim(); // `/* x */ loss = mse`
            if (before.equals("loss") || before.equals("optimizer")) {
                String after = restOfLineAfter(t).trim();
                return b.label("not part of the .nn language").help("write `" + before + " " + (after.isEmpty() ? "..." : after) + "`, without the `=`");
            }
            return b.label("not part of the .nn language").help("arguments are written `name: value`, for example `lr: 0.01`");
        }
        if (cp == '"' || cp == '\'') {
            return b.label("this quote is never closed").note("the .nn language has no strings");
        }
        if (Character.isSpaceChar(cp)) {
            return b.label("looks like a space, but is not one").help("replace it with an ordinary space");
        }
        if (cp == '>') {
            return b.label("not part of the .nn language").help("sizes are written `in -> out`, for example `dense h(4 -> 8)`");
        }
        if (cp == '%') {
            return b.label("not part of the .nn language"); // the caller adds the fraction
        }
        if (cp == '.') {
            return b.label("not part of a name or a number")
                    .help("names use letters, digits and `_`; a layer's kind and its name are apart: `dense h(8)`");
        }
        if (Character.getType(cp) == Character.FORMAT) {
            return b.label("an invisible character").help("delete it (it often comes with text copied from a web page)");
        }
        return b.label("not part of the .nn language")
                .note("a .nn file holds names, numbers, `( ) [ ] { } , : ->`, `+ - * /` and comments (`#`, `//`, `/* */`)");
    }

    /** The source text of {@code t}'s line before it. */
    private String lineBefore(Token t) {
        String text = spans.text();
        int i = text.offsetByCodePoints(0, Math.min(t.getStartIndex(), text.codePointCount(0, text.length())));
        return text.substring(text.lastIndexOf('\n', i - 1) + 1, i);
    }

    /** The source text after {@code t} up to the end of its line or the first comment on it ({@code #}, {@code //}, {@code /*}). */
    private String restOfLineAfter(Token t) {
        String text = spans.text();
        int i = text.offsetByCodePoints(0, Math.min(t.getStopIndex() + 1, text.codePointCount(0, text.length())));
        int end = text.indexOf('\n', i);
        String rest = text.substring(i, end < 0 ? text.length() : end);
        for (String opener : new String[] {"#", "//", "/*"}) {
            int comment = rest.indexOf(opener);
            if (comment >= 0) rest = rest.substring(0, comment);
        }
        return rest;
    }

    /** Whether the character right after {@code t} in the source is {@code c}. */
    private boolean nextIs(Token t, char c) {
        String text = spans.text();
        int i = t.getStopIndex() + 1;
        // Token indices count code points; the text is UTF-16: only trust them on ASCII text before i.
        return i < text.length() && text.codePointCount(0, i) == i && text.charAt(i) == c;
    }

    /** One error for a whole name, pointing at its first non-ASCII character. */
    private Diagnostic.Builder badName(Token t) {
        String name = t.getText();
        int i = 0;
        while (i < name.length() && isAscii(name.charAt(i))) i++;
        int cp = name.codePointAt(i);
        Span whole = spans.span(t);
        // The token's text is a string of code points; the bad one sits i UTF-16 units in.
        int startCp = t.getStartIndex() + name.codePointCount(0, i);
        Span bad = spans.span(startCp, startCp + 1);
        Diagnostic.Builder b = Diagnostic.at(Code.NN0003, bad,
                        "unexpected character " + describe(cp) + " in the name `" + name + "`")
                .label("not allowed in a name")
                .note("names use ASCII letters, digits and `_`, and start with a letter or `_`");
        if (whole.start() != bad.start() || whole.end() != bad.end()) b.secondary(whole, "in this name");
        String ascii = asciiFor(name);
        b.help(ascii != null ? "rename it, for example to `" + ascii + "`" : "rename it with ASCII letters only");
        return b;
    }

    private static boolean isAscii(char c) {
        return c < 0x80;
    }

    /** A plain-ASCII spelling (accents dropped, ß as ss), or null when there is none. */
    static String asciiFor(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O");
        return s.matches("[a-zA-Z_][a-zA-Z_0-9]*") ? s : null;
    }

    private Diagnostic.Builder string(Token t) {
        String text = t.getText();
        char quote = text.charAt(0);
        boolean closed = text.length() >= 2 && text.charAt(text.length() - 1) == quote;
        String inner = closed ? text.substring(1, text.length() - 1) : text.substring(1);
        Diagnostic.Builder b = Diagnostic.at(Code.NN0003, spans.span(t), "unexpected string " + shorten(text))
                .label("the .nn language has no strings");
        if (inner.matches("[a-zA-Z_][a-zA-Z_0-9]*") || inner.matches("[0-9][0-9_.eE+-]*")) {
            b.help("write it without quotes: `" + inner + "`");
        } else {
            b.help("names and numbers are written without quotes, for example `init: he`");
        }
        return b;
    }

    private Diagnostic.Builder unclosedComment(Token t) {
        return Diagnostic.at(Code.NN0002, spans.span(t.getStartIndex(), t.getStartIndex() + 2), "this comment is never closed")
                .label("the comment starts here and runs to the end of the file")
                .help("close it with `*/`");
    }

    private Diagnostic.Builder number(Token t) {
        String text = t.getText();
        if (text.length() > MAX_NUMBER_LENGTH) {
            return Diagnostic.at(Code.NN0004, spans.span(t), "the number " + shorten(text) + " is too long")
                    .label(text.length() + " characters")
                    .note("a number may have at most " + MAX_NUMBER_LENGTH + " characters")
                    .help("use an exponent, for example `1.5e-30`");
        }
        try {
            BigDecimal exact = new BigDecimal(text.replace("_", ""));
            if (exact.signum() != 0 && exact.doubleValue() == 0) {
                return Diagnostic.at(Code.NN0004, spans.span(t), "the number `" + text + "` is too small for a double: it would be 0")
                        .label("rounds to 0")
                        .note("the smallest positive double is about 4.9e-324")
                        .help("write 0 if 0 is meant, or a value of a sensible scale");
            }
            if (Double.isInfinite(exact.doubleValue())) {
                // As `1e-400` above: the number itself is the problem, whatever it is the value of.
                return Diagnostic.at(Code.NN0004, spans.span(t), "the number `" + text + "` is too large for a double: it would be infinite")
                        .label("beyond the largest double")
                        .note("the largest double is about 1.8e308")
                        .help("write a value of a sensible scale");
            }
            return null;
        } catch (NumberFormatException | ArithmeticException e) {
            return Diagnostic.at(Code.NN0004, spans.span(t), "the number `" + text + "` cannot be represented")
                    .label("exponent out of range")
                    .help("write the value with a smaller exponent");
        }
    }

    private Diagnostic.Builder tooDeep(Token t, int depth) {
        return Diagnostic.at(Code.NN0006, spans.span(t), "brackets are nested more than " + NnSyntax.MAX_NESTING + " levels deep")
                .label("nesting level " + depth + " starts here")
                .note("no .nn construct needs more than a few levels: a weights literal needs two")
                .help("check for a run of `(` or `[` that was pasted by mistake");
    }

    private Diagnostic.Builder tooLong(Token t, Token start) {
        Diagnostic.Builder b = Diagnostic.at(Code.NN0006, spans.span(t),
                        "this expression has more than " + MAX_OPERATORS + " operators")
                .label("operator " + (MAX_OPERATORS + 1))
                .note("sizes are written as short expressions such as `7*7*64`")
                .help("write the value as a number");
        if (start != null) b.secondary(spans.span(start), "the expression starts here");
        return b;
    }

    /** A character as a user can identify it; invisible ones by their code only. */
    static String describe(int cp) {
        if (Character.isISOControl(cp)) return String.format(Locale.ROOT, "U+%04X (a control character)", cp);
        if (Character.isSpaceChar(cp)) return String.format(Locale.ROOT, "U+%04X (a kind of space)", cp);
        if (!isVisible(cp)) return String.format(Locale.ROOT, "U+%04X (an invisible character)", cp);
        if (cp > 0x7e) return String.format(Locale.ROOT, "`%s` (U+%04X)", new String(Character.toChars(cp)), cp);
        return "`" + new String(Character.toChars(cp)) + "`";
    }

    private static boolean isVisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }

    /** Long token text cut for a message; the span still marks all of it. */
    private static String shorten(String text) {
        return text.length() <= 30 ? "`" + text + "`" : "`" + text.substring(0, 20) + "…`";
    }
}
