package dev.nnc.check;

import dev.nnc.NncCompiler;
import dev.nnc.check.CheckResult;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Init;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.ir.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.nnc.check.CheckerRulesTest.cnn;
import static dev.nnc.check.CheckerRulesTest.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge cases of dev.nnc.check that no test pinned, found by mutation testing (PIT; see TESTING.md). */
class CheckerEdgeCasesTest {
    static CheckResult check(String source) { return NncCompiler.check(new SourceFile("t.nn", source)); }
    static List<String> codes(CheckResult r) { return r.diagnostics().stream().map(d -> d.code().name()).toList(); }
    static Model model(String source) {
        CheckResult r = check(source);
        assertTrue(r.model().isPresent(), r.diagnostics().toString());
        return r.model().get();
    }

    // A two-class classifier would be refused.
    @Test
    void twoClassesAreEnoughForASoftmaxLoss() {
        CheckResult r = check(mlp("  dense out(2)"));
        assertEquals(List.of(), codes(r));
    }

    // A window that exactly fits (output 1×1) would be refused.
    @Test
    void aWindowThatExactlyFitsGivesOneByOne() {
        Model m = model(cnn("  conv2d c(4, kernel: 28) relu\n  flatten\n  dense out(10)"));
        assertEquals("[4, 1, 1]", m.layers().get(0).out().toString());
    }

    // Sigmoid before a loss that applies sigmoid itself.
    @Test
    void aLogitLossAfterASigmoidIsAnError() {
        CheckResult r = check(mlp("  dense out(3) sigmoid").replace("softmax_cross_entropy", "bce_with_logits"));
        assertEquals(List.of("NN0108"), codes(r));
        assertEquals("t.nn:4:8", r.diagnostics().get(0).span().location());
        assertTrue(r.diagnostics().get(0).message().contains("applies sigmoid itself, but the model already ends in sigmoid"));
    }

    // The default init looks at an activation on the next line as well.
    @Test
    void heInitBeforeAReluOnTheNextLine() {
        Model m = model(mlp("  dense h(16)\n  relu\n  dense out(10)"));
        assertEquals(Init.HE, ((Layer.Dense) m.layers().get(0)).weight().init());
        assertEquals(Init.XAVIER, ((Layer.Dense) m.layers().get(2)).weight().init());
    }

    // ... and past pools, dropout and flatten to the activation the output meets first (a learner's
    // conv2d → maxpool2d → relu, PyTorch's MNIST order, got xavier); a weight layer first ends the search.
    @Test
    void heInitBeforeAReluPastAPoolADropoutOrAFlatten() {
        Model m = model("model M {\n  input [1, 16, 16]\n  conv2d c(4, kernel: 3)\n  maxpool2d(kernel: 2)\n  relu\n"
                + "  conv2d d(4, kernel: 3)\n  maxpool2d(kernel: 2) leaky_relu\n  flatten\n  dense h(16)\n  dropout(0.2)\n  flatten\n  relu\n"
                + "  dense e(8)\n  dropout(0.5)\n  dense out(10)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n");
        List<Init> inits = m.layers().stream().flatMap(l -> l instanceof Layer.Dense dl ? java.util.stream.Stream.of(dl.weight().init())
                : l instanceof Layer.Conv2d cl ? java.util.stream.Stream.of(cl.weight().init()) : java.util.stream.Stream.empty()).toList();
        assertEquals(List.of(Init.HE, Init.HE, Init.HE, Init.XAVIER, Init.XAVIER), inits, "c, d, h before ReLUs; e before a dense; out last");
    }

