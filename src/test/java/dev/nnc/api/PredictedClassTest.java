package dev.nnc.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predictClass answers a class only where there is one: an embedder's review found class 0 for a one-output model and for NaN. */
class PredictedClassTest {
    @Test
    void theLargestOutputIsTheClass() {
        assertEquals(2, PredictedClass.of(new float[] {0.1f, -3f, 7f, 6.9f}));
        assertEquals(0, PredictedClass.of(new double[] {1, 1}), "ties go to the first");
        assertEquals(1, PredictedClass.of(new float[] {Float.NEGATIVE_INFINITY, 0}));
    }

    @Test
    void oneOutputHasNoClassToPick() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PredictedClass.of(new float[] {38.6f}));
        assertTrue(e.getMessage().contains("compare it with its threshold (0 for a logit, 0.5 for a sigmoid's probability)"), e.getMessage());
    }

    @Test
    void nanOutputsHaveNoClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PredictedClass.of(new double[] {0.2, Double.NaN, 0.1}));
        assertEquals("output 1 is NaN: an input, or a parameter, is not a finite number", e.getMessage());
        assertThrows(IllegalStateException.class, () -> PredictedClass.of(new float[] {Float.NaN, 0.5f}), "at the first output too");
        IllegalStateException overflow = assertThrows(IllegalStateException.class,
                () -> PredictedClass.of(new float[] {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}));
        assertEquals("output 0 is infinite: an input or a parameter is too large for the arithmetic", overflow.getMessage());
    }
}
