package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
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
 * Cross-correlation with zero padding,
 * y[o][r][c] = b[o] + Σ_{i,u,v} W[o][i][u][v] · x[i][r·s + u − p][c·s + v − p],
 * computed as a dense layer applied at every output position: im2col copies the
 * receptive field of position (r, c) into a row of K = in·kh·kw values ("patch"), and
 * then y[(r,c)][:] = b + W·patch, exactly the dense forward, with W read from its
 * transposed copy ([patch][out]) so that the innermost loop runs over the output channels
 * in axpy form. Backward is the dense backward on the
 * patches, followed by col2im, which adds each patch gradient back onto the input.
 */
record Conv2dEmitter(Layer.Conv2d layer) implements LayerEmitter {

    private int inH() { return layer.in().dim(1); }

    private int inW() { return layer.in().dim(2); }

    private int outH() { return layer.out().dim(1); }

    private int outW() { return layer.out().dim(2); }

    /** Output positions per sample. */
    private int positions() { return outH() * outW(); }

    /** Values in one patch: in_channels · kh · kw. */
    private int patch() { return layer.inChannels() * layer.kernelH() * layer.kernelW(); }

    private int channels() { return layer.outChannels(); }

    /** First output index whose input index (o·s + k − p) is ≥ 0, per kernel tap k. */
    private static int[] lo(int kernel, int stride, int pad, int out) {
        int[] lo = new int[kernel];
        for (int k = 0; k < kernel; k++) lo[k] = Math.min(out, Math.max(0, Math.floorDiv(pad - k + stride - 1, stride)));
        return lo;
    }

    /** One past the last output index whose input index is < size, per kernel tap k. */
    private static int[] hi(int kernel, int stride, int pad, int size, int out) {
        int[] hi = new int[kernel];
        for (int k = 0; k < kernel; k++) hi[k] = Math.max(0, Math.min(out, Math.floorDiv(size - 1 + pad - k, stride) + 1));
        return hi;
    }

    private String field(Ctx ctx, String which) { return ctx.name(layer, which); }

    /** --vector classes read a stride-1 convolution's input in place (see {@link DirectConv}). */
    private boolean direct(Ctx ctx) { return ctx.vector && DirectConv.applies(layer); }

    /**
     * --vector: per sample, δY turned positions first (and each sample's db) and δx; then, over
     * the whole batch, db, and dW as one product over every position of the batch.
     */
    @Override
    public Optional<SplitBackward> splitBackward(Ctx ctx) {
        if (!ctx.vector) return Optional.empty();
        if (direct(ctx)) return Optional.of(new DirectConv(layer).splitBackward(ctx));
        int positions = positions();
        return Optional.of(splitBackward(ctx, layer, positions, 2L * positions * patch() * channels(),
                "patchesᵀ · δY over all n·" + positions + " positions of the batch, split over the patch values"));
    }

    /**
     * The split backward of a --vector convolution, im2col or in place: per sample δY positions
     * first ({@code positions} of them, with each sample's db) and δx ({@code inputCost} per
     * sample); then db summed over the samples, dWᵀ [taps][out] by its {@code WeightGradPart}
     * (as {@code dwHow} says), and dWᵀ turned into W's own layout in the gradients.
     */
    static SplitBackward splitBackward(Ctx ctx, Layer.Conv2d layer, int positions, long inputCost, String dwHow) {
        int k = layer.inChannels() * layer.kernelH() * layer.kernelW(), co = layer.outChannels();
        CodeBlock.Builder b = CodeBlock.builder();
        layer.bias().ifPresent(bb -> {
            b.add("// $L: db += Σ over samples of each sample's Σ over positions of δy\n", layer.name());
            b.addStatement("for (int s = 0; s < n; s++) for (int o = 0; o < $L; o++) $N[$N + o] += $N[s * $L + o]",
                    co, Ctx.GRADS, ctx.offset(bb), ctx.name(layer, "BiasGradParts"), co);
        });
        b.add("// $L: dWᵀ [$L][$L] = $L\n", layer.name(), k, co, dwHow);
        b.addStatement(ctx.runParts(layer, "WeightGradPart", String.valueOf(k), "2L * n * " + (long) positions * co));
        b.add("// $L: dW, kept transposed, into the gradients in W's own layout\n", layer.name());
        b.beginControlFlow("for (int o = 0; o < $L; o++)", co);
        b.addStatement("for (int j = 0; j < $L; j++) $N[$N + o * $L + j] += $N[j * $L + o]", k, Ctx.GRADS, ctx.offset(layer.weight()), k,
                ctx.name(layer, "WeightGradT"), co);
        b.endControlFlow();
        return new SplitBackward(List.of(
                new SamplePart(ctx.name(layer, "GradTPart"), (long) positions * co, false),
                new SamplePart(ctx.name(layer, "InputGradPart"), inputCost, ctx.inputGradOnRequest(layer))), b.build());
    }

