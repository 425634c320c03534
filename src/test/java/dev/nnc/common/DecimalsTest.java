package dev.nnc.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Numbers in messages as a person writes them, never Java's 1.0E-7 or -1.0, and never a crash. */
class DecimalsTest {

    @Test
    void plainInTheMiddleWithAnExponentAtTheEnds() {
        assertEquals("-1", Decimals.of(-1.0));
        assertEquals("0", Decimals.of(0.0));
        assertEquals("0.5", Decimals.of(0.5));
        assertEquals("0.0001", Decimals.of(1e-4));
        assertEquals("1e-7", Decimals.of(1e-7));
        assertEquals("1e+20", Decimals.of(1e20));
        assertEquals("50", Decimals.of(50));
    }

    @Test
    void infinitiesAndNanAreWrittenAsJavaWritesThem() {
        assertEquals("Infinity", Decimals.of(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Decimals.of(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", Decimals.of(Double.NaN));
    }
}