    // The class's buffers hold a batch of the largest output: its default constructor (train's batch) must be able to make them.
    // A warning: the class works with a smaller batch (new H(21)), and nnc train takes one that fits.
    @Test
    void aBatchWhoseBuffersNoJavaArrayHoldsIsAWarning() {
        CheckResult huge = NncCompiler.check(new SourceFile("t.nn", "model H {\n  input [1, 10000, 10000]\n  maxpool2d(kernel: 2)\n"
                + "  flatten\n  dense o(2)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n"));
        assertEquals(List.of("NN0514"), huge.diagnostics().stream().map(d -> d.code().name()).toList());
        assertTrue(huge.model().isPresent(), "a warning: the class is still generated");
        Diagnostic d = huge.diagnostics().get(0);
        assertEquals("t.nn:2:9", d.span().location());
        assertTrue(d.message().startsWith("a batch of 32 (the default) of the input [1, 10000, 10000] is 3,200,000,000 values"), d.message());
        assertEquals(List.of("add `train(batch: 21)` (or less) to the model, or use a smaller input"), d.help());

        CheckResult big = NncCompiler.check(new SourceFile("t.nn", mlp("  dense h(1000000) relu\n  dense out(10)")
                .replace("}\n", "  train(batch: 4096)\n}\n")));
        Diagnostic b = big.diagnostics().get(0);
        assertEquals("NN0514", b.code().name());
        assertTrue(b.notes().get(0).endsWith("given a batch of at most 2,147, it works"), b.notes().toString());
        assertTrue(b.message().contains("of the output of `h`, [1000000],"), b.message());
        assertEquals(List.of("write `batch: 2147` or less, or make that layer smaller"), b.help());
        assertTrue(NncCompiler.check(new SourceFile("t.nn", mlp("  dense h(1000000) relu\n  dense out(10)")
                .replace("}\n", "  train(batch: 2147)\n}\n"))).diagnostics().isEmpty(), "2,147 samples fit");
    }

    // identity passes its input on: past it, attached or on a line of its own, the next activation decides.
    @Test
    void heInitBeforeAReluPastAnIdentity() {
        Model m = model(mlp("  dense a(16) identity\n  relu\n  dense b(16)\n  identity\n  leaky_relu\n  dense out(10) identity"));
        List<Init> inits = m.layers().stream().filter(l -> l instanceof Layer.Dense).map(l -> ((Layer.Dense) l).weight().init()).toList();
        assertEquals(List.of(Init.HE, Init.HE, Init.XAVIER), inits, "a and b before a relu-family activation past an identity; out last");
    }

    // NN0512 where zeros keep a hidden layer from learning: before a ReLU (dead), or under zeros (copies);
    // a tanh layer under random weights parts at the first step (a reviewer: the note was false there).
    @Test
    void hiddenWeightsAtZeroAreFlaggedOnlyWhereTheyCannotLearn() {
        String tanh = "model M {\n  input [4]\n  dense h(4 -> 8, init: zeros) tanh\n  dense out(3)\n  loss softmax_cross_entropy\n"
                + "  optimizer sgd(lr: 0.1)\n}\n";
        assertEquals(List.of(), codes(check(tanh)));
        CheckResult copies = check(tanh.replace("dense out(3)", "dense out(3, init: zeros)"));
        assertEquals(List.of("NN0512"), codes(copies));
        assertTrue(copies.diagnostics().get(0).notes().get(0).contains("`out` above starts at zero too"), copies.diagnostics().toString());
        CheckResult dead = check(tanh.replace(") tanh", ")\n  maxpool2d(kernel: 1)\n  relu").replace("input [4]", "input [1, 2, 2]")
                .replace("dense h(4 -> 8, init: zeros)", "conv2d h(2, kernel: 1, init: zeros)").replace("maxpool2d(kernel: 1)\n", "flatten\n"));
        assertEquals(List.of("NN0512"), codes(dead), dead.diagnostics().toString());
        assertTrue(dead.diagnostics().get(0).notes().get(0).contains("relu(0) = 0"), dead.diagnostics().toString());
        assertEquals(List.of(), codes(check(tanh.replace(") tanh", ") relu\n    bias [1, 1, 1, 1, 1, 1, 1, 1]"))),
                "a bias literal may put the units off the kink");
        assertEquals(List.of("NN0512", "NN0511"), codes(check(tanh.replace(") tanh", ") leaky_relu(alpha: 0)"))),
                "leaky_relu(alpha: 0) is as flat at 0 as relu");
    }

    // A train(...) in an inference-only model sets the class's batch and seed, nothing else (left in a note):
    // the others are named in the order written; early stopping's own warning is moot there.
    @Test
    void trainingSettingsOfAModelThatDoesNotTrainAreNamed() {
        String model = "model M {\n  input [2]\n  dense o(1)\n  train(TRAIN)\n}\n";
        assertEquals(List.of(), codes(check(model.replace("TRAIN", "batch: 4, seed: 7"))), "batch and seed are used");
        assertEquals(List.of(), codes(check(model.replace("TRAIN", "4, 0, 7").replace("  train(4, 0, 7)\n", "  train(4)\n"))));
        CheckResult r = check(model.replace("TRAIN", "normalize: [0.5, 0.5], early_stop: 2, batch: 8, shuffle: false"));
        assertEquals(List.of("NN0515"), codes(r), "no NN0509 beside it");
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("`normalize`, `early_stop` and `shuffle` have no effect: model `M` has no loss or optimizer, so nothing trains it", d.message());
        assertEquals(2, d.secondary().size());
        assertTrue(d.help().get(0).startsWith("remove them, or add a `loss` and an `optimizer`"), d.help().toString());
        assertEquals(List.of("NN0509"), codes(check(model.replace("TRAIN", "early_stop: 2")
                .replace("  train(", "  loss mse\n  optimizer sgd(lr: 0.1)\n  train("))), "a model that trains keeps NN0509");
    }

