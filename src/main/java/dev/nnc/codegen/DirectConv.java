package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.codegen.LayerEmitter.SplitBackward;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;
import java.util.List;

/**
 * A stride-1 convolution of a {@code --vector} class, computed from its input in place instead
 * of through im2col. Each sample's input is copied once into a zero-bordered plane per channel
 * ("padded", rows of W + 2p), and then every output position is a product whose rows start at
 * fixed offsets in that plane: with output positions numbered along rows of the padded width,
 * y[o][r·Wp + c] = Σ_{i,u,v} W[o][i][u][v] · padded[i][(r + u)·Wp + c + v], which is the matrix
 * product W [out][in·kh·kw] · B, where row (i, u, v) of B is the padded input shifted by
 * i·plane + u·Wp + v ({@code VectorGemm.gemmRowsOfBAt}). The last kw − 1 columns of each
 * output row (past the edge) are discarded. Backward reads the same way: δx is the convolution
 * of δy, padded by k − 1 − p, with the weights flipped and the channels swapped, and dW sums
 * padded-input rows times δy with positions first ({@code VectorGemm.gemmRowsOfAAt}).
 *
 * <p>Against im2col (patches of every position written out, 9·in values each, one value per
 * cache line as they are written), this moves each input value once per sample; the profile
 * of BENCHMARKS.md put im2col, col2im and the layout transposes at a quarter of a Cnn step.
 * Needs stride 1 and padding at most kernel − 1 (so that δx's padding is not negative).
 */
record DirectConv(Layer.Conv2d layer) {
    private static final ClassName VECTOR_ACTIVATIONS = ClassName.get("dev.nnc.api.simd", "VectorActivations");
    /** Output positions per sample are rounded up to this, a multiple of every vector length. */
    static final int ROUND = 16;

    static boolean applies(Layer.Conv2d l) {
        return l.stride() == 1 && l.padding() <= l.kernelH() - 1 && l.padding() <= l.kernelW() - 1;
    }

    private int ci() { return layer.inChannels(); }
    private int co() { return layer.outChannels(); }
    private int kh() { return layer.kernelH(); }
    private int kw() { return layer.kernelW(); }
    private int pad() { return layer.padding(); }
    private int inH() { return layer.in().dim(1); }
    private int inW() { return layer.in().dim(2); }
    private int outH() { return layer.out().dim(1); }
    private int outW() { return layer.out().dim(2); }

    /** Values of one weight row, in·kh·kw. */
    private int k() { return ci() * kh() * kw(); }

    /** Width and size of a padded input plane. */
    private int wp() { return inW() + 2 * pad(); }
    private int plane() { return (inH() + 2 * pad()) * wp(); }

    /** Output positions numbered along padded rows, and rounded up. */
    private int positions() { return outH() * wp(); }
    private int positionsRounded() { return round(positions()); }

    /** One sample's padded input: in planes, plus what the rounded positions read beyond the last. */
    private int paddedSize() { return ci() * plane() + kw() - 1 + positionsRounded() - positions(); }

    /** The same for δy, padded by k − 1 − p on every side to give δx. */
    private int gpad() { return kh() - 1 - pad(); }
    private int gpadW() { return kw() - 1 - pad(); }
    private int gwp() { return outW() + 2 * gpadW(); }
    private int gplane() { return (outH() + 2 * gpad()) * gwp(); }
    private int gpositions() { return inH() * gwp(); }
    private int gpositionsRounded() { return round(gpositions()); }
    private int gpaddedSize() { return co() * gplane() + kw() - 1 + gpositionsRounded() - gpositions(); }

    private static int round(int n) { return (n + ROUND - 1) / ROUND * ROUND; }

    private String field(Ctx ctx, String which) { return ctx.name(layer, which); }

    private String header() {
        return LayerEmitter.where(layer) + ": y = W ⋆ x" + (layer.bias().isPresent() ? " + b" : "") + " (⋆: cross-correlation, the kernel not flipped), W [" + co() + "]["
                + ci() + "][" + kh() + "][" + kw() + "], stride 1, padding " + pad() + ", x " + layer.in() + " → y " + layer.out() + "\n"
                + "Read in place: each sample's input is copied into zero-bordered planes " + wp() + " wide, and y = W · B, where row (i, u, v)"
                + " of B is those planes shifted by i·" + plane() + " + u·" + wp() + " + v.\n";
    }

