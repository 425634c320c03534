package dev.nnc.common;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers in messages as a user would type them: 0.0001 and 1e-9, never Java's 1.0E-4. */
public final class Decimals {
    private Decimals() {}

    private static final BigDecimal SMALL = new BigDecimal("1e-6"), LARGE = new BigDecimal("1e6");

    /** As {@link #of(BigDecimal)}; infinities and NaN as Java writes them (they have no decimal form). */
    public static String of(double v) {
        return Double.isFinite(v) ? of(new BigDecimal(Double.toString(v))) : Double.toString(v);
    }

    /** Plain between 1e-6 and 1e6, else with an exponent: 0.0001, 1e-9, 1e+29. */
    public static String of(BigDecimal v) {
        BigDecimal d = v.stripTrailingZeros();
        boolean plain = d.signum() == 0 || (d.abs().compareTo(SMALL) >= 0 && d.abs().compareTo(LARGE) < 0);
        return plain ? d.toPlainString() : d.toString().toLowerCase(Locale.ROOT);
    }
}
