package dev.nnc.cli;

import dev.nnc.ir.Init;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Loss;
import dev.nnc.ir.Model;
import dev.nnc.ir.Optimizer;
import dev.nnc.ir.ParamTensor;
import dev.nnc.ir.Shape;
import dev.nnc.ir.SourceRef;
import dev.nnc.ir.Training;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checked models built by hand, the way the checker will build them, so that the
 * commands that print a model can be tested before (and independently of) the checker.
 */
final class IrFixtures {
    private IrFixtures() {}

    /** models/mlp_small.nn: 784-16-16-10, 13,002 parameters. */
    static Model mlpSmall() {
        Builder b = new Builder("MlpSmall", "models/mlp_small.nn", Shape.of(784));
        b.dense("h1", 16).relu().dense("h2", 16).relu().dense("out", 10);
        return b.model(true);
    }

    /** models/cnn.nn: three conv blocks and two dense layers, 426,122 parameters. */
    static Model cnn() {
        Builder b = new Builder("Cnn", "models/cnn.nn", Shape.of(1, 28, 28));
        b.conv("c1", 16, 3, 1).relu().maxPool(2)
                .conv("c2", 32, 3, 1).relu().maxPool(2)
                .conv("c3", 64, 3, 1).relu()
                .flatten()
                .dense("fc1", 128).relu()
                .dense("fc2", 10);
        return b.model(true);
    }

    /** A model with no loss and no optimizer: nothing in it can be trained. */
    static Model inferenceOnly() {
        Builder b = new Builder("Tiny", "tiny.nn", Shape.of(2));
        b.dense("out", 1);
        return b.model(false);
    }

    static final class Builder {
        private final String name;
        private final String file;
        private final Shape input;
        private final List<Layer> layers = new ArrayList<>();
        private final List<ParamTensor> params = new ArrayList<>();
        private Shape shape;
        private int offset;

        Builder(String name, String file, Shape input) {
            this.name = name;
            this.file = file;
            this.input = input;
            this.shape = input;
        }

        Builder dense(String layer, int outputs) {
            int inputs = shape.dim(0);
            ParamTensor w = param(layer, ParamTensor.Role.WEIGHT, Shape.of(outputs, inputs), inputs, outputs, Init.HE);
            ParamTensor bias = param(layer, ParamTensor.Role.BIAS, Shape.of(outputs), inputs, outputs, Init.ZEROS);
            return add(new Layer.Dense(layers.size(), layer, shape, Shape.of(outputs), ref(), inputs, outputs, w, Optional.of(bias)));
        }

        Builder conv(String layer, int channels, int kernel, int padding) {
            int in = shape.dim(0);
            int h = shape.dim(1) + 2 * padding - kernel + 1;
            int w = shape.dim(2) + 2 * padding - kernel + 1;
            int fanIn = in * kernel * kernel;
            ParamTensor weight = param(layer, ParamTensor.Role.WEIGHT, Shape.of(channels, in, kernel, kernel), fanIn, channels, Init.HE);
            ParamTensor bias = param(layer, ParamTensor.Role.BIAS, Shape.of(channels), fanIn, channels, Init.ZEROS);
            return add(new Layer.Conv2d(layers.size(), layer, shape, Shape.of(channels, h, w), ref(),
                    in, channels, kernel, kernel, 1, padding, weight, Optional.of(bias)));
        }

        Builder maxPool(int k) {
            Shape out = Shape.of(shape.dim(0), shape.dim(1) / k, shape.dim(2) / k);
            return add(new Layer.Pool2d(layers.size(), "maxpool2d_" + layers.size(), shape, out, ref(), Layer.Pool2d.Mode.MAX, k, k, k, k));
        }

        Builder flatten() {
            return add(new Layer.Flatten(layers.size(), "flatten_" + layers.size(), shape, Shape.of(shape.size()), ref()));
        }

        Builder relu() {
            return add(new Layer.Activation(layers.size(), "relu_" + layers.size(), shape, shape, ref(), Layer.Activation.Function.RELU, 0));
        }

        Model model(boolean trainable) {
            Optional<Loss> loss = trainable ? Optional.of(new Loss(Loss.Kind.SOFTMAX_CROSS_ENTROPY, ref())) : Optional.empty();
            Optional<Optimizer> optimizer = trainable
                    ? Optional.of(new Optimizer(Optimizer.Kind.ADAM, 0.001, 0, 0, 0.9, 0.999, 1e-8, 0, 0, ref()))
                    : Optional.empty();
            Training training = new Training(Training.DEFAULT_BATCH, Training.DEFAULT_EPOCHS, 1, true, 0, OptionalInt.empty(), 0, 1);
            return new Model(name, new SourceRef(file, 1, 7), "", "", new SourceRef(file, 2, 3), input, layers, loss, optimizer, training, params);
        }

        private ParamTensor param(String layer, ParamTensor.Role role, Shape s, int fanIn, int fanOut, Init init) {
            String suffix = role == ParamTensor.Role.WEIGHT ? ".weight" : ".bias";
            ParamTensor p = new ParamTensor(layer + suffix, layer, role, s, offset, fanIn, fanOut, init, Optional.empty());
            offset += p.size();
            params.add(p);
            return p;
        }

        private Builder add(Layer layer) {
            layers.add(layer);
            shape = layer.out();
            return this;
        }

        private SourceRef ref() {
            return new SourceRef(file, layers.size() + 3, 3);
        }
    }
}