    private void shifts(TypeSpec.Builder type, String name, int planes, int plane, int width, String doc) {
        type.addField(FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).addJavadoc(doc + ".\n")
                .initializer("$T.planeShifts($L, $L, $L, $L, $L)", ModelGenerator.VECTOR_GEMM, planes, plane, kh(), kw(), width).build());
    }

    void declare(TypeSpec.Builder type, Ctx ctx) {
        shifts(type, field(ctx, "Rows"), ci(), plane(), wp(), "Where row (i, u, v) of the product's B starts in a sample's padded input: i·"
                + plane() + " + u·" + wp() + " + v");
        shifts(type, field(ctx, "GradRows"), co(), gplane(), gwp(), "The same in a sample's padded δy, for δx: o·" + gplane() + " + u·" + gwp() + " + v");
        array(type, ctx, "Padded", "Each sample's input in zero-bordered planes, [n][" + paddedSize() + "]; the borders are never written");
        array(type, ctx, "Scratch", "Each sample's output with positions along padded rows, [n][" + co() + "][" + positionsRounded() + "]");
        array(type, ctx, "GradT", "Each sample's δy with positions first, along padded rows, [n][" + positionsRounded() + "][" + co()
                + "]; the rows of the padding are never written and stay 0");
        array(type, ctx, "GradPadded", "Each sample's δy in zero-bordered planes, [n][" + gpaddedSize() + "]; the borders are never written");
        array(type, ctx, "InputGradScratch", "Each sample's δx with positions along padded rows, [n][" + ci() + "][" + gpositionsRounded() + "]");
        if (layer.bias().isPresent()) array(type, ctx, "BiasGradParts", "db of each sample, [n][" + co() + "], summed over the batch in order afterwards");
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "WeightFlip"), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L with the channels swapped and the taps flipped, [$L][$L][$L][$L], for δx; refreshed after every update.\n",
                        layer.weight().name(), ci(), co(), kh(), kw())
                .initializer("new $T[$L]", ctx.p.type, ci() * co() * kh() * kw()).build());
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "WeightGradT"), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("dW accumulated transposed, [$L][$L], added to the gradients at the end of backward.\n", k(), co())
                .initializer("new $T[$L]", ctx.p.type, k() * co()).build());
    }

    private void array(TypeSpec.Builder type, Ctx ctx, String which, String doc) {
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, which), ctx.bufferModifiers()).addJavadoc(doc + ".\n").build());
    }

    void allocate(CodeBlock.Builder ctor, Ctx ctx) {
        ctx.batchBuffer(ctor, field(ctx, "Padded"), ctx.p.type, paddedSize());
        ctx.batchBuffer(ctor, field(ctx, "Scratch"), ctx.p.type, co() * positionsRounded());
        ctx.batchBuffer(ctor, field(ctx, "GradT"), ctx.p.type, positionsRounded() * co());
        ctx.batchBuffer(ctor, field(ctx, "GradPadded"), ctx.p.type, gpaddedSize());
        ctx.batchBuffer(ctor, field(ctx, "InputGradScratch"), ctx.p.type, ci() * gpositionsRounded());
        if (layer.bias().isPresent()) ctx.batchBuffer(ctor, field(ctx, "BiasGradParts"), ctx.p.type, co());
    }

    /** The flipped weights for δx, from output channels [lo, hi): WeightFlip[i][o][u][v] = W[o][i][kh − 1 − u][kw − 1 − v]. */
    void refreshRows(CodeBlock.Builder b, Ctx ctx, String lo, String hi) {
        String flip = field(ctx, "WeightFlip"), w = ctx.offset(layer.weight());
        b.add("// $L flipped, channels swapped, for δx\n", layer.weight().name());
        b.beginControlFlow("for (int o = $L; o < $L; o++)", lo, hi);
        b.beginControlFlow("for (int i = 0; i < $L; i++)", ci());
        b.beginControlFlow("for (int u = 0; u < $L; u++)", kh());
        b.addStatement("for (int v = 0; v < $L; v++) $N[((i * $L + o) * $L + u) * $L + v] = $N[$N + ((o * $L + i) * $L + $L - u) * $L + $L - v]",
                kw(), flip, co(), kh(), kw(), Ctx.PARAMS, w, ci(), kh(), kh() - 1, kw(), kw() - 1);
        b.endControlFlow().endControlFlow().endControlFlow();
    }

    long forwardCost() { return 2L * co() * k() * positionsRounded(); }

    List<MethodSpec> methods(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        String padded = field(ctx, "Padded"), scratch = field(ctx, "Scratch"), gradT = field(ctx, "GradT");
        String gpadded = field(ctx, "GradPadded"), igs = field(ctx, "InputGradScratch"), dwt = field(ctx, "WeightGradT");
        int n = positionsRounded(), gn = gpositionsRounded();
        int inPlane = inH() * inW(), outPlane = outH() * outW();

        MethodSpec forward = MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(header()).addStatement(ctx.runParts(layer, "ForwardPart", "n", forwardCost() + "L")).build();

        CodeBlock.Builder f = CodeBlock.builder();
        f.beginControlFlow("for (int s = from; s < to; s++)");
        f.add("// the input into zero-bordered planes\n");
        f.beginControlFlow("for (int i = 0; i < $L; i++)", ci());
        f.addStatement("for (int r = 0; r < $L; r++) $T.arraycopy($N, s * $L + i * $L + r * $L, $N, s * $L + i * $L + (r + $L) * $L + $L, $L)",
                inH(), System.class, x, layer.in().size(), inPlane, inW(), padded, paddedSize(), plane(), pad(), wp(), pad(), inW());
        f.endControlFlow();
        f.add("// Y [$L][$L positions] = W [$L][$L] · B, B's rows read from the planes in place\n", co(), n, co(), k());
        f.addStatement("$T.gemmRowsOfBAt($L, $L, $L, $N, $N, $L, 1, $N, s * $L, $N, $N, s * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                co(), n, k(), Ctx.PARAMS, ctx.offset(layer.weight()), k(), padded, paddedSize(), field(ctx, "Rows"), scratch, co() * n, n);
        f.add("// each output row without the padding's columns$L\n", layer.bias().isPresent() ? ", adding the bias" : "");
        f.beginControlFlow("for (int o = 0; o < $L; o++)", co());
        if (layer.bias().isPresent()) f.addStatement("$T b = $N[$N + o]", ctx.p.type, Ctx.PARAMS, ctx.offset(layer.bias().get()));
        f.beginControlFlow("for (int r = 0; r < $L; r++)", outH());
        f.addStatement("int from1 = s * $L + o * $L + r * $L, to1 = s * $L + o * $L + r * $L", co() * n, n, wp(), layer.out().size(), outPlane, outW());
        if (layer.bias().isPresent()) {
            f.addStatement("for (int c = 0; c < $L; c++) $N[to1 + c] = $N[from1 + c] + b", outW(), y, scratch);
        } else {
            f.addStatement("$T.arraycopy($N, from1, $N, to1, $L)", System.class, scratch, y, outW());
        }
        f.endControlFlow().endControlFlow();
        f.endControlFlow();
        MethodSpec forwardPart = Ctx.partMethod(ctx.name(layer, "ForwardPart"), header() + "Samples [from, to) of the batch.\n", f.build());

        CodeBlock.Builder t = CodeBlock.builder();
        t.beginControlFlow("for (int s = from; s < to; s++)");
        t.add("// δy with positions first, one output row at a time into its padded row\n");
        t.addStatement("for (int r = 0; r < $L; r++) $T.transpose($N, s * $L + r * $L, $L, $L, $N, s * $L + r * $L, 0, $L, $N)", outH(),
                ModelGenerator.VECTOR_TRANSPOSE, dy, layer.out().size(), outW(), co(), outPlane, gradT, n * co(), wp() * co(), outW(),
                ctx.rowOffsets(outPlane));
        if (layer.bias().isPresent()) {
            t.addStatement("for (int o = 0; o < $L; o++) $N[s * $L + o] = $T.sum($N, s * $L + o * $L, s * $L + (o + 1) * $L)",
                    co(), field(ctx, "BiasGradParts"), co(), VECTOR_ACTIVATIONS, dy, layer.out().size(), outPlane, layer.out().size(), outPlane);
        }
        t.endControlFlow();
        MethodSpec gradTPart = Ctx.partMethod(ctx.name(layer, "GradTPart"), "backward of " + layer.name()
                + ": dW = Σ over positions of δy times the input read in place" + (layer.bias().isPresent() ? ", db = Σ δy" : "")
                + ", δx = δy padded ⋆ W flipped\n"
                + "Samples [from, to) of δy with positions first" + (layer.bias().isPresent() ? ", and of db" : "") + ".\n", t.build());

        CodeBlock.Builder g = CodeBlock.builder();
        g.add("// dWᵀ [$L][$L] = Σ over samples and positions of the input's row (i, u, v) times δy, rows [from, to)\n", k(), co());
        g.beginControlFlow("for (int s = 0; s < n; s++)");
        g.addStatement("$T.gemmRowsOfAAt(to - from, $L, $L, $N, s * $L, $N, from, 1, $N, s * $L, $L, $N, from * $L, $L, s > 0)",
                ModelGenerator.VECTOR_GEMM, co(), n, padded, paddedSize(), field(ctx, "Rows"), gradT, n * co(), co(), dwt, co(), co());
        g.endControlFlow();
        MethodSpec weightPart = Ctx.partMethod(ctx.name(layer, "WeightGradPart"), "Rows [from, to) of dWᵀ (taps (i, u, v)).\n", g.build());

        CodeBlock.Builder d = CodeBlock.builder();
        d.beginControlFlow("for (int s = from; s < to; s++)");
        d.add("// δy into zero-bordered planes, padded by $L rows and $L columns\n", gpad(), gpadW());
        d.beginControlFlow("for (int o = 0; o < $L; o++)", co());
        d.addStatement("for (int r = 0; r < $L; r++) $T.arraycopy($N, s * $L + o * $L + r * $L, $N, s * $L + o * $L + (r + $L) * $L + $L, $L)",
                outH(), System.class, dy, layer.out().size(), outPlane, outW(), gpadded, gpaddedSize(), gplane(), gpad(), gwp(), gpadW(), outW());
        d.endControlFlow();
        d.add("// δX [$L][$L positions] = W flipped [$L][$L] · B, B's rows read from δy's planes in place\n", ci(), gn, ci(), co() * kh() * kw());
        d.addStatement("$T.gemmRowsOfBAt($L, $L, $L, $N, 0, $L, 1, $N, s * $L, $N, $N, s * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                ci(), gn, co() * kh() * kw(), field(ctx, "WeightFlip"), co() * kh() * kw(), gpadded, gpaddedSize(), field(ctx, "GradRows"),
                igs, ci() * gn, gn);
        d.add("// each row of δx without the padding's columns\n");
        d.beginControlFlow("for (int i = 0; i < $L; i++)", ci());
        d.addStatement("for (int r = 0; r < $L; r++) $T.arraycopy($N, s * $L + i * $L + r * $L, $N, s * $L + i * $L + r * $L, $L)",
                inH(), System.class, igs, ci() * gn, gn, gwp(), dx, layer.in().size(), inPlane, inW(), inW());
        d.endControlFlow();
        d.endControlFlow();
        MethodSpec inputPart = Ctx.partMethod(ctx.name(layer, "InputGradPart"), "Samples [from, to) of δx of " + layer.name() + ".\n", d.build());
        return List.of(forward, forwardPart, gradTPart, weightPart, inputPart);
    }

    SplitBackward splitBackward(Ctx ctx) {
        return Conv2dEmitter.splitBackward(ctx, layer, positionsRounded(), 2L * ci() * co() * kh() * kw() * gpositionsRounded(),
                "Σ over samples and positions of the input's row (i, u, v) times δy, split over the taps (i, u, v)");
    }
}
