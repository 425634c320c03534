package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;
import java.util.List;

/**
 * Inverted dropout: in training each value is kept with probability 1 − rate and scaled
 * by 1/(1 − rate), so that evaluation is the identity. The mask is kept for backward.
 */
record DropoutEmitter(Layer.Dropout layer) implements LayerEmitter {

    private String mask(Ctx ctx) { return ctx.name(layer, "Mask"); }

    @Override
    public void declare(TypeSpec.Builder type, Ctx ctx) {
        type.addField(FieldSpec.builder(ctx.p.array, mask(ctx), ctx.bufferModifiers())
                .addJavadoc("The dropout mask of the last training forward: 0 or 1/(1 − rate).\n").build());
    }

    @Override
    public void allocate(CodeBlock.Builder ctor, Ctx ctx) {
        ctx.batchBuffer(ctor, mask(ctx), ctx.p.type, layer.out().size());
    }

    /** --vector: δx = δy ⊙ mask sample by sample (the mask was drawn in order by the forward). */
    @Override
    public java.util.Optional<SplitBackward> splitBackward(Ctx ctx) {
        if (!ctx.vector) return java.util.Optional.empty();
        return java.util.Optional.of(new SplitBackward(List.of(new SamplePart(ctx.name(layer, "BackwardPart"), layer.out().size(),
                ctx.inputGradOnRequest(layer))), CodeBlock.of("")));
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), m = mask(ctx);
        String dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        int size = layer.out().size();
        double rate = layer.rate();
        CodeBlock.Builder f = CodeBlock.builder();
        f.addStatement("int end = n * $L", size);
        f.beginControlFlow("if (!training)");
        f.addStatement("$T.arraycopy($N, 0, $N, 0, end)", System.class, x, y);
        f.addStatement("return");
        f.endControlFlow();
        f.beginControlFlow("for (int i = 0; i < end; i++)");
        f.addStatement("$N[i] = rng.nextDouble() < $L ? $L : $L", m, Precision.doubleLiteral(rate), ctx.lit(0), ctx.lit(1 / (1 - rate)));
        f.addStatement("$N[i] = $N[i] * $N[i]", y, x, m);
        f.endControlFlow();
        MethodSpec forward = MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(LayerEmitter.where(layer) + ": dropout(" + rate + "), y = x ⊙ mask in training (mask 0, or 1/(1 − rate) to keep the expected value), y = x otherwise, shape "
                        + layer.out() + "\n")
                .addCode(f.build()).build();
        if (ctx.vector) {
            CodeBlock.Builder part = CodeBlock.builder();
            part.beginControlFlow("if (!training)");
            part.addStatement("$T.arraycopy($N, from * $L, $N, from * $L, (to - from) * $L)", System.class, dy, size, dx, size, size);
            part.addStatement("return");
            part.endControlFlow();
            part.addStatement("for (int i = from * $L, end = to * $L; i < end; i++) $N[i] = $N[i] * $N[i]", size, size, dx, dy, m);
            return List.of(forward, Ctx.partMethod(ctx.name(layer, "BackwardPart"), "backward of " + layer.name()
                    + ": δx = δy ⊙ mask\nSamples [from, to) of the batch.\n", part.build()));
        }
        CodeBlock.Builder bw = CodeBlock.builder();
        if (ctx.inputGradOnRequest(layer)) bw.beginControlFlow("if (!inputGradient)").addStatement("return").endControlFlow();
        bw.addStatement("int end = n * $L", size);
        bw.beginControlFlow("if (!training)");
        bw.addStatement("$T.arraycopy($N, 0, $N, 0, end)", System.class, dy, dx);
        bw.addStatement("return");
        bw.endControlFlow();
        bw.addStatement("for (int i = 0; i < end; i++) $N[i] = $N[i] * $N[i]", dx, dy, m);
        return List.of(forward,
                MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                        .addJavadoc("backward of " + layer.name() + ": δx = δy ⊙ mask\n")
                        .addCode(bw.build()).build());
    }
}
