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
 * y = W·x + b. Small layers (at most {@link #UNROLL_LIMIT} weights) are written out as
 * straight-line statements with every weight a named scalar, as in the worked examples
 * of the notes; larger ones as loops whose innermost loop runs over contiguous memory in
 * axpy form (y += w·x), which HotSpot's C2 turns into vector instructions. The forward
 * pass reads a transposed copy Wᵀ [in][out], refreshed after every parameter change, so
 * that its inner loop runs over the outputs.
 */
record DenseEmitter(Layer.Dense layer) implements LayerEmitter {
    static final int UNROLL_LIMIT = 64;

    boolean unrolled() { return (long) layer.inputs() * layer.outputs() <= UNROLL_LIMIT; }

    @Override
    public Optional<SplitBackward> splitBackward(Ctx ctx) {
        if (!ctx.vector || unrolled()) return Optional.empty();
        int in = layer.inputs(), out = layer.outputs();
        return Optional.of(new SplitBackward(
                List.of(new SamplePart(ctx.name(layer, "InputGradPart"), 2L * in * out, ctx.inputGradOnRequest(layer))),
                CodeBlock.of("$L;\n", ctx.runParts(layer, "WeightGradPart", String.valueOf(out), "2L * n * " + in))));
    }

    @Override
    public OptionalLong forwardPartCost(Ctx ctx) {
        return ctx.vector && !unrolled() ? OptionalLong.of(2L * layer.inputs() * layer.outputs()) : OptionalLong.empty();
    }

    private String transposed(Ctx ctx) { return ctx.name(layer, "WeightT"); }

    private TransposedCopy transposedCopy(Ctx ctx) {
        return new TransposedCopy(layer, layer.weight().name(), ctx.offset(layer.weight()), layer.outputs(), layer.inputs(), transposed(ctx));
    }

    @Override
    public void declare(TypeSpec.Builder type, Ctx ctx) {
        if (unrolled()) return;
        type.addField(FieldSpec.builder(ctx.p.array, transposed(ctx), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L transposed, [$L][$L]: the forward pass runs over outputs innermost.\n",
                        layer.weight().name(), layer.inputs(), layer.outputs())
                .initializer("new $T[$L]", ctx.p.type, layer.inputs() * layer.outputs())
                .build());
    }

    @Override
    public void refresh(CodeBlock.Builder b, Ctx ctx) {
        if (unrolled()) return;
        transposedCopy(ctx).refresh(b, ctx);
    }

    @Override
    public void refreshRows(CodeBlock.Builder b, Ctx ctx, String lo, String hi) {
        if (!unrolled()) transposedCopy(ctx).refreshRows(b, ctx, lo, hi);
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        if (unrolled()) return List.of(unrolledForward(ctx), unrolledBackward(ctx));
        return ctx.vector ? vectorMethods(ctx) : List.of(loopForward(ctx), loopBackward(ctx));
    }

    private String header() {
        String bias = layer.bias().isPresent() ? " + b" : "";
        return LayerEmitter.where(layer) + ": z = W·x" + bias + ", W [" + layer.outputs() + "][" + layer.inputs() + "], x ["
                + layer.inputs() + "] → z [" + layer.outputs() + "]\n";
    }

    /** The chain rule through z = W·x + b, with the shapes, summed over the batch: δ = dL/dz. */
    private String backwardHeader() {
        int in = layer.inputs(), out = layer.outputs();
        return "backward of " + layer.name() + ": dW += δ·xᵀ" + (layer.bias().isPresent() ? ", db += δ" : "") + ", δx = Wᵀ·δ\n"
                + "per sample δ [" + out + "], x [" + in + "]: dW [" + out + "][" + in + "]" + (layer.bias().isPresent() ? ", db [" + out + "]" : "")
                + ", δx [" + in + "]; " + (layer.bias().isPresent() ? "dW and db add" : "dW adds") + " up over the batch\n";
    }

    /** δx is computed always inside the network, on request only where nothing upstream needs it. */
    private void openInputGrad(CodeBlock.Builder b, Ctx ctx) {
        if (ctx.inputGradOnRequest(layer)) b.beginControlFlow("if (inputGradient)");
    }

    private void closeInputGrad(CodeBlock.Builder b, Ctx ctx) {
        if (ctx.inputGradOnRequest(layer)) b.endControlFlow();
    }

    // ---- straight-line form for small layers ----

    /** {@code x} for offset 0, {@code x + 3} otherwise: index expressions as a person writes them. */
    private static String plus(String base, int offset) {
        return offset == 0 ? base : base + " + " + offset;
    }

    private static String w(int o, int i) { return "w" + (o + 1) + "_" + (i + 1); }

    private static String wName(int o, int i, int in, int out) {
        // w11 style as in the notes when every index is a single digit.
        return in <= 9 && out <= 9 ? "w" + (o + 1) + (i + 1) : w(o, i);
    }

    /** The weights (and, for the forward, the biases) as named locals: backward needs no bias. */
    private void loadWeights(CodeBlock.Builder b, Ctx ctx, boolean biases) {
        int in = layer.inputs(), out = layer.outputs();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                b.addStatement("final $T $L = $N[$L]", ctx.p.type, wName(o, i, in, out), Ctx.PARAMS,
                        plus(ctx.offset(layer.weight()), o * in + i));
            }
        }
        if (biases) layer.bias().ifPresent(bias -> {
            for (int o = 0; o < out; o++) {
                b.addStatement("final $T b$L = $N[$L]", ctx.p.type, o + 1, Ctx.PARAMS, plus(ctx.offset(bias), o));
            }
        });
    }

    private MethodSpec unrolledForward(Ctx ctx) {
        int in = layer.inputs(), out = layer.outputs();
        CodeBlock.Builder b = CodeBlock.builder();
        loadWeights(b, ctx, true);
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.addStatement("int x = s * $L, z = s * $L", in, out);
        for (int i = 0; i < in; i++) b.addStatement("$T x$L = $N[$L]", ctx.p.type, i + 1, ctx.in(layer.index()), plus("x", i));
        for (int o = 0; o < out; o++) {
            StringBuilder sum = new StringBuilder();
            for (int i = 0; i < in; i++) {
                if (i > 0) sum.append(" + ");
                sum.append(wName(o, i, in, out)).append(" * x").append(i + 1);
            }
            if (layer.bias().isPresent()) sum.append(" + b").append(o + 1);
            b.addStatement("$N[$L] = $L", ctx.out(layer.index()), plus("z", o), sum);
        }
        b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(header() + "Every weight is a named scalar: w_ji connects input i to unit j.\n")
                .addCode(b.build()).build();
    }

    private MethodSpec unrolledBackward(Ctx ctx) {
        int in = layer.inputs(), out = layer.outputs();
        String W = ctx.offset(layer.weight());
        CodeBlock.Builder b = CodeBlock.builder();
        loadWeights(b, ctx, false);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) b.addStatement("$T d$L = 0", ctx.p.type, wName(o, i, in, out));
        }
        if (layer.bias().isPresent()) for (int o = 0; o < out; o++) b.addStatement("$T db$L = 0", ctx.p.type, o + 1);
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.addStatement("int x = s * $L, z = s * $L", in, out);
        for (int i = 0; i < in; i++) b.addStatement("$T x$L = $N[$L]", ctx.p.type, i + 1, ctx.in(layer.index()), plus("x", i));
        for (int o = 0; o < out; o++) b.addStatement("$T d$L = $N[$L]", ctx.p.type, o + 1, ctx.grad(layer.index()), plus("z", o));
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) b.addStatement("d$L += d$L * x$L", wName(o, i, in, out), o + 1, i + 1);
            if (layer.bias().isPresent()) b.addStatement("db$L += d$L", o + 1, o + 1);
        }
        openInputGrad(b, ctx);
        for (int i = 0; i < in; i++) {
            StringBuilder sum = new StringBuilder();
            for (int o = 0; o < out; o++) {
                if (o > 0) sum.append(" + ");
                sum.append(wName(o, i, in, out)).append(" * d").append(o + 1);
            }
            b.addStatement("$N[$L] = $L", ctx.gradIn(layer.index()), plus("x", i), sum);
        }
        closeInputGrad(b, ctx);
        b.endControlFlow();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                b.addStatement("$N[$L] += d$L", Ctx.GRADS, plus(W, o * in + i), wName(o, i, in, out));
            }
        }
        layer.bias().ifPresent(bias -> {
            for (int o = 0; o < out; o++) b.addStatement("$N[$L] += db$L", Ctx.GRADS, plus(ctx.offset(bias), o), o + 1);
        });
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(backwardHeader()).addCode(b.build()).build();
    }

    // ---- loops for larger layers ----

    /** Why this layer's inputs are often 0, said where it is so ("" where it is not): the comment above the skip. */
    private String whyZeros(Ctx ctx) {
        for (int i = layer.index() - 1; i >= 0; i--) {
            Layer before = ctx.model.layers().get(i);
            if (before instanceof Layer.Flatten) continue;
            if (before instanceof Layer.Activation a && a.function() == Layer.Activation.Function.RELU) return " (ReLU before makes every negative value 0)";
            if (before instanceof Layer.Dropout) return " (the dropout before zeroes the units it drops)";
            return "";
        }
        return "";
    }

    private MethodSpec loopForward(Ctx ctx) {
        int in = layer.inputs(), out = layer.outputs();
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), wt = transposed(ctx);
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.addStatement("int x = s * $L, z = s * $L", in, out);
        if (layer.bias().isPresent()) {
            b.addStatement("$T.arraycopy($N, $N, $N, z, $L)", System.class, Ctx.PARAMS, ctx.offset(layer.bias().get()), y, out);
        } else {
            b.addStatement("$T.fill($N, z, z + $L, $L)", java.util.Arrays.class, y, out, ctx.lit(0));
        }
        b.beginControlFlow("for (int i = 0; i < $L; i++)", in);
        b.addStatement("$T xi = $N[x + i]", ctx.p.type, x);
        b.add("// An input of exactly 0 adds nothing: skip its row of Wᵀ$L.\n", whyZeros(ctx));
        b.addStatement("if (xi == 0) continue");
        b.addStatement("int w = i * $L", out);
        b.addStatement("for (int o = 0; o < $L; o++) $N[z + o] += $N[w + o] * xi", out, y, wt);
        b.endControlFlow();
        b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(header()).addCode(b.build()).build();
    }

    private MethodSpec loopBackward(Ctx ctx) {
        int in = layer.inputs(), out = layer.outputs();
        String x = ctx.in(layer.index()), dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        String W = ctx.offset(layer.weight());
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.addStatement("int x = s * $L, z = s * $L", in, out);
        b.beginControlFlow("for (int o = 0; o < $L; o++)", out);
        b.addStatement("$T d = $N[z + o]", ctx.p.type, dy);
        b.addStatement("if (d == 0) continue");
        layer.bias().ifPresent(bias -> b.addStatement("$N[$N + o] += d", Ctx.GRADS, ctx.offset(bias)));
        b.addStatement("int w = $N + o * $L", W, in);
        b.addStatement("for (int i = 0; i < $L; i++) $N[w + i] += d * $N[x + i]", in, Ctx.GRADS, x);
        b.endControlFlow();
        openInputGrad(b, ctx);
        b.addStatement("$T.fill($N, x, x + $L, $L)", java.util.Arrays.class, dx, in, ctx.lit(0));
        b.beginControlFlow("for (int o = 0; o < $L; o++)", out);
        b.addStatement("$T d = $N[z + o]", ctx.p.type, dy);
        b.addStatement("if (d == 0) continue");
        b.addStatement("int w = $N + o * $L", W, in);
        b.addStatement("for (int i = 0; i < $L; i++) $N[x + i] += $N[w + i] * d", in, dx, Ctx.PARAMS);
        b.endControlFlow();
        closeInputGrad(b, ctx);
        b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(backwardHeader()).addCode(b.build()).build();
    }


    // ---- whole-batch matrix products for classes generated with --vector ----
    // Each product is split over the rows it writes (samples, or the units of dW), so the
    // threads never share an output and every sum runs in the same order.

    private List<MethodSpec> vectorMethods(Ctx ctx) {
        int in = layer.inputs(), out = layer.outputs();
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        String W = ctx.offset(layer.weight());
        boolean bias = layer.bias().isPresent();

        MethodSpec forward = MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(header() + "The whole batch as one matrix product (Vector API), split over the samples.\n")
                .addStatement(ctx.runParts(layer, "ForwardPart", "n", forwardPartCost(ctx).getAsLong() + "L")).build();
        CodeBlock.Builder f = CodeBlock.builder();
        if (bias) {
            f.add("// Z [samples][$L] = b + X [samples][$L] · Wᵀ [$L][$L], every sum starting from the bias\n", out, in, in, out);
            f.addStatement("$T.gemmFromBias(to - from, $L, $L, $N, from * $L, $L, 1, $N, 0, $L, $N, from * $L, $L, $N, $N)", ModelGenerator.VECTOR_GEMM,
                    out, in, x, in, in, transposed(ctx), out, y, out, out, Ctx.PARAMS, ctx.offset(layer.bias().get()));
        } else {
            f.add("// Z [samples][$L] = X [samples][$L] · Wᵀ [$L][$L]\n", out, in, in, out);
            f.addStatement("$T.gemm(to - from, $L, $L, $N, from * $L, $L, 1, $N, 0, $L, $N, from * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                    out, in, x, in, in, transposed(ctx), out, y, out, out);
        }
        MethodSpec forwardPart = Ctx.partMethod(ctx.name(layer, "ForwardPart"), header() + "Samples [from, to) of the batch.\n", f.build());

        CodeBlock.Builder g = CodeBlock.builder();
        g.add("// dW [units][$L] += δᵀ [units][n] · X [n][$L], units [from, to)\n", in, in);
        g.addStatement("$T.gemm(to - from, $L, n, $N, from, 1, $L, $N, 0, $L, $N, $N + from * $L, $L, true)", ModelGenerator.VECTOR_GEMM,
                in, dy, out, x, in, Ctx.GRADS, W, in, in);
        layer.bias().ifPresent(b -> {
            g.add("// db += Σ over the batch of δ\n");
            g.beginControlFlow("for (int o = from; o < to; o++)");
            g.addStatement("for (int s = 0; s < n; s++) $N[$N + o] += $N[s * $L + o]", Ctx.GRADS, ctx.offset(b), dy, out);
            g.endControlFlow();
        });
        MethodSpec weightPart = Ctx.partMethod(ctx.name(layer, "WeightGradPart"), backwardHeader() + "Units [from, to) of dW" + (layer.bias().isPresent() ? " and db" : "") + ".\n", g.build());

        CodeBlock.Builder d = CodeBlock.builder();
        d.add("// δX [samples][$L] = δ [samples][$L] · W [$L][$L]\n", in, out, out, in);
        d.addStatement("$T.gemm(to - from, $L, $L, $N, from * $L, $L, 1, $N, $N, $L, $N, from * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                in, out, dy, out, out, Ctx.PARAMS, W, in, dx, in, in);
        MethodSpec inputPart = Ctx.partMethod(ctx.name(layer, "InputGradPart"), backwardHeader() + "Samples [from, to) of δx.\n", d.build());
        return List.of(forward, forwardPart, weightPart, inputPart);
    }
}
