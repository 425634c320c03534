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
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stops at the first syntax error and explains it in the language's own words.
 * ANTLR's silent repairs (inserting or deleting a token and carrying on) are refused:
 * they produce cascades of confusing follow-up errors, so like Trino we report one.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
    private final AstBuilder spans;
    private Diagnostic first;

    SyntaxErrors(AstBuilder spans) {
        this.spans = spans;
    }

    Optional<Diagnostic> first() { return Optional.ofNullable(first); }

    void clear() { first = null; }

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
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e instanceof NoViableAltException
                ? recognizer.getExpectedTokens() : e.getExpectedTokens();
        if (expected == null) expected = recognizer.getExpectedTokens();
        ParserRuleContext ctx = e.getCtx() instanceof ParserRuleContext p ? p : recognizer.getContext();
        record(recognizer, offending, expected, ctx);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        record(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens(), recognizer.getContext());
        throw new ParseCancellationException();
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        record(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens(), recognizer.getContext());
        throw new ParseCancellationException();
    }

    @Override
    protected Token singleTokenDeletion(Parser recognizer) { return null; }

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) { return false; }

    private void record(Parser parser, Token found, IntervalSet expected, ParserRuleContext ctx) {
        if (first != null) return;
        Token previous = previousVisible(parser.getInputStream(), found);
        Set<String> wanted = words(expected, found);
        Delimiter open = innermostOpen(ctx);

        String foundText = describe(found);
        String expectation = wanted.isEmpty() ? "something else" : joinOr(new ArrayList<>(wanted));

        // When the offending token sits on a later line than what precedes it, the
        // mistake is at the end of the previous line: point there.
        Span primary = spans.span(found);
        if (previous != null && (found.getType() == Token.EOF || found.getLine() > previous.getLine())) {
            Span p = spans.span(previous);
            primary = p.file().span(p.end(), p.end());
        }

        String closer = open == null ? null : open.closer();
        boolean unclosed = closer != null && wanted.contains("`" + closer + "`") && !foundText.equals("`" + closer + "`");
        Diagnostic.Builder b;
        if (unclosed) {
            b = Diagnostic.at(Code.NN0002, primary, open.what() + " is never closed")
                    .label("expected " + expectation + " here, found " + foundText)
                    .secondary(spans.span(open.token()), open.what() + " starts here");
            if (found.getType() != Token.EOF && previous != null && found.getLine() == previous.getLine()) {
                b.help("insert `" + closer + "` before " + foundText);
            } else {
                b.help("insert `" + closer + "` at the end of line " + (previous == null ? 1 : previous.getLine()));
            }
        } else {
            b = Diagnostic.at(Code.NN0001, primary, "expected " + expectation + ", found " + foundText)
                    .label("unexpected " + foundText);
            hint(b, found, ctx, wanted);
        }
        first = b.build();
    }

    /** A few frequent slips get a specific suggestion. */
    private static void hint(Diagnostic.Builder b, Token found, ParserRuleContext ctx, Set<String> wanted) {
        if (found.getType() == NnLexer.EOF && wanted.contains("`}`")) {
            b.help("close the model with `}`");
        } else if (wanted.contains("`model`")) {
            b.note("a .nn file holds one model: `model NAME { ... }`");
        } else if (found.getType() == NnLexer.LBRACE && ctx instanceof NnParser.ModelContext) {
            b.help("give the model a name: `model MyNet {`");
        } else if (wanted.contains("the end of the line")) {
            b.help("put each layer or statement on a line of its own");
        } else if (found.getType() == NnLexer.NL && inside(ctx, NnParser.ArgumentContext.class)) {
            b.help("an argument is written `name: value`, for example `lr: 0.01`");
        }
    }

    private static boolean inside(ParserRuleContext ctx, Class<?> kind) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) if (kind.isInstance(c)) return true;
        return false;
    }

    /** The innermost ( or [ that is open at the error, and what it belongs to. */
    private record Delimiter(Token token, String closer, String what) {}

    private static Delimiter innermostOpen(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof NnParser.ArgumentsContext a && a.LPAREN() != null && a.RPAREN() == null) {
                return new Delimiter(a.LPAREN().getSymbol(), ")", "the argument list of " + owner(a.getParent()));
            }
            if (c instanceof NnParser.ListContext l && l.LBRACK() != null && l.RBRACK() == null) {
                return new Delimiter(l.LBRACK().getSymbol(), "]", "this list");
            }
            if (c instanceof NnParser.ParenExprContext p && p.RPAREN() == null) {
                return new Delimiter(p.LPAREN().getSymbol(), ")", "this parenthesis");
            }
        }
        return null;
    }

    private static String owner(ParserRuleContext c) {
        if (c instanceof NnParser.LayerStatementContext l) {
            return "`" + (l.name != null ? l.name.getText() : l.kind.getText()) + "`";
        }
        if (c instanceof NnParser.ActivationContext a) return "`" + a.kind.getText() + "`";
        if (c instanceof NnParser.LossStatementContext l) return "loss `" + l.kind.getText() + "`";
        if (c instanceof NnParser.OptimizerStatementContext o) return "optimizer `" + o.kind.getText() + "`";
        if (c instanceof NnParser.TrainStatementContext) return "`train`";
        if (c instanceof NnParser.CallValueContext v) return "`" + v.name.getText() + "`";
        return "this statement";
    }

    private static Token previousVisible(TokenStream tokens, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL && p.getType() != NnLexer.NL) return p;
        }
        return null;
    }

    /**
     * The expected set in a user's words. Operators that could continue an expression
     * are left out when a separator or closer is also possible: nobody forgot a `*`.
     */
    private static Set<String> words(IntervalSet expected, Token found) {
        Set<String> out = new LinkedHashSet<>();
        boolean closers = expected.contains(NnLexer.COMMA) || expected.contains(NnLexer.RPAREN)
                || expected.contains(NnLexer.RBRACK) || expected.contains(NnLexer.NL)
                || expected.contains(NnLexer.RBRACE);
        boolean value = expected.contains(NnLexer.NUMBER) && expected.contains(NnLexer.LBRACK);
        for (int type : expected.toList()) {
            if (closers && isOperator(type)) continue;
            if (value && (type == NnLexer.MINUS || type == NnLexer.PLUS || type == NnLexer.LPAREN)) continue;
            if (type == NnLexer.NL && expected.contains(NnLexer.RBRACE)) continue; // "end of line" says it
            String w = word(type, value);
            if (w != null) out.add(w);
        }
        if (expected.contains(NnLexer.NL) && expected.contains(NnLexer.RBRACE)) out.add("the end of the line");
        return out;
    }

    private static boolean isOperator(int type) {
        return type == NnLexer.STAR || type == NnLexer.SLASH || type == NnLexer.PLUS || type == NnLexer.MINUS;
    }

    private static String word(int type, boolean valueExpected) {
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
            case NnLexer.LBRACK -> valueExpected ? "a list `[...]`" : "`[`";
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

    static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case NnLexer.NL -> "the end of the line";
            case NnLexer.NUMBER -> "the number `" + t.getText() + "`";
            default -> "`" + t.getText() + "`";
        };
    }

    private static String joinOr(List<String> items) {
        if (items.size() == 1) return items.get(0);
        if (items.size() > 6) {
            return String.join(", ", items.subList(0, 5)) + " or one of " + (items.size() - 5) + " other tokens";
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
