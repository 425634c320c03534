package dev.nnc.runtime;

import com.palantir.javapoet.JavaFile;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.Network;
import dev.nnc.api.ParamInfo;
import dev.nnc.ir.Model;
import dev.nnc.runtime.GradientCheck.Options;
import dev.nnc.runtime.GradientCheck.Report;
import dev.nnc.runtime.GradientCheck.Targets;
import dev.nnc.runtime.GradientCheck.TensorResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient check passes on every sample model, and fails when a gradient is wrong:
 * corrupted after backward (a proxy around the generated network), or computed by a
 * deliberately broken generated class.
 */
class GradientCheckTest {
    @TempDir
    Path dir;

    static List<Path> models() { return Models.all(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everySampleModelPasses(Path file) {
        Model model = Models.load(file);
        if (!model.trainable()) {
            assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(model, Options.defaults()));
            return;
        }
        Report report = GradientCheck.run(model, Options.defaults());
        assertTrue(report.ok(), () -> file + ": " + report.failures());
        assertTrue(Double.isFinite(report.loss()), "loss " + report.loss());

        // One row per parameter tensor, in order, then the input; sampled as documented.
        List<String> names = new ArrayList<>(model.params().stream().map(p -> p.name()).toList());
        names.add(GradientCheck.INPUT);
        assertEquals(names, report.tensors().stream().map(TensorResult::name).toList());
        for (TensorResult t : report.tensors()) {
            assertEquals(Math.min(t.size(), GradientCheck.DEFAULT_SAMPLES), t.checked(), t.name());
            assertTrue(t.worstRelative() <= GradientCheck.DEFAULT_TOLERANCE, t.toString());
        }
        TensorResult input = report.tensors().get(report.tensors().size() - 1);
        assertEquals(GradientCheck.DEFAULT_BATCH, input.shape().get(0));
        assertEquals(model.input().dims(), input.shape().subList(1, input.shape().size()));
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        Model model = Models.load("mlp_regularized.nn");
        Options options = new Options(5, 2, 10, 1e-5);
        assertEquals(GradientCheck.run(model, options), GradientCheck.run(model, options));
    }

    // ---- it can fail ----

    @Test
    void oneWrongEntryFailsItsTensorAndOnlyIt() {
        Model model = Models.load("regression.nn");
        DoubleNetwork net = Models.network(model, 3);
        ParamInfo price = param(net, "price.weight");
        // price.weight is [1, 4]: every entry is checked, so entry [0, 2] is among them.
        DoubleNetwork wrong = afterBackward(net, n -> n.grads()[price.offset() + 2] *= 1.001);

        Report report = GradientCheck.run(wrong, Targets.REAL, Options.defaults());

        assertFalse(report.ok());
        assertEquals(List.of("price.weight"), report.failures().stream().map(TensorResult::name).toList());
        TensorResult failed = report.failures().get(0);
        assertEquals(List.of(0, 2), failed.worstAt());
        assertEquals(1.001, failed.analytic() / failed.numeric(), 1e-6, "the report shows both gradients");
        assertEquals(0, failed.kinks(), "a wrong gradient is wrong at the smaller step too");
        assertTrue(failed.worstRelative() > 5e-4 && failed.worstRelative() < 2e-3, failed.toString());
    }

    @Test
    void aWholeTensorOffByOnePercentIsCaughtBySampling() {
        Model model = Models.load("mlp_small.nn");
        DoubleNetwork net = Models.network(model, 3);
        ParamInfo h1 = param(net, "h1.weight");
        DoubleNetwork wrong = afterBackward(net, n -> {
            for (int i = h1.offset(); i < h1.offset() + h1.size(); i++) n.grads()[i] *= 1.01;
        });

        Report report = GradientCheck.run(wrong, Targets.CLASSES, Options.defaults());

        assertEquals(List.of("h1.weight"), report.failures().stream().map(TensorResult::name).toList());
        assertEquals(50, report.failures().get(0).checked(), "12,544 weights, 50 sampled");
    }

    /**
     * Twice the tolerance off, in a smooth stretch: the smaller step must not rescue it. (The
     * measurement again with h/10 is for kinks; judged against its own, larger noise floor, it
     * let small wrong gradients pass as "kinks", found by a reviewer mutating generated code.)
     */
    @Test
    void aTensorOffByTwiceTheToleranceFailsAndIsNoKink() throws IOException {
        Path file = dir.resolve("stack.nn");
        Files.writeString(file, """
                model Stack {
                  input [5]
                  dense a(5 -> 7) tanh
                  dense b(6) tanh
                  dense c(4) sigmoid
                  dense d(3) sigmoid
                  loss mse
                  optimizer momentum(lr: 0.1, mu: 0.8, weight_decay: 0.01)
                }
                """);
        DoubleNetwork net = Models.network(Models.load(file), 3);
        ParamInfo a = param(net, "a.weight");
        DoubleNetwork wrong = afterBackward(net, n -> {
            for (int i = a.offset(); i < a.offset() + a.size(); i++) n.grads()[i] *= 1.00002;
        });

        Report report = GradientCheck.run(wrong, Targets.REAL, Options.defaults());

        assertEquals(List.of("a.weight"), report.failures().stream().map(TensorResult::name).toList(), report.toString());
        assertEquals(0, report.kinks(), "tanh and sigmoid have no kink: " + report);
    }

    /**
     * A deep sigmoid stack: the first layer's gradients vanish to about 1e-7, far below the loss's
     * rounding noise over h = 1e-6 (1.4e-8 over the tolerance: a floor of 1e-3), so a 5% error there
     * passed as "ok" (found by a learner mutating the generated backward pass). Such entries are
     * measured again with wider steps, where the noise is a thousand times smaller.
     */
    @ParameterizedTest(name = "{0} sigmoid layers")
    @org.junit.jupiter.params.provider.ValueSource(ints = {10, 14})
    void aVanishingGradientOffByFivePercentFails(int depth) throws IOException {
        // 14 layers: gradients of 1e-9, which need the widest step (a re-test found them passing at 1e-3).
        StringBuilder layers = new StringBuilder();
        for (int i = 1; i <= depth; i++) layers.append("  dense h").append(i).append("(40) sigmoid\n");
        Path file = Files.writeString(dir.resolve("sig10.nn"), "model Sig10 {\n  input [40]\n" + layers
                + "  dense out(5)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n");
        Model model = Models.load(file);
        assertTrue(GradientCheck.smooth(model), "sigmoid all the way: the wider steps may be used");
        DoubleNetwork net = Models.network(model, 3);
        ParamInfo h1 = param(net, "h1.weight");

        Report intact = GradientCheck.run(net, Targets.CLASSES, Options.defaults(), true);
        assertTrue(intact.ok(), intact.failures().toString());
        TensorResult first = intact.tensors().get(0);
        assertEquals("h1.weight", first.name());
        assertTrue(first.largest() < intact.floor() / 100, "the test's premise: h1's gradients are far below the floor: " + first);
        assertEquals(first.checked(), first.wide(), "each measured again with the wider steps: " + first);
        // At 14 layers the smallest (under a hundred times the widest step's noise) cannot be judged; the rest can.
        if (depth == 10) assertEquals(0, first.unresolved(), first.toString());
        else assertTrue(first.unresolved() < first.checked(), first.toString());

        DoubleNetwork wrong = afterBackward(net, n -> {
            for (int i = h1.offset(); i < h1.offset() + h1.size(); i++) n.grads()[i] *= 1.05;
        });
        Report report = GradientCheck.run(wrong, Targets.CLASSES, Options.defaults(), true);
        assertEquals(List.of("h1.weight"), report.failures().stream().map(TensorResult::name).toList(), report.tensors().toString());
        assertEquals(1.05, report.failures().get(0).analytic() / report.failures().get(0).numeric(), 1e-3);
    }

    /**
     * Input rows no window covers (stride 3 past padding 2) do not reach the loss: their gradient
     * is exactly 0 and so is every difference. They are right, not "could not be judged" (a
     * reviewer found 24 such entries reported unresolved).
     */
    @Test
    void anEntryTheLossNeverReadsIsOkNotUnresolved() throws IOException {
        Path file = Files.writeString(dir.resolve("g2.nn"), "model G2 {\n  input [1, 5, 6]\n"
                + "  conv2d a(2, kernel: [2, 3], stride: 3, padding: 2) sigmoid\n"
                + "  loss binary_cross_entropy\n  optimizer rmsprop(lr: 0.01)\n}\n");
        Report report = GradientCheck.run(Models.load(file), Options.defaults());
        TensorResult input = report.tensors().get(report.tensors().size() - 1);
        assertEquals(GradientCheck.INPUT, input.name());
        assertEquals(0, input.unresolved(), input.toString());
        assertTrue(report.ok(), report.failures().toString());

        // Every entry checked: rows 0 and 3 of each 5×6 image lie outside every window (windows start at padded
        // rows 0, 3, 6 and cover two each: image rows 1, 2, 4), 12 pixels of 30 per image, 36 in a batch of 3.
        Options all = new Options(GradientCheck.DEFAULT_SEED, 3, 1000, GradientCheck.DEFAULT_TOLERANCE);
        Report every = GradientCheck.run(Models.load(file), all);
        TensorResult pixels = every.tensors().get(every.tensors().size() - 1);
        assertEquals(90, pixels.checked());
        assertEquals(36, pixels.unread(), pixels.toString());
        assertEquals(36, every.unread(), "the weights and biases are all read through the sigmoid");
        assertTrue(every.ok(), every.failures().toString());
    }

    /**
     * Deeper and narrower still (16 sigmoid layers of 5): the first layer's gradients, about 1e-12,
     * stay under a hundred times the noise of even the widest step. Judged there, a gradient zeroed by
     * an edit passed as ok (a reviewer's miss); now such entries are unresolved, and nothing is ok.
     */
    @Test
    void aGradientTooSmallForEveryStepIsUnresolvedNotOk() throws IOException {
        StringBuilder layers = new StringBuilder("  dense h1(4 -> 5) sigmoid\n");
        for (int i = 2; i <= 16; i++) layers.append("  dense h").append(i).append("(5) sigmoid\n");
        Path file = Files.writeString(dir.resolve("sig16.nn"), "model Sig16 {\n  input [4]\n" + layers
                + "  dense out(3)\n  loss softmax_cross_entropy\n  optimizer sgd(lr: 0.1)\n}\n");
        DoubleNetwork net = Models.network(Models.load(file), 3);
        ParamInfo h1 = param(net, "h1.weight");
        DoubleNetwork zeroed = afterBackward(net, n -> {
            for (int i = h1.offset(); i < h1.offset() + h1.size(); i++) n.grads()[i] = 0;
        });
        for (long seed = 1; seed <= 2; seed++) {
            Report report = GradientCheck.run(zeroed, Targets.CLASSES, new Options(seed, 3, 50, GradientCheck.DEFAULT_TOLERANCE), true);
            TensorResult first = report.tensors().get(0);
            assertEquals("h1.weight", first.name());
            assertTrue(!first.ok() || first.unresolved() == first.checked(), "a zeroed gradient is never judged ok: " + first);
        }
    }

    /**
     * False alarms a reviewer found on correct gradients: ReLU units within 1e-3 of their kinks
     * (tiny weights; the wider steps, used for them then, crossed several kinks at once), and a
     * confident prediction whose loss, 1e-8, was taken to be computed to ulps of itself, when the
     * terms it comes from (near 1) keep their rounding (batch 1, tolerance 1e-3).
     */
    @Test
    void correctGradientsOfTinyReluLayersAndOfASmallLossPass() throws IOException {
        Path relu = Files.writeString(dir.resolve("tiny.nn"), """
                model Tiny {
                  input [6]
                  dense h1(6 -> 10, init: normal(0.001)) relu
                  dense h2(10, init: normal(0.001)) relu
                  dense h3(10, init: normal(0.001)) relu
                  dense out(3, init: normal(0.001))
                  loss mse
                  optimizer sgd(lr: 0.1)
                }
                """);
        Model tiny = Models.load(relu);
        assertFalse(GradientCheck.smooth(tiny));
        for (long seed = 1; seed <= 4; seed++) {
            Report report = GradientCheck.run(tiny, new Options(seed, 32, 50, GradientCheck.DEFAULT_TOLERANCE));
            assertTrue(report.ok(), "seed " + seed + ": " + report.failures());
        }
        Path big = Files.writeString(dir.resolve("big.nn"), """
                model Big {
                  input [5]
                  dense h1(5 -> 8, init: normal(3)) sigmoid
                  dense h2(8, init: normal(3)) tanh
                  dense out(1, init: normal(3)) sigmoid
                  loss binary_cross_entropy
                  optimizer sgd(lr: 0.1)
                }
                """);
        Report confident = GradientCheck.run(Models.load(big), new Options(4, 1, 50, 1e-3));
        assertTrue(confident.loss() < 1e-6, "the test's premise, a loss far below 1: " + confident.loss());
        assertTrue(confident.ok(), confident.failures().toString());
    }

    /**
     * ReLU units put within 1e-3 of their kinks (a zeros-initialized layer, jittered) while the
     * gradients are small: the wider steps cross the kinks, and judged on them alone, correct
     * gradients failed by a few percent (found by a reviewer at batch 32, seeds 2 and 3).
     */
    @Test
    void kinksWithinTheWiderStepsDoNotFailCorrectGradients() throws IOException {
        Path file = Files.writeString(dir.resolve("zeros.nn"), """
                model Zeros {
                  input [8]
                  dense h(8 -> 32, init: zeros) relu
                  dense out(3, init: zeros)
                  loss softmax_cross_entropy
                  optimizer sgd(lr: 0.1)
                }
                """);
        Model model = Models.load(file);
        for (long seed = 1; seed <= 8; seed++) {
            Report report = GradientCheck.run(model, new Options(seed, 32, 50, GradientCheck.DEFAULT_TOLERANCE));
            assertTrue(report.ok(), "seed " + seed + ": " + report.failures());
        }
    }

    @Test
    void aWrongInputGradientFailsTheInputRow() {
        Model model = Models.load("activations.nn");
        DoubleNetwork net = Models.network(model, 3);
        DoubleNetwork wrong = afterBackward(net, n -> n.inputGrad()[5] = -n.inputGrad()[5]);

        Report report = GradientCheck.run(wrong, Targets.BINARY, Options.defaults());

        assertEquals(List.of(GradientCheck.INPUT), report.failures().stream().map(TensorResult::name).toList());
        assertEquals(List.of(0, 5), report.failures().get(0).worstAt(), "input is [batch, 8]: flat 5 is sample 0, value 5");
    }

    /**
     * A generated class whose dropout backward forgets the mask: the forward drops values,
     * the backward lets their gradient through. Only a check in training mode, with the mask
     * of the analytic pass replayed, can see it.
     */
    @Test
    void aDropoutBackwardWithoutTheMaskFails() throws Exception {
        Model model = Models.load("mlp_regularized.nn");
        JavaFile file = Models.generate(model, "test.mutant");
        Matcher m = Pattern.compile("(\\w+Grad\\[i\\] = \\w+Grad\\[i\\]) \\* dropout1Mask\\[i\\];").matcher(file.toString());
        assertTrue(m.find(), "the dropout backward of the generated code is not where the test expects it:\n" + file);
        String mutant = m.replaceFirst("$1;");
        DoubleNetwork net = compile("test.mutant.MlpRegularized", mutant);

        Report report = GradientCheck.run(net, Targets.CLASSES, Options.defaults());

        // dropout1 sits between h1 and h2: what is below it is wrong, what is above is right.
        List<String> failed = report.failures().stream().map(TensorResult::name).toList();
        assertEquals(List.of("h1.weight", "h1.bias", GradientCheck.INPUT), failed, report.tensors().toString());

        Report intact = GradientCheck.run(Models.network(model, 3), Targets.CLASSES, Options.defaults());
        assertTrue(intact.ok(), intact.failures().toString());
    }

    // ---- kinks ----

    /** L(w, x) = relu(w − k) + x with the kink k half a step above the checked point. */
    @Test
    void aKinkWithinTheStepIsMeasuredAgainWithASmallerOne() {
        Report report = GradientCheck.run(kinked(0), Targets.REAL, Options.defaults());
        TensorResult w = report.tensors().get(0);
        assertTrue(report.ok(), report.toString());
        assertEquals(1, w.kinks());
        assertEquals(0.0, w.numeric(), "the step h/10 stays below the kink");
        assertEquals(1, report.kinks());
    }

    /** The kink a twentieth of a step above: inside h/10 as well, so only the one-sided difference below it agrees. */
    @Test
    void aKinkWithinATenthOfTheStepIsMeasuredOnItsOwnSide() {
        Report report = GradientCheck.run(kinked(0, GradientCheck.STEP / 20), Targets.REAL, Options.defaults());
        TensorResult w = report.tensors().get(0);
        assertTrue(report.ok(), report.toString());
        assertEquals(1, w.kinks());
        assertEquals(0.0, w.numeric(), "(L(p) − L(p − h/10)) / (h/10) stays below the kink");
    }

    /** 0.3 below the kink: no difference across it comes out at 0.3 (central at h 0.475, at h/10 0.25, one-sided 0.5 and 0). */
    @Test
    void aWrongGradientAtAKinkWithinATenthOfTheStepStillFails() {
        Report report = GradientCheck.run(kinked(0.3, GradientCheck.STEP / 20), Targets.REAL, Options.defaults());
        assertFalse(report.tensors().get(0).ok());
        assertEquals(0, report.tensors().get(0).kinks());
    }

    @Test
    void aWrongGradientAtAKinkStillFails() {
        Report report = GradientCheck.run(kinked(0.5), Targets.REAL, Options.defaults());
        TensorResult w = report.tensors().get(0);
        assertFalse(w.ok());
        assertEquals(0, w.kinks());
        assertTrue(report.tensors().get(1).ok(), "d loss / d x = 1 is right");
    }

    // ---- misuse ----

    @Test
    void anInferenceOnlyModelHasNothingToCheck() {
        Model model = Models.load("regression.nn");
        Model inference = new Model(model.name(), model.source(), model.sourceHash(), model.inputName(), model.inputSource(), model.input(), model.layers(),
                java.util.Optional.empty(), java.util.Optional.empty(), model.training(), model.params());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(inference, Options.defaults()));
        assertTrue(e.getMessage().contains("no loss"), e.getMessage());
    }

