package dev.nnc.codegen;

import com.palantir.javapoet.JavaFile;
import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NaN goes through ReLU and max pooling, as in PyTorch: swallowed there, a diverging layer
 * would look finite to every layer after it and to the divergence guard.
 */
class NanPropagationTest {

    @ParameterizedTest(name = "vector {0}")
    @ValueSource(booleans = {false, true})
    void reluAndMaxPoolLetANanThrough(boolean vector) {
        String source = """
                model Nan {
                  input [1, 4, 4]
                  relu
                  maxpool2d(kernel: 2)
                  flatten
                  dense out(4 -> 2)
                  loss mse
                  optimizer sgd(lr: 0.1)
                }
                """;
        JavaFile file = NncCompiler.compile(new SourceFile("nan.nn", source),
                GeneratorOptions.defaults().withPackage("test.nan").withVector(vector)).javaFile().orElseThrow();
        FloatNetwork net = JavaSourceCompiler.compile(List.of(file), vector)
                .newNetwork(JavaSourceCompiler.binaryNames(List.of(file)).get(0), FloatNetwork.class, 1);
        float[] x = new float[16];
        java.util.Arrays.fill(x, -1f);
        x[5] = Float.NaN; // row 1, column 1: the second value of the first pooling window's second row
        net.forward(x, 1);
        assertTrue(Float.isNaN(net.layerOutput(0)[5]), "ReLU keeps the NaN");
        assertTrue(Float.isNaN(net.layerOutput(1)[0]), "max pooling keeps the NaN of its window");
        assertTrue(!Float.isNaN(net.layerOutput(1)[1]), "the other windows are untouched");
    }
}
