package dev.nnc.codegen;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comments of the generated code say what the code does: a layer without a bias has no db in them. */
class GeneratedCommentsTest {
    private static Model model(boolean bias) {
        String b = bias ? "" : ", bias: false";
        String source = """
                model M {
                  input [1, 6, 6]
                  conv2d c(1 -> 2, kernel: 3%s) relu
                  flatten
                  dense out(32 -> 3%s)
                  loss softmax_cross_entropy
                  optimizer sgd(lr: 0.1)
                }
                """.formatted(b, b);
        CheckResult checked = NncCompiler.check(new SourceFile("m.nn", source));
        return checked.model().orElseThrow(() -> new AssertionError(checked.diagnostics()));
    }

    @ParameterizedTest(name = "vector {0}")
    @ValueSource(booleans = {false, true})
    void dbIsMentionedOnlyWhereThereIsABias(boolean vector) {
        GeneratorOptions options = GeneratorOptions.defaults().withVector(vector);
        Pattern db = Pattern.compile("\\bdb\\b");
        assertTrue(db.matcher(ModelGenerator.generate(model(true), options).toString()).find(), "the yardstick: with a bias");
        String without = ModelGenerator.generate(model(false), options).toString();
        assertFalse(db.matcher(without).find(), () -> without.lines().filter(l -> db.matcher(l).find()).toList().toString());
    }

    /** Comments speak of the model at hand: a dropout stream only as unused without dropout, zeros only where a ReLU makes them. */
    @ParameterizedTest(name = "vector {0}")
    @ValueSource(booleans = {false, true})
    void commentsSpeakOfThisModel(boolean vector) {
        String text = ModelGenerator.generate(model(true), GeneratorOptions.defaults().withVector(vector)).toString();
        assertFalse(text.contains("Draws dropout masks."), "no dropout in this model");
        assertTrue(text.contains("(unused: this model has no dropout)"), text);
        assertTrue(text.contains("(⋆: cross-correlation, the kernel not flipped)"), "⋆ is defined");
        assertFalse(text.contains("background pixel"), "its dense layer reads the ReLU'd convolution, not pixels");
        if (!vector) assertTrue(text.contains("skip its row of Wᵀ (ReLU before makes every negative value 0)"), text);
    }
}
