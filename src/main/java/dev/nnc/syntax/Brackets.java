package dev.nnc.syntax;

import dev.nnc.syntax.antlr.NnLexer;
import org.antlr.v4.runtime.Token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The bracket structure of a token list, read without the parser. Used to tell "this
 * list is never closed" apart from an ordinary error inside brackets that are closed
 * later, and to name what an open bracket belongs to.
 */
final class Brackets {
    private final List<Token> tokens;

    /** @param tokens the visible tokens of a file, in order (as indexed by {@link Token#getTokenIndex()}) */
    Brackets(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** An open bracket, what closes it, and what it belongs to in a user's words. */
    record Open(Token token, String closer, String what) {}

    /** The innermost bracket still open just before {@code at}. */
    Optional<Open> innermostOpenBefore(Token at) {
        Deque<Token> stack = new ArrayDeque<>();
        for (Token t : tokens) {
            if (t.getTokenIndex() >= at.getTokenIndex()) break;
            if (isOpener(t)) {
                stack.push(t);
            } else if (!stack.isEmpty() && closes(t, stack.peek())) {
                stack.pop();
            }
        }
        return stack.isEmpty() ? Optional.empty() : Optional.of(describe(stack.peek()));
    }

    /**
     * Whether a matching closer follows {@code open} anywhere in the file. A closer that
     * matches an opener deeper in the stack closes it and everything opened since (a stray
     * {@code [} inside the model does not make the model's {@code }} disappear); closers
     * that match nothing open are ignored.
     */
    boolean closedLater(Token open) {
        List<Token> stack = new ArrayList<>();
        stack.add(open);
        for (int i = open.getTokenIndex() + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            if (isOpener(t)) {
                stack.add(t);
                continue;
            }
            for (int j = stack.size() - 1; j >= 0; j--) {
                if (closes(t, stack.get(j))) {
                    if (j == 0) return true;
                    stack.subList(j, stack.size()).clear();
                    break;
                }
            }
        }
        return false;
    }

    static boolean isOpener(Token t) {
        int type = t.getType();
        return type == NnLexer.LPAREN || type == NnLexer.LBRACK || type == NnLexer.LBRACE;
    }

    private static boolean closes(Token closer, Token opener) {
        return switch (opener.getType()) {
            case NnLexer.LPAREN -> closer.getType() == NnLexer.RPAREN;
            case NnLexer.LBRACK -> closer.getType() == NnLexer.RBRACK;
            case NnLexer.LBRACE -> closer.getType() == NnLexer.RBRACE;
            default -> false;
        };
    }

    private Open describe(Token open) {
        Token before = visibleBefore(open, 1);
        Token beforeThat = visibleBefore(open, 2);
        return switch (open.getType()) {
            case NnLexer.LBRACE -> new Open(open, "}", before != null && before.getType() == NnLexer.ID
                    && beforeThat != null && beforeThat.getType() == NnLexer.MODEL
                    ? "the model `" + before.getText() + "`" : "the model");
            case NnLexer.LPAREN -> new Open(open, ")", before != null && isNameLike(before)
                    ? "the argument list of `" + before.getText() + "`" : "this parenthesis");
            default -> new Open(open, "]", listName(before, beforeThat));
        };
    }

    private static String listName(Token before, Token beforeThat) {
        if (before == null) return "this list";
        if (before.getType() == NnLexer.WEIGHTS) return "the `weights` literal";
        if (before.getType() == NnLexer.BIAS) return "the `bias` literal";
        if (before.getType() == NnLexer.INPUT
                || (before.getType() == NnLexer.ID && beforeThat != null && beforeThat.getType() == NnLexer.INPUT)) {
            return "the input shape";
        }
        return "this list";
    }

    private static boolean isNameLike(Token t) {
        return switch (t.getType()) {
            case NnLexer.ID, NnLexer.TRAIN, NnLexer.LOSS, NnLexer.OPTIMIZER -> true;
            default -> false;
        };
    }

    /** The next token on the default channel after {@code t} (newlines included), or null. */
    Token visibleAfter(Token t) {
        for (int i = t.getTokenIndex() + 1; i < tokens.size(); i++) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) return p;
        }
        return null;
    }

    /** The n-th visible token before {@code t} (n = 1 is the one right before), or null. */
    Token visibleBefore(Token t, int n) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL && p.getType() != NnLexer.NL && --n == 0) return p;
        }
        return null;
    }
}
