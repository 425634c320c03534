package dev.nnc.codegen;

import java.util.Optional;

/** How to generate: the Java package, the number type, and optionally a class name other than the model's. */
public record GeneratorOptions(String packageName, Precision precision, Optional<String> className) {
    public static final String DEFAULT_PACKAGE = "nnc.models";

    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_PACKAGE, Precision.FLOAT, Optional.empty());
    }

    public GeneratorOptions withPackage(String p) { return new GeneratorOptions(p, precision, className); }

    public GeneratorOptions withPrecision(Precision p) { return new GeneratorOptions(packageName, p, className); }

    public GeneratorOptions withClassName(String c) { return new GeneratorOptions(packageName, precision, Optional.of(c)); }
}
