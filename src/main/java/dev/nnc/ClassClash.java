package dev.nnc;

import dev.nnc.ir.SourceRef;

/**
 * Two models that would write one class file (of one {@code nnc compile}, or one execution of
 * the Maven plugin): the same class, or classes whose names differ only in case (on macOS and
 * Windows, {@code Xor.java} and {@code XOR.java} are one file). Said at the second model's
 * {@code model} line, as a compiler says it, so that an IDE links it.
 */
public final class ClassClash {
    private ClassClash() {}

    /** {@code src/main/nn/a.nn:1:7}: a model's line under the path the project knows it by. */
    public static String place(String shown, SourceRef at) { return shown + ":" + at.line() + ":" + at.column(); }

    /**
     * @param at        the {@code model} line of the model found second
     * @param model     its name
     * @param className the class it would generate
     * @param other     the class of the first, and where that model is
     * @param verb      how the models become classes here: "compile" (the CLI), "generate" (the plugin)
     */
    public static String message(SourceRef at, String model, String className, String otherClass, String otherModel, String verb) {
        String clash = className.equals(otherClass)
                ? "defines class " + className + ", as " + otherModel + " does"
                : "defines class " + className + ", whose name differs only in case from class " + otherClass + " of " + otherModel
                + " (on macOS and Windows their files are one)";
        return at.location() + ": error: model `" + model + "` " + clash + "; rename one of the models or " + verb + " them into different packages";
    }
}