    @Test
    void targetsMustFitTheModel() {
        DoubleNetwork net = Models.network(Models.load("mlp_small.nn"), 3);
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.run(net, Targets.REAL, Options.defaults()));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Options(1, 0, 50, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new Options(1, 3, 0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> new Options(1, 3, 50, 0));
        assertThrows(IllegalArgumentException.class, () -> new Options(1, 3, 50, Double.NaN));
    }

    @Test
    void multiIndexIsRowMajor() {
        assertEquals(List.of(1, 0, 2, 1), GradientCheck.multiIndex(1 * 9 + 0 * 9 + 2 * 3 + 1, List.of(16, 1, 3, 3)));
        assertEquals(List.of(0), GradientCheck.multiIndex(0, List.of(10)));
        assertNotEquals(GradientCheck.multiIndex(3, List.of(2, 2)), GradientCheck.multiIndex(2, List.of(2, 2)));
    }

    // ---- helpers ----

    private static ParamInfo param(Network net, String name) {
        return net.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** {@code net}, except that {@code fault} runs on it after every backward. */
    static DoubleNetwork afterBackward(DoubleNetwork net, Consumer<DoubleNetwork> fault) {
        return (DoubleNetwork) Proxy.newProxyInstance(DoubleNetwork.class.getClassLoader(), new Class<?>[] {DoubleNetwork.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(net, args);
                        if (method.getName().equals("backward")) fault.accept(net);
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * A one-parameter network by hand: y = relu(w − k) + x, loss = y. The kink k is put
     * half a step above the first parameter value it is given (the jittered one), and
     * backward reports {@code wrongSlope} there instead of the true slope 0 when it is not 0.
     */
    private static DoubleNetwork kinked(double wrongSlope) {
        return kinked(wrongSlope, GradientCheck.STEP / 2);
    }

    /** L(w, x) = relu(w − k) + x with the kink k {@code above} the checked point; backward gives {@code wrongSlope} below it. */
    private static DoubleNetwork kinked(double wrongSlope, double above) {
        double[] w = {0}, g = {0}, x = {0}, y = {0}, kink = {Double.NaN};
        return (DoubleNetwork) Proxy.newProxyInstance(DoubleNetwork.class.getClassLoader(), new Class<?>[] {DoubleNetwork.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "modelName" -> "Kink";
                    case "trainable" -> true;
                    case "classTargets" -> false;
                    case "maxBatch", "inputSize", "outputSize", "paramCount" -> 1;
                    case "inputShape" -> List.of(1);
                    case "parameters" -> List.of(new ParamInfo("w.weight", "w", true, 0, List.of(1)));
                    case "initialize" -> {
                        w[0] = 0.25;
                        yield null;
                    }
                    case "params" -> w.clone();
                    case "setParams" -> {
                        w[0] = ((double[]) args[0])[0];
                        if (Double.isNaN(kink[0])) kink[0] = w[0] + above;
                        yield null;
                    }
                    case "grads" -> g;
                    case "inputGrad" -> new double[] {1};
                    case "zeroGrad" -> {
                        g[0] = 0;
                        yield null;
                    }
                    case "forward" -> {
                        x[0] = ((double[]) args[0])[0];
                        y[0] = Math.max(w[0] - kink[0], 0) + x[0];
                        yield y;
                    }
                    case "loss" -> y[0];
                    case "backward" -> {
                        g[0] += w[0] > kink[0] ? 1 : wrongSlope;
                        yield null;
                    }
                    case "rngState" -> 0L;
                    case "setRngState", "setTraining", "setInputGradient" -> null;
                    default -> throw new IllegalStateException("the gradient check called " + method.getName() + ", which this one-parameter stand-in does not model");
                });
    }

    /** Compiles one source text the way nnc compiles generated code, but from disk. */
    private DoubleNetwork compile(String binaryName, String source) throws Exception {
        Path src = dir.resolve(binaryName.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", classes.toString(), "-cp", api, "--release", "17", src.toString());
        assertEquals(0, status, errors::toString);
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return DoubleNetwork.class.cast(loader.loadClass(binaryName).getConstructor(int.class).newInstance(3));
    }
}
