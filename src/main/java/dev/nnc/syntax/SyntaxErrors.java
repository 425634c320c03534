package dev.nnc.syntax;

import dev.nnc.diag.Code;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.Span;
import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stops at the first syntax error and explains it in the language's own words.
 * ANTLR's silent repairs (inserting or deleting a token and carrying on) are refused:
 * they produce cascades of confusing follow-up errors. ({@link NnSyntax} finds the errors of
 * later statements by parsing again without the broken one.)
 *
 * <p>What could have been written comes from {@link ExpectedTokens}, whether a bracket
 * is really unclosed from {@link Brackets}, and the suggested fix from {@link Hints}.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
    private final AstBuilder spans;
    private final List<Token> tokens;
    private final Brackets brackets;
    private Diagnostic first;
    private Token offending;
    private Token unclosedOpener;

    /** @param tokens every token of the file, as indexed by {@link Token#getTokenIndex()} */
    SyntaxErrors(AstBuilder spans, List<Token> tokens) {
        this.spans = spans;
        this.tokens = tokens;
        this.brackets = new Brackets(tokens);
    }

    Optional<Diagnostic> first() { return Optional.ofNullable(first); }

    /** The token the first error was found at. */
    Optional<Token> offending() { return Optional.ofNullable(offending); }

    /** For an argument list, shape or literal never closed: its opening bracket. */
    Optional<Token> unclosedOpener() { return Optional.ofNullable(unclosedOpener); }

    void clear() {
        first = null;
        offending = null;
        unclosedOpener = null;
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        InputMismatchException e = new InputMismatchException(recognizer);
        reportError(recognizer, e);
        throw new ParseCancellationException(e);
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (first != null) return;
        Token found = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        ParserRuleContext ctx = e.getCtx() instanceof ParserRuleContext p ? p : recognizer.getContext();
        IntervalSet expected = ExpectedTokens.at(recognizer, ctx, found, tokens);
        if (expected == null && e instanceof NoViableAltException nva) expected = ExpectedTokens.atDeadEnd(recognizer, nva);
        if (expected == null) expected = e.getExpectedTokens();
        if (expected == null || expected.isNil()) expected = recognizer.getExpectedTokens();
        first = explain(found, expected, ctx);
        offending = found;
    }

    // Never reached with the repairs below switched off; kept safe all the same.
    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        reportError(recognizer, new InputMismatchException(recognizer));
        throw new ParseCancellationException();
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        reportError(recognizer, new InputMismatchException(recognizer));
        throw new ParseCancellationException();
    }

    @Override
    protected Token singleTokenDeletion(Parser recognizer) { return null; }

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) { return false; }

    private Diagnostic explain(Token found, IntervalSet expected, ParserRuleContext ctx) {
        Token previous = brackets.visibleBefore(found, 1);
        Expected wanted = Expected.of(expected, found, previous);
        String foundText = describe(found);

        // A newline, the end of the file, or a token on a later line with no statement
        // boundary in between (newlines inside brackets are skipped) all mean that the line
        // before ended too early: point just after its last token, where something is missing.
        boolean atLineEnd = previous != null && (found.getType() == Token.EOF || found.getType() == NnLexer.NL
                || (found.getLine() > previous.getLine() && !newlineBetween(previous, found)));
        Span primary = spans.span(found);
        if (atLineEnd) {
            Span p = spans.span(previous);
            primary = p.file().span(p.end(), p.end());
        }

        Optional<Brackets.Open> open = brackets.innermostOpenBefore(found);
        // A new opener where something else was expected is itself the likeliest mistake,
        // not the bracket around it (`loss mse[` is not "the model is never closed").
        if (open.isPresent() && !Brackets.isOpener(found) && !brackets.closedLater(open.get().token())
                && (found.getType() == Token.EOF || expected.contains(closerType(open.get())) || brokenOff(open.get(), found) != null)) {
            return unclosed(open.get(), found, previous, primary, wanted);
        }
        if (ctx instanceof NnParser.FileContext && expected.contains(Token.EOF) && previous != null) {
            return afterModel(found, previous);
        }
        String label;
        if (atLineEnd || found.getType() == NnLexer.NL || found.getType() == Token.EOF) {
            label = "expected " + wanted.phrase() + " here";
        } else {
            label = found.getType() == NnLexer.NUMBER ? "unexpected number" : "unexpected " + foundText;
        }
        Diagnostic.Builder b = Diagnostic.at(Code.NN0001, primary, "expected " + wanted.phrase() + ", found " + foundText)
                .label(label);
        boolean strayCloser = (found.getType() == NnLexer.RPAREN || found.getType() == NnLexer.RBRACK)
                && open.map(o -> closerType(o) != found.getType()).orElse(true);
        Hints.add(b, found, previous, brackets.visibleBefore(found, 2), brackets.visibleAfter(found), expected, ctx, strayCloser);
        return b.build();
    }

    private Diagnostic unclosed(Brackets.Open open, Token found, Token previous, Span primary, Expected wanted) {
        if (!open.closer().equals("}")) unclosedOpener = open.token();
        String closer = "`" + open.closer() + "`";
        Diagnostic.Builder b = Diagnostic.at(Code.NN0002, primary, open.what() + " is never closed")
                .secondary(spans.span(open.token()), open.what().startsWith("the model") ? "the model starts here"
                        : "`" + open.token().getText() + "` opened here");
        boolean sameLine = found.getType() != Token.EOF && found.getType() != NnLexer.NL
                && previous != null && found.getLine() == previous.getLine();
        Token opener = open.token();
        Token lineEnd = brokenOff(open, found);
        if (lineEnd != null) {
            // `dense h(8) tanh(` or `dense h(10,` and the next line: the newline inside the bracket was
            // skipped and the next line's words taken for arguments. The mistake is at the end of the line before.
            Span o = spans.span(opener), end = spans.span(lineEnd);
            boolean comma = lineEnd != opener;
            return Diagnostic.at(Code.NN0002, comma ? end : o.file().span(o.end(), o.end()), open.what() + " is never closed")
                    .label(comma ? "expected " + closer + " instead" : "expected " + closer + " here")
                    .secondary(o, "`" + opener.getText() + "` opened here")
                    .note("inside brackets a statement goes on over line breaks, so line " + found.getLine() + " was read as part of it")
                    .help(comma ? "replace the `,` at the end of line " + lineEnd.getLine() + " with " + closer
                            : "insert " + closer + " at the end of line " + opener.getLine() + ", or remove the `" + opener.getText() + "`")
                    .build();
        }
        if (found.getType() == Token.EOF) {
            b.label("the file ends here");
            b.help(open.closer().equals("}") ? "add `}` on a line of its own at the end of the file"
                    : "insert " + closer + " at the end of line " + (previous == null ? 1 : previous.getLine()));
        } else if (sameLine) {
            b.label("expected " + wanted.phrase() + ", found " + describe(found));
            boolean otherCloser = found.getType() == NnLexer.RPAREN || found.getType() == NnLexer.RBRACK
                    || found.getType() == NnLexer.RBRACE;
            Token after = brackets.visibleAfter(found);
            if (found.getType() == NnLexer.ID && after != null && after.getType() == NnLexer.COLON && after.getLine() == found.getLine()) {
                // `train(epochs: 3 batch: 4`: a named argument follows; the missing `,` is the first slip.
                b.help("insert `,` before " + describe(found));
            } else {
                b.help(otherCloser ? "replace " + describe(found) + " with " + closer
                        : "insert " + closer + " before " + describe(found));
            }
        } else {
            b.label("expected " + closer + " here");
            b.help("insert " + closer + " at the end of line " + previous.getLine());
        }
        return b.build();
    }

    /** Text after the closing brace: most often a statement typed below the model by mistake. */
    private Diagnostic afterModel(Token found, Token previous) {
        Span at = spans.span(found);
        Token lastBrace = null;
        for (int i = found.getTokenIndex(); i < tokens.size(); i++) {
            if (tokens.get(i).getType() == NnLexer.RBRACE) lastBrace = tokens.get(i);
        }
        if (previous.getType() == NnLexer.RBRACE && found.getType() != NnLexer.MODEL && found.getType() != NnLexer.RBRACE
                && lastBrace != null) {
            // Statements, then another `}`: the model was meant to go on, and the first `}` is the stray one.
            return Diagnostic.at(Code.NN0001, spans.span(previous), "this `}` ends the model, but the model goes on to line "
                            + lastBrace.getLine())
                    .label("ends the model")
                    .secondary(at, "then " + describe(found) + " comes after the model")
                    .secondary(spans.span(lastBrace), "and the `}` that was meant to end it")
                    .help("remove this `}`")
                    .build();
        }
        Diagnostic.Builder b = Diagnostic.at(Code.NN0001, at, "unexpected " + describe(found) + " after the end of the model")
                .label("outside the model");
        if (previous.getType() == NnLexer.RBRACE) b.secondary(spans.span(previous), "the model ends here");
        if (found.getType() == NnLexer.MODEL) {
            b.note("a .nn file holds exactly one model; put each model in a file of its own");
        } else if (found.getType() == NnLexer.RBRACE) {
            b.help("remove the extra `}`");
        } else {
            b.help("move it inside the model, before the closing `}`");
        }
        return b.build();
    }

    /**
     * When {@code found} is on a later line than the bracket {@code open}, and the line before
     * {@code found}'s ends with the bracket itself or with a `,` inside it: that last token (the
     * list was broken off there), else null. Only for `(` and `[`: a model's lines are meant to go on.
     */
    private Token brokenOff(Brackets.Open open, Token found) {
        Token opener = open.token();
        if (open.closer().equals("}") || found.getType() == Token.EOF || found.getLine() <= opener.getLine()) return null;
        for (int i = found.getTokenIndex() - 1; i >= opener.getTokenIndex(); i--) {
            Token t = tokens.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL || t.getType() == NnLexer.NL || t.getLine() >= found.getLine()) continue;
            return t == opener || t.getType() == NnLexer.COMMA ? t : null;
        }
        return null;
    }


    /** Whether a newline token (a statement boundary, not one skipped inside brackets) separates the two. */
    private boolean newlineBetween(Token a, Token b) {
        for (int i = a.getTokenIndex() + 1; i < b.getTokenIndex(); i++) {
            if (tokens.get(i).getType() == NnLexer.NL) return true;
        }
        return false;
    }

    private static int closerType(Brackets.Open open) {
        return switch (open.closer()) {
            case ")" -> NnLexer.RPAREN;
            case "]" -> NnLexer.RBRACK;
            default -> NnLexer.RBRACE;
        };
    }

    static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case NnLexer.NL -> "the end of the line";
            case NnLexer.NUMBER -> "the number `" + t.getText() + "`";
            default -> "`" + t.getText() + "`";
        };
    }

    /** The expected set in a user's words: what could be written at the error, most useful first. */
    record Expected(List<String> words) {
        String phrase() {
            if (words.isEmpty()) return "something else";
            if (words.size() == 1) return words.get(0);
            return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        }

        static Expected of(IntervalSet set, Token found, Token previous) {
            List<String> out = new ArrayList<>();
            Set<Integer> covered = new HashSet<>();
            if (set.contains(NnLexer.INPUT) && !set.contains(NnLexer.NUMBER)) {
                // The start of a statement: name the statements, not the tokens.
                out.addAll(List.of("a layer", "`input`", "`loss`", "`optimizer`", "`train`"));
                covered.addAll(List.of(NnLexer.ID, NnLexer.INPUT, NnLexer.LOSS, NnLexer.OPTIMIZER, NnLexer.TRAIN));
            } else if (set.contains(NnLexer.NUMBER) && set.contains(NnLexer.WEIGHTS)) {
                // The start of an argument (whose name may be any word, even a keyword).
                out.add("an argument");
                covered.addAll(List.of(NnLexer.ID, NnLexer.INPUT, NnLexer.LOSS, NnLexer.OPTIMIZER, NnLexer.TRAIN,
                        NnLexer.MODEL, NnLexer.WEIGHTS, NnLexer.BIAS, NnLexer.NUMBER, NnLexer.LBRACK, NnLexer.LPAREN,
                        NnLexer.MINUS, NnLexer.PLUS));
            } else if (set.contains(NnLexer.NUMBER) && set.contains(NnLexer.LBRACK) && set.contains(NnLexer.ID)) {
                out.add("a value (a number, a name or a list)");
                covered.addAll(List.of(NnLexer.ID, NnLexer.NUMBER, NnLexer.LBRACK, NnLexer.LPAREN, NnLexer.MINUS, NnLexer.PLUS));
            } else if (set.contains(NnLexer.NUMBER)) {
                out.add("a number");
                covered.addAll(List.of(NnLexer.NUMBER, NnLexer.LPAREN, NnLexer.MINUS, NnLexer.PLUS));
            }
            if (!out.isEmpty() && set.contains(NnLexer.INPUT)) {
                covered.addAll(List.of(NnLexer.WEIGHTS, NnLexer.BIAS)); // a literal on the next line: rarely meant
            }
            // "The end of the line" only makes sense right after something on the same line.
            boolean lineCanEnd = set.contains(NnLexer.NL) && previous != null && previous.getType() != NnLexer.LBRACE
                    && found.getLine() == previous.getLine();
            if (lineCanEnd && out.isEmpty()) {
                // A statement could end here; its other continuations (an activation, a
                // weights literal, `}`) are rarely what was meant.
                // `(` is worth naming unless a name (a new statement begun) or a closer was found.
                int type = found.getType();
                if (set.contains(NnLexer.LPAREN) && type != NnLexer.ID && type != NnLexer.RPAREN
                        && type != NnLexer.RBRACK && type != NnLexer.RBRACE) {
                    out.add("`(`");
                }
                out.add("the end of the line");
                return new Expected(out);
            }
            boolean closers = set.contains(NnLexer.COMMA) || set.contains(NnLexer.RPAREN) || set.contains(NnLexer.RBRACK);
            for (int type : PREFERRED_ORDER) {
                if (!set.contains(type) || covered.contains(type)) continue;
                // Nobody forgot a `*`: operators that could continue an expression are noise.
                if (closers && isOperator(type)) continue;
                // `lr(...)` is a valid value, but after a name `:` is what was forgotten.
                if (type == NnLexer.LPAREN && set.contains(NnLexer.COLON)) continue;
                if (type == NnLexer.NL && !lineCanEnd) continue;
                String w = word(type);
                if (w != null && !out.contains(w)) out.add(w);
            }
            return new Expected(out);
        }

        /** Separators and closers first: they are what is most often missing. */
        private static final List<Integer> PREFERRED_ORDER = List.of(
                NnLexer.COLON, NnLexer.ARROW, NnLexer.COMMA, NnLexer.RPAREN, NnLexer.RBRACK, NnLexer.MODEL,
                NnLexer.ID, NnLexer.NUMBER, NnLexer.LBRACE, NnLexer.LPAREN, NnLexer.LBRACK,
                NnLexer.INPUT, NnLexer.LOSS, NnLexer.OPTIMIZER, NnLexer.TRAIN, NnLexer.WEIGHTS, NnLexer.BIAS,
                NnLexer.STAR, NnLexer.SLASH, NnLexer.PLUS, NnLexer.MINUS, NnLexer.NL, NnLexer.RBRACE, Token.EOF);

        private static boolean isOperator(int type) {
            return type == NnLexer.STAR || type == NnLexer.SLASH || type == NnLexer.PLUS || type == NnLexer.MINUS;
        }

        private static String word(int type) {
            return switch (type) {
                case NnLexer.MODEL -> "`model`";
                case NnLexer.INPUT -> "`input`";
                case NnLexer.LOSS -> "`loss`";
                case NnLexer.OPTIMIZER -> "`optimizer`";
                case NnLexer.TRAIN -> "`train`";
                case NnLexer.WEIGHTS -> "`weights`";
                case NnLexer.BIAS -> "`bias`";
                case NnLexer.LBRACE -> "`{`";
                case NnLexer.RBRACE -> "`}`";
                case NnLexer.LPAREN -> "`(`";
                case NnLexer.RPAREN -> "`)`";
                case NnLexer.LBRACK -> "a list `[...]`";
                case NnLexer.RBRACK -> "`]`";
                case NnLexer.COMMA -> "`,`";
                case NnLexer.COLON -> "`:`";
                case NnLexer.ARROW -> "`->`";
                case NnLexer.STAR -> "`*`";
                case NnLexer.SLASH -> "`/`";
                case NnLexer.PLUS -> "`+`";
                case NnLexer.MINUS -> "`-`";
                case NnLexer.NUMBER -> "a number";
                case NnLexer.ID -> "a name";
                case NnLexer.NL -> "the end of the line";
                case Token.EOF -> "the end of the file";
                default -> null;
            };
        }
    }
}
