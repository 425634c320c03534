package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.ir.Layer;

import java.util.List;
import java.util.OptionalLong;

/** [C, H, W] → [C·H·W] is the same memory read differently: no code at all. */
record FlattenEmitter(Layer.Flatten layer) implements LayerEmitter {
    @Override
    public List<MethodSpec> methods(Ctx ctx) { return List.of(); }

    @Override
    public boolean ownsBuffers() { return false; }

    /** Nothing to run: a run of parts goes on through it. */
    @Override
    public java.util.Optional<SplitBackward> splitBackward(Ctx ctx) {
        return ctx.vector ? java.util.Optional.of(new SplitBackward(List.of(), CodeBlock.of(""))) : java.util.Optional.empty();
    }

    @Override
    public OptionalLong forwardPartCost(Ctx ctx) { return OptionalLong.of(0); }
}
