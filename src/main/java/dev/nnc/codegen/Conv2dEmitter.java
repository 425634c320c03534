package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;
import java.util.List;

/**
 * Cross-correlation with zero padding, computed directly:
 * y[o][r][c] = b[o] + Σ_{i,u,v} W[o][i][u][v] · x[i][r·s + u − p][c·s + v − p].
 * For each kernel tap (u, v) the generator works out which output rows and columns read
 * inside the input, so padding costs no test in the inner loop, and the inner loop runs
 * along an output row (contiguous for stride 1) in axpy form.
 */
record Conv2dEmitter(Layer.Conv2d layer) implements LayerEmitter {

    private int inH() { return layer.in().dim(1); }

    private int inW() { return layer.in().dim(2); }

    private int outH() { return layer.out().dim(1); }

    private int outW() { return layer.out().dim(2); }

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

    private String rows(Ctx ctx, String which) { return ctx.name(layer, which); }

    @Override
    public void declare(TypeSpec.Builder type, Ctx ctx) {
        int s = layer.stride(), p = layer.padding();
        addTable(type, rows(ctx, "RowLo"), lo(layer.kernelH(), s, p, outH()), "first output row reading inside the input, per kernel row");
        addTable(type, rows(ctx, "RowHi"), hi(layer.kernelH(), s, p, inH(), outH()), "one past the last such row");
        addTable(type, rows(ctx, "ColLo"), lo(layer.kernelW(), s, p, outW()), "first output column reading inside the input, per kernel column");
        addTable(type, rows(ctx, "ColHi"), hi(layer.kernelW(), s, p, inW(), outW()), "one past the last such column");
    }

    private static void addTable(TypeSpec.Builder type, String name, int[] values, String doc) {
        StringBuilder init = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) init.append(i > 0 ? ", " : "").append(values[i]);
        init.append('}');
        type.addField(FieldSpec.builder(int[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + ".\n").initializer(init.toString()).build());
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        return List.of(forward(ctx), backward(ctx));
    }

    private String header() {
        return LayerEmitter.where(layer) + ": y = W ⋆ x" + (layer.bias().isPresent() ? " + b" : "") + ", W [" + layer.outChannels() + "]["
                + layer.inChannels() + "][" + layer.kernelH() + "][" + layer.kernelW() + "], stride " + layer.stride() + ", padding "
                + layer.padding() + ", x " + layer.in() + " → y " + layer.out() + "\n";
    }

    /**
     * Opens the loops over kernel taps and output rows shared by forward and backward;
     * {@code perTap} runs once per tap, before the rows (to load the weight once).
     */
    private void openTaps(CodeBlock.Builder b, Ctx ctx, CodeBlock perTap) {
        b.beginControlFlow("for (int u = 0; u < $L; u++)", layer.kernelH());
        b.beginControlFlow("for (int v = 0; v < $L; v++)", layer.kernelW());
        b.add(perTap);
        b.addStatement("int c0 = $N[v], c1 = $N[v]", rows(ctx, "ColLo"), rows(ctx, "ColHi"));
        b.beginControlFlow("for (int r = $N[u]; r < $N[u]; r++)", rows(ctx, "RowLo"), rows(ctx, "RowHi"));
        b.addStatement("int yr = yc + r * $L, xr = $L", outW(), inputRow());
    }

    /** Where output row r's window starts in the input: xc + (r·s + u − p)·W + v − p, simplified. */
    private String inputRow() {
        int s = layer.stride(), p = layer.padding();
        String row = (s == 1 ? "r" : "r * " + s) + " + u" + (p == 0 ? "" : " - " + p);
        return "xc + (" + row + ") * " + inW() + " + v" + (p == 0 ? "" : " - " + p);
    }

    private String xIndex() {
        return layer.stride() == 1 ? "xr + c" : "xr + c * " + layer.stride();
    }