    // A `weights` literal of zeros is `init: zeros` written out (left in a note): flagged at the literal, with
    // a help about literals; one value not zero, or the output layer, is not flagged.
    @Test
    void aWeightsLiteralOfZerosIsFlaggedLikeInitZeros() {
        String model = "model M {\n  input [2]\n  dense h(2 -> 2) relu\n    weights [[0, 0], [0, 0]]\n  dense out(1)\n"
                + "  loss mse\n  optimizer sgd(lr: 0.1)\n}\n";
        CheckResult dead = check(model);
        assertEquals(List.of("NN0512"), codes(dead));
        Diagnostic d = dead.diagnostics().get(0);
        assertTrue(d.span().location().endsWith(":4:5"), "at the `weights` keyword: " + d.span());
        assertEquals("a `weights` literal of zeros", d.label());
        assertTrue(d.help().get(0).startsWith("give weights that are not all zero"), d.help().toString());
        assertEquals(List.of(), codes(check(model.replace("[[0, 0], [0, 0]]", "[[0, 0], [0, 0.5]]"))), "one unit can learn");
        CheckResult copies = check(model.replace(") relu\n", ") tanh\n").replace("dense out(1)", "dense out(1, init: zeros)"));
        assertEquals(List.of("NN0512"), codes(copies));
        assertTrue(copies.diagnostics().get(0).help().get(0).startsWith("give weights that differ from unit to unit"));
        assertEquals(List.of(), codes(check(model.replace("    weights [[0, 0], [0, 0]]\n", "").replace("dense out(1)", "dense out(1)\n    weights [[0, 0]]"))),
                "the output layer's inputs already differ");
    }

    // With a layer that passes its input on between the output's softmax and the loss, the help says to
    // remove it too: following "write `loss cross_entropy`" alone gave NN0108 again (a re-test).
    @Test
    void helpsPastAnIdentityLeadToACleanModel() {
        String base = "model M {\n  input [4]\n  dense o(3) softmax\n  identity\n  loss LOSS\n  optimizer sgd(lr: 0.1)\n}\n";
        String[][] cases = { // loss, code, help, the model once the help is followed
            {"softmax_cross_entropy", "NN0108", "remove `identity` and write `loss cross_entropy` to train through this softmax, or remove the `softmax`",
                base.replace("  identity\n", "").replace("LOSS", "cross_entropy")},
            {"mse", "NN0503", "remove `identity` and use `loss cross_entropy` (fused with the softmax) for classification",
                base.replace("  identity\n", "").replace("LOSS", "cross_entropy")},
            {"sigmoid_binary_cross_entropy", "NN0108", "remove `identity` and write `loss binary_cross_entropy` to train through this sigmoid,"
                + " or remove the `sigmoid`", base.replace("  identity\n", "").replace("softmax", "sigmoid").replace("LOSS", "binary_cross_entropy")},
        };
        for (String[] c : cases) {
            String source = base.replace("LOSS", c[0]);
            if (c[0].startsWith("sigmoid")) source = source.replace("o(3) softmax", "o(3) sigmoid");
            CheckResult r = check(source);
            assertEquals(List.of(c[1]), codes(r), source);
            assertEquals(List.of(c[2]), r.diagnostics().get(0).help(), source);
            assertEquals(List.of(), codes(check(c[3])), c[3]);
        }
        CheckResult twice = check(base.replace("  identity\n", "  identity\n  softmax\n").replace("LOSS", "cross_entropy"));
        assertEquals(List.of("NN0507"), codes(twice));
        assertEquals(List.of("remove the first one"), twice.diagnostics().get(0).help());
        assertEquals(List.of(), codes(check(base.replace("o(3) softmax", "o(3)").replace("  identity\n", "  identity\n  softmax\n")
                .replace("LOSS", "cross_entropy"))), "the first removed: identity, then softmax, then the loss");
    }

