package dev.nnc.check;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table of small models, each with the one diagnostic it must produce: code, position
 * and the words that carry the meaning (in the manner of Trino's parser error tests).
 */
class CheckerRulesTest {
    record Case(String name, String source, String code, String at, String says) {
        @Override
        public String toString() { return name; }
    }

    static CheckResult check(String source) {
        return NncCompiler.check(new SourceFile("t.nn", source));
    }

    /** Wraps layer lines in a model with a [784] input, softmax cross-entropy and sgd. */
    static String mlp(String layers) {
        return "model M {\n  input [784]\n" + layers + "\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
    }

    /** A weight literal of {@code rows}×{@code cols} values, all different. */
    static String distinctRows(int rows, int cols) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) sb.append(c == 0 ? "" : ", ").append((r * cols + c) / 100000.0);
            sb.append(']');
        }
        return sb.toString();
    }

    /** The same with an image input [1, 28, 28]. */
    static String cnn(String layers) {
        return "model M {\n  input [1, 28, 28]\n" + layers + "\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("dense input mismatch", mlp("  dense h(100 -> 10)"), "NN0102", "3:11", "expects 100 inputs, but receives 784"),
                new Case("size expression evaluated", cnn("  flatten\n  dense h(28*28 + 1 -> 10)"), "NN0102", "4:11", "expects 785 inputs"),
                new Case("dense needs a vector", cnn("  dense h(10)"), "NN0103", "3:3", "needs a vector, but receives [1, 28, 28]"),
                new Case("conv needs an image", mlp("  conv2d c(8, kernel: 3)\n  flatten\n  dense out(10)"), "NN0107", "3:3", "needs an image"),
                new Case("conv channels", cnn("  conv2d c(3 -> 8, kernel: 3)\n  flatten\n  dense out(10)"), "NN0101", "3:12", "expects 3 input channels, but receives 1"),
                new Case("kernel too big", cnn("  conv2d c(8, kernel: 29)\n  flatten\n  dense out(10)"), "NN0104", "3:23", "29×29 kernel, but its input is only 28×28"),
                new Case("rectangular pool too wide", cnn("  maxpool2d(kernel: [2, 30], stride: 2)\n  flatten\n  dense out(10)"), "NN0104", "3:21", "2×30 window"),
                new Case("zero size", mlp("  dense h(0)"), "NN0206", "3:11", "must be at least 1, found 0"),
                new Case("fractional size", mlp("  dense h(7.5)"), "NN0205", "3:11", "must be a whole number, found 7.5"),
                new Case("size overflows int", mlp("  dense h(99999999999)"), "NN0110", "3:11", "more than the largest size"),
                new Case("weights overflow an array", mlp("  dense h(100000000)\n  dense out(10)"), "NN0110", "3:9", "more than a Java array can hold"),
                new Case("padded image overflows an array", cnn("  conv2d c(2, kernel: 3, padding: 100000)\n  flatten\n  dense out(10)"),
                        "NN0110", "3:35", "[2, 200026, 200026], 80,020,801,352 values per sample, more than a Java array can hold"),
                new Case("an image too large for its channels, not its padding",
                        "model M {\n  input [3, 4096, 4096]\n  conv2d c(512, kernel: 3, padding: 1) relu\n  flatten\n  dense out(10)\n}\n",
                        "NN0110", "3:3", "[512, 4096, 4096]"),
                new Case("weights given twice", mlp("  dense h(784 -> 1)\n    weights [" + distinctRows(1, 784) + "]\n    weights ["
                        + distinctRows(1, 784) + "]\n  dense out(10)"), "NN0208", "5:5", "`weights` is given twice to layer `h`"),
                new Case("input and layer named alike", "model M {\n  input x[4]\n  dense x(8) relu\n  dense out(2)\n}\n", "NN0207", "3:9",
                        "the input and a layer are both named `x`"),
                new Case("windows with gaps between them", cnn("  avgpool2d(kernel: 2, stride: 3)\n  flatten\n  dense out(10)"), "NN0504", "3:3",
                        "this avgpool2d skips input rows and columns between its windows"),
                new Case("softmax twice", mlp("  dense out(10) softmax\n  softmax").replace("softmax_cross_entropy", "cross_entropy"), "NN0507", "4:3",
                        "softmax applied twice in a row"),
                new Case("softmax in a hidden layer", mlp("  dense h(16) softmax\n  dense out(10)"), "NN0507", "3:15", "softmax in a hidden layer"),
                new Case("more parameters than one array holds", mlp("  dense a(40000) relu\n  dense b(40000) relu\n  dense out(10)")
                        .replace("[784]", "[40000]"), "NN0110", "4:9", "the model has more than 2,147,483,647 parameters"),
                new Case("a learning rate far too large", mlp("  dense out(10)").replace("lr: 0.1", "lr: 50"), "NN0505", "5:17",
                        "learning rate 50 is far above the usual range for `sgd`"),
                new Case("a learning rate far too small", mlp("  dense out(10)").replace("lr: 0.1", "lr: 1e-7"), "NN0505", "5:17",
                        "learning rate 1e-7 is far below"),
                new Case("a learning rate far out", mlp("  dense out(10)").replace("lr: 0.1", "lr: 1e20"), "NN0505", "5:17",
                        "learning rate 1e+20 is far above"),
                new Case("sigmoid before softmax_cross_entropy", mlp("  dense out(10) sigmoid"), "NN0508", "3:17",
                        "`softmax_cross_entropy` takes raw scores, but the model ends in `sigmoid`"),
                new Case("a double minus for an arrow", mlp("  dense h(4 -- 8)\n  dense out(10)"), "NN0205", "3:11", "`4 -- 8` reads as 4 − (−8), not as an arrow"),
                new Case("a decimal comma", mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1, momentum: 0,9)"), "NN0205", "5:36",
                        "`0,9` is read as two values of optimizer `sgd`"),
                new Case("a value after named ones", mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1, 0.9)"), "NN0205", "5:26",
                        "a value without a name follows named arguments of optimizer `sgd`"),
                new Case("a number beyond a double", mlp("  dense out(10)").replace("lr: 0.1", "lr: 1e999"), "NN0004", "5:21",
                        "`1e999` is too large for a double"),
                new Case("a number that rounds to 0", mlp("  dense out(10)").replace("lr: 0.1", "lr: 1e-999"), "NN0004", "5:21",
                        "`1e-999` is too small for a double"),
                new Case("too deep for a Java class", mlp("  dense h(4)\n" + "  relu\n".repeat(1000) + "  dense out(10)"), "NN0110", "1:7",
                        "has 1,002 layers and 4 parameter tensors; nnc generates classes for up to 1,000 of each"),
                new Case("too many literal values", mlp("  dense h(784 -> 40)\n    weights [" + distinctRows(40, 784) + "]\n  dense out(10)"),
                        "NN0110", "1:7", "hold 31,360 distinct values; a generated class holds up to 25,000"),
                new Case("division by zero", mlp("  dense h(10 / 0)"), "NN0206", "3:16", "division by zero"),
                new Case("negative lr", mlp("  dense out(10)").replace("lr: 0.1", "lr: -0.1"), "NN0206", "5:21", "must be greater than 0, found -0.1"),
                new Case("dropout rate 1", mlp("  dense h(10) relu\n  dropout(1)\n  dense out(10)"), "NN0206", "4:11", "must be in [0, 1), found 1"),
                new Case("missing lr", mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd()"), "NN0204", "5:13", "needs `lr`"),
                new Case("missing dense size", mlp("  dense h relu\n  dense out(10)"), "NN0204", "3:9", "needs `out`"),
                new Case("missing kernel", cnn("  conv2d c(8)\n  flatten\n  dense out(10)"), "NN0204", "3:10", "needs `kernel`"),
                new Case("unknown argument did you mean", mlp("  dense out(10, biass: false)"), "NN0203", "3:17", "unknown argument `biass`"),
                new Case("wrong type", mlp("  dense out(10, bias: 3)"), "NN0205", "3:23", "must be `true` or `false`"),
                new Case("duplicate argument", mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1, lr: 0.2)"), "NN0208", "5:26", "`lr` is given twice"),
                new Case("too many positional", mlp("  dense h(10) relu\n  dropout(0.1, 0.2)\n  dense out(10)"), "NN0212", "4:16", "too many arguments"),
                new Case("arrow where not allowed", mlp("  dense h(10) relu\n  dropout(1 -> 2)\n  dense out(10)"), "NN0205", "4:11", "`in -> out` is not an argument"),
                new Case("unknown initializer", mlp("  dense out(10, init: kaiming)"), "NN0211", "3:23", "unknown initializer `kaiming`"),
                new Case("initializer argument range", mlp("  dense out(10, init: normal(-1))"), "NN0206", "3:30", "greater than 0"),
                new Case("unknown loss", mlp("  dense out(10)").replace("loss softmax_cross_entropy", "loss crossentropy"), "NN0209", "4:8", "unknown loss"),
                new Case("unknown optimizer", mlp("  dense out(10)").replace("sgd(lr: 0.1)", "adamw(lr: 0.1)"), "NN0210", "5:13", "unknown optimizer `adamw`"),
                new Case("duplicate layer names", mlp("  dense h(10) relu\n  dense h(10)"), "NN0207", "4:9", "two layers are named `h`"),
                new Case("step in a trained model", mlp("  dense h(10) step\n  dense out(10)"), "NN0301", "3:15", "`step` has no useful gradient"),
                new Case("no input", "model M {\n  dense out(10)\n}\n", "NN0302", "1:7", "has no `input`"),
                new Case("no layers", "model M {\n  input [4]\n}\n", "NN0302", "1:7", "has no layers"),
                new Case("loss without optimizer", "model M {\n  input [4]\n  dense out(1)\n  loss mse\n}\n", "NN0302", "4:3", "no optimizer"),
                new Case("duplicate loss", mlp("  dense out(10)\n  loss mse"), "NN0303", "5:3", "this is the second"),
                new Case("layer after loss", "model M {\n  input [4]\n  loss mse\n  dense out(1)\n  optimizer sgd(lr: 0.1)\n}\n", "NN0304", "4:3", "layers must come before"),
                new Case("2-d input", "model M {\n  input [28, 28]\n  flatten\n}\n", "NN0109", "2:9", "found 2 dimensions"),
                new Case("cross_entropy without softmax", mlp("  dense out(10)").replace("softmax_cross_entropy", "cross_entropy"), "NN0108", "4:8", "expects probabilities from a final softmax"),
                new Case("double softmax", mlp("  dense out(10) softmax"), "NN0108", "4:8", "already ends in softmax"),
                new Case("bce without sigmoid", mlp("  dense out(10)").replace("softmax_cross_entropy", "binary_cross_entropy"), "NN0108", "4:8", "final sigmoid"),
                new Case("one class", mlp("  dense out(1)"), "NN0108", "4:8", "at least 2 classes"),
                new Case("class loss on an image", cnn("  conv2d c(2, kernel: 3)"), "NN0108", "4:8", "needs a vector output"),
                // A layer that passes its input through hides nothing from the rules about the output (found by a learner).
                new Case("softmax, identity, softmax_cross_entropy", mlp("  dense o(10) softmax\n  identity"), "NN0108", "5:8",
                        "applies softmax itself, but the model already ends in softmax"),
                new Case("softmax, leaky_relu(alpha: 1), softmax_cross_entropy", mlp("  dense o(10) softmax\n  leaky_relu(alpha: 1)"),
                        "NN0108", "5:8", "applies softmax itself, but the model already ends in softmax"),
                new Case("softmax, identity, cross_entropy", mlp("  dense o(10) softmax\n  identity").replace("softmax_cross_entropy", "cross_entropy"),
                        "NN0108", "4:3", "`cross_entropy` trains through the final softmax, but `identity` follows it"),
                new Case("softmax, leaky_relu(alpha: 1), dropout, cross_entropy", mlp("  dense o(10) softmax\n  leaky_relu( alpha:1 )\n  dropout(0.5)")
                        .replace("softmax_cross_entropy", "cross_entropy"), "NN0108", "4:3",
                        "`cross_entropy` trains through the final softmax, but `leaky_relu(alpha: 1)`, `dropout` follow it"),
                new Case("relu, identity, softmax_cross_entropy", mlp("  dense h(32) relu\n  dense o(10) relu\n  identity"), "NN0508", "4:15",
                        "`softmax_cross_entropy` takes raw scores, but the model ends in `relu`"),
                new Case("softmax, identity, softmax", mlp("  dense o(10) softmax\n  identity\n  softmax").replace("softmax_cross_entropy", "cross_entropy"),
                        "NN0507", "5:3", "softmax applied twice in a row"),
                new Case("softmax, identity, mse", mlp("  dense o(10) softmax\n  identity").replace("softmax_cross_entropy", "mse"),
                        "NN0503", "5:8", "softmax output trained with `mse`"),
                new Case("hidden weights at zero", mlp("  dense h(16, init: zeros) relu\n  dense out(10, init: zeros)"), "NN0512", "3:21",
                        "the weights of hidden layer `h` start at zero"),
                new Case("a 1×1 pool with stride 1", cnn("  maxpool2d(kernel: 1)\n  flatten\n  dense out(10)"), "NN0506", "3:3",
                        "`maxpool2d` with a 1×1 window and stride 1 does nothing"),
                new Case("an initializer beside a weights literal", "model M {\n  input [2]\n  dense p(2 -> 1, init: he) sigmoid\n"
                        + "    weights [[1, 2]]\n  loss binary_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n", "NN0513", "3:25",
                        "is not used: the `weights` literal gives `p`'s initial weights"),
                new Case("leaky_relu without a leak", mlp("  dense h(16) leaky_relu(alpha: 0)\n  dense out(10)"), "NN0511", "3:15",
                        "`leaky_relu` with `alpha: 0` is a plain `relu`"),
                new Case("dropout after the output", mlp("  dense h(16) relu\n  dense out(10)\n  dropout(0.2)"), "NN0510", "5:3",
                        "`dropout` after the output layer `out`"),
                new Case("dropout after the softmax cross_entropy trains through", mlp("  dense out(10) softmax\n  dropout(0.2)")
                        .replace("softmax_cross_entropy", "cross_entropy"), "NN0108", "4:3", "`cross_entropy` trains through the final softmax, but a `dropout` follows it"),
                new Case("dropout after the sigmoid binary_cross_entropy trains through", mlp("  dense out(10) sigmoid\n  dropout(0.2)")
                        .replace("softmax_cross_entropy", "binary_cross_entropy"), "NN0108", "4:3", "trains through the final sigmoid"),
                new Case("softmax and a dropout trained with mse", mlp("  dense out(10) softmax\n  dropout(0.2)").replace("softmax_cross_entropy", "mse"),
                        "NN0503", "5:8", "softmax output trained with `mse`"),
                new Case("early stop without validation", mlp("  dense out(10)\n  train(early_stop: 3)"), "NN0509", "4:21", "no validation split"),
                new Case("training settings without a loss or optimizer", "model M {\n  input [2]\n  dense o(1)\n  train(batch: 4, epochs: 9)\n}\n",
                        "NN0515", "4:27", "`epochs` has no effect: model `M` has no loss or optimizer, so nothing trains it"),
                new Case("early stop negative", mlp("  dense out(10)\n  train(early_stop: -1)"), "NN0206", "4:21", "must be 0 (off) to 2,147,483,647, found -1"),
                new Case("normalize std", mlp("  dense out(10)\n  train(normalize: [0.5, 0])"), "NN0206", "4:20", "must be greater than 0"),
                new Case("normalize std too small", mlp("  dense out(10)\n  train(normalize: [0.5, 1e-35])"), "NN0206", "4:20", "values as large as 5.00e+34, beyond what float"),
                new Case("literal on flatten", cnn("  flatten\n    weights [[1]]\n  dense out(10)"), "NN0213", "4:5", "has no parameters"),
                new Case("bias literal with bias false", "model M {\n  input [1]\n  dense o(1 -> 1, bias: false)\n    weights [[1]]\n    bias [2]\n}\n", "NN0213", "5:5", "bias: false"),
                new Case("ragged weights", "model M {\n  input [2]\n  dense o(2 -> 2)\n    weights [[1, 2], [3]]\n}\n", "NN0105", "4:22", "has 1 value, but the first row has 2"),
                new Case("bias literal shape", "model M {\n  input [2]\n  dense o(2 -> 2)\n    bias [1, 2, 3]\n}\n", "NN0106", "4:10", "is [3], but b^[o] must be [2]"),
                new Case("softmax on an image", cnn("  softmax\n  flatten\n  dense out(10)"), "NN0103", "3:3", "softmax needs a vector"),
                new Case("two layers on one line", cnn("  flatten dense out(10)"), "NN0001", "3:11", "starts a second layer on the line of `flatten`"),
                new Case("a layer kind as a layer's name", mlp("  dense flatten(16) relu\n  dense out(10)"), "NN0001", "3:9",
                        "`flatten` is a layer kind and cannot name a layer"),
                new Case("flatten, then a layer on its line", cnn("  flatten dense(10)"), "NN0001", "3:11", "starts a second layer on the line of `flatten`"),
                new Case("unknown standalone activation", mlp("  dense h(10)\n  rleu\n  dense out(10)"), "NN0201", "4:3", "unknown layer kind `rleu`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheRightProblemAtTheRightPlace(Case c) {
        CheckResult r = check(c.source());
        String all = r.diagnostics().stream().map(d -> d.code() + " " + d.span() + " " + d.message()).collect(Collectors.joining("\n"));
        Diagnostic d = r.diagnostics().stream().filter(x -> x.code().name().equals(c.code())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + c.code() + " among:\n" + all));
        assertEquals("t.nn:" + c.at(), d.span().location(), all);
        assertTrue(d.message().contains(c.says()), () -> "message was: " + d.message());
        assertTrue(r.model().isEmpty() || !d.isError(), "no IR for a model with errors");
    }

    /** The element-wise losses take any output (the language notes: mse "any"); a class loss on an image is one error. */
    @Test
    void elementWiseLossesTakeAnImageAndAClassLossOnOneIsOneError() {
        for (String loss : List.of("mse", "sum_squares")) {
            assertEquals(List.of(), codes(check(cnn("  conv2d c(2, kernel: 3)").replace("softmax_cross_entropy", loss))), loss);
        }
        assertEquals(List.of(), codes(check(cnn("  conv2d c(2, kernel: 3) sigmoid").replace("softmax_cross_entropy", "binary_cross_entropy"))));
        CheckResult r = check(cnn("  maxpool2d(kernel: 2)").replace("softmax_cross_entropy", "cross_entropy"));
        assertEquals(List.of("NN0108"), codes(r), "not also `add softmax`, which would not help: " + r.diagnostics());
        assertTrue(r.diagnostics().get(0).message().contains("needs a vector output"), r.diagnostics().toString());
    }

    /** `early_stop: 0` is off, as on the command line and in a run file: no NN0509 without a split either. */
    @Test
    void earlyStopZeroIsOff() {
        CheckResult r = check(mlp("  dense out(10)\n  train(early_stop: 0)"));
        assertEquals(List.of(), codes(r), r.diagnostics().toString());
        assertTrue(r.model().orElseThrow().training().earlyStop().isEmpty());
        assertEquals(java.util.OptionalInt.of(2), check(mlp("  dense out(10)\n  train(validation: 0.1, early_stop: 2)")).model().orElseThrow()
                .training().earlyStop());
    }

    /** `dense o()`: the help's example keeps the layer as written, not `dense(128)` without its name. */
    @Test
    void aMissingSizeIsShownInTheParentheses() {
        assertEquals(List.of("write the output size in the parentheses, e.g. `(128)`, or `(in -> out)`"),
                check(mlp("  dense o()")).diagnostics().get(0).help());
    }

    /** A value with no place to go is likely the missing argument: one error, not also "needs `kernel`". */
    @Test
    void aValueWithNoPlaceIsOneErrorNotAlsoAMissingArgument() {
        CheckResult pool = check(cnn("  maxpool2d(2 -> 2)\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0205"), codes(pool), pool.diagnostics().toString());
        assertEquals(List.of("write `maxpool2d(kernel: 2)`"), pool.diagnostics().get(0).help());
        assertTrue(pool.diagnostics().get(0).notes().contains(
                "pooling keeps the channels and divides the height and width by its window: `kernel: 2` halves them"),
                "why its `2 -> 2` has no place: " + pool.diagnostics().get(0).notes());
        CheckResult dense = check(mlp("  dense out(kernel: 3, 10)"));
        assertEquals(List.of("NN0203", "NN0205"), codes(dense), "not also `needs out`: " + dense.diagnostics());
        // A value that cannot be the missing argument does not hide it.
        assertEquals(List.of("NN0204", "NN0205"), codes(check(mlp("  dense h(bias: false, true)\n  dense out(10)"))), "true is no size");
        assertEquals(List.of("NN0205"), codes(check(cnn("  conv2d c(stride: 2, 8)\n  flatten\n  dense out(10)"))).subList(0, 1));
        assertTrue(codes(check(cnn("  conv2d c(stride: 2, 8)\n  flatten\n  dense out(10)"))).size() == 1,
                "8 could be the output size or the kernel: no more is said");
    }

    /** A misspelt required argument is one error, "did you mean `lr`?", not also "needs `lr`". */
    @Test
    void aMisspeltRequiredArgumentIsOneError() {
        CheckResult r = check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lrr: 0.1)"));
        assertEquals(List.of("NN0203"), codes(r));
        assertEquals(List.of("did you mean `lr`?"), r.diagnostics().get(0).help());
        assertEquals(List.of("NN0204", "NN0203"), codes(check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(zzz: 0.1)"))),
                "without a suggestion, the missing argument is still reported");
    }

    /** Help that knows the names of other frameworks and what their users write. */
    @Test
    void helpForWhatOtherFrameworksCallThings() {
        CheckResult r = check(mlp("  dense h(16) gelu\n  dense k(16) relu(0.1)\n  dense out(10)").replace("sgd(lr: 0.1)",
                "momentum(lr: 0.1, momentum: 0.9)"));
        assertEquals(List.of("nnc has no `gelu` activation; the nearest it has is `relu`",
                        "for a slope below 0, use `leaky_relu(alpha: 0.1)`",
                        "did you mean `mu`?"),
                r.diagnostics().stream().flatMap(d -> d.help().stream()).toList(), r.diagnostics().toString());
    }

    /** The help of a frequent slip is the fix for it. */
    @Test
    void frequentSlipsGetTheirFix() {
        assertEquals(List.of("write it in lowercase: `bias: false`"),
                check(mlp("  dense h(8, bias: False)\n  dense out(10)")).diagnostics().get(0).help(), "Python's False");
        assertEquals(List.of("write `shuffle: true` or `shuffle: false`"),
                check(mlp("  dense out(10)\n  train(shuffle: yes)")).diagnostics().get(0).help());
        assertEquals(List.of("write a whole number, e.g. 3"), check(mlp("  dense out(10)\n  train(epochs: 2.5)")).diagnostics().get(0).help());
        assertEquals(List.of("leave `beta1` out for its default, 0.9"),
                check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "adam(beta1: 2)")).diagnostics().get(0).help());
        assertEquals(List.of("for 784 inputs and 32 outputs, write `784 -> 32`"),
                check(mlp("  dense h(784, 32)\n  dense out(10)")).diagnostics().get(0).help(), "PyTorch's Linear(784, 32)");
        assertEquals(List.of("for 1 input channel and 16 output channels, write `1 -> 16`"),
                check(cnn("  conv2d c(1, 16, kernel: 3)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        // Literal values written as arguments: they follow the layer's line.
        CheckResult asArguments = check(mlp("  dense h(784 -> 2, weights: [[1, 0], [0, 1]], bias: [0, 0]) relu\n  dense out(10)"));
        assertEquals(List.of("weight values follow the layer's line, after the parentheses: `weights [[1, 0], [0, 1]]`"),
                asArguments.diagnostics().get(0).help());
        assertEquals(List.of("`bias:` says whether the layer has one; its values follow the layer's line: `bias [0, 0]`"),
                asArguments.diagnostics().get(1).help());
        // Without a kernel, Keras's Conv2D(4, 3) (4 filters of 3×3) is the likelier reading; one error, not also "needs `kernel`".
        CheckResult keras = check(cnn("  conv2d c(4, 3)\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0212"), codes(keras));
        assertEquals(List.of("for 4 output channels of 3×3, write `4, kernel: 3`",
                "for 4 input channels and 3 output channels, write `4 -> 3, kernel: ...`"), keras.diagnostics().get(0).help());
        // PyTorch's Conv2d(4, 3, 3): one error for both extra values, read in PyTorch's order; an unnamed window: name it.
        CheckResult torch = check(cnn("  conv2d c(4, 3, 3)\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0212"), codes(torch));
        assertEquals(List.of("for 4 input channels, 3 output channels and a kernel of 3 (PyTorch's order), write `4 -> 3, kernel: 3`"),
                torch.diagnostics().get(0).help());
        assertEquals(List.of("name the kernel: `16, kernel: [3, 3]`"),
                check(cnn("  conv2d c(16, [3, 3])\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("a pair is written in brackets: `kernel: [3, 3]`"),
                check(cnn("  conv2d c(16, kernel: 3, 3)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("name it (`name: value`), or move it before the named arguments"),
                check(cnn("  conv2d c(16, kernel: [3, 3], 2)\n  flatten\n  dense out(10)")).diagnostics().get(0).help(),
                "a pair already: no pair of a pair");
        assertEquals(List.of("write the activation after the arguments, as in `dense h(8) relu`"),
                check(mlp("  dense h(8, activation: relu)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("the batch is not part of the shape: write one sample's, `[1, 28, 28]`"),
                check("model M {\n  input [1, 1, 28, 28]\n  flatten\n  dense out(10)\n}\n").diagnostics().get(0).help());
        assertEquals(List.of("write 3 values, e.g. `bias [0, 0, 0]`"),
                check(mlp("  dense h(784 -> 3)\n    bias [1]\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("only `kernel` may be a pair `[height, width]` (and a pooling layer's stride); a convolution's `stride` is the same along both axes"),
                check(cnn("  conv2d c(2, kernel: 3, stride: [1, 2])\n  flatten\n  dense out(10)")).diagnostics().get(0).notes());
        // Advice about images and pools only where the model has them.
        assertEquals(List.of("use fewer units"), check(mlp("  dense h(3000000) relu\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("use a window of at most 28"),
                check(cnn("  maxpool2d(kernel: [30, 2])\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        Diagnostic identity = check(mlp("  dense h1(8) identity\n  dense out(10)")).diagnostics().get(0);
        assertEquals("`h1` and `out` have no nonlinear activation between them, so together they are one linear map", identity.message());
        assertEquals(List.of("replace `identity` after `h1` with e.g. `relu`"), identity.help());
        // max(z, 1·z) = z: a leaky ReLU of slope 1 is the identity too; any other slope bends.
        Diagnostic leaky = check(mlp("  dense h1(8) leaky_relu(alpha: 1)\n  dense out(10)")).diagnostics().get(0);
        assertEquals("`h1` and `out` have no nonlinear activation between them, so together they are one linear map", leaky.message());
        assertEquals("`leaky_relu(alpha: 1)` after `h1` is linear", leaky.label());
        assertEquals(List.of("replace `leaky_relu(alpha: 1)` after `h1` with e.g. `relu`, or give it an alpha below 1 such as"
                + " `leaky_relu(alpha: 0.01)`"), leaky.help());
        assertTrue(codes(check(mlp("  dense h1(8) leaky_relu(alpha: 0.5)\n  dense out(10)"))).isEmpty());
        assertTrue(codes(check(mlp("  dense h1(8) leaky_relu(alpha: 1)\n  relu\n  dense out(10)"))).isEmpty(), "a relu after it bends");
    }

    /** Evaluation and range errors of sizes say what to write instead. */
    @Test
    void sizeErrorsHaveAWayForward() {
        assertEquals(List.of("divide by a number other than 0"), check(mlp("  dense h(784/0)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("write a whole number of at least 1"), check(mlp("  dense h(10 - 3*3 - 1)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("use a smaller size: the values of a layer live in one Java array"),
                check(mlp("  dense h(99999999999)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("write `stride: 2`"),
                check(cnn("  conv2d c(4, kernel: 3, stride: [2, 2])\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("use a smaller input: a batch of inputs lives in one Java array"),
                check("model M {\n  input [1, 50000, 50000]\n  flatten\n  dense out(2)\n}\n").diagnostics().get(0).help());
        assertEquals(List.of("write one size, `kernel: 3`, or a pair, `kernel: [3, 5]`"),
                check(cnn("  maxpool2d(kernel: [2, 3, 4])\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
    }

    /** A decimal comma is one error, wherever it is, and the number before it is not judged alone. */
    @Test
    void aDecimalCommaIsOneError() {
        for (String optimizer : List.of("sgd(lr: 0,01)", "sgd(0,1)")) {
            CheckResult r = check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", optimizer));
            assertEquals(List.of("NN0205"), codes(r), optimizer + ": " + r.diagnostics());
        }
        CheckResult dropout = check(mlp("  dense h(16) relu\n  dropout(0,2)\n  dense out(10)"));
        assertEquals(List.of("numbers are written with a decimal point: `0.2`"), dropout.diagnostics().get(0).help());
        assertEquals(List.of("NN0205"), codes(check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1, 0,9)"))),
                "a value after named ones that is a decimal comma: one error");
        assertTrue(codes(check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1)\n  train(64,10,42)"))).isEmpty(),
                "whole numbers each with a place of their own are no decimal comma");
        assertEquals(List.of("write a whole number of at least 1"),
                check(cnn("  conv2d c(4, kernel: 3 - 5)\n  flatten\n  dense out(10)")).diagnostics().get(0).help(), "no `3 -> 5` for a kernel");
    }

    @Test
    void moreSlipsGetTheirFix() {
        assertEquals(List.of("for one sample of 784 values write `input [784]` (the batch is not part of the shape)"),
                check("model M {\n  input [1, 784]\n  dense out(10)\n}\n").diagnostics().get(0).help());
        assertEquals(List.of("keywords are lowercase: `loss`"), check(mlp("  dense out(10)\n  Loss mse")).diagnostics().get(0).help());
        assertEquals(List.of("did you mean `kernel`?"), check(cnn("  maxpool2d(size: 2)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of(), check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "sgd(lr: 0.1, lrr: 0.2)")).diagnostics().get(0).help(),
                "`lr` is given already: no suggestion");
        assertTrue(codes(check(mlp("  dense out(10) identity"))).isEmpty(), "identity before softmax_cross_entropy is no NN0508");
        assertTrue(codes(check(mlp("  dense out(10) leaky_relu(alpha: 1)"))).isEmpty(), "nor a leaky ReLU of slope 1, which squashes nothing");
        assertEquals(List.of("NN0508"), codes(check(mlp("  dense out(10) leaky_relu(alpha: 0.1)"))), "one that bends clips the scores");
        assertEquals(List.of("with a stride larger than the window, 7 of its 28 rows (1 of every 4) and 14 of its 28 columns (2 of every 4) are never read"),
                check(cnn("  avgpool2d(kernel: [3, 2], stride: 4)\n  flatten\n  dense out(10)")).diagnostics().get(0).notes());
        assertEquals(List.of("write the input channels first: `input [1, 28, 28]`"),
                check("model M {\n  input [28, 28, 1]\n  conv2d c(8, kernel: 3)\n  flatten\n  dense out(10)\n}\n").diagnostics().get(0).help());
        CheckResult channelsLast = check("model M {\n  input [28, 28, 1]\n  conv2d c(1 -> 8, kernel: 3)\n  flatten\n  dense out(10)\n}\n");
        assertEquals(List.of("NN0101"), codes(channelsLast), "one mistake, one error: " + channelsLast.diagnostics());
        assertEquals("conv2d layer `c` expects 1 input channel, but receives 28", channelsLast.diagnostics().get(0).message());
        assertEquals(List.of("write the input channels first: `input [1, 28, 28]`"), channelsLast.diagnostics().get(0).help(),
                "not `conv2d c(28 -> 8, ...)`");
        CheckResult wrongConv = check(cnn("  conv2d c(28 -> 8, kernel: 3)\n  flatten\n  dense out(10)"));
        assertEquals(List.of("write `conv2d c(1 -> 8, ...)` or `conv2d c(8, ...)` to infer it"), wrongConv.diagnostics().get(0).help(),
                "a channels-first input is right; the conv's 28 is the mistake");
    }

    /** A dense layer with errors still fixes its output; the next mismatch names it, not the input. */
    @Test
    void aMismatchAfterALayerWithErrorsNamesThatLayer() {
        CheckResult r = check("model M {\n  input [4]\n  dense h(0) relu\n  dense out(0 -> 2)\n  dense out2(3 -> 2)\n}\n");
        Diagnostic mismatch = r.diagnostics().stream().filter(d -> d.code().name().equals("NN0102")).reduce((a, b) -> b).orElseThrow();
        assertEquals("t.nn:5:14", mismatch.span().location());
        assertTrue(mismatch.notes().stream().anyMatch(n -> n.startsWith("`out` (line 4) delivers [2]")), mismatch.notes().toString());
    }

    private static List<String> codes(CheckResult r) {
        return r.diagnostics().stream().map(d -> d.code().name()).toList();
    }

    @Test
    void suggestionsComeFromEditDistanceAndSynonyms() {
        CheckResult r = check(mlp("  dense out(10, biass: false, initt: he)").replace("sgd(lr: 0.1)", "sgd(learning_rate: 0.1)"));
        List<String> help = r.diagnostics().stream().flatMap(d -> d.help().stream()).toList();
        assertTrue(help.contains("did you mean `bias`?"), help::toString);
        assertTrue(help.contains("did you mean `init`?"), help::toString);
        assertTrue(help.contains("did you mean `lr`?"), help::toString);
    }

    @Test
    void allErrorsOfAFileAreReportedInOneRun() {
        CheckResult r = check(cnn("  conv2d c1(3 -> 8, kernel: 3) rellu\n  maxpol2d(kernel: 2)\n  dense fc(5 -> 10)")
                .replace("sgd(lr: 0.1)", "sgd(lr: 0)"));
        // maxpol2d is checked as the maxpool2d it most likely is, so the missing flatten before fc is found too.
        assertEquals(List.of("NN0101", "NN0202", "NN0201", "NN0103", "NN0206"), codes(r));
    }

    /** A misspelt layer kind is one error, and the layers after it are still checked against the shape it would give. */
    @Test
    void theLayersAfterAMisspeltKindAreChecked() {
        CheckResult r = check(mlp("  dens h1(784 -> 32) relu\n  dense h2(33 -> 16) relu\n  dense out(10)").replace("softmax_cross_entropy", "cross_entropy"));
        assertEquals(List.of("NN0201", "NN0102", "NN0108"), codes(r), r.diagnostics().toString());
        assertTrue(r.diagnostics().get(1).message().contains("expects 33 inputs, but receives 32"), r.diagnostics().toString());
        assertTrue(r.model().isEmpty(), "no IR from a guess");
        CheckResult wrongGuess = check(mlp("  dens h1(kernel: 3)\n  dense out(10)"));
        assertEquals(List.of("NN0201"), codes(wrongGuess), "the guess's own complaints are not shown: " + wrongGuess.diagnostics());
    }

    @Test
    void checkingContinuesWithTheDeclaredSizeAfterAMismatch() {
        // h's declared output 32 carries on, so only h is wrong, not out.
        CheckResult r = check(mlp("  dense h(100 -> 32) relu\n  dense out(32 -> 10)"));
        assertEquals(List.of("NN0102"), codes(r));
    }

    @Test
    void inferenceOnlyModelsMayUseStep() {
        CheckResult r = check("model Perceptron {\n  input [2]\n  dense o(2 -> 1) step\n    weights [[1, 1]]\n    bias [-1.5]\n}\n");
        assertEquals(List.of(), r.diagnostics());
        assertFalse(r.model().orElseThrow().trainable());
    }

    // A misspelt statement keyword parses as a layer of an unknown kind: one error that names the keyword,
    // and the line read as that statement, so no "loss but no optimizer" or "layers must come before" follows.
    @Test
    void aMisspeltStatementKeywordIsOneErrorWithTheKeyword() {
        String good = mlp("  dense out(10)");
        for (String[] slip : new String[][] {{"optimizer sgd", "optimizr sgd", "optimizer"}, {"loss softmax", "los softmax", "loss"},
                {"optimizer sgd(lr: 0.1)", "optimizer sgd(lr: 0.1)\n  trian(batch: 4)", "train"}}) {
            CheckResult r = check(good.replace(slip[0], slip[1]));
            assertEquals(List.of("NN0201"), codes(r), slip[1]);
            assertEquals(List.of("did you mean `" + slip[2] + "`?"), r.diagnostics().get(0).help(), slip[1]);
        }
        // A slip of a layer kind stays one: `dens` is not `loss`.
        CheckResult layer = check(mlp("  dens out(10)"));
        assertEquals(List.of("did you mean `dense`?"), layer.diagnostics().get(0).help());
    }

    // Size arithmetic is exact: a quotient times its divisor gives the number back (10/3*3 was 9.999999999999999).
    @Test
    void sizeExpressionsAreExactFractions() {
        CheckResult r = check(mlp("  dense h(784 -> 10/3*3) relu\n  dense out(28*28/784*10)").replace("lr: 0.1", "lr: 1/3"));
        assertEquals(List.of(), r.diagnostics());
        dev.nnc.ir.Model m = r.model().orElseThrow();
        assertEquals(List.of(10), m.layers().get(0).out().dims());
        assertEquals(1 / 3.0, m.optimizer().orElseThrow().lr(), 1e-16);
        CheckResult half = check(mlp("  dense h(7/2)\n  dense out(10)"));
        assertEquals(List.of("NN0205"), codes(half));
        assertTrue(half.diagnostics().get(0).message().contains("found 3.5"), half.diagnostics().get(0).message());
    }

    @Test
    void anActivationWrittenAsANameIsAnActivation() {
        CheckResult r = check(cnn("  flatten relu\n  dense out(10)"));
        assertEquals(List.of(), r.diagnostics());
        assertEquals("relu", r.model().orElseThrow().layers().get(1).kind());
        // Two ReLUs in a row: the second does nothing.
        CheckResult twice = check(mlp("  dense h(32) relu\n  relu\n  dense out(10)"));
        assertEquals(List.of("NN0506"), codes(twice));
        assertEquals("t.nn:4:3", twice.diagnostics().get(0).span().location());
        // ... and a relu whose input is never negative: past a pool or dropout, or after sigmoid.
        CheckResult pastDropout = check(mlp("  dense h(32) relu\n  dropout(0.5)\n  relu\n  dense out(10)"));
        assertEquals(List.of("NN0506"), codes(pastDropout));
        CheckResult afterSigmoid = check(mlp("  dense h(32) sigmoid\n  relu\n  dense out(10)"));
        assertEquals(List.of("NN0506"), codes(afterSigmoid));
        assertEquals("`relu` after `sigmoid` does nothing: its input is never negative", afterSigmoid.diagnostics().get(0).message());
        assertEquals("t.nn:3:15", afterSigmoid.diagnostics().get(0).secondary().get(0).span().location(), "pointing at the sigmoid");
        assertEquals(List.of(), codes(check(mlp("  dense h(32) tanh\n  relu\n  dense out(10)"))), "tanh is negative at times");
        assertEquals(List.of(), codes(check(mlp("  dense h(32) relu\n  dense g(32) relu\n  dense out(10)"))), "a dense layer between");
        // After a stand-alone activation too: two activations, not a relu named tanh.
        CheckResult two = check(mlp("  dense h(32)\n  relu tanh\n  dense out(10)"));
        assertEquals(List.of(), two.diagnostics());
        var layers = two.model().orElseThrow().layers();
        assertEquals(List.of("dense", "relu", "tanh", "dense"), layers.stream().map(dev.nnc.ir.Layer::kind).toList());
        assertEquals(List.of("h", "relu_1", "tanh_1", "out"), layers.stream().map(dev.nnc.ir.Layer::name).toList());
    }

    @Test
    void kernelAsRectangleAndUnicodeOperators() {
        CheckResult r = check(cnn("  conv2d c(1 → 4, kernel: [3, 5], stride: 1) relu\n  flatten\n  dense out(4 × 26 × 24 -> 10)"));
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void aliasesForLogitLosses() {
        assertEquals(List.of(), check(mlp("  dense out(3)").replace("softmax_cross_entropy", "bce_with_logits")).diagnostics());
        assertEquals(List.of(), check(mlp("  dense out(3) sigmoid").replace("softmax_cross_entropy", "binary_cross_entropy")).diagnostics());
    }

    /** Inserting the flatten alone led to the next error, the stated input size: the help says both. */
    @Test
    void theMissingFlattensHelpAlsoFixesAStatedInputSize() {
        assertEquals(List.of("insert `flatten` on the line before `dense fc`, and write `dense fc(1352 -> 10)` or `dense fc(10)` to infer it"),
                check(cnn("  conv2d c(8, kernel: 3) relu\n  maxpool2d(kernel: 2)\n  dense fc(100 -> 10)")).diagnostics().get(0).help());
        assertEquals(List.of("end the model with `flatten`: it makes [10, 1, 1] the vector [10]"),
                check(cnn("  conv2d c(10, kernel: 28)")).diagnostics().get(0).help(), "one value per channel: flatten alone");
        assertEquals(List.of("end the model with `flatten` and a `dense` layer"),
                check(cnn("  conv2d c(1, kernel: 28)")).diagnostics().get(0).help(), "[1] would be one class: a dense layer is needed too");
        assertEquals(List.of("end the model with `flatten` and a `dense` layer"),
                check(cnn("  conv2d c(10, kernel: 3)")).diagnostics().get(0).help());
        assertEquals(List.of("insert `flatten` on the line before `dense`"),
                check(cnn("  conv2d c(8, kernel: 3) relu\n  dense(10)")).diagnostics().get(0).help(), "no size stated, none to fix");
    }

    @Test
    void aValueOutOfRangeWithoutADefaultSaysWhatItIs() {
        assertEquals(List.of("`rate` is the fraction of values dropped in training: give a value in [0, 1)"),
                check(mlp("  dense h(16) relu\n  dropout(1.0)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("`lr` is the learning rate: give a value greater than 0"),
                check(mlp("  dense out(10)").replace("lr: 0.1", "lr: -0.1")).diagnostics().get(0).help());
    }

    /** `kernel: 3×3` read as 9 gave a 9×9 window without a word. */
    @Test
    void aWindowWrittenAsAProductIsRefused() {
        CheckResult r = check(cnn("  conv2d c(1 -> 8, kernel: 3×3) relu\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0205"), codes(r));
        assertEquals("`kernel: 3×3` of conv2d layer `c` is the product 9, not a window of 3 by 3", r.diagnostics().get(0).message());
        assertEquals(List.of("for a window of 3 by 3 write `kernel: [3, 3]` or `kernel: 3`"), r.diagnostics().get(0).help());
        assertEquals(List.of("for a window of 2 by 3 write `kernel: [2, 3]`"),
                check(cnn("  maxpool2d(kernel: 2*3)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of(), codes(check(cnn("  conv2d c(1 -> 8, kernel: 1 + 2) relu\n  flatten\n  dense out(10)"))), "a sum is a size");
    }

    @Test
    void paddingAsWideAsTheWindowIsAWarning() {
        CheckResult r = check(cnn("  conv2d c(1 -> 8, kernel: 3, padding: 5) relu\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0517"), codes(r));
        assertEquals("`padding: 5` is as wide as the 3×3 window or wider", r.diagnostics().get(0).message());
        assertEquals(List.of("use `padding: 1`, which keeps the size at stride 1, or less than the window"), r.diagnostics().get(0).help());
        assertEquals(List.of("use a padding smaller than the window (3 or less)"),
                check(cnn("  conv2d c(1 -> 8, kernel: 4, padding: 4) relu\n  flatten\n  dense out(10)")).diagnostics().get(0).help(),
                "no padding keeps the size with an even kernel");
        assertEquals(List.of(), codes(check(cnn("  conv2d c(1 -> 8, kernel: 5, padding: 4) relu\n  flatten\n  dense out(10)"))),
                "the outer windows still reach the input");
    }

    /** The help of a value with no place names what it most likely is, never an argument given already. */
    @Test
    void aValueWithoutAPlaceGetsTheFixThatFitsIt() {
        assertEquals(List.of("write the activation after the closing parenthesis: `...) relu`"),
                check(mlp("  dense h(784 -> 16, relu)\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("write the activation after the closing parenthesis: `...) relu`"),
                check(mlp("  dense h(16, relu)\n  dense out(10)")).diagnostics().get(0).help(), "not 16 inputs and `relu` outputs");
        assertEquals(List.of("name the kernel: `kernel: 3`"),
                check(cnn("  conv2d c(1 -> 8, 3)\n  flatten\n  dense out(10)")).diagnostics().get(0).help());
        assertEquals(List.of("the others are named, as `bias: ...` (`bias`, `init`)"),
                check(mlp("  dense h(784 -> 16, 5)\n  dense out(10)")).diagnostics().get(0).help(), "not `in`, which the arrow gives");
    }

    /** A stray `;` hid every other mistake of the file: the rest is checked once the stray characters are left out. */
    @Test
    void aStrayCharacterDoesNotHideTheFilesOtherMistakes() {
        CheckResult r = check("model M {\n  input x[784]\n  dense h(784 -> 16) rleu;\n  dens h2(16) rleu\n  dense out(10)\n"
                + "  loss softmax_cross_entropy\n  optimizer sgd(0.1, 0.9)\n}\n");
        assertEquals(List.of("NN0202 3:22", "NN0003 3:26", "NN0201 4:3", "NN0202 4:15", "NN0212 7:22"),
                r.diagnostics().stream().map(d -> d.code().name() + " " + d.span().line() + ":" + d.span().column()).toList());
        assertTrue(r.model().isEmpty(), "no IR from a file with errors");
        // No lints until the file is clean, as for any file with errors: dense then dense is NN0501 once the `;` goes.
        assertEquals(List.of("NN0003"), codes(check(mlp("  dense h(16);\n  dense out(10)"))));
        // A stray letter or digit may have been part of a number or name: `1０` is not 1, so no more is said.
        assertEquals(List.of("NN0003"), codes(check(mlp("  dense h(784 -> 1０) relu\n  dense out(12 -> 10)"))));
        // Not at the end of its line, a stray character may mean something its removal changes: `50%` is not 50,
        // `max$pool2d` not `max`, `＃` starts a comment; the checker's errors would be its follow-ups.
        assertEquals(List.of("NN0003"), codes(check(mlp("  dense h(16) relu\n  dropout(50%)\n  dense out(10)"))));
        assertEquals(List.of("NN0003"), codes(check(cnn("  max$pool2d(kernel: 2)\n  flatten\n  dense out(10)"))));
        assertEquals(List.of("NN0003"), codes(check(mlp("  dense h(16) relu   ＃ hidden\n  dense out(10)"))));
        assertEquals(List.of("NN0003"), codes(check(mlp("  dense h(16) max$\n  dense out(10)"))), "only a `;` ends a line harmlessly");
        // A lone carriage return ends a line in its writer's mind: without it, two lines would be checked as one.
        assertTrue(codes(check(mlp("  dense h(16) relu\r  dense out(12 -> 10)").replace("\n", "\r"))).stream().allMatch("NN0003"::equals));
    }

    /** Following "add softmax" on a model ending in sigmoid gave sigmoid then softmax, which checked clean. */
    @Test
    void anActivationOnAnAlreadySquashedInputIsAWarning() {
        String ce = "loss cross_entropy";
        CheckResult both = check(mlp("  dense out(10) sigmoid\n  identity\n  softmax").replace("loss softmax_cross_entropy", ce));
        assertEquals(List.of("NN0516"), codes(both), "past an identity too: " + both.diagnostics());
        Diagnostic d = both.diagnostics().get(0);
        assertEquals("softmax after `sigmoid`: its inputs lie between 0 and 1", d.message());
        assertEquals("t.nn:5:3", d.span().location());
        assertEquals(List.of("no output can be more than e ≈ 2.7 times another; of 10 outputs, none above 0.23:"
                + " it can never single one out"), d.notes());
        assertEquals(List.of("remove the `sigmoid`: a softmax needs inputs that can differ widely"), d.help());
        assertEquals("softmax after `tanh`: its inputs lie between −1 and 1",
                check(mlp("  dense out(10) tanh\n  softmax").replace("loss softmax_cross_entropy", ce)).diagnostics().get(0).message());
        String bce = "loss binary_cross_entropy";
        CheckResult afterRelu = check(mlp("  dense out(1) relu\n  identity\n  sigmoid").replace("loss softmax_cross_entropy", bce));
        assertEquals(List.of("NN0516"), codes(afterRelu));
        assertEquals("sigmoid after `relu`: its input is never negative", afterRelu.diagnostics().get(0).message());
        assertEquals("sigmoid after `softmax`: its input is never negative",
                check(mlp("  dense out(3) softmax\n  sigmoid").replace("loss softmax_cross_entropy", bce)).diagnostics().get(0).message());
        assertEquals("sigmoid after `tanh`: its input lies between −1 and 1",
                check(mlp("  dense out(1) tanh\n  sigmoid").replace("loss softmax_cross_entropy", bce)).diagnostics().get(0).message());
        // Not squashed: a weight layer between them, or relu before softmax (unbounded above).
        assertEquals(List.of(), codes(check(mlp("  dense h(16) sigmoid\n  dense out(10) softmax").replace("loss softmax_cross_entropy", ce))));
        assertEquals(List.of(), codes(check(mlp("  dense out(10) relu\n  softmax").replace("loss softmax_cross_entropy", ce))));
    }

    @Test
    void theHelpForAMissingFinalActivationSaysWhichToReplace() {
        assertEquals(List.of("replace `sigmoid` with `softmax`, or remove the `sigmoid` and write `loss softmax_cross_entropy` to train on logits"),
                check(mlp("  dense out(10) sigmoid").replace("softmax_cross_entropy", "cross_entropy")).diagnostics().get(0).help());
        assertEquals(List.of("add `softmax` after the last layer, or write `loss softmax_cross_entropy` to train on logits"),
                check(mlp("  dense out(10)").replace("softmax_cross_entropy", "cross_entropy")).diagnostics().get(0).help());
        assertEquals(List.of("replace `softmax` with `sigmoid`, or remove the `softmax` and write `loss sigmoid_binary_cross_entropy` to train on logits"),
                check(mlp("  dense out(3) softmax").replace("softmax_cross_entropy", "binary_cross_entropy")).diagnostics().get(0).help());
    }

    @Test
    void anActivationBeforeBceWithLogitsIsAWarningAsBeforeSoftmaxCrossEntropy() {
        CheckResult r = check(mlp("  dense out(3) relu").replace("softmax_cross_entropy", "bce_with_logits"));
        assertEquals(List.of("NN0508"), codes(r));
        assertEquals("`bce_with_logits` takes raw scores, but the model ends in `relu`", r.diagnostics().get(0).message());
        assertEquals(List.of("end the model without an activation (the loss takes logits), or use `loss cross_entropy` for one class out of several"),
                check(mlp("  dense out(3) softmax").replace("softmax_cross_entropy", "sigmoid_binary_cross_entropy")).diagnostics().get(0).help());
    }

    @Test
    void learningRateFarOutsideTheUsualRangeIsAWarning() {
        CheckResult r = check(mlp("  dense out(10)").replace("sgd(lr: 0.1)", "adam(lr: 5)"));
        assertEquals(List.of("NN0505"), codes(r));
        assertEquals("t.nn:5:18", r.diagnostics().get(0).span().location());
        assertTrue(r.model().isPresent(), "warnings do not stop compilation");
    }

    @Test
    void aPoolingWindowThatDropsARowIsAWarning() {
        CheckResult r = check(cnn("  maxpool2d(kernel: 2)\n  maxpool2d(kernel: 2)\n  maxpool2d(kernel: 2)\n  flatten\n  dense out(10)"));
        assertEquals(List.of("NN0504"), codes(r));
        assertEquals("t.nn:5:3", r.diagnostics().get(0).span().location());
        assertTrue(r.diagnostics().get(0).message().contains("ignores the last row and column of its 7×7 input"),
                r.diagnostics().get(0).message());
        // Its stride follows its kernel: `kernel: 3` would mean stride 3 and drop again. 7 is prime: side by side only one
        // window for the whole image would do, which pools everything away; overlapping windows cover it.
        assertEquals(List.of("windows side by side cover the input when the kernel divides its size (7×7), which no kernel but 1 and 7 (one window for all of it) does;"
                + " windows that overlap cover it: e.g. `kernel: 3, stride: 2`, or `stride: 1`"), r.diagnostics().get(0).help());
        assertEquals("windows side by side cover the input when the kernel divides its size (5×5), which no kernel but 1 and 5 (one window for all of it) does;"
                + " windows that overlap cover it: e.g. `kernel: 3, stride: 2`, or `stride: 1`", Lints.coverFix(false, 5, 5, 2, 2, 2, 0));
        assertEquals("windows side by side cover the input when the kernel divides its size (5×7), which no kernel above 1 does;"
                + " windows that overlap cover it: e.g. `kernel: 3, stride: 2`, or `stride: 1`", Lints.coverFix(false, 5, 7, 2, 2, 2, 0));
        assertEquals("windows side by side cover the input when the kernel divides its size (4×4), e.g. `kernel: 2` (with `stride: 2`"
                + " if a stride is written), or `stride: 1` for overlapping windows", Lints.coverFix(false, 4, 4, 3, 3, 3, 0),
                "not the whole image (4), though as near");
        // The suggestion covers: (size − kernel) a multiple of the stride, with fewer outputs than the size.
        for (int size : new int[] {5, 7, 11, 13}) { // primes: no kernel lies side by side
            String help = Lints.coverFix(false, size, size, 2, 2, 2, 0);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`kernel: (\\d+), stride: (\\d+)`").matcher(help);
            assertTrue(m.find(), help);
            int k = Integer.parseInt(m.group(1)), stride = Integer.parseInt(m.group(2));
            assertEquals(0, (size - k) % stride, help);
            assertTrue(k < size, help);
        }
        assertEquals("windows side by side cover the input when the kernel divides its size (12×12), e.g. `kernel: 6` (with `stride: 6`"
                + " if a stride is written), or `stride: 1` for overlapping windows", Lints.coverFix(false, 12, 12, 5, 5, 5, 0));
        assertEquals("make (size − kernel) a multiple of the stride 3 along both axes, e.g. `kernel: 4`", Lints.coverFix(false, 7, 7, 2, 2, 3, 0),
                "a stride written apart from the kernel stays; (7 − 4) is a multiple of 3");
    }

    /**
     * Whatever NN0504 says, its help's first suggestion, applied, leaves no NN0504: over convolutions and
     * pools of sizes 3 to 11, kernels 2 to 4, strides 1 to 5 and paddings 0 and 1 (a suggestion once
     * gave a stride that dropped a row, or a kernel below the stride that skipped rows).
     */
    @Test
    void theDroppedInputHelpsFirstSuggestionLeavesNoWarning() {
        int checked = 0;
        for (int h = 3; h <= 11; h++) {
            for (int w : new int[] {h, h + 2}) {
                for (int k = 2; k <= 4; k++) {
                    for (int stride = 1; stride <= 5; stride++) {
                        for (int padding = 0; padding <= 1; padding++) {
                            for (boolean conv : new boolean[] {true, false}) {
                                if (!conv && padding > 0) continue;
                                java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
                                args.put("kernel", String.valueOf(k));
                                args.put("stride", String.valueOf(stride));
                                if (conv) args.put("padding", String.valueOf(padding));
                                CheckResult r = check(windowModel(conv, h, w, args));
                                if (r.hasErrors() || !codes(r).contains("NN0504")) continue;
                                String help = r.diagnostics().stream().filter(d -> d.code().name().equals("NN0504")).findFirst().orElseThrow().help().get(0);
                                String first = help.split(", or ")[0];
                                java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]*)`").matcher(first);
                                while (m.find()) {
                                    for (String pair : m.group(1).split(", (?=[a-z])")) args.put(pair.split(": ")[0], pair.split(": ")[1]);
                                }
                                CheckResult fixed = check(windowModel(conv, h, w, args));
                                assertFalse(codes(fixed).contains("NN0504") || fixed.hasErrors(),
                                        h + "×" + w + " " + (conv ? "conv" : "pool") + " " + args + " after \"" + help + "\": " + fixed.diagnostics());
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100, "cases with NN0504: " + checked);
    }

    /** One window along each axis: nothing lies between windows; what it misses is the last rows and columns. */
    @Test
    void aSingleWindowIgnoresTheLastRowsRatherThanSkippingBetween() {
        CheckResult r = check(windowModel(false, 5, 5, new java.util.LinkedHashMap<>(java.util.Map.of("kernel", "3", "stride", "4"))));
        assertTrue(r.diagnostics().get(0).message().contains("ignores the last 2 rows and columns of its 5×5 input"), r.diagnostics().get(0).message());
    }

    @Test
    void droppedRowsAndColumnsAreCountedApart() {
        CheckResult r = check(windowModel(false, 5, 7, new java.util.LinkedHashMap<>(java.util.Map.of("kernel", "3"))));
        assertTrue(r.diagnostics().get(0).message().contains("ignores the last 2 rows and the last column of its 5×7 input"),
                r.diagnostics().get(0).message());
    }

    private static String windowModel(boolean conv, int h, int w, java.util.Map<String, String> args) {
        String list = args.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        return "model M {\n  input [1, " + h + ", " + w + "]\n  " + (conv ? "conv2d c(1 -> 2, " + list + ")" : "maxpool2d(" + list + ")")
                + "\n  flatten\n  dense out(2)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n";
    }

    /** The help names a change that makes the windows cover the input: the stride alone dividing the size does not. */
    @Test
    void theDroppedInputHelpNamesAChangeThatCovers() {
        // 14×14, kernel 3, stride 2: 2 divides 14, yet (14 − 3) = 11 is odd; no padding mends an odd kernel's parity.
        assertEquals("make (size + 2·padding − kernel) a multiple of the stride 2 along both axes, e.g. `kernel: 4`",
                Lints.coverFix(true, 14, 14, 3, 3, 2, 0));
        assertEquals("make (size + 2·padding − kernel) a multiple of the stride 3 along both axes, e.g. `padding: 2`",
                Lints.coverFix(true, 28, 28, 5, 5, 3, 0), "28 + 2·2 − 5 = 27");
        for (int[] c : new int[][] {{14, 14, 3, 3, 2, 0}, {28, 28, 5, 5, 3, 0}, {28, 20, 3, 2, 4, 1}, {7, 9, 2, 2, 3, 0}}) {
            String help = Lints.coverFix(true, c[0], c[1], c[2], c[3], c[4], c[5]);
            int kh = c[2], kw = c[3], s = c[4], p = c[5];
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(padding|kernel|stride): \\[?(\\d+)(?:, (\\d+))?\\]?`").matcher(help);
            assertTrue(m.find(), help);
            int v = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "padding" -> p = v;
                case "kernel" -> { kh = v; kw = m.group(3) == null ? v : Integer.parseInt(m.group(3)); }
                default -> s = v;
            }
            assertEquals(0, (c[0] + 2 * p - kh) % s, help + " covers the rows of " + java.util.Arrays.toString(c));
            assertEquals(0, (c[1] + 2 * p - kw) % s, help + " covers the columns of " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void tooManyParametersInTotal() {
        // Each weight matrix fits an array (1.6e9 values), both together do not.
        CheckResult r = check(mlp("  dense a(40000) relu\n  dense b(40000) relu\n  dense c(40000) relu\n  dense out(10)"));
        assertTrue(codes(r).contains("NN0110"), codes(r).toString());
        assertTrue(r.model().isEmpty());
    }
}
