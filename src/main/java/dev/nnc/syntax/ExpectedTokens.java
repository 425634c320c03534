package dev.nnc.syntax;

import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.PredictionContext;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.atn.WildcardTransition;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every token that could have been written where a syntax error was found.
 *
 * <p>ANTLR's own expected set is often too small. When one alternative can end a rule
 * early, the parser commits to it and later complains from the wrong place: after
 * {@code lr} in {@code adam(lr 0.01)} it has already taken {@code lr} for a bare value,
 * so it expects {@code ,} or {@code )} and never mentions {@code :}. So the last piece
 * before the error is re-run here through the grammar's ATN, following every
 * alternative at once, and the tokens that any of them accepts at the error are
 * collected.
 */
final class ExpectedTokens {
    private ExpectedTokens() {}

    /** Longer re-runs (an error after a huge weights literal) are not worth their time. */
    private static final int MAX_RERUN = 10_000;

    /**
     * More live configurations than this give up (ANTLR's own expected set is used). With
     * the precedence predicates taken as true, a chain of prefix operators doubles them at
     * every token: Jazzer found `784 -> ++++…2` with a hundred `+`, which ran for minutes.
     */
    private static final int MAX_FRONTIER = 2_000;

    /** A rule's return address, as a persistent stack. */
    private record Stack(int returnState, Stack next) {}

    private record Config(int state, Stack stack) {}

    /**
     * The tokens acceptable at {@code at}, or null when the re-run would be too long or
     * disagrees with the parser.
     */
    static IntervalSet at(Parser parser, ParserRuleContext errorCtx, Token at, List<Token> tokens) {
        ParserRuleContext start = restartPoint(errorCtx);
        if (start == null || start.getStart() == null || start.getStart().getTokenIndex() < 0
                || at.getTokenIndex() - start.getStart().getTokenIndex() > MAX_RERUN) {
            return null;
        }
        ATN atn = parser.getATN();
        int maxType = parser.getVocabulary().getMaxTokenType();

        Set<Config> frontier = closure(atn, atn.ruleToStartState[start.getRuleIndex()].stateNumber, callers(atn, start));
        for (int i = start.getStart().getTokenIndex(); i < at.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            frontier = step(atn, frontier, t.getType(), maxType);
            if (frontier.isEmpty()) return null;
        }
        IntervalSet out = new IntervalSet();
        for (Config c : frontier) {
            for (Transition tr : atn.states.get(c.state).getTransitions()) {
                if (tr.isEpsilon() || tr instanceof NotSetTransition || tr instanceof WildcardTransition) continue;
                if (tr.label() != null) out.addAll(tr.label());
            }
        }
        // Reject the result if the parser could have matched the offending token after all.
        return out.isNil() || out.contains(at.getType()) ? null : out;
    }

    /**
     * Where to start: the last rule that completed inside the context of the error (an
     * argument, a value, a statement), since that is where the parser may have stopped
     * too early; or the context itself when nothing completed in it yet. Starting there
     * also keeps the re-run short.
     */
    private static ParserRuleContext restartPoint(ParserRuleContext ctx) {
        if (ctx == null || ctx.children == null) return ctx;
        for (int i = ctx.children.size() - 1; i >= 0; i--) {
            if (ctx.children.get(i) instanceof ParserRuleContext child && child.getStop() != null) return child;
        }
        return ctx;
    }

    /** The return addresses of the rules that called {@code ctx}, innermost on top. */
    private static Stack callers(ATN atn, ParserRuleContext ctx) {
        Deque<Integer> follows = new ArrayDeque<>();
        for (RuleContext c = ctx; c != null && c.invokingState >= 0; c = c.parent) {
            RuleTransition call = (RuleTransition) atn.states.get(c.invokingState).transition(0);
            follows.push(call.followState.stateNumber);
        }
        Stack stack = null;
        while (!follows.isEmpty()) stack = new Stack(follows.pop(), stack);
        return stack;
    }

