package dev.nnc.check;

import java.util.function.DoublePredicate;

/**
 * One argument a layer, loss, optimizer or {@code train} accepts: its name, its type,
 * whether it may be given by position, its default, and the range it must lie in.
 *
 * @param position 0-based position for positional use, or -1 if it must be named
 * @param fallback the default, or null when the argument is required (or simply optional)
 * @param range    null when any value of the type is fine
 * @param rangeText how the range reads in a message: "greater than 0", "in [0, 1)"
 */
record Param(String name, Type type, int position, boolean required, Object fallback,
             DoublePredicate range, String rangeText, String meaning) {

    enum Type {
        /** A positive whole number that fits an int: a size, a kernel, a batch. */
        SIZE("a whole number"),
        /** A whole number (may be 0, e.g. padding or a seed). */
        INT("a whole number"),
        REAL("a number"),
        BOOL("`true` or `false`"),
        /** `he`, `xavier`, `zeros`, `normal(std)`, `uniform(limit)`. */
        INIT("an initializer"),
        /** `3` or `[3, 5]`: height and width of a window. */
        WINDOW("a size or a pair `[height, width]`"),
        /** `[0.5, 0.5]` */
        PAIR("a pair of numbers `[a, b]`");

        final String words;

        Type(String words) { this.words = words; }
    }

    static Param required(String name, Type type, int position, String meaning) {
        return new Param(name, type, position, true, null, null, null, meaning);
    }

    static Param optional(String name, Type type, int position, Object fallback, String meaning) {
        return new Param(name, type, position, false, fallback, null, null, meaning);
    }

    Param range(DoublePredicate predicate, String text) {
        return new Param(name, type, position, required, fallback, predicate, text, meaning);
    }

    static final DoublePredicate POSITIVE = v -> v > 0;
    static final DoublePredicate NON_NEGATIVE = v -> v >= 0;
    /** For a value the float class holds as a constant: beyond a float it would be `Infinityf` in its source. */
    static final DoublePredicate WITHIN_FLOAT = v -> Float.isFinite((float) v);
    static final String WITHIN_FLOAT_TEXT = "within a float (about 3.4e38)";
    static final DoublePredicate UNIT_OPEN = v -> v >= 0 && v < 1;
}