    @Override
    public OptionalLong forwardPartCost(Ctx ctx) {
        if (direct(ctx)) return OptionalLong.of(new DirectConv(layer).forwardCost());
        return ctx.vector ? OptionalLong.of(2L * positions() * patch() * channels()) : OptionalLong.empty();
    }

    private TransposedCopy transposedCopy(Ctx ctx) {
        return new TransposedCopy(layer, layer.weight().name(), ctx.offset(layer.weight()), channels(), patch(), field(ctx, "WeightT"));
    }

    @Override
    public void declare(TypeSpec.Builder type, Ctx ctx) {
        if (direct(ctx)) {
            new DirectConv(layer).declare(type, ctx);
            return;
        }
        int s = layer.stride(), p = layer.padding();
        addTable(type, field(ctx, "RowLo"), lo(layer.kernelH(), s, p, outH()), "first output row reading inside the input, per kernel row");
        addTable(type, field(ctx, "RowHi"), hi(layer.kernelH(), s, p, inH(), outH()), "one past the last such row");
        addTable(type, field(ctx, "ColLo"), lo(layer.kernelW(), s, p, outW()), "first output column reading inside the input, per kernel column");
        addTable(type, field(ctx, "ColHi"), hi(layer.kernelW(), s, p, inW(), outW()), "one past the last such column");
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "WeightT"), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("$L transposed, [$L][$L] (patch value, output channel), refreshed after every update.\n",
                        layer.weight().name(), patch(), channels())
                .initializer("new $T[$L]", ctx.p.type, patch() * channels()).build());
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "Patches"), ctx.bufferModifiers())
                .addJavadoc("im2col of the last forward: [n][$L positions][$L patch values].\n", positions(), patch()).build());
        if (ctx.vector && layer.bias().isPresent()) {
            type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "BiasGradParts"), ctx.bufferModifiers())
                    .addJavadoc("db of each sample, [n][$L], summed over the batch in order afterwards.\n", channels()).build());
        }
        addScratch(type, ctx, "Scratch", "output or output gradient with positions first", positions(), channels());
        type.addField(FieldSpec.builder(ctx.p.array, field(ctx, "WeightGradT"), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc("dW accumulated transposed, [$L][$L], added to the gradients at the end of backward.\n", patch(), channels())
                .initializer("new $T[$L]", ctx.p.type, patch() * channels()).build());
        addScratch(type, ctx, "PatchGrad", "d loss / d patch", positions(), patch());
    }

    /**
     * A [rows][cols] work buffer: one sample's in the plain classes, made here; a whole
     * batch's in --vector classes, whose threads work on different samples at once (made by
     * {@link #allocate}, which knows maxBatch).
     */
    private void addScratch(TypeSpec.Builder type, Ctx ctx, String which, String what, int rows, int cols) {
        FieldSpec.Builder f = FieldSpec.builder(ctx.p.array, field(ctx, which), ctx.vector ? ctx.bufferModifiers() : new Modifier[] {Modifier.PRIVATE, Modifier.FINAL});
        if (ctx.vector) {
            f.addJavadoc("The $L, [n][$L][$L].\n", what, rows, cols);
        } else {
            f.addJavadoc("One sample's $L, [$L][$L].\n", what, rows, cols).initializer("new $T[$L]", ctx.p.type, rows * cols);
        }
        type.addField(f.build());
    }

    /** A static int[] field of the generated class. */
    static void addTable(TypeSpec.Builder type, String name, int[] values, String doc) {
        StringBuilder init = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) init.append(i > 0 ? ", " : "").append(values[i]);
        init.append('}');
        type.addField(FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + ".\n").initializer(init.toString()).build());
    }

    @Override
    public void allocate(CodeBlock.Builder ctor, Ctx ctx) {
        if (direct(ctx)) {
            new DirectConv(layer).allocate(ctor, ctx);
            return;
        }
        ctx.batchBuffer(ctor, field(ctx, "Patches"), ctx.p.type, positions() * patch());
        if (ctx.vector) {
            if (layer.bias().isPresent()) ctx.batchBuffer(ctor, field(ctx, "BiasGradParts"), ctx.p.type, channels());
            ctx.batchBuffer(ctor, field(ctx, "Scratch"), ctx.p.type, positions() * channels());
            ctx.batchBuffer(ctor, field(ctx, "PatchGrad"), ctx.p.type, positions() * patch());
        }
    }

    @Override
    public void refreshRows(CodeBlock.Builder b, Ctx ctx, String lo, String hi) {
        if (direct(ctx)) new DirectConv(layer).refreshRows(b, ctx, lo, hi);
        else transposedCopy(ctx).refreshRows(b, ctx, lo, hi);
    }

    @Override
    public void refresh(CodeBlock.Builder b, Ctx ctx) {
        transposedCopy(ctx).refresh(b, ctx);
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        if (direct(ctx)) return new DirectConv(layer).methods(ctx);
        return ctx.vector ? vectorMethods(ctx) : List.of(forward(ctx), backward(ctx));
    }

    /** The input row (or column) that output row {@code r} reads at kernel row {@code u}, in this layer's numbers: "r·2 + u − 1". */
    private String tap(String r, String u) {
        int stride = layer.stride(), pad = layer.padding();
        return (stride == 1 ? r : r + "·" + stride) + " + " + u + (pad > 0 ? " − " + pad : "");
    }

    private String header() {
        return LayerEmitter.where(layer) + ": y = W ⋆ x" + (layer.bias().isPresent() ? " + b" : "") + " (⋆: cross-correlation, the kernel not flipped), W [" + layer.outChannels() + "]["
                + layer.inChannels() + "][" + layer.kernelH() + "][" + layer.kernelW() + "], stride " + layer.stride() + ", padding "
                + layer.padding() + ", x " + layer.in() + " → y " + layer.out() + "\n"
                + "As im2col then a dense layer: each of the " + positions() + " output positions gets a patch of " + patch()
                + " inputs, and y[position][:] = b + W·patch.\n";
    }

    /** Where output row r's window starts in the input plane: (r·s + u − p)·W + v − p, simplified. */
    private String inputRow() {
        int s = layer.stride(), p = layer.padding();
        String row = (s == 1 ? "r" : "r * " + s) + " + u" + (p == 0 ? "" : " - " + p);
        return "xc + (" + row + ") * " + inW() + " + v" + (p == 0 ? "" : " - " + p);
    }

    private String xIndex() {
        return layer.stride() == 1 ? "xr + c" : "xr + c * " + layer.stride();
    }

    /** Loops over (channel, tap, output row) of one sample, with the patch column k of the tap. */
    private void openTaps(CodeBlock.Builder b, Ctx ctx) {
        b.beginControlFlow("for (int i = 0; i < $L; i++)", layer.inChannels());
        b.addStatement("int xc = s * $L + i * $L", layer.in().size(), inH() * inW());
        b.beginControlFlow("for (int u = 0; u < $L; u++)", layer.kernelH());
        b.beginControlFlow("for (int v = 0; v < $L; v++)", layer.kernelW());
        b.addStatement("int k = (i * $L + u) * $L + v", layer.kernelH(), layer.kernelW());
        b.addStatement("int c0 = $N[v], c1 = $N[v]", field(ctx, "ColLo"), field(ctx, "ColHi"));
        b.beginControlFlow("for (int r = $N[u]; r < $N[u]; r++)", field(ctx, "RowLo"), field(ctx, "RowHi"));
        b.addStatement("int xr = $L, pr = (s * $L + r * $L) * $L + k", inputRow(), positions(), outW(), patch());
    }

    private void closeTaps(CodeBlock.Builder b) {
        b.endControlFlow().endControlFlow().endControlFlow().endControlFlow();
    }

    /** Sample s's patches, the plain and the --vector forward's first step. */
    private void im2col(CodeBlock.Builder b, Ctx ctx) {
        String patches = field(ctx, "Patches");
        int size = positions() * patch();
        b.add("// im2col: patch (r, c) holds x[i][$L][$L] for every (i, u, v); 0 where that is padding\n", tap("r", "u"), tap("c", "v"));
        b.addStatement("$T.fill($N, s * $L, (s + 1) * $L, $L)", java.util.Arrays.class, patches, size, size, ctx.lit(0));
        openTaps(b, ctx);
        b.addStatement("for (int c = c0; c < c1; c++) $N[pr + c * $L] = $N[$L]", patches, patch(), ctx.in(layer.index()), xIndex());
        closeTaps(b);
    }

    private MethodSpec forward(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index());
        String patches = field(ctx, "Patches"), scratch = field(ctx, "Scratch"), wt = field(ctx, "WeightT");
        int k = patch(), co = channels(), positions = positions();
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        im2col(b, ctx);
        b.add("// y[position][:] = b + W·patch, from Wᵀ [patch][out] as axpy over the output channels\n");
        b.beginControlFlow("for (int q = 0; q < $L; q++)", positions);
        b.addStatement("int p = (s * $L + q) * $L, z = q * $L", positions, k, co);
        if (layer.bias().isPresent()) {
            b.addStatement("$T.arraycopy($N, $N, $N, z, $L)", System.class, Ctx.PARAMS, ctx.offset(layer.bias().get()), scratch, co);
        } else {
            b.addStatement("$T.fill($N, z, z + $L, $L)", java.util.Arrays.class, scratch, co, ctx.lit(0));
        }
        b.beginControlFlow("for (int j = 0; j < $L; j++)", k);
        b.addStatement("$T xv = $N[p + j]", ctx.p.type, patches);
        b.addStatement("if (xv == 0) continue");
        b.addStatement("int w = j * $L", co);
        b.addStatement("for (int o = 0; o < $L; o++) $N[z + o] += xv * $N[w + o]", co, scratch, wt);
        b.endControlFlow();
        b.endControlFlow();
        b.add("// positions-first back to the [channels][rows][columns] layout\n");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", co);
        b.addStatement("int yc = s * $L + o * $L", layer.out().size(), positions);
        b.addStatement("for (int q = 0; q < $L; q++) $N[yc + q] = $N[q * $L + o]", positions, y, scratch, co);
        b.endControlFlow();
        b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(header()).addCode(b.build()).build();
    }

    private MethodSpec backward(Ctx ctx) {
        String dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        String patches = field(ctx, "Patches"), scratch = field(ctx, "Scratch"), dwt = field(ctx, "WeightGradT");
        String dpatch = field(ctx, "PatchGrad");
        int k = patch(), co = channels(), positions = positions();
        String W = ctx.offset(layer.weight());
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("$T.fill($N, $L)", java.util.Arrays.class, dwt, ctx.lit(0));
        boolean first = ctx.inputGradOnRequest(layer);
        if (first) b.beginControlFlow("if (inputGradient)");
        b.addStatement("$T.fill($N, 0, n * $L, $L)", java.util.Arrays.class, dx, layer.in().size(), ctx.lit(0));
        if (first) b.endControlFlow();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.add("// δy of this sample with positions first\n");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", co);
        b.addStatement("int yc = s * $L + o * $L", layer.out().size(), positions);
        b.addStatement("for (int q = 0; q < $L; q++) $N[q * $L + o] = $N[yc + q]", positions, scratch, co, dy);
        b.endControlFlow();
        b.beginControlFlow("for (int q = 0; q < $L; q++)", positions);
        b.addStatement("int p = (s * $L + q) * $L, z = q * $L", positions, k, co);
        layer.bias().ifPresent(bias -> b.addStatement("for (int o = 0; o < $L; o++) $N[$N + o] += $N[z + o]", co, Ctx.GRADS, ctx.offset(bias), scratch));
        b.add("// dWᵀ[j][:] += patch[j] · δy[position][:]\n");
        b.beginControlFlow("for (int j = 0; j < $L; j++)", k);
        b.addStatement("$T xv = $N[p + j]", ctx.p.type, patches);
        b.addStatement("if (xv == 0) continue");
        b.addStatement("int w = j * $L", co);
        b.addStatement("for (int o = 0; o < $L; o++) $N[w + o] += xv * $N[z + o]", co, dwt, scratch);
        b.endControlFlow();
        b.endControlFlow();
        if (first) b.beginControlFlow("if (inputGradient)");
        b.add("// δpatch = Wᵀ·δy at every position, then col2im adds each patch gradient back onto the input\n");
        b.addStatement("$T.fill($N, $L)", java.util.Arrays.class, dpatch, ctx.lit(0));
        b.beginControlFlow("for (int q = 0; q < $L; q++)", positions);
        b.addStatement("int z = q * $L, g = q * $L", co, k);
        b.beginControlFlow("for (int o = 0; o < $L; o++)", co);
        b.addStatement("$T d = $N[z + o]", ctx.p.type, scratch);
        b.addStatement("if (d == 0) continue");
        b.addStatement("int w = $N + o * $L", W, k);
        b.addStatement("for (int j = 0; j < $L; j++) $N[g + j] += d * $N[w + j]", k, dpatch, Ctx.PARAMS);
        b.endControlFlow();
        b.endControlFlow();
        openTaps(b, ctx);
        b.addStatement("int gr = pr - s * $L", positions * k);
        b.addStatement("for (int c = c0; c < c1; c++) $N[$L] += $N[gr + c * $L]", dx, xIndex(), dpatch, k);
        closeTaps(b);
        if (first) b.endControlFlow();
        b.endControlFlow();
        b.add("// dW, kept transposed while accumulating, into the gradients in W's own layout\n");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", co);
        b.addStatement("for (int j = 0; j < $L; j++) $N[$N + o * $L + j] += $N[j * $L + o]", k, Ctx.GRADS, W, k, dwt, co);
        b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(patchesBackward())
                .addCode(b.build()).build();
    }

    // ---- classes generated with --vector: matrix products over the whole batch, in parts ----

    private List<MethodSpec> vectorMethods(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        String patches = field(ctx, "Patches"), scratch = field(ctx, "Scratch"), wt = field(ctx, "WeightT");
        String dwt = field(ctx, "WeightGradT"), dpatch = field(ctx, "PatchGrad");
        int k = patch(), co = channels(), positions = positions();
        String W = ctx.offset(layer.weight());
        boolean bias = layer.bias().isPresent();

        MethodSpec forward = MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(header() + "Split over the samples; per sample one matrix product (Vector API).\n")
                .addStatement(ctx.runParts(layer, "ForwardPart", "n", forwardPartCost(ctx).getAsLong() + "L")).build();
        CodeBlock.Builder f = CodeBlock.builder();
        f.beginControlFlow("for (int s = from; s < to; s++)");
        im2col(f, ctx);
        f.addStatement("int sc = s * $L", positions * co);
        f.add("// Y [positions][channels] = patches [$L][$L] · Wᵀ [$L][$L]\n", positions, k, k, co);
        f.addStatement("$T.gemm($L, $L, $L, $N, s * $L, $L, 1, $N, 0, $L, $N, sc, $L, false)", ModelGenerator.VECTOR_GEMM,
                positions, co, k, patches, positions * k, k, wt, co, scratch, co);
        // The bias goes in as the layout turns (one pass instead of one copy per position).
        f.add("// positions-first back to the [channels][rows][columns] layout$L\n", bias ? ", adding the bias" : "");
        if (bias) {
            f.addStatement("$T.transposeAddingBias($N, sc, $L, $L, $N, s * $L, $N, $N, $N)", ModelGenerator.VECTOR_TRANSPOSE,
                    scratch, positions, co, y, layer.out().size(), ctx.rowOffsets(co), Ctx.PARAMS, ctx.offset(layer.bias().get()));
        } else {
            f.addStatement("$T.transpose($N, sc, $L, $L, $N, s * $L, 0, $L, $N)", ModelGenerator.VECTOR_TRANSPOSE,
                    scratch, positions, co, y, layer.out().size(), co, ctx.rowOffsets(co));
        }
        f.endControlFlow();
        MethodSpec forwardPart = Ctx.partMethod(ctx.name(layer, "ForwardPart"), header() + "Samples [from, to) of the batch, one matrix product per sample.\n", f.build());

        CodeBlock.Builder t = CodeBlock.builder();
        t.beginControlFlow("for (int s = from; s < to; s++)");
        t.addStatement("$T.transpose($N, s * $L, $L, $L, $N, s * $L, 0, $L, $N)", ModelGenerator.VECTOR_TRANSPOSE,
                dy, layer.out().size(), co, positions, scratch, positions * co, positions, ctx.rowOffsets(positions));
        if (bias) {
            t.addStatement("for (int o = 0; o < $L; o++) $N[s * $L + o] = $T.sum($N, s * $L + o * $L, s * $L + (o + 1) * $L)",
                    co, field(ctx, "BiasGradParts"), co, ClassName.get("dev.nnc.api.simd", "VectorActivations"), dy,
                    layer.out().size(), positions, layer.out().size(), positions);
        }
        t.endControlFlow();
        MethodSpec gradTPart = Ctx.partMethod(ctx.name(layer, "GradTPart"), patchesBackward()
                + "Samples [from, to) of δY, positions first" + (bias ? ", and of db" : "") + ".\n", t.build());

        CodeBlock.Builder g = CodeBlock.builder();
        g.addStatement("$T.gemm(to - from, $L, n * $L, $N, from, 1, $L, $N, 0, $L, $N, from * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                co, positions, patches, k, scratch, co, dwt, co, co);
        MethodSpec weightPart = Ctx.partMethod(ctx.name(layer, "WeightGradPart"), "Patch values [from, to) of dWᵀ.\n", g.build());

        CodeBlock.Builder d = CodeBlock.builder();
        d.beginControlFlow("for (int s = from; s < to; s++)");
        d.add("// δpatch = δY · W at every position, then col2im adds each patch gradient back onto the input\n");
        d.addStatement("$T.gemm($L, $L, $L, $N, s * $L, $L, 1, $N, $N, $L, $N, s * $L, $L, false)", ModelGenerator.VECTOR_GEMM,
                positions, k, co, scratch, positions * co, co, Ctx.PARAMS, W, k, dpatch, positions * k, k);
        d.addStatement("$T.fill($N, s * $L, (s + 1) * $L, $L)", java.util.Arrays.class, dx, layer.in().size(), layer.in().size(), ctx.lit(0));
        openTaps(d, ctx);
        d.addStatement("for (int c = c0; c < c1; c++) $N[$L] += $N[pr + c * $L]", dx, xIndex(), dpatch, k);
        closeTaps(d);
        d.endControlFlow();
        MethodSpec inputPart = Ctx.partMethod(ctx.name(layer, "InputGradPart"), "Samples [from, to) of d loss / d input of " + layer.name() + ".\n", d.build());
        return List.of(forward, forwardPart, gradTPart, weightPart, inputPart);
    }

    private String patchesBackward() {
        return "backward of " + layer.name() + ", the dense backward on the patches: dW += δy·patchᵀ"
                + (layer.bias().isPresent() ? ", db += Σ δy" : "") + ", δpatch = Wᵀ·δy, then col2im adds δpatch back onto δx\n";
    }
}
