package dev.nnc.ir;

import java.util.List;
import java.util.Optional;

/**
 * A checked model: every shape, parameter tensor and hyperparameter resolved. This is
 * what code generation consumes; nothing in it needs the source or the AST any more.
 *
 * @param source where the model's name is written (its file, for messages about the whole model)
 * @param sourceHash SHA-256 (hex) of the model's tokens ({@code NnSyntax.canonicalHash}): its identity,
 *                   which checkpoints pin and generated classes answer with {@code modelHash()}
 * @param inputSource where the {@code input} statement is
 * @param params every trainable tensor, in layer order, with its offset in one flat array
 * @param loss      empty for an inference-only model (no {@code loss} and no {@code optimizer}
 *                  written), the only kind that may use {@code step}
 */
public record Model(String name, SourceRef source, String sourceHash, String inputName, SourceRef inputSource, Shape input, List<Layer> layers,
                    Optional<Loss> loss, Optional<Optimizer> optimizer, Training training, List<ParamTensor> params) {
    public Model {
        layers = List.copyOf(layers);
        params = List.copyOf(params);
    }

    /** The path of the {@code .nn} file, as the user gave it. */
    public String sourceFile() { return source.file(); }

    public boolean trainable() { return loss.isPresent() && optimizer.isPresent(); }

    /** What trained weights depend on, hashed ({@link Architecture}): the input, the layers' computation, the loss. */
    public String architectureHash() { return Architecture.hash(this); }

    public Shape output() { return layers.isEmpty() ? input : layers.get(layers.size() - 1).out(); }

    public long paramCount() { return params.stream().mapToLong(ParamTensor::size).sum(); }

    public long flops() { return layers.stream().mapToLong(Layer::flops).sum(); }

    /** Whether the input is an MNIST image as {@code nnc train} feeds it: 784 pixels, or one 28×28 channel. */
    public boolean takesMnistImages() { return input.dims().equals(List.of(784)) || input.dims().equals(List.of(1, 28, 28)); }

    /** Whether the output is one value for each of MNIST's 10 classes. */
    public boolean hasMnistClasses() { return output().dims().equals(List.of(10)); }

    /** Whether {@code nnc train} can train it on MNIST (and so save weights for it). */
    public boolean trainsOnMnist() { return trainable() && takesMnistImages() && hasMnistClasses(); }
}
