package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
            type.addField(FieldSpec.builder(int[].class, argmax(ctx), ctx.bufferModifiers())
                    .addJavadoc("For each output, the index of the input it took its maximum from.\n").build());
        }
    }

    @Override
    public void allocate(CodeBlock.Builder ctor, Ctx ctx) {
        if (max()) ctx.batchBuffer(ctor, argmax(ctx), int.class, layer.out().size());
    }

    @Override
    public Optional<SplitBackward> splitBackward(Ctx ctx) {
        if (!ctx.vector) return Optional.empty();
        return Optional.of(new SplitBackward(List.of(new SamplePart(ctx.name(layer, "BackwardPart"), forwardPartCost(ctx).getAsLong(),
                ctx.inputGradOnRequest(layer))), CodeBlock.of("")));
    }

    @Override
    public OptionalLong forwardPartCost(Ctx ctx) {
        return ctx.vector ? OptionalLong.of((long) layer.out().size() * layer.kernelH() * layer.kernelW()) : OptionalLong.empty();
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        if (!ctx.vector) return List.of(forward(ctx), backward(ctx));
        // --vector classes: the same loops over samples [from, to), split over the workers.
        MethodSpec f = forward(ctx), b = backward(ctx);
        return List.of(
                withBody(f, CodeBlock.of("$L;\n", ctx.runParts(layer, "ForwardPart", "n", forwardPartCost(ctx).getAsLong() + "L"))),
                Ctx.partMethod(ctx.name(layer, "ForwardPart"), samples(f.javadoc()), f.code()),
                Ctx.partMethod(ctx.name(layer, "BackwardPart"), samples(b.javadoc()), backwardBody(ctx, "from", "to", false)));
    }

    /** The method's javadoc, as built (its text is no format string any more), with the range the part covers. */
    private static CodeBlock samples(CodeBlock javadoc) {
        return CodeBlock.builder().add(javadoc).add("Samples [from, to) of the batch.\n").build();
    }

    private static MethodSpec withBody(MethodSpec m, CodeBlock body) {
        return MethodSpec.methodBuilder(m.name()).addModifiers(m.modifiers()).addParameters(m.parameters())
                .addJavadoc(m.javadoc()).addCode(body).build();
    }

    private MethodSpec forward(Ctx ctx) {
        int c = layer.in().dim(0), h = layer.in().dim(1), w = layer.in().dim(2);
        int oh = layer.out().dim(1), ow = layer.out().dim(2), sh = layer.strideH(), sw = layer.strideW();
        int kh = layer.kernelH(), kw = layer.kernelW();
        String x = ctx.in(layer.index()), y = ctx.out(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        String lo = ctx.vector ? "from" : "0", hi = ctx.vector ? "to" : "n";
        b.addStatement(ctx.vector ? "int j = from * " + layer.out().size() : "int j = 0");
        b.beginControlFlow("for (int s = $L; s < $L; s++)", lo, hi);
        b.beginControlFlow("for (int ch = 0; ch < $L; ch++)", c);
        b.addStatement("int xc = s * $L + ch * $L", layer.in().size(), h * w);
        b.beginControlFlow("for (int r = 0; r < $L; r++)", oh);
        b.beginControlFlow("for (int q = 0; q < $L; q++, j++)", ow);
        b.addStatement("int top = xc + r * $L + q * $L", sh * w, sw);
        if (max() && ctx.vector) {
            // Without branches: after ReLU, which of a window's values is largest is a coin
            // toss, and a mispredicted branch per tap cost more than the convolutions around it.
            // gt is the sign bit of max − v: 1 exactly when v > max (ties keep the first).
            b.addStatement("int best = top");
            b.addStatement("$T max = $N[top]", ctx.p.type, x);
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    if (u == 0 && v == 0) continue;
                    String tap = "top + " + (u * w + v);
                    String val = "v" + u + "_" + v, gt = "gt" + u + "_" + v;
                    b.addStatement("$T $L = $N[$L]", ctx.p.type, val, x, tap);
                    b.addStatement("int $L = Float.floatToRawIntBits(max - $L) >>> 31", gt, val);
                    b.addStatement("best += $L * ($L - best)", gt, tap);
                    b.addStatement("max = Math.max(max, $L)", val);
                }
            }
            b.addStatement("$N[j] = max", y);
            b.addStatement("$N[j] = best", argmax(ctx));
        } else if (max()) {
            b.addStatement("int best = top");
            b.beginControlFlow("for (int u = 0; u < $L; u++)", kh);
            b.beginControlFlow("for (int v = 0; v < $L; v++)", kw);
            b.addStatement("int at = top + u * $L + v", w);
            // A NaN wins (x != x), as PyTorch's max pool and the --vector code let it through: the divergence guard sees it.
            b.addStatement("if ($N[at] > $N[best] || $N[at] != $N[at]) best = at", x, x, x, x);
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
                .addJavadoc(LayerEmitter.where(layer) + ": " + layer.kind() + ", " + what + ", window " + kh + "×" + kw + ", stride " + layer.strideText()
                        + ", x " + layer.in() + " → y " + layer.out() + "\n")
                .addCode(b.build()).build();
    }

    private MethodSpec backward(Ctx ctx) {
        int kh = layer.kernelH(), kw = layer.kernelW();
        // "+=": windows that overlap (stride below the window) add up where they meet.
        String what = max() ? "δx[argmax of each window] += δy, 0 elsewhere"
                : "δx += δy / " + (kh * kw) + " at every position of each window";
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc("backward of " + layer.name() + ": " + what + "\n")
                .addCode(backwardBody(ctx, "0", "n", true)).build();
    }

    /** The backward over samples [lo, hi); {@code guard}: return early when δx is not wanted. */
    private CodeBlock backwardBody(Ctx ctx, String lo, String hi, boolean guard) {
        int h = layer.in().dim(1), w = layer.in().dim(2), c = layer.in().dim(0);
        int oh = layer.out().dim(1), ow = layer.out().dim(2), sh = layer.strideH(), sw = layer.strideW();
        int kh = layer.kernelH(), kw = layer.kernelW();
        String dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        int in = layer.in().size(), out = layer.out().size();
        CodeBlock.Builder b = CodeBlock.builder();
        if (guard && ctx.inputGradOnRequest(layer)) b.beginControlFlow("if (!inputGradient)").addStatement("return").endControlFlow();
        b.addStatement("$T.fill($N, $L, $L, $L)", java.util.Arrays.class, dx, times(lo, in), times(hi, in), ctx.lit(0));
        if (max()) {
            b.addStatement("int end = $L", times(hi, out));
            b.addStatement("for (int j = $L; j < end; j++) $N[$N[j]] += $N[j]", times(lo, out), dx, argmax(ctx), dy);
        } else {
            b.addStatement("int j = $L", times(lo, out));
            b.beginControlFlow("for (int s = $L; s < $L; s++)", lo, hi);
            b.beginControlFlow("for (int ch = 0; ch < $L; ch++)", c);
            b.addStatement("int xc = s * $L + ch * $L", in, h * w);
            b.beginControlFlow("for (int r = 0; r < $L; r++)", oh);
            b.beginControlFlow("for (int q = 0; q < $L; q++, j++)", ow);
            b.addStatement("int top = xc + r * $L + q * $L", sh * w, sw);
            b.addStatement("$T d = $N[j] / $L", ctx.p.type, dy, kh * kw);
            b.beginControlFlow("for (int u = 0; u < $L; u++)", kh);
            b.addStatement("for (int v = 0; v < $L; v++) $N[top + u * $L + v] += d", kw, dx, w);
            b.endControlFlow();
            b.endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        }
        return b.build();
    }

    /** {@code 0} for "0", else {@code n * 784}: index expressions as a person writes them. */
    private static String times(String count, int size) {
        return count.equals("0") ? "0" : count + " * " + size;
    }
}
