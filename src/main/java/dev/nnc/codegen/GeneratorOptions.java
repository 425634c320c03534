package dev.nnc.codegen;

/**
 * How to generate: the Java package, the number type, and whether dense and convolutional
 * layers use the incubating Vector API ({@code vector}: float only; the class then needs
 * {@code --add-modules jdk.incubator.vector} to compile and run). The class is named after
 * the model ({@link ClassNames#forModel}), which the plugin relies on to tell whose a class is.
 */
public record GeneratorOptions(String packageName, Precision precision, boolean vector) {
    public static final String DEFAULT_PACKAGE = "nnc.models";

    public GeneratorOptions {
        if (vector && precision != Precision.FLOAT) {
            throw new IllegalArgumentException("the Vector API kernels are float only");
        }
    }

    /** Dotted Java identifiers that are not keywords, or "" for the unnamed package: the CLI's and the plugin's rule. */
    public static boolean isPackageName(String name) {
        if (name.isEmpty()) return true;
        for (String part : name.split("\\.", -1)) {
            if (!javax.lang.model.SourceVersion.isIdentifier(part) || javax.lang.model.SourceVersion.isKeyword(part)) return false;
        }
        return true;
    }

    /**
     * Why the generated classes cannot go into package {@code name}, or empty: the CLI's and the plugin's
     * rule. A package of the JDK (java.lang, javax.swing, ...) takes no class of ours: javac says "package
     * exists in another module", and the JVM refuses any java.* class.
     */
    public static java.util.Optional<String> packageProblem(String name) {
        if (!isPackageName(name)) {
            return java.util.Optional.of("`" + name + "` is not a Java package name (dotted identifiers, no keywords), e.g. com.example.models");
        }
        if (name.equals("java") || name.startsWith("java.")) {
            return java.util.Optional.of("`" + name + "` is under java., which the JVM keeps for the JDK's own classes; use a package of"
                    + " yours, e.g. com.example.models");
        }
        // Every module of the JDK, the incubating ones too (jdk.incubator.vector), which the boot layer leaves out.
        boolean jdk = java.lang.module.ModuleFinder.ofSystem().findAll().stream()
                .anyMatch(m -> m.descriptor().packages().contains(name));
        return jdk ? java.util.Optional.of("`" + name + "` is a package of the JDK, which takes no class of another; use one of yours,"
                + " e.g. com.example.models") : java.util.Optional.empty();
    }

    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_PACKAGE, Precision.FLOAT, false);
    }

    public GeneratorOptions withPackage(String p) { return new GeneratorOptions(p, precision, vector); }

    /** Refused for double with vector on, as the constructor refuses it. */
    public GeneratorOptions withPrecision(Precision p) { return new GeneratorOptions(packageName, p, vector); }

    public GeneratorOptions withVector(boolean v) { return new GeneratorOptions(packageName, precision, v); }
}
