package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes the code of one layer: its forward and backward methods, side by side in the
 * output, each starting with the math it computes. Emitters return JavaPoet specs and read
 * nothing beyond the IR and {@link Ctx}; what they leave in Ctx for the class as a whole (the
 * parts handed to worker threads, the gather tables, the largest buffer) is collected there
 * and declared by {@code ModelGenerator} after every emitter has run.
 */
sealed interface LayerEmitter permits DenseEmitter, Conv2dEmitter, PoolEmitter, FlattenEmitter,
        DropoutEmitter, ActivationEmitter {

    Layer layer();

    /** Fields beyond the output and gradient buffers: masks, transposed weights, argmax indices. */
    default void declare(TypeSpec.Builder type, Ctx ctx) {}

    /** Constructor statements allocating those fields ({@code maxBatch} is in scope). */
    default void allocate(CodeBlock.Builder ctor, Ctx ctx) {}

    /** Statements recomputing anything derived from the parameters (after an update). */
    default void refresh(CodeBlock.Builder body, Ctx ctx) {}

    /**
     * --vector classes: the same for the rows {@code [lo, hi)} of the layer's weight only (units,
     * or output channels), the rows one thread owns: it updates them in the optimizer's step and
     * then rebuilds what they make of the derived copies, so that they never leave its caches.
     */
    default void refreshRows(CodeBlock.Builder body, Ctx ctx, String lo, String hi) {}

    /** Forward then backward; a flatten has none. */
    List<MethodSpec> methods(Ctx ctx);

    /**
     * --vector classes: the operations per sample of this layer's forward when it runs as a part
     * over samples [from, to) (a method {@code <layer>ForwardPart(n, from, to)}); empty when it
     * runs over the whole batch at once. Consecutive such layers run as one part per thread.
     */
    default OptionalLong forwardPartCost(Ctx ctx) { return OptionalLong.empty(); }

    /**
     * --vector classes: the backward in two halves, instead of a {@code <layer>Backward(n)} method:
     * parts over samples [from, to) (d loss / d input and whatever else works sample by sample),
     * which run in reverse layer order as one part per thread together with those of the
     * neighbouring layers, and then what needs every sample (the weight gradients).
     */
    default Optional<SplitBackward> splitBackward(Ctx ctx) { return Optional.empty(); }

    /** See {@link #splitBackward}: {@code perSample} in the order they run, {@code afterAll} statements over the batch {@code n}. */
    record SplitBackward(List<SamplePart> perSample, CodeBlock afterAll) {
        public SplitBackward {
            perSample = List.copyOf(perSample);
        }
    }

    /**
     * A part method {@code (n, from, to)} of a backward, its operations per sample, and whether it
     * runs only when d loss / d input is requested ({@link Ctx#inputGradOnRequest}).
     */
    record SamplePart(String method, long cost, boolean onRequest) {}

    /** Whether the layer has output buffers of its own (flatten reuses its input's). */
    default boolean ownsBuffers() { return true; }

    static LayerEmitter of(Layer layer) {
        if (layer instanceof Layer.Dense d) return new DenseEmitter(d);
        if (layer instanceof Layer.Conv2d c) return new Conv2dEmitter(c);
        if (layer instanceof Layer.Pool2d p) return new PoolEmitter(p);
        if (layer instanceof Layer.Flatten f) return new FlattenEmitter(f);
        if (layer instanceof Layer.Dropout d) return new DropoutEmitter(d);
        if (layer instanceof Layer.Activation a) return new ActivationEmitter(a);
        // Java 17 has no switch over a sealed type's records: a new kind of layer says here that it needs an emitter.
        throw new IllegalArgumentException("no emitter for " + layer.getClass().getSimpleName() + " layers");
    }

    /**
     * "h1 (models/mlp.nn:7)", as JavaPoet format text: the layers' javadoc headers are format strings, where a
     * {@code $} of the path ({@code mlp$1.nn}) would start a placeholder, so it is doubled.
     */
    static String where(Layer l) {
        return l.name() + " (" + Ctx.pathInComment(l.source().file()).replace("$", "$$") + ":" + l.source().line() + ")";
    }
}
