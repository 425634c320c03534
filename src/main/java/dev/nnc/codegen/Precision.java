package dev.nnc.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** The number type of generated code: float (the default, for speed) or double (for checks). */
public enum Precision {
    FLOAT(TypeName.FLOAT, "f", "(float) ", "FloatNetwork"),
    DOUBLE(TypeName.DOUBLE, "", "", "DoubleNetwork");

    final TypeName type;
    final ArrayTypeName array;
    private final String suffix;
    /** Prefix that brings a double expression (Math.exp, ...) back to this type. */
    final String cast;
    final ClassName api;

    Precision(TypeName type, String suffix, String cast, String api) {
        this.type = type;
        this.array = ArrayTypeName.of(type);
        this.suffix = suffix;
        this.cast = cast;
        this.api = ClassName.get("dev.nnc.api", api);
    }

    /** A literal of this type that reads back as the same value: {@code 0.1f}, {@code 1.0E-8}. */
    String literal(double v) {
        if (v == 0) return "0" + (this == FLOAT ? "f" : ".0");
        if (this == FLOAT) {
            float f = (float) v;
            return Float.toString(f) + suffix;
        }
        return Double.toString(v);
    }

    /** Always a double literal, for constants used in double arithmetic. */
    static String doubleLiteral(double v) {
        return Double.toString(v);
    }

    public String word() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** As the command line writes it: {@code float}, {@code double}. */
    @Override
    public String toString() { return word(); }
}