    private static Set<Config> step(ATN atn, Set<Config> frontier, int type, int maxType) {
        Set<Config> next = new LinkedHashSet<>();
        for (Config c : frontier) {
            for (Transition tr : atn.states.get(c.state).getTransitions()) {
                if (!tr.isEpsilon() && tr.matches(type, Token.MIN_USER_TOKEN_TYPE, maxType)) {
                    next.addAll(closure(atn, tr.target.stateNumber, c.stack));
                    if (next.size() > MAX_FRONTIER) return Set.of(); // too ambiguous to be worth following
                }
            }
        }
        return next;
    }

    /**
     * The configurations reachable without consuming a token. Predicates (only the
     * precedence checks of {@code expr}) are taken as true: that can only add tokens.
     */
    private static Set<Config> closure(ATN atn, int state, Stack stack) {
        Set<Config> out = new LinkedHashSet<>();
        Set<Config> seen = new HashSet<>();
        Deque<Config> work = new ArrayDeque<>();
        work.push(new Config(state, stack));
        while (!work.isEmpty()) {
            Config c = work.pop();
            if (!seen.add(c)) continue;
            ATNState s = atn.states.get(c.state);
            if (s instanceof RuleStopState) {
                if (c.stack != null) work.push(new Config(c.stack.returnState, c.stack.next));
                continue;
            }
            boolean consumes = false;
            for (Transition tr : s.getTransitions()) {
                if (tr instanceof RuleTransition call) {
                    work.push(new Config(call.target.stateNumber, new Stack(call.followState.stateNumber, c.stack)));
                } else if (tr.isEpsilon()) {
                    work.push(new Config(tr.target.stateNumber, c.stack));
                } else {
                    consumes = true;
                }
            }
            if (consumes) out.add(c);
        }
        return out;
    }

    /**
     * Fallback for a failed prediction: the tokens that the configurations still alive
     * just before the offending token could match (ANTLR's exception reports the set at
     * the start of the decision instead).
     */
    static IntervalSet atDeadEnd(Parser parser, NoViableAltException e) {
        ATNConfigSet configs = e.getDeadEndConfigs();
        ParserRuleContext outer = e.getCtx() instanceof ParserRuleContext p ? p : parser.getContext();
        if (configs == null || configs.isEmpty() || outer == null) return null;
        ATN atn = parser.getATN();
        IntervalSet out = new IntervalSet();
        Set<Long> seen = new HashSet<>();
        for (ATNConfig c : configs) collect(atn, c.state, c.context, outer, out, seen);
        return out.isNil() ? null : out;
    }

    /** The tokens that can follow {@code state}, returning through {@code stack} when a rule ends. */
    private static void collect(ATN atn, ATNState state, PredictionContext stack, ParserRuleContext outer,
                                IntervalSet out, Set<Long> seen) {
        long key = ((long) state.stateNumber << 32) ^ (stack == null ? 0 : System.identityHashCode(stack));
        if (!seen.add(key)) return;
        IntervalSet next = atn.nextTokens(state);
        for (int t : next.toList()) if (t != Token.EPSILON) out.add(t);
        if (!next.contains(Token.EPSILON)) return;
        if (stack == null || stack.isEmpty()) {
            outerFollow(atn, outer, out);
            return;
        }
        for (int i = 0; i < stack.size(); i++) {
            int ret = stack.getReturnState(i);
            if (ret == PredictionContext.EMPTY_RETURN_STATE) {
                outerFollow(atn, outer, out);
            } else {
                collect(atn, atn.states.get(ret), stack.getParent(i), outer, out, seen);
            }
        }
    }

    /** What may follow the rule in which the failed decision was made. */
    private static void outerFollow(ATN atn, ParserRuleContext outer, IntervalSet out) {
        int stop = atn.ruleToStopState[outer.getRuleIndex()].stateNumber;
        for (int t : atn.getExpectedTokens(stop, outer).toList()) if (t != Token.EPSILON) out.add(t);
    }
}
