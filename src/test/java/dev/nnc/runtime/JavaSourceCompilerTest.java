package dev.nnc.runtime;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A class over Java's limits is the model's size, said as such; any other javac error is nnc's bug. */
class JavaSourceCompilerTest {
    @Test
    void aMethodOver64KbIsAClassTooLargeNotABug() {
        MethodSpec.Builder huge = MethodSpec.methodBuilder("huge").addParameter(int[].class, "a");
        for (int i = 0; i < 12_000; i++) huge.addStatement("a[$L % a.length] += $L", i, i);
        JavaFile file = JavaFile.builder("test.big", TypeSpec.classBuilder("Big").addMethod(huge.build()).build()).build();
        var e = assertThrows(JavaSourceCompiler.ClassTooLarge.class, () -> JavaSourceCompiler.compile(List.of(file)));
        assertTrue(e.getMessage().contains("too large for one Java class (javac: code too large)") && e.getMessage().contains("use fewer layers"),
                e.getMessage());
    }

    @Test
    void otherErrorsAreCompilationFailures() {
        MethodSpec wrong = MethodSpec.methodBuilder("wrong").addStatement("int x = $S", "text").build();
        JavaFile file = JavaFile.builder("test.bad", TypeSpec.classBuilder("Bad").addMethod(wrong).build()).build();
        var e = assertThrows(JavaSourceCompiler.CompilationFailed.class, () -> JavaSourceCompiler.compile(List.of(file)));
        assertTrue(e.getMessage().startsWith("the generated code did not compile (a bug in nnc)"), e.getMessage());
    }

    /** 784 inputs × 3,000,000 samples overflow an int: the class refuses the batch, said as too large, not an internal error. */
    @Test
    void aBatchWhoseBuffersOutgrowAnArrayIsSaidToBeTooLarge() {
        var checked = dev.nnc.NncCompiler.check(new dev.nnc.diag.SourceFile("m.nn",
                "model Wide {\n  input [784]\n  dense out(784 -> 10)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n"));
        var e = assertThrows(JavaSourceCompiler.BatchTooLarge.class,
                () -> Networks.floatNetwork(checked.model().orElseThrow(), 3_000_000));
        assertTrue(e.getMessage().startsWith("a batch of 3,000,000 is too large for Wide: maxBatch must be 1 to 2,739,137 (a buffer holds"
                + " 784 values per sample, a Java array at most 2,147,483,647), got 3000000"), e.getMessage());

        // 100,000 × 50,000 wraps around to a positive int: a too-short buffer, were it not refused first.
        var wide = dev.nnc.NncCompiler.check(new dev.nnc.diag.SourceFile("w.nn",
                "model Wider {\n  input [50000]\n  dense out(50000 -> 2)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n"));
        assertThrows(JavaSourceCompiler.BatchTooLarge.class, () -> Networks.floatNetwork(wide.model().orElseThrow(), 100_000));
    }
}
