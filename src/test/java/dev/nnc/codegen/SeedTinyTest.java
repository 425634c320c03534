package dev.nnc.codegen;

import dev.nnc.CompileResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.FloatNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.JavaSourceCompiler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-worked example of the notes, end to end through the generated class:
 * x = (2, 3), target 5, y = 4, loss 1, d loss/d w11 = −4, and w11 = 1.004 after one SGD step.
 */
class SeedTinyTest {
    static CompileResult compile(Precision p) throws IOException {
        Path file = Path.of("models/seed_tiny.nn");
        return NncCompiler.compile(new SourceFile(file.toString(), Files.readString(file)),
                GeneratorOptions.defaults().withPrecision(p).withPackage("test." + (p == Precision.FLOAT ? "f32" : "f64")));
    }

    @Test
    void theWorkedExampleInDouble() throws IOException {
        var compiled = JavaSourceCompiler.compile(List.of(compile(Precision.DOUBLE).javaFile().orElseThrow()));
        DoubleNetwork net = compiled.newNetwork("test.f64.SeedTiny", DoubleNetwork.class, 1);
        double[] x = {2, 3}, t = {5};
        assertEquals(4.0, net.forward(x, 1)[0]);
        assertEquals(1.0, net.loss(t, 1));
        net.zeroGrad();
        net.backward(t, 1);
        assertEquals(-4.0, net.grads()[0], "d loss / d w11");
        net.step();
        assertEquals(1.004, net.params()[0], 1e-15, "w11 after one SGD step of lr 0.001");
    }

    @Test
    void theWorkedExampleInFloat() throws IOException {
        var compiled = JavaSourceCompiler.compile(List.of(compile(Precision.FLOAT).javaFile().orElseThrow()));
        FloatNetwork net = compiled.newNetwork("test.f32.SeedTiny", FloatNetwork.class, 1);
        double loss = net.trainBatch(new float[] {2, 3}, new float[] {5}, 1);
        assertEquals(1.0, loss);
        assertEquals(1.004f, net.params()[0]);
    }
}