    private MethodSpec forward(Ctx ctx) {
        int inSize = layer.in().size(), outSize = layer.out().size(), plane = outH() * outW(), inPlane = inH() * inW();
        int taps = layer.kernelH() * layer.kernelW();
        String x = ctx.in(layer.index()), y = ctx.out(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", layer.outChannels());
        b.addStatement("int yc = s * $L + o * $L", outSize, plane);
        if (layer.bias().isPresent()) {
            b.addStatement("$T.fill($N, yc, yc + $L, $N[$N + o])", java.util.Arrays.class, y, plane, Ctx.PARAMS, ctx.offset(layer.bias().get()));
        } else {
            b.addStatement("$T.fill($N, yc, yc + $L, $L)", java.util.Arrays.class, y, plane, ctx.lit(0));
        }
        b.beginControlFlow("for (int i = 0; i < $L; i++)", layer.inChannels());
        b.addStatement("int xc = s * $L + i * $L", inSize, inPlane);
        b.addStatement("int k = $N + (o * $L + i) * $L", ctx.offset(layer.weight()), layer.inChannels(), taps);
        openTaps(b, ctx, CodeBlock.of("$T w = $N[k + u * $L + v];\n", ctx.p.type, Ctx.PARAMS, layer.kernelW()));
        b.addStatement("for (int c = c0; c < c1; c++) $N[yr + c] += w * $N[$L]", y, x, xIndex());
        b.endControlFlow().endControlFlow().endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc(header()).addCode(b.build()).build();
    }

    private MethodSpec backward(Ctx ctx) {
        int inSize = layer.in().size(), outSize = layer.out().size(), plane = outH() * outW(), inPlane = inH() * inW();
        int taps = layer.kernelH() * layer.kernelW();
        String x = ctx.in(layer.index()), dy = ctx.grad(layer.index()), dx = ctx.gradIn(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", layer.outChannels());
        b.addStatement("int yc = s * $L + o * $L", outSize, plane);
        layer.bias().ifPresent(bias -> {
            b.addStatement("double db = 0");
            b.addStatement("for (int j = yc; j < yc + $L; j++) db += $N[j]", plane, dy);
            b.addStatement("$N[$N + o] += $Ldb", Ctx.GRADS, ctx.offset(bias), ctx.p.cast);
        });
        b.beginControlFlow("for (int i = 0; i < $L; i++)", layer.inChannels());
        b.addStatement("int xc = s * $L + i * $L", inSize, inPlane);
        b.addStatement("int k = $N + (o * $L + i) * $L", ctx.offset(layer.weight()), layer.inChannels(), taps);
        b.add("// dW[o][i][u][v] = Σ over output positions of δy · the input under the tap\n");
        b.beginControlFlow("for (int u = 0; u < $L; u++)", layer.kernelH());
        b.beginControlFlow("for (int v = 0; v < $L; v++)", layer.kernelW());
        b.addStatement("int c0 = $N[v], c1 = $N[v]", rows(ctx, "ColLo"), rows(ctx, "ColHi"));
        b.addStatement("$T acc = 0", ctx.p.type);
        b.beginControlFlow("for (int r = $N[u]; r < $N[u]; r++)", rows(ctx, "RowLo"), rows(ctx, "RowHi"));
        b.addStatement("int yr = yc + r * $L, xr = $L", outW(), inputRow());
        b.addStatement("for (int c = c0; c < c1; c++) acc += $N[yr + c] * $N[$L]", dy, x, xIndex());
        b.endControlFlow();
        b.addStatement("$N[k + u * $L + v] += acc", Ctx.GRADS, layer.kernelW());
        b.endControlFlow().endControlFlow();
        b.endControlFlow().endControlFlow().endControlFlow();

        // δx = Wᵀ ⋆ δy: each tap scatters δy back onto the inputs it read.
        if (layer.index() == 0) b.beginControlFlow("if (inputGradient)");
        b.addStatement("$T.fill($N, 0, n * $L, $L)", java.util.Arrays.class, dx, inSize, ctx.lit(0));
        b.beginControlFlow("for (int s = 0; s < n; s++)");
        b.beginControlFlow("for (int o = 0; o < $L; o++)", layer.outChannels());
        b.addStatement("int yc = s * $L + o * $L", outSize, plane);
        b.beginControlFlow("for (int i = 0; i < $L; i++)", layer.inChannels());
        b.addStatement("int xc = s * $L + i * $L", inSize, inPlane);
        b.addStatement("int k = $N + (o * $L + i) * $L", ctx.offset(layer.weight()), layer.inChannels(), taps);
        openTaps(b, ctx, CodeBlock.of("$T w = $N[k + u * $L + v];\n", ctx.p.type, Ctx.PARAMS, layer.kernelW()));
        b.addStatement("for (int c = c0; c < c1; c++) $N[$L] += w * $N[yr + c]", dx, xIndex(), dy);
        b.endControlFlow().endControlFlow().endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        if (layer.index() == 0) b.endControlFlow();
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE).addParameter(int.class, "n")
                .addJavadoc("backward of " + layer.name() + ": dW += δy ⋆ x, db += Σ δy, δx = Wᵀ ⋆ δy (each tap scatters back)\n")
                .addCode(b.build()).build();
    }
}