    // An explicit initializer reaches the IR (normal, not uniform; he, not the default xavier).
    @Test
    void explicitInitializersReachTheIr() {
        Model m = model(mlp("  dense h(16, init: normal(0.01)) relu\n  dense out(10, init: he)"));
        assertEquals(new Init(Init.Kind.NORMAL, 0.01), ((Layer.Dense) m.layers().get(0)).weight().init());
        assertEquals(Init.HE, ((Layer.Dense) m.layers().get(2)).weight().init());
    }

    // `momentum`'s `mu` must become the optimizer's momentum.
    @Test
    void theMomentumOptimizersMuIsItsMomentum() {
        Optimizer o = model(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "momentum(lr: 0.1, mu: 0.8)")).optimizer().orElseThrow();
        assertEquals(Optimizer.Kind.MOMENTUM, o.kind());
        assertEquals(0.8, o.momentum());
    }

    // Fan-in and fan-out of a kernel (they scale xavier and he).
    @Test
    void convolutionFanInAndFanOutCountTheKernel() {
        Layer.Conv2d c = (Layer.Conv2d) model(cnn("  conv2d c(1 -> 8, kernel: [3, 5]) relu\n  flatten\n  dense out(10)")).layers().get(0);
        assertEquals(1 * 3 * 5, c.weight().fanIn());
        assertEquals(8 * 3 * 5, c.weight().fanOut());
    }

    // NN0506 for a flatten of a vector and for dropout(0).
    @Test
    void redundantLayersAreWarnings() {
        CheckResult r = check(mlp("  flatten\n  dense h(16) relu\n  dropout(0)\n  dense out(10)"));
        assertEquals(List.of("NN0506", "NN0506"), codes(r));
        assertEquals("t.nn:3:3", r.diagnostics().get(0).span().location());
        assertEquals("t.nn:5:3", r.diagnostics().get(1).span().location());
        assertTrue(r.model().isPresent());
    }

    // Statement-order rules.
    @Test
    void statementRules() {
        assertCase("model M {\n  input [4]\n  input [8]\n  dense out(2)\n}\n", "NN0303", "3:3", "one `input` statement");
        assertCase("model M {\n  dense out(2)\n  input [4]\n}\n", "NN0304", "3:3", "`input` must come before the layers");
        assertCase(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1)\n  optimizer adam(lr: 0.01)"), "NN0303", "6:3", "one `optimizer` statement");
        assertCase(mlp("  dense out(10)\n  train(epochs: 2)\n  train(epochs: 3)"), "NN0303", "5:3", "one `train` statement");
        assertCase("model M {\n  input [4]\n  dense out(2)\n  optimizer sgd(lr: 0.1)\n}\n", "NN0302", "4:3", "an optimizer but no loss");
    }

    // Literals that no parameter takes.
    @Test
    void literalsWithNowhereToGo() {
        assertCase(mlp("  dense h(16)\n  relu\n    weights [[1]]\n  dense out(10)"), "NN0213", "5:5", "an activation has no parameters");
        assertCase(cnn("  conv2d c(1 -> 1, kernel: 1, bias: false) relu\n    bias [1]\n  flatten\n  dense out(10)"), "NN0213", "4:5", "`bias: false`");
    }

    // Pooling a vector.
    @Test
    void poolingAVectorIsAnError() {
        assertCase(mlp("  dense h(16) relu\n  maxpool2d(kernel: 2)\n  dense out(10)"), "NN0107", "4:3", "`maxpool2d` needs an image");
    }

    // One mistake, one error, not also a wrong size later.
    @Test
    void aKernelTooLargeIsOneError() {
        CheckResult r = check(cnn("  conv2d c(8, kernel: 29)\n  flatten\n  dense out(8 -> 10)"));
        assertEquals(List.of("NN0104"), codes(r), r.diagnostics().toString());
    }

    // The axis that is too small is the one described.
    @Test
    void aTooShortImageIsDescribedByItsHeight() {
        Diagnostic d = check("model M {\n  input [1, 2, 28]\n  conv2d c(4, kernel: 3)\n  flatten\n  dense out(10)\n}\n").diagnostics().get(0);
        assertEquals("kernel 3 > 2", d.label());
        assertTrue(d.notes().contains("output size would be (2 + 2·0 − 3)/1 + 1 = 0"), d.notes().toString());
    }

    // The help for a convolution of a square vector.
    @Test
    void aConvolutionOfAFlatImageSuggestsAnImageInput() {
        Diagnostic d = check("model M {\n  input [784]\n  conv2d c(8, kernel: 3)\n  flatten\n  dense out(10)\n}\n").diagnostics().get(0);
        assertEquals(List.of("declare the input as an image: `input [1, 28, 28]`"), d.help());
    }

    // A whole number beyond 64 bits is a diagnostic (not an ArithmeticException).
    @Test
    void aSizeBeyond64BitsIsADiagnostic() {
        assertCase(mlp("  dense h(100000000000000000000)\n  dense out(10)"), "NN0110", "3:11", "is far too large");
    }

    // An empty literal (not an IndexOutOfBoundsException).
    @Test
    void anEmptyBiasLiteralIsAShapeError() {
        assertCase(mlp("  dense out(10)\n    bias []"), "NN0106", "4:10", "is [0], but b^[out] must be [10]");
    }

    // Help for frequent slips.
    @Test
    void helpForFrequentSlips() {
        assertEquals(List.of("padding is a number: with stride 1, (kernel − 1)/2 keeps the size, e.g. `padding: 1` for a kernel of 3"),
                check(cnn("  conv2d c(8, kernel: 3, padding: same)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("for a one-channel image write `[1, 28, 28]`"),
                check("model M {\n  input [28, 28]\n  flatten\n  dense out(10)\n}\n").diagnostics().get(0).help());
        List<Diagnostic> typos = check(mlp("  dense out(10)").replace("softmax_cross_entropy", "softmax_cross_entropyy")
                .replace("sgd(lr", "sgdd(lr")).diagnostics();
        assertEquals(List.of("did you mean `softmax_cross_entropy`?"), typos.get(0).help());
        assertEquals(List.of("did you mean `sgd`?"), typos.get(1).help());
        assertEquals(List.of("did you mean `4 -> 8`?"), check(mlp("  dense h(4 - 8)\n  dense out(10)")).diagnostics().get(0).help());
    }

    // The vanishing-gradient run counts hidden layers only, from exactly 4, and names tanh.
    @Test
    void vanishingGradientsFromExactlyFourHiddenLayers() {
        String four = "model M {\n  input [8]\n" + "  dense h1(8) tanh\n  dense h2(8) sigmoid\n  dense h3(8) sigmoid\n  dense h4(8) sigmoid\n"
                + "  dense out(1) sigmoid\n  loss binary_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
        CheckResult r = check(four);
        assertEquals(List.of("NN0502"), codes(r));
        assertEquals("4 sigmoid/tanh hidden layers in a row: expect vanishing gradients", r.diagnostics().get(0).message());
        assertEquals(List.of(), codes(check(four.replace("  dense h1(8) tanh\n", ""))), "3 hidden, and the output's sigmoid is no hidden layer");
        // tanh alone is named so, and said as a risk: its derivative is 1 at 0 (a learner's tanh stack trained well).
        CheckResult tanh = check(four.replace("(8) sigmoid", "(8) tanh"));
        assertEquals("4 tanh hidden layers in a row: gradients may vanish", tanh.diagnostics().get(0).message());
    }

    // A softmax followed only by a dropout is not "in a hidden layer".
    @Test
    void aSoftmaxBeforeADropoutIsNotHidden() {
        assertEquals(List.of("NN0510", "NN0503"), codes(check(mlp("  dense out(10) softmax\n  dropout(0.2)").replace("softmax_cross_entropy", "mse"))));
    }

    // Padding is added, not subtracted, before the leftover rows are counted.
    @Test
    void droppedRowsCountThePadding() {
        assertEquals(1, WindowArithmetic.dropped(12, 3, 3, 1));
    }

    // Adaptive optimizers have their own, lower range; the help says what the rate does.
    @Test
    void adamAndRmspropWarnAtRatesSgdTakes() {
        for (String opt : List.of("adam", "rmsprop")) {
            CheckResult r = check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", opt + "(lr: 0.5)"));
            assertEquals(List.of("NN0505"), codes(r), opt);
            assertEquals(List.of("expect the loss to diverge; try `lr: 0.001`"), r.diagnostics().get(0).help());
        }
        assertEquals(List.of(), codes(check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.5)"))));
    }

    static void assertCase(String source, String code, String at, String says) {
        CheckResult r = check(source);
        Diagnostic d = r.diagnostics().stream().filter(x -> x.code().name().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " among " + r.diagnostics()));
        assertEquals("t.nn:" + at, d.span().location());
        assertTrue(d.message().contains(says), d.message());
        assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
    }
}
