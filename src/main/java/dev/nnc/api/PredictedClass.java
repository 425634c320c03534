package dev.nnc.api;

/**
 * {@code predictClass} of both precisions: the largest output, where there is a class to tell. A model of one
 * output has none to compare (its logit or probability has a threshold, which the class does not know), and
 * NaN or infinite outputs (an input or a parameter not finite, or overflowed) have none to give: all used to answer
 * class 0.
 */
final class PredictedClass {
    private PredictedClass() {}

    static int of(float[] y) { return of(y.length, i -> y[i]); }

    static int of(double[] y) { return of(y.length, i -> y[i]); }

    /** Over the outputs as they are, without a widened copy of a float array on every call. */
    private static int of(int length, java.util.function.IntToDoubleFunction y) {
        if (length == 1) {
            throw new IllegalStateException("predictClass picks the largest of one output per class, and this model has one output:"
                    + " compare it with its threshold (0 for a logit, 0.5 for a sigmoid's probability)");
        }
        int best = 0;
        for (int i = 0; i < length; i++) {
            double v = y.applyAsDouble(i);
            if (Double.isNaN(v)) {
                throw new IllegalStateException("output " + i + " is NaN: an input, or a parameter, is not a finite number");
            }
            if (v == Double.POSITIVE_INFINITY) { // overflowed: the largest of several infinities says nothing
                throw new IllegalStateException("output " + i + " is infinite: an input or a parameter is too large for the arithmetic");
            }
            if (v > y.applyAsDouble(best)) best = i;
        }
        return best;
    }
}
