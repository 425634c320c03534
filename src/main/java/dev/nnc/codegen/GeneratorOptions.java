package dev.nnc.codegen;

import java.util.Optional;

/**
 * How to generate: the Java package, the number type, optionally a class name other than
 * the model's, and whether dense and convolutional layers use the incubating Vector API
 * ({@code vector}: float only; the class then needs {@code --add-modules jdk.incubator.vector}
 * to compile and run).
 */
public record GeneratorOptions(String packageName, Precision precision, Optional<String> className, boolean vector) {
    public static final String DEFAULT_PACKAGE = "nnc.models";

    public GeneratorOptions {
        if (vector && precision != Precision.FLOAT) {
            throw new IllegalArgumentException("the Vector API kernels are float only");
        }
    }

    public GeneratorOptions(String packageName, Precision precision, Optional<String> className) {
        this(packageName, precision, className, false);
    }

    /** Dotted Java identifiers that are not keywords, or "" for the unnamed package: the CLI's and the plugin's rule. */
    public static boolean isPackageName(String name) {
        if (name.isEmpty()) return true;
        for (String part : name.split("\\.", -1)) {
            if (!javax.lang.model.SourceVersion.isIdentifier(part) || javax.lang.model.SourceVersion.isKeyword(part)) return false;
        }
        return true;
    }

    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_PACKAGE, Precision.FLOAT, Optional.empty(), false);
    }

    public GeneratorOptions withPackage(String p) { return new GeneratorOptions(p, precision, className, vector); }

    public GeneratorOptions withPrecision(Precision p) { return new GeneratorOptions(packageName, p, className, vector && p == Precision.FLOAT); }

    public GeneratorOptions withClassName(String c) { return new GeneratorOptions(packageName, precision, Optional.of(c), vector); }

    public GeneratorOptions withVector(boolean v) { return new GeneratorOptions(packageName, precision, className, v); }
}
