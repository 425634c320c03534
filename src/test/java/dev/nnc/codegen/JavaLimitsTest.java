package dev.nnc.codegen;

import dev.nnc.CompileResult;
import dev.nnc.NncCompiler;
import dev.nnc.check.CheckResult;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the generated Java cannot hold is refused by the checker, with a location, never by javac
 * ("the generated code did not compile (a bug in nnc)"): a number beyond a float (the class
 * wrote {@code Infinityf}) and a name so long that no file or string constant holds it. What the
 * checker takes at its limits must compile.
 */
class JavaLimitsTest {
    private static final String TINY = """
            model M {
              input [2]
              dense hidden(2 -> 2, bias: false) relu
                weights [[1, 0],
                         [0, 1]]
              dense out(2 -> 1)
              loss mse
              optimizer sgd(lr: 0.01)
            }
            """;

    private static List<String> errors(String source) {
        CheckResult r = NncCompiler.check(new SourceFile("m.nn", source));
        return r.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.code() + " " + d.span().location() + " " + d.message()).toList();
    }

    @Test
    void numbersBeyondAFloatAndNamesBeyondAHundredCharactersAreRefusedWhereWritten() {
        assertEquals(List.of("NN0206 m.nn:4:15 the value in the weights of dense layer `hidden` is beyond a float"),
                errors(TINY.replace("[[1, 0]", "[[1e39, 0]")));
        assertEquals(List.of("NN0206 m.nn:4:15 the value in the weights of dense layer `hidden` is beyond a float"),
                errors(TINY.replace("[[1, 0]", "[[-4e38, 0]")));
        assertEquals(List.of("NN0206 m.nn:3:55 `alpha` of `leaky_relu` must be 0 or more, and within a float (about 3.4e38), found 1e39"),
                errors(TINY.replace("bias: false) relu", "bias: false) leaky_relu(alpha: 1e39)")));
        assertEquals(List.of("NN0206 m.nn:6:34 `std` of initializer `normal` must be greater than 0, and within a float (about 3.4e38),"
                + " found 1e39"), errors(TINY.replace("dense out(2 -> 1)", "dense out(2 -> 1, init: normal(1e39))")));
        // Settings of the optimizer are doubles in the class: a learning rate of 1e39 is absurd (NN0505), not uncompilable.
        assertEquals(List.of(), errors(TINY.replace("sgd(lr: 0.01)", "sgd(lr: 1e39)")));
        String longName = "h".repeat(101);
        assertEquals(List.of("NN0214 m.nn:3:9 the layer's name is 101 characters long; the longest nnc takes is 100"),
                errors(TINY.replace("hidden", longName)));
        assertEquals(List.of("NN0214 m.nn:1:7 the model's name is 70,000 characters long; the longest nnc takes is 100"),
                errors(TINY.replace("model M", "model " + "M".repeat(70_000))));
        assertEquals(List.of("NN0214 m.nn:2:9 the input's name is 101 characters long; the longest nnc takes is 100"),
                errors(TINY.replace("input [2]", "input " + "x".repeat(101) + "[2]")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void aModelAtTheLimitsCompiles(Precision precision) {
        String source = TINY.replace("model M", "model " + "M".repeat(100)).replace("hidden", "h".repeat(100))
                .replace("[[1, 0]", "[[3.4028235e38, 0]").replace("bias: false) relu", "bias: false) leaky_relu(alpha: 3.4028235e38)");
        CompileResult result = NncCompiler.compile(new SourceFile("m.nn", source),
                GeneratorOptions.defaults().withPrecision(precision).withPackage("test.limits"));
        assertFalse(result.hasErrors(), () -> result.check().diagnostics().toString());
        assertDoesNotThrow(() -> JavaSourceCompiler.compile(List.of(result.javaFile().orElseThrow())));
    }
}
