package dev.nnc.ir;

import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.Optional;

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

    /** How {@code edited} (as d.nn) differs from {@code trained}. */
    private static Optional<String> editedTo(Model trained, String edited) {
        return Architecture.difference(trained, model("d.nn", edited));
    }

    private static Model model(String source) {
        return model("c.nn", source);
    }

    private static Model model(String file, String source) {
        return NncCompiler.check(new SourceFile(file, source)).model().orElseThrow();
    }

    @Test
    void theDescriptionIsPinned() {
        assertEquals("""
                architecture 1
                input [1, 28, 28]
                conv2d 1 -> 4 kernel 3x3 stride 1 padding 1 bias true in [1, 28, 28]
                leaky_relu alpha 3fb999999999999a
                maxpool2d kernel 2x2 stride 2x2 in [4, 28, 28]
                flatten in [4, 14, 14]
                dense 784 -> 10 bias false
                loss softmax_cross_entropy
                """, Architecture.describe(model(CNN)));
    }

    /** Every activation and loss has its fixed words: renaming an enum constant must not change them. */
    @Test
    void everyActivationAndLossIsWrittenOutAsPinned() {
        String layers = "  dense a(784 -> 4) sigmoid\n  tanh\n  relu\n  identity\n  dense b(4) step\n";
        assertEquals("""
                architecture 1
                input [784]
                dense 784 -> 4 bias true
                sigmoid
                tanh
                relu
                dense 4 -> 4 bias true
                step
                loss none
                """, Architecture.describe(model("model S {\n  input [784]\n" + layers + "}\n")));
        String[][] losses = {{"mse", "mse"}, {"sum_squares", "sum_squares"}, {"softmax_cross_entropy", "softmax_cross_entropy"},
                {"bce_with_logits", "sigmoid_binary_cross_entropy"}};
        for (String[] loss : losses) {
            String text = "model L {\n  input [4]\n  dense o(4 -> 2)\n  loss " + loss[0] + "\n  optimizer sgd(lr: 0.1)\n}\n";
            assertEquals("loss " + loss[1], Architecture.describe(model(text)).lines().reduce((x, y) -> y).orElseThrow());
        }
        assertEquals("softmax\nloss cross_entropy", tail(model("model L {\n  input [4]\n  dense o(4 -> 2) softmax\n  loss cross_entropy\n"
                + "  optimizer sgd(lr: 0.1)\n}\n")));
        assertEquals("sigmoid\nloss binary_cross_entropy", tail(model("model L {\n  input [4]\n  dense o(4 -> 2) sigmoid\n"
                + "  loss binary_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n")));
        assertEquals("avgpool2d kernel 2x2 stride 2x2 in [1, 4, 4]", Architecture.describe(model("model P {\n  input [1, 4, 4]\n"
                + "  avgpool2d(kernel: 2)\n}\n")).lines().toList().get(2));
    }

    /** Why weights do not fit: the first place the two models compute otherwise, with both locations. */
    @Test
    void theFirstDifferenceIsNamedWithBothPlaces() {
        Model trained = model(CNN);
        assertEquals(Optional.empty(), Architecture.difference(trained, model(CNN.replace("adam(lr: 0.001)", "sgd(lr: 0.1)")
                .replace("  dropout(0.25)\n", ""))), "settings, dropout: no difference");
        assertEquals(Optional.of("`conv2d 1 -> 4 kernel 3x3 stride 1 padding 1` of the weights' model (c.nn:3) is"
                        + " `conv2d 1 -> 8 kernel 3x3 stride 1 padding 1` in this one (d.nn:3)"),
                editedTo(trained, CNN.replace("c(1 -> 4", "c(1 -> 8")));
        assertEquals(Optional.of("`leaky_relu(alpha: 0.1)` of the weights' model (c.nn:3) is `leaky_relu(alpha: 0.2)` in this one (d.nn:3)"),
                editedTo(trained, CNN.replace("alpha: 0.1", "alpha: 0.2")));
        assertEquals(Optional.of("`dense 784 -> 10 without bias` of the weights' model (c.nn:7) is `dense 784 -> 10` in this one (d.nn:7)"),
                editedTo(trained, CNN.replace(", bias: false", "")));
        assertEquals(Optional.of("the input is [1, 28, 28] in the weights' model (c.nn:2), [1, 14, 14] in this one (d.nn:2)"),
                editedTo(trained, CNN.replace("[1, 28, 28]", "[1, 14, 14]").replace("out(10,", "out(10,")));
        assertEquals(Optional.of("the loss is softmax_cross_entropy (c.nn:8) in the weights' model, mse (d.nn:8) in this one"),
                editedTo(trained, CNN.replace("softmax_cross_entropy", "mse")));
        // Layers added or taken out in one place are named, not the layer that now stands where they were.
        assertEquals(Optional.of("this model has 2 layers the other lacks: `conv2d 4 -> 4 kernel 3x3 stride 1 padding 1` (d.nn:4),"
                        + " `relu` (d.nn:4)"),
                editedTo(trained, CNN.replace("  maxpool2d", "  conv2d c2(4, kernel: 3, padding: 1) relu\n  maxpool2d")));
        assertEquals(Optional.of("the weights' model has a layer the other lacks: `leaky_relu(alpha: 0.1)` (c.nn:3)"),
                editedTo(trained, CNN.replace(" leaky_relu(alpha: 0.1)", "")));
        // A layer whose removal changes the shapes after it (the dense layer reads 3,136 values): still named as removed.
        assertEquals(Optional.of("the weights' model has a layer the other lacks: `maxpool2d kernel 2x2 stride 2x2` (c.nn:4)"),
                editedTo(trained, CNN.replace("  maxpool2d(kernel: 2)\n", "")));
        // A layer changed, and another removed after it: the change comes first (the removal could not explain it).
        String mlp = "model N {\n  input [784]\n  dense h1(784 -> 16) relu\n  dense h2(16) relu\n  dense out(10)\n"
                + "  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
        assertEquals(Optional.of("`dense 784 -> 16` of the weights' model (c.nn:3) is `dense 784 -> 64` in this one (d.nn:3)"),
                Architecture.difference(model(mlp), model("d.nn", mlp.replace("784 -> 16", "784 -> 64").replace("  dense h2(16) relu\n", ""))));
        assertEquals(Optional.of("the weights' model has 2 layers the other lacks: `dense 16 -> 16` (c.nn:4), `relu` (c.nn:4)"),
                Architecture.difference(model(mlp), model("d.nn", mlp.replace("  dense h2(16) relu\n", ""))));
        // Layers of other kinds in their place: compared place by place.
        assertEquals(Optional.of("`maxpool2d kernel 2x2 stride 2x2` of the weights' model (c.nn:4) is `avgpool2d kernel 2x2 stride 2x2`"
                + " in this one (d.nn:4)"), editedTo(trained, CNN.replace("maxpool2d", "avgpool2d")));
    }

    private static String tail(Model m) {
        java.util.List<String> lines = Architecture.describe(m).lines().toList();
        return lines.get(lines.size() - 2) + "\n" + lines.get(lines.size() - 1);
    }

    @Test
    void trainingSettingsNamesAndInitializersAreNotPartOfIt() {
        String hash = model(CNN).architectureHash();
        assertEquals(hash, model(CNN.replace("adam(lr: 0.001)", "sgd(lr: 0.1)").replace("epochs: 2", "epochs: 9")
                .replace("dropout(0.25)", "dropout(0.5)").replace("c(1 -> 4", "first(1 -> 4").replace(", init: he", "")).architectureHash());
        assertEquals(hash, model(CNN.replace("  dropout(0.25)\n", "").replace("bias: false)", "bias: false) identity")).architectureHash(),
                "dropout and identity compute nothing once trained");
        assertNotEquals(hash, model(CNN.replace("alpha: 0.1", "alpha: 0.2")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("bias: false", "bias: true")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("softmax_cross_entropy", "mse")).architectureHash());
        assertNotEquals(hash, model(CNN.replace("maxpool2d", "avgpool2d")).architectureHash());
    }
}
