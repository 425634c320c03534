package dev.nnc.runtime;

import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import dev.nnc.runtime.GradientCheck.Options;
import dev.nnc.runtime.GradientCheck.Report;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backward passes of the layer variants the PyTorch fixtures do not reach, checked against
 * central differences: strided and unpadded convolutions, rectangular kernels, no bias,
 * average pooling with stride, an activation or a pool as the first layer, dropout, L1 and
 * momentum in the optimizer (the gradient the check reads is the loss's, so the optimizer
 * only has to generate), and a first dense layer large enough to be a loop.
 */
class LayerVariantsGradientTest {
    record Variant(String name, String layers, String loss, String input) {
        @Override
        public String toString() { return name; }

        String source() {
            return "model V {\n  input " + input + "\n" + layers + "\n  loss " + loss + "\n  optimizer sgd(lr: 0.1, momentum: 0.9, l1: 0.001)\n}\n";
        }
    }

    static Stream<Variant> variants() {
        String img = "[2, 9, 8]";
        String ce = "softmax_cross_entropy";
        return Stream.of(
                new Variant("conv stride 2, no padding", "  conv2d c(2 -> 3, kernel: 3, stride: 2) tanh\n  flatten\n  dense out(4)", ce, img),
                new Variant("conv stride 2 with padding", "  conv2d c(3, kernel: 3, stride: 2, padding: 1) relu\n  flatten\n  dense out(4)", ce, img),
                new Variant("rectangular kernel, no bias", "  conv2d c(4, kernel: [2, 3], bias: false) sigmoid\n  flatten\n  dense out(3)", ce, img),
                new Variant("two convolutions, padding 2", "  conv2d a(3, kernel: 5, padding: 2) relu\n  conv2d b(2, kernel: 3) relu\n  flatten\n  dense out(3)", ce, img),
                new Variant("avgpool with stride", "  conv2d c(3, kernel: 3, padding: 1) relu\n  avgpool2d(kernel: 3, stride: 2)\n  flatten\n  dense out(3)", ce, img),
                new Variant("maxpool rectangular window", "  conv2d c(3, kernel: 3, padding: 1) leaky_relu(alpha: 0.1)\n  maxpool2d(kernel: [3, 2], stride: 2)\n  flatten\n  dense out(3)", ce, img),
                new Variant("maxpool rectangular window, its stride by default", "  conv2d c(3, kernel: 3, padding: 1) leaky_relu(alpha: 0.1)\n  maxpool2d(kernel: [3, 2])\n  flatten\n  dense out(3)", ce, img),
                new Variant("avgpool rectangular window, its stride by default", "  conv2d c(3, kernel: 3, padding: 1) tanh\n  avgpool2d(kernel: [2, 4])\n  flatten\n  dense out(3)", ce, img),
                new Variant("pool as the first layer", "  maxpool2d(kernel: 2)\n  flatten\n  dense out(3)", ce, img),
                new Variant("activation as the first layer", "  tanh\n  flatten\n  dense h(5) relu\n  dense out(3)", ce, img),
                new Variant("dropout between dense layers", "  flatten\n  dense h(20) relu\n  dropout(0.3)\n  dense out(3)", ce, img),
                new Variant("large first dense layer (loops)", "  flatten\n  dense h(144 -> 12, bias: false) tanh\n  dense out(3)", ce, img),
                new Variant("softmax layer with mse", "  flatten\n  dense h(6) tanh\n  dense out(3) softmax", "mse", img),
                new Variant("sigmoid with binary cross-entropy", "  flatten\n  dense out(4) sigmoid", "binary_cross_entropy", img),
                new Variant("logits with sigmoid_binary_cross_entropy", "  flatten\n  dense out(4)", "bce_with_logits", img),
                new Variant("cross_entropy through a final softmax", "  flatten\n  dense h(8) relu\n  dense out(5) softmax", "cross_entropy", img),
                new Variant("sum of squares on a vector input", "  dense h(7) relu\n  dense out(2)", "sum_squares", "[5]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void backwardAgreesWithCentralDifferences(Variant v) {
        var checked = NncCompiler.check(new SourceFile("variant.nn", v.source()));
        assertTrue(!checked.hasErrors(), () -> v.source() + checked.diagnostics());
        Model model = checked.model().orElseThrow();
        Report report = GradientCheck.run(model, Options.defaults());
        assertTrue(report.ok(), () -> v.name() + ": " + report.failures());
        List<String> checkedTensors = report.tensors().stream().map(GradientCheck.TensorResult::name).toList();
        assertTrue(checkedTensors.contains(GradientCheck.INPUT), "the input gradient is checked too");
    }
}
