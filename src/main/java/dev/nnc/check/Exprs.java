package dev.nnc.check;

import dev.nnc.syntax.Ast.Expr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates size and number expressions exactly, so {@code 7*7*64} is 3136, {@code 10/3*3} is 10
 * (not 9.999…), and an overflowing size is reported instead of wrapping around. A value is kept
 * as a fraction of two BigDecimals, divided once at the end: exactly where the quotient has a
 * finite decimal expansion, else to 16 digits (a learning rate of {@code 1/3}).
 */
final class Exprs {
    private Exprs() {}

    /** Thrown for division by zero or a result too large to be meaningful. */
    static final class EvalException extends Exception {
        final Expr where;
        /** What to do about it. */
        final String help;

        EvalException(Expr where, String message, String help) {
            super(message);
            this.where = where;
            this.help = help;
        }
    }

    private static final BigDecimal LIMIT = new BigDecimal("1e100");

    /** {@code top / bottom}, bottom never zero. */
    private record Fraction(BigDecimal top, BigDecimal bottom) {
        BigDecimal value() {
            try {
                return top.divide(bottom);
            } catch (ArithmeticException endless) { // 1/3: no finite decimal expansion
                return top.divide(bottom, MathContext.DECIMAL64);
            }
        }
    }

    static BigDecimal eval(Expr e) throws EvalException {
        return fraction(e).value();
    }

    private static Fraction fraction(Expr e) throws EvalException {
        Fraction v;
        if (e instanceof Expr.Number n) {
            v = new Fraction(n.value(), BigDecimal.ONE);
        } else if (e instanceof Expr.Unary u) {
            Fraction operand = fraction(u.operand());
            v = u.op() == '-' ? new Fraction(operand.top().negate(), operand.bottom()) : operand;
        } else {
            Expr.Binary b = (Expr.Binary) e;
            Fraction l = fraction(b.left());
            Fraction r = fraction(b.right());
            v = switch (b.op()) {
                case '+' -> new Fraction(l.top().multiply(r.bottom()).add(r.top().multiply(l.bottom())), l.bottom().multiply(r.bottom()));
                case '-' -> new Fraction(l.top().multiply(r.bottom()).subtract(r.top().multiply(l.bottom())), l.bottom().multiply(r.bottom()));
                case '*' -> new Fraction(l.top().multiply(r.top()), l.bottom().multiply(r.bottom()));
                case '/' -> {
                    if (r.top().signum() == 0) throw new EvalException(b.right(), "division by zero", "divide by a number other than 0");
                    yield new Fraction(l.top().multiply(r.bottom()), l.bottom().multiply(r.top()));
                }
                default -> throw new IllegalStateException("operator " + b.op());
            };
        }
        if (v.top().abs().compareTo(LIMIT.multiply(v.bottom().abs())) > 0) {
            throw new EvalException(e, "the value is above 1e100, more than any argument takes", "write a smaller value");
        }
        return v;
    }

    static boolean isInteger(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }
}
