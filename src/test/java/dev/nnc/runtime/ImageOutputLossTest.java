package dev.nnc.runtime;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element-wise losses take any output, as the language notes say ("mse: any"): over an
 * image [C, H, W] they are the definitions over all its elements, and the backward pass agrees
 * with central differences.
 */
class ImageOutputLossTest {
    private static final int N = 3;

    private static Model model(String loss) {
        String source = """
                model Picture {
                  input [1, 5, 5]
                  conv2d c1(1 -> 3, kernel: 3, padding: 1) tanh
                  conv2d c2(3 -> 2, kernel: 3, padding: 1) sigmoid
                  loss %s
                  optimizer sgd(lr: 0.1)
                }
                """.formatted(loss);
        CheckResult checked = NncCompiler.check(new SourceFile("picture.nn", source));
        assertFalse(checked.hasErrors(), () -> checked.diagnostics().toString());
        return checked.model().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "sum_squares", "binary_cross_entropy"})
    void theLossIsItsDefinitionOverEveryElementOfTheImage(String loss) {
        Model model = model(loss);
        assertEquals(java.util.List.of(2, 5, 5), model.output().dims());
        DoubleNetwork net = Models.network(model, N);
        net.initialize(7);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = random.doubles(N * 25).toArray();
        double[] t = random.ints(N * 50, 0, 2).asDoubleStream().toArray(); // 0/1, so that BCE may take them too
        double[] y = net.forward(x, N).clone();
        assertEquals(N * 50, y.length);

        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += switch (loss) {
                case "binary_cross_entropy" -> -(t[i] * Math.log(y[i]) + (1 - t[i]) * Math.log(1 - y[i]));
                default -> (y[i] - t[i]) * (y[i] - t[i]);
            };
        }
        double expected = loss.equals("sum_squares") ? sum : sum / (N * 50);
        assertEquals(expected, net.loss(t, N), 1e-12 * Math.abs(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "sum_squares", "binary_cross_entropy"})
    void itsBackwardPassesTheGradientCheck(String loss) {
        GradientCheck.Report report = GradientCheck.run(model(loss), GradientCheck.Options.defaults());
        assertTrue(report.ok(), () -> report.failures().toString());
    }
}
