package dev.nnc.check;

import dev.nnc.check.CheckResult;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Init;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;
import dev.nnc.ir.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every sample model checks clean, with the shapes and parameters it should have. */
class ExamplesCheckTest {
    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("models")).filter(p -> p.toString().endsWith(".nn")).sorted();
    }

    static Model check(String file) throws IOException {
        Path p = Path.of("models", file);
        CheckResult r = NncCompiler.check(new SourceFile(p.toString(), Files.readString(p)));
        assertEquals(List.of(), r.diagnostics(), file + " should check clean");
        return r.model().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everySampleModelChecksCleanWithoutWarnings(Path p) throws IOException {
        CheckResult r = NncCompiler.check(new SourceFile(p.toString(), Files.readString(p)));
        assertEquals(List.of(), r.diagnostics());
        assertTrue(r.model().isPresent());
    }

    /** "layer output shape" pairs, in order, activations included. */
    private static List<String> shapes(Model m) {
        return m.layers().stream().map(l -> l.name() + " " + l.out()).toList();
    }

    @Test
    void mlpSmall() throws IOException {
        Model m = check("mlp_small.nn");
        assertEquals(13_002, m.paramCount());
        assertEquals(List.of("h1 [16]", "relu_1 [16]", "h2 [16]", "relu_2 [16]", "out [10]"), shapes(m));
        Layer.Dense h2 = (Layer.Dense) m.layers().get(2);
        assertEquals(16, h2.inputs(), "inferred from h1");
        assertEquals(Init.HE, h2.weight().init(), "he before relu");
        assertEquals(Init.XAVIER, ((Layer.Dense) m.layers().get(4)).weight().init(), "xavier for logits");
        assertEquals(Loss.Kind.SOFTMAX_CROSS_ENTROPY, m.loss().orElseThrow().kind());
        Optimizer o = m.optimizer().orElseThrow();
        assertEquals(Optimizer.Kind.SGD, o.kind());
        assertEquals(0.02, o.lr());
        assertEquals(0.9, o.momentum());
        assertEquals(32, m.training().batch());
        assertEquals(3, m.training().epochs());
        assertEquals(1, m.training().seed());
        assertEquals(0.0, m.training().normalizeMean());
        assertEquals(1.0, m.training().normalizeStd());
    }

    @Test
    void cnn() throws IOException {
        Model m = check("cnn.nn");
        assertEquals(426_122, m.paramCount());
        assertEquals("[1, 28, 28]", m.input().toString());
        assertEquals("image", m.inputName());
        assertEquals(List.of("c1 [16, 28, 28]", "relu_1 [16, 28, 28]", "maxpool2d_1 [16, 14, 14]",
                "c2 [32, 14, 14]", "relu_2 [32, 14, 14]", "maxpool2d_2 [32, 7, 7]",
                "c3 [64, 7, 7]", "relu_3 [64, 7, 7]", "flatten_1 [3136]",
                "fc1 [128]", "relu_4 [128]", "fc2 [10]"), shapes(m));
        assertEquals("[1, 28, 28]", m.layers().get(0).in().toString(), "c1 reads the image");
        assertEquals("[16, 14, 14]", m.layers().get(3).in().toString(), "c2 reads the pooled map");
        for (int i = 1; i < m.layers().size(); i++) {
            assertEquals(m.layers().get(i - 1).out(), m.layers().get(i).in(), "each layer reads what the one before delivers");
        }
        Layer.Conv2d c2 = (Layer.Conv2d) m.layers().get(3);
        assertEquals(16, c2.inChannels());
        assertEquals(1, c2.stride(), "stride defaults to 1");
        assertEquals(1, c2.padding());
        Layer.Pool2d p2 = (Layer.Pool2d) m.layers().get(5);
        assertEquals(List.of(2, 2), List.of(p2.strideH(), p2.strideW()), "stride defaults to the kernel");
        assertEquals("[32, 16, 3, 3]", c2.weight().shape().toString());
        assertEquals(Optimizer.Kind.ADAM, m.optimizer().orElseThrow().kind());
        assertEquals(0.9, m.optimizer().orElseThrow().beta1());
        assertEquals(0.999, m.optimizer().orElseThrow().beta2());
        assertEquals(1e-8, m.optimizer().orElseThrow().eps());
        assertEquals(256, m.training().batch());
        assertEquals(0.5, m.training().normalizeStd());
        // 2·(1·9)·16·784 + 16·784 for c1 alone; the sum is checked against the per-layer formula.
        assertEquals(m.layers().stream().mapToLong(Layer::flops).sum(), m.flops());
        assertEquals(2L * 9 * 16 * 784 + 16 * 784, m.layers().get(0).flops());
    }

    @Test
    void mlpAndParameterOffsets() throws IOException {
        Model m = check("mlp.nn");
        assertEquals(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, m.paramCount());
        assertEquals("flatten_1 [784]", shapes(m).get(0));
        int offset = 0;
        for (var p : m.params()) {
            assertEquals(offset, p.offset(), p.name());
            offset += p.size();
        }
        assertEquals(List.of("h1.weight", "h1.bias", "h2.weight", "h2.bias", "out.weight", "out.bias"),
                m.params().stream().map(p -> p.name()).toList());
        assertEquals(7, m.training().seed());
    }

    @Test
    void mlpRegularized() throws IOException {
        Model m = check("mlp_regularized.nn");
        assertEquals(Loss.Kind.CROSS_ENTROPY, m.loss().orElseThrow().kind());
        assertTrue(m.loss().orElseThrow().fusedActivation());
        assertEquals("softmax", m.layers().get(m.layers().size() - 1).kind());
        assertEquals(0.2, ((Layer.Dropout) m.layers().get(3)).rate());
        assertEquals(0.0001, m.optimizer().orElseThrow().weightDecay());
        assertEquals(3, m.training().earlyStop().orElseThrow());
        assertEquals(0.1, m.training().validation());
        assertEquals(20, m.training().epochs());
    }

    @Test
    void activations() throws IOException {
        Model m = check("activations.nn");
        assertEquals(List.of("dense", "sigmoid", "dense", "tanh", "dense", "leaky_relu", "dense", "identity", "relu",
                "dense", "sigmoid"), m.layers().stream().map(Layer::kind).toList());
        assertEquals(0.01, ((Layer.Activation) m.layers().get(5)).alpha());
        assertEquals(Loss.Kind.BINARY_CROSS_ENTROPY, m.loss().orElseThrow().kind());
        Optimizer o = m.optimizer().orElseThrow();
        assertEquals(Optimizer.Kind.RMSPROP, o.kind());
        assertEquals(0.9, o.rho());
        assertEquals(1e-8, o.eps());
        assertEquals(Init.HE, ((Layer.Dense) m.layers().get(4)).weight().init(), "c is followed by leaky_relu");
        assertEquals(Init.HE, ((Layer.Dense) m.layers().get(6)).weight().init(), "d's identity passes its output on to the relu");
        assertEquals(Init.XAVIER, ((Layer.Dense) m.layers().get(9)).weight().init(), "e is followed by sigmoid");
    }

    @Test
    void regressionAndSeedTiny() throws IOException {
        Model r = check("regression.nn");
        assertEquals(new Init(Init.Kind.UNIFORM, 0.5), ((Layer.Dense) r.layers().get(0)).weight().init());
        assertEquals(1e-10, r.optimizer().orElseThrow().eps(), "adagrad's default eps");

        Model t = check("seed_tiny.nn");
        Layer.Dense hidden = (Layer.Dense) t.layers().get(0);
        assertTrue(hidden.bias().isEmpty());
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0, 0.0, 0.0), hidden.weight().values().orElseThrow());
        assertEquals(List.of(1.0, 1.0, 0.0), ((Layer.Dense) t.layers().get(2)).weight().values().orElseThrow());
        assertEquals(9, t.paramCount());
        assertEquals(Loss.Kind.SUM_SQUARES, t.loss().orElseThrow().kind());
    }
}
