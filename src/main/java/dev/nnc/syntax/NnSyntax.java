package dev.nnc.syntax;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsing stage: source text in, an AST or syntax diagnostics out. This is the only
 * public door into the package; no ANTLR type crosses it.
 *
 * <p>Lexical problems (bad characters, runaway nesting, ...) are all reported, and then the
 * first syntax error of each broken statement: after one, the file is parsed again without
 * that statement (and the lines that belong to it), so that the errors of the next ones are
 * found too, and follow-ups of the same mistake are avoided as far as the lines tell.
 */
public final class NnSyntax {
    /** Deeper nesting of ( and [ than this is refused before parsing (the parser recurses). */
    public static final int MAX_NESTING = 64;

    private NnSyntax() {}

    /**
     * The model's tokens as written, one space apart, a statement per line, without comments,
     * blank lines or indentation. Two sources with the same canonical text are the same model
     * (a checkpoint of one loads into the other). Tokens keep their spelling: {@code ->} and
     * {@code →}, {@code 0.5} and {@code .5}, {@code 1000} and {@code 1_000} count as different,
     * which errs on the side of refusing a checkpoint. A text with a quoted string (never a
     * valid model) is returned as it is.
     */
    public static String canonical(String text) {
        NnLexer lexer = lexer(text, org.antlr.v4.runtime.IntStream.UNKNOWN_SOURCE_NAME);
        StringBuilder sb = new StringBuilder();
        boolean lineStart = true;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == NnLexer.STRING || t.getType() == Token.INVALID_TYPE) return text;
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            if (t.getType() == NnLexer.NL) {
                lineStart = true;
                continue;
            }
            if (lineStart && !sb.isEmpty()) sb.append('\n'); // one newline between statements, none at the end
            else if (!lineStart) sb.append(' ');
            sb.append(t.getText());
            lineStart = false;
        }
        return sb.toString();
    }

    /**
     * The SHA-256 of {@link #canonical}, in lowercase hex: what a checkpoint pins and what a
     * generated class carries, so that weights are never loaded into another version of a model.
     */
    public static String canonicalHash(String text) {
        return dev.nnc.common.Sha256.hex(canonical(text));
    }

    public static ParseResult parse(SourceFile file) {
        String text = file.text();
        if (text.isBlank()) return empty(file, "is empty");

        AstBuilder builder = new AstBuilder(file, new Offsets(text));
        NnLexer lexer = lexer(text, file.path());
        // Lex token by token, so that a binary file is given up on after a few hundred
        // problems instead of being turned into millions of tokens.
        LexicalProblems lexical = new LexicalProblems(builder);
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            all.add(t);
            if (!lexical.accept(t) || t.getType() == Token.EOF) break;
        }
        if (lexical.any()) return withSyntaxErrorsOfOtherLines(builder, file, all, lexical);
        if (all.stream().allMatch(t -> t.getType() == NnLexer.NL || t.getType() == Token.EOF
                || t.getChannel() != Token.DEFAULT_CHANNEL)) {
            return empty(file, "contains only comments");
        }
        Attempt attempt = parse(builder, all);
        if (attempt.tree() != null) return new ParseResult(Optional.of(builder.model(attempt.tree().model())), List.of());
        return new ParseResult(Optional.empty(), syntaxErrors(builder, file, all, attempt));
    }

    /**
     * The lexical problems, and when they are stray characters only, the syntax errors of the
     * lines without one (found by parsing without those characters): a `;` on one line no longer
     * hides an unclosed `(` on the next. Errors on a line with a stray character are left out:
     * they are likely its follow-ups; but a bracket left open there is reported, unless a stray
     * character on the line looks like the closing bracket ({@code dense h(10;} misses its `)`,
     * {@code dense h(10）} wrote it full width). When the rest parses, its model comes along, for the
     * checker to report its mistakes too (a `;` at the end of a line no longer hides an unknown activation), when
     * every stray character ends its line ({@link #onlyTrailing}).
     */
    private static ParseResult withSyntaxErrorsOfOtherLines(AstBuilder builder, SourceFile file, List<Token> all,
                                                            LexicalProblems lexical) {
        List<Diagnostic> problems = new ArrayList<>(lexical.diagnostics());
        if (!lexical.onlyStrayCharacters()) return new ParseResult(Optional.empty(), problems);
        List<Token> rest = new ArrayList<>(all);
        rest.removeIf(t -> t.getType() == NnLexer.UNKNOWN_CHAR);
        Attempt attempt = parse(builder, rest);
        if (attempt.tree() != null) {
            return new ParseResult(onlyTrailing(all) ? Optional.of(builder.model(attempt.tree().model())) : Optional.empty(), problems);
        }
        java.util.Set<Integer> lines = new java.util.HashSet<>();
        for (Diagnostic d : problems) {
            for (int line = d.span().line(); line <= d.span().endLine(); line++) lines.add(line);
        }
        java.util.Set<Integer> bracketLike = new java.util.HashSet<>();
        for (Token t : all) {
            if (t.getType() != NnLexer.UNKNOWN_CHAR) continue;
            int type = Character.getType(t.getText().codePointAt(0));
            if (type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION) bracketLike.add(t.getLine());
        }
        for (Diagnostic d : syntaxErrors(builder, file, rest, attempt)) {
            int line = d.span().line();
            if (!lines.contains(line) || (d.code() == Code.NN0002 && !bracketLike.contains(line))) problems.add(d);
        }
        problems.sort(java.util.Comparator.comparingInt(d -> d.span().start()));
        return new ParseResult(Optional.empty(), problems);
    }

    /**
     * Whether every stray character is a `;` that ends its line (after a statement, as in C or Java): left out, the
     * line says what it said. Any other, or elsewhere, may carry meaning that its removal changes, and the checker's
     * errors would be its follow-ups: `50%` is not 50, `max$pool2d` not `max`, a full-width `＃` starts a comment,
     * a `|` separates two layers, a lone carriage return ends a line, and a letter or digit belongs to a name or number.
     */
    private static boolean onlyTrailing(List<Token> all) {
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.getType() != NnLexer.UNKNOWN_CHAR) continue;
            int c = t.getText().codePointAt(0);
            if (c != ';' && c != '；') return false; // a statement's end as C and Java write it, full width too
            int next = i + 1;
            while (next < all.size() && (all.get(next).getType() == NnLexer.UNKNOWN_CHAR
                    || all.get(next).getChannel() != Token.DEFAULT_CHANNEL)) next++;
            if (next < all.size() && all.get(next).getType() != NnLexer.NL && all.get(next).getType() != Token.EOF) return false;
        }
        return true;
    }

    /** The first syntax error of each broken statement, starting from {@code attempt}'s. */
    private static List<Diagnostic> syntaxErrors(AstBuilder builder, SourceFile file, List<Token> all, Attempt attempt) {
        String text = file.text();
        List<Diagnostic> errors = new ArrayList<>(List.of(attempt.error()));
        // Each broken statement is reported: parse again without it, and again, as long as the
        // next error lies on a later line and what is left out is a statement of its own.
        List<Token> rest = all;
        Token at = attempt.offending();
        while (at != null) {
            int line = at.getLine();
            Optional<List<Token>> without;
            if (attempt.unclosed() != null) {
                // A bracket left open on a line: the lexer skipped every newline after it, so the
                // statement is found by lines, and the text after it lexed again.
                line = lastLineOfUnclosed(rest, attempt.unclosed(), at);
                without = relexedAfterLine(text, file.path(), rest, attempt.unclosed(), line);
            } else {
                without = withoutStatementAt(rest, at);
                if (without.isEmpty() && rest == all) without = withRepairedHeader(rest, at);
            }
            if (without.isEmpty()) break;
            rest = without.get();
            attempt = parse(builder, rest);
            if (attempt.tree() != null || attempt.offending() == null || attempt.offending().getLine() <= line) break;
            if (errors.size() == MAX_SYNTAX_ERRORS) { // there are more: said on the last one shown
                Diagnostic last = errors.remove(errors.size() - 1);
                errors.add(last.withNote("nnc stops after " + MAX_SYNTAX_ERRORS + " syntax errors; fix these and check again for more"));
                break;
            }
            errors.add(attempt.error());
            at = attempt.offending();
        }
        return errors;
    }

    /** The words of the language that cannot name anything; written in lowercase only. */
    public static final java.util.Set<String> KEYWORDS = java.util.Set.of("model", "input", "loss", "optimizer", "train", "weights", "bias");

    /** More syntax errors than this in one file are rarely independent; the first ones are fixed first. */
    static final int MAX_SYNTAX_ERRORS = 20;

    /**
     * A parse of a token list: the tree, or the first syntax error and the token it was found at,
     * and for an argument list, shape or literal never closed, its opening bracket.
     */
    private record Attempt(NnParser.FileContext tree, Diagnostic error, Token offending, Token unclosed) {}

    private static Attempt parse(AstBuilder builder, List<Token> all) {
        CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(all));
        tokens.fill(); // numbers the tokens in place: all.get(i).getTokenIndex() == i

        NnParser parser = new NnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors(builder, all);
        parser.setErrorHandler(errors);
        // SLL is enough for this grammar and much faster; fall back to LL only on failure,
        // so that the error reported is the one full LL finds.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return new Attempt(parser.file(), null, null, null);
        } catch (ParseCancellationException sll) {
            tokens.seek(0);
            parser.reset();
            errors.clear();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                return new Attempt(parser.file(), null, null, null);
            } catch (ParseCancellationException ll) {
                Token at = errors.offending().orElse(parser.getCurrentToken());
                return new Attempt(null, errors.first().orElseGet(() -> Diagnostic.at(Code.NN0001, builder.span(at),
                        "unexpected " + SyntaxErrors.describe(at)).build()), at, errors.unclosedOpener().orElse(null));
            }
        }
    }

    /** Whether position {@code i} lies after the model's `{` and before any `}`: only there are lines statements. */
    private static boolean insideTheModel(List<Token> all, int i) {
        boolean open = false;
        for (Token t : all.subList(0, i)) {
            if (t.getType() == NnLexer.LBRACE) open = true;
            if (t.getType() == NnLexer.RBRACE) return false;
        }
        return open;
    }

    /**
     * The tokens without the statement (line) that {@code at} is in, or ends when {@code at} is
     * its newline; none when that is not a statement of its own: the model's first line, a line
     * with a brace, one that runs to the end of the file (an unclosed bracket swallows the
     * newlines after it), a line outside the model's braces, or when nothing follows it. The lines
     * after it that cannot start a statement go with it (see inside).
     */
    private static Optional<List<Token>> withoutStatementAt(List<Token> all, Token at) {
        int k = indexIn(all, at);
        if (k < 0 || at.getType() == Token.EOF) return Optional.empty();
        int end = k;
        while (end < all.size() && all.get(end).getType() != NnLexer.NL) end++;
        if (end == all.size() || all.get(end).getType() != NnLexer.NL) return Optional.empty();
        int start = k == end ? k - 1 : k;
        while (start >= 0 && all.get(start).getType() != NnLexer.NL) start--;
        start++;
        for (int i = start; i <= end; i++) {
            int type = all.get(i).getType();
            if (type == NnLexer.MODEL || type == NnLexer.LBRACE || type == NnLexer.RBRACE || type == Token.EOF) return Optional.empty();
        }
        if (start >= end || !insideTheModel(all, start)) return Optional.empty();
        // Lines that cannot start a statement go with it: a layer's weights and bias literals (past
        // blank and comment lines), and the rest of a statement broken over lines (rows of a literal
        // without its `weights [`), which would otherwise give one error each.
        while (true) {
            int next = firstOnALine(all, end + 1);
            if (next == all.size() || all.get(next).getType() == Token.EOF) {
                // Nothing after it: an error at the end of the file would point at what is left, not where the file ends.
                return Optional.empty();
            }
            if (startsAStatement(all.get(next).getType())) break;
            int nl = next;
            while (nl < all.size() && all.get(nl).getType() != NnLexer.NL) nl++;
            if (nl == all.size()) return Optional.empty();
            end = nl;
        }
        // The model's first line, then what follows the statement: the statements before it parsed,
        // so parsing them again would only cost time (twenty errors at the end of a large file).
        int open = 0;
        while (all.get(open).getType() != NnLexer.LBRACE) open++;
        List<Token> rest = new ArrayList<>(all.subList(0, open + 1));
        rest.add(all.get(end)); // its newline: the next statement starts a line, as it did
        rest.addAll(all.subList(end + 1, all.size()));
        return Optional.of(rest);
    }

    /**
     * The tokens with the model's header (everything before its first `{`) made a well-formed
     * {@code model M {}, when the error {@code at} lies in it (`model mlp-small {`, `Model M {`,
     * `model {`, or `{` on the next line): the statements after it are then checked too. None when
     * there is no `{`, a `}` comes before it, or nothing follows it.
     */
    private static Optional<List<Token>> withRepairedHeader(List<Token> all, Token at) {
        int k = indexIn(all, at);
        int open = 0;
        while (open < all.size() && all.get(open).getType() != NnLexer.LBRACE) open++;
        if (k < 0 || open == all.size() || k > open) return Optional.empty();
        int first = firstOnALine(all, 0);
        for (int i = first; i < open; i++) if (all.get(i).getType() == NnLexer.RBRACE) return Optional.empty();
        int next = firstOnALine(all, open + 1);
        if (next == all.size() || all.get(next).getType() == Token.EOF || all.get(next).getType() == NnLexer.RBRACE) return Optional.empty();
        List<Token> rest = new ArrayList<>();
        rest.add(synthetic(all.get(first), NnLexer.MODEL, "model"));
        rest.add(synthetic(all.get(first), NnLexer.ID, "M"));
        rest.addAll(all.subList(open, all.size()));
        return Optional.of(rest);
    }

    /** A token the user did not write, placed where {@code at} is (its errors never show: the header's was reported). */
    private static Token synthetic(Token at, int type, String text) {
        org.antlr.v4.runtime.CommonToken t = new org.antlr.v4.runtime.CommonToken(at);
        t.setType(type);
        t.setText(text);
        t.setChannel(Token.DEFAULT_CHANNEL);
        return t;
    }

    /**
     * The last line of a statement whose bracket {@code opener} is never closed, the error found
     * at {@code found}: the opener's line when found there (`dense h(4 -> 8 relu`), else the line
     * before the one {@code found} starts (the `)` was forgotten at a line's end).
     */
    private static int lastLineOfUnclosed(List<Token> all, Token opener, Token found) {
        if (found.getLine() == opener.getLine()) return opener.getLine();
        int o = indexIn(all, opener);
        for (int i = o + 1; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            if (t.getLine() > opener.getLine()) return opener.getLine(); // `tanh(` ends its line: the lines after are their own
            break;
        }
        int k = indexIn(all, found);
        for (int i = k - 1; i >= 0; i--) {
            Token t = all.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == NnLexer.NL) continue;
            return t.getLine() < found.getLine() ? found.getLine() - 1 : found.getLine();
        }
        return found.getLine();
    }

    /**
     * The tokens of the text lexed again with everything between the model's `{` and the end of
     * line {@code lastLine} blanked (newlines kept, so every position stays where it was); none
     * when that would blank the model's braces, or nothing follows.
     */
    private static Optional<List<Token>> relexedAfterLine(String text, String path, List<Token> all, Token opener, int lastLine) {
        int open = 0;
        while (open < all.size() && all.get(open).getType() != NnLexer.LBRACE) open++;
        int k = indexIn(all, opener);
        if (open == all.size() || k < 0 || !insideTheModel(all, k) || opener.getType() == NnLexer.LBRACE) return Optional.empty();
        for (Token t : all.subList(open + 1, all.size())) {
            if (t.getLine() > lastLine) break;
            if (t.getType() == NnLexer.RBRACE || t.getType() == NnLexer.MODEL || t.getType() == Token.EOF) return Optional.empty();
        }
        int[] cps = text.codePoints().toArray();
        int from = all.get(open).getStopIndex() + 1, to = from, line = all.get(open).getLine();
        while (to < cps.length && (line < lastLine || cps[to] != '\n')) {
            if (cps[to] == '\n') line++;
            to++;
        }
        for (Token t : all) {
            // A block comment from the blanked lines into the next: its tail would be read as code.
            if (t.getType() == NnLexer.BLOCK_COMMENT && t.getStartIndex() < to && t.getStopIndex() >= to) return Optional.empty();
        }
        for (int i = from; i < to; i++) if (cps[i] != '\n' && cps[i] != '\r') cps[i] = ' ';
        NnLexer lexer = lexer(new String(cps, 0, cps.length), path);
        // The model's first line, one newline, then the tokens after the statement: the blanked lines'
        // newlines would be thousands of NL tokens, each a lookahead over all the others.
        List<Token> relexed = new ArrayList<>(all.subList(0, open + 1));
        boolean more = false, newline = false;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getLine() <= lastLine && t.getType() != Token.EOF) {
                if (t.getType() == NnLexer.NL && t.getLine() == lastLine && !newline) {
                    relexed.add(t);
                    newline = true;
                }
                continue;
            }
            if (!newline) return Optional.empty(); // the statement's line did not end: nothing follows it
            if (t.getType() == NnLexer.UNKNOWN_CHAR) continue; // reported already (see withSyntaxErrorsOfOtherLines)
            relexed.add(t);
            if (t.getType() != NnLexer.NL && t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != Token.EOF) more = true;
            if (t.getType() == Token.EOF) break;
        }
        return more ? Optional.of(relexed) : Optional.empty();
    }

    /** A lexer of {@code text} that reports nothing itself (problems are found from its tokens). */
    private static NnLexer lexer(String text, String path) {
        NnLexer lexer = new NnLexer(CharStreams.fromString(text, path));
        lexer.removeErrorListeners();
        return lexer;
    }

    /** Where {@code t} stands in {@code all}: the parse of {@code all} numbered its tokens in place; −1 if not from it. */
    private static int indexIn(List<Token> all, Token t) {
        int i = t.getTokenIndex();
        return i >= 0 && i < all.size() && all.get(i) == t ? i : -1;
    }

    /** The first token of a line at or after {@code i} that is neither a newline nor hidden. */
    private static int firstOnALine(List<Token> all, int i) {
        while (i < all.size() && (all.get(i).getType() == NnLexer.NL || all.get(i).getChannel() != Token.DEFAULT_CHANNEL)) i++;
        return i;
    }

    /** Tokens a line inside the model may start with (a name starts a layer); a weights or bias line belongs to the layer above. */
    private static boolean startsAStatement(int type) {
        return type == NnLexer.ID || type == NnLexer.INPUT || type == NnLexer.LOSS || type == NnLexer.OPTIMIZER
                || type == NnLexer.TRAIN || type == NnLexer.RBRACE;
    }

    private static ParseResult empty(SourceFile file, String what) {
        return failed(Diagnostic.forFile(Code.NN0007, file.path(), "`" + file.path() + "` " + what)
                .note("a .nn file holds one model: `model NAME { input [...] ... loss ... optimizer ... }`")
                .help("write a model, for example `model Iris { input [4] ... }` on lines of its own; `nnc explain NN0007` shows a whole one")
                .build());
    }

    private static ParseResult failed(Diagnostic d) {
        return new ParseResult(Optional.empty(), List.of(d));
    }
}
