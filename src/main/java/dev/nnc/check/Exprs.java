package dev.nnc.check;

import dev.nnc.syntax.Ast.Expr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates size and number expressions exactly (BigDecimal), so {@code 7*7*64} is 3136
 * and an overflowing size is reported instead of wrapping around.
 */
final class Exprs {
    private Exprs() {}

    /** Thrown for division by zero or a result too large to be meaningful. */
    static final class EvalException extends Exception {
        final Expr where;

        EvalException(Expr where, String message) {
            super(message);
            this.where = where;
        }
    }

    private static final BigDecimal LIMIT = new BigDecimal("1e100");

    static BigDecimal eval(Expr e) throws EvalException {
        BigDecimal v;
        if (e instanceof Expr.Number n) {
            v = n.value();
        } else if (e instanceof Expr.Unary u) {
            v = u.op() == '-' ? eval(u.operand()).negate() : eval(u.operand());
        } else {
            Expr.Binary b = (Expr.Binary) e;
            BigDecimal l = eval(b.left());
            BigDecimal r = eval(b.right());
            v = switch (b.op()) {
                case '+' -> l.add(r);
                case '-' -> l.subtract(r);
                case '*' -> l.multiply(r);
                case '/' -> {
                    if (r.signum() == 0) throw new EvalException(b.right(), "division by zero");
                    yield l.divide(r, MathContext.DECIMAL64);
                }
                default -> throw new IllegalStateException("operator " + b.op());
            };
        }
        if (v.abs().compareTo(LIMIT) > 0) throw new EvalException(e, "the value is above 1e100, more than any argument takes");
        return v;
    }

    static boolean isInteger(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }
}
