package dev.nnc.ir;

import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The architecture that weights files record: its description is pinned, for a change to it orphans every file. */
class ArchitectureTest {
    private static final String CNN = """
            model C {
              input [1, 28, 28]
              conv2d c(1 -> 4, kernel: 3, padding: 1, init: he) leaky_relu(alpha: 0.1)
              maxpool2d(kernel: 2)
              dropout(0.25)
              flatten
              dense out(10, bias: false)
              loss softmax_cross_entropy
              optimizer adam(lr: 0.001)
              train(batch: 8, epochs: 2)
            }
            """;

    private static Model model(String source) {
        return NncCompiler.check(new SourceFile("c.nn", source)).model().orElseThrow();
    }

    @Test
    void theDescriptionIsPinned() {
        assertEquals("""
                architecture 1
                input [1, 28, 28]
                conv2d 1 -> 4 kernel 3x3 stride 1 padding 1 bias true in [1, 28, 28]
                leaky_relu alpha 3fb999999999999a
                maxpool2d kernel 2x2 stride 2x2 in [4, 28, 28]
                dropout in [4, 14, 14]
                flatten in [4, 14, 14]
                dense 784 -> 10 bias false
                loss softmax_cross_entropy
                """, Architecture.describe(model(CNN)));
    }

    @Test
    void trainingSettingsNamesAndInitializersAreNotPartOfIt() {
        String hash = model(CNN).architectureHash();
        assertEquals(hash, model(CNN.replace("adam(lr: 0.001)", "sgd(lr: 0.1)").replace("epochs: 2", "epochs: 9")
                .replace("dropout(0.25)", "dropout(0.5)").replace("c(1 -> 4", "first(1 -> 4").replace(", init: he", "")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("alpha: 0.1", "alpha: 0.2")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("bias: false", "bias: true")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("softmax_cross_entropy", "mse")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("maxpool2d", "avgpool2d")).architectureHash());
    }
}
