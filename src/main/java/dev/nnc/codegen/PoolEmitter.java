package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;
import java.util.List;

/**
 * Max or average pooling per channel, no padding, floor mode. Max pooling remembers where
 * each maximum came from, so backward sends the gradient straight there.
 */
record PoolEmitter(Layer.Pool2d layer) implements LayerEmitter {

    private boolean max() { return layer.mode() == Layer.Pool2d.Mode.MAX; }

    private String argmax(Ctx ctx) { return ctx.name(layer, "Argmax"); }

    @Override
    public void declare(TypeSpec.Builder type, Ctx ctx) {
        if (max()) {
            type.addField(FieldSpec.builder(int[].class, argmax(ctx), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("For each output, the index of the input it took its maximum from.\n").build());
        }
    }

    @Override
    public void allocate(CodeBlock.Builder ctor, Ctx ctx) {
        if (max()) ctor.addStatement("this.$N = new int[maxBatch * $L]", argmax(ctx), layer.out().size());
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        return List.of(forward(ctx), backward(ctx));
    }

    private MethodSpec forward(Ctx ctx) {
        int c = layer.in().dim(0), h = layer.in().dim(1), w = layer.in().dim(2);
        int oh = layer.out().dim(1), ow = layer.out().dim(2), s = layer.stride();
        int kh = layer.kernelH(), kw = layer.kernelW();
        String x = ctx.in(layer.index()), y = ctx.out(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("int j = 0");
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.beginControlFlow("for (int ch = 0; ch < $L; ch++)", c);
        b.addStatement("int xc = s * $L + ch * $L", layer.in().size(), h * w);
        b.beginControlFlow("for (int r = 0; r < $L; r++)", oh);
        b.beginControlFlow("for (int q = 0; q < $L; q++, j++)", ow);
        b.addStatement("int top = xc + r * $L + q * $L", s * w, s);
        if (max()) {
            b.addStatement("int best = top");
            b.beginControlFlow("for (int u = 0; u < $L; u++)", kh);
            b.beginControlFlow("for (int v = 0; v < $L; v++)", kw);
            b.addStatement("int at = top + u * $L + v", w);
            b.addStatement("if ($N[at] > $N[best]) best = at", x, x);
            b.endControlFlow().endControlFlow();
            b.addStatement("$N[j] = $N[best]", y, x);
            b.addStatement("$N[j] = best", argmax(ctx));
        } else {
            b.addStatement("$T sum = 0", ctx.p.type);
            b.beginControlFlow("for (int u = 0; u < $L; u++)", kh);
            b.addStatement("for (int v = 0; v < $L; v++) sum += $N[top + u * $L + v]", kw, x, w);
            b.endControlFlow();
            b.addStatement("$N[j] = sum / $L", y, kh * kw);
        }
        b.endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        String what = max() ? "y = the largest value of each window" : "y = the mean of each window";
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(LayerEmitter.where(layer) + ": " + layer.kind() + ", " + what + ", window " + kh + "×" + kw + ", stride " + s
                        + ", x " + layer.in() + " → y " + layer.out() + "\n")
                .addCode(b.build()).build();
    }

    private MethodSpec backward(Ctx ctx) {
        int h = layer.in().dim(1), w = layer.in().dim(2), c = layer.in().dim(0);
        int oh = layer.out().dim(1), ow = layer.out().dim(2), s = layer.stride();
        int kh = layer.kernelH(), kw = layer.kernelW();
        String dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        if (layer.index() == 0) b.beginControlFlow("if (!inputGradient)").addStatement("return").endControlFlow();
        b.addStatement("$T.fill($N, 0, n * $L, $L)", java.util.Arrays.class, dx, layer.in().size(), ctx.lit(0));
        if (max()) {
            b.addStatement("int end = n * $L", layer.out().size());
            b.addStatement("for (int j = 0; j < end; j++) $N[$N[j]] += $N[j]", dx, argmax(ctx), dy);
        } else {
            b.addStatement("int j = 0");
            b.beginControlFlow("for (int s = 0; s < n; s++)");
            b.beginControlFlow("for (int ch = 0; ch < $L; ch++)", c);
            b.addStatement("int xc = s * $L + ch * $L", layer.in().size(), h * w);
            b.beginControlFlow("for (int r = 0; r < $L; r++)", oh);
            b.beginControlFlow("for (int q = 0; q < $L; q++, j++)", ow);
            b.addStatement("int top = xc + r * $L + q * $L", s * w, s);
            b.addStatement("$T d = $N[j] / $L", ctx.p.type, dy, kh * kw);
            b.beginControlFlow("for (int u = 0; u < $L; u++)", kh);
            b.addStatement("for (int v = 0; v < $L; v++) $N[top + u * $L + v] += d", kw, dx, w);
            b.endControlFlow();
            b.endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        }
        String what = max() ? "δx gets δy at the position of each maximum, 0 elsewhere"
                : "δx gets δy / " + (kh * kw) + " at every position of each window";
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc("backward of " + layer.name() + ": " + what + "\n")
                .addCode(b.build()).build();
    }
}
