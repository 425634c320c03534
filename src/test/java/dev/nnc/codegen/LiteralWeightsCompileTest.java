package dev.nnc.codegen;

import dev.nnc.CompileResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Network;
import dev.nnc.api.ParamInfo;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Literal weights are data, not code. Written as a Java array initializer, every value
 * costs about 8 bytes of the static initializer, and javac refuses a method over 64 KB
 * ("code too large"): a literal of some 8,000 values is the most a class can hold that
 * way. A 100×100 literal (10,000 values, a 60 KB .nn file, far below the 1 MiB nnc reads)
 * must still compile, in either precision, and every value must reach the parameters.
 */
class LiteralWeightsCompileTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void aLargeWeightLiteralStillCompiles(Precision precision) {
        int n = 100;
        StringBuilder rows = new StringBuilder();
        for (int o = 0; o < n; o++) {
            rows.append(o == 0 ? "" : ",\n             ").append('[');
            for (int i = 0; i < n; i++) rows.append(i == 0 ? "" : ", ").append(((o * 31 + i * 17) % 200 - 100) / 100.0);
            rows.append(']');
        }
        String source = "model Literal {\n  input [" + n + "]\n  dense a(" + n + " -> " + n + ") relu\n    weights [" + rows
                + "]\n  dense out(10)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
        CompileResult result = NncCompiler.compile(new SourceFile("literal.nn", source),
                GeneratorOptions.defaults().withPrecision(precision).withPackage("test.literal"));
        assertFalse(result.hasErrors(), () -> result.check().diagnostics().toString());

        JavaSourceCompiler.Compiled compiled = assertDoesNotThrow(
                () -> JavaSourceCompiler.compile(List.of(result.javaFile().orElseThrow())),
                "the class holding a 10,000-value literal must compile");
        int initializer = ClassFileMethods.codeLengths(compiled.classFiles().get("test.literal.Literal"))
                .getOrDefault(MethodSizeTest.STATIC_INITIALIZER, 0);
        assertTrue(initializer < 64 * 1024, "static initializer " + initializer + " bytes");

        // Every value of the literal reaches the network's parameters, at W[o][i].
        Network net = compiled.newNetwork("test.literal.Literal", Network.class, 1);
        ParamInfo weight = net.parameters().stream().filter(p -> p.name().equals("a.weight")).findFirst().orElseThrow();
        assertEquals(List.of(n, n), weight.shape());
        for (int o = 0; o < n; o++) {
            for (int i = 0; i < n; i++) {
                double expected = ((o * 31 + i * 17) % 200 - 100) / 100.0;
                int at = weight.offset() + o * n + i;
                double actual = net instanceof FloatNetwork f ? f.params()[at] : ((DoubleNetwork) net).params()[at];
                assertEquals(precision == Precision.FLOAT ? (float) expected : expected, actual, "W[" + o + "][" + i + "]");
            }
        }
    }
}
