package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Layer.Activation.Function;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Element-wise activations, and softmax over each sample's vector. Every derivative is
 * written in terms of the output y, which the forward pass kept: relu' = [y > 0],
 * sigmoid' = y(1 − y), tanh' = 1 − y².
 */
record ActivationEmitter(Layer.Activation layer) implements LayerEmitter {
    private static final ClassName VECTOR_ACTIVATIONS = ClassName.get("dev.nnc.api.simd", "VectorActivations");

    @Override
    public Optional<SplitBackward> splitBackward(Ctx ctx) {
        if (!ctx.vector || layer.function() != Function.RELU) return Optional.empty();
        return Optional.of(new SplitBackward(List.of(new SamplePart(ctx.name(layer, "BackwardPart"), total(), ctx.inputGradOnRequest(layer))),
                CodeBlock.of("")));
    }

    @Override
    public OptionalLong forwardPartCost(Ctx ctx) {
        return ctx.vector && layer.function() == Function.RELU ? OptionalLong.of(total()) : OptionalLong.empty();
    }

    @Override
    public List<MethodSpec> methods(Ctx ctx) {
        if (ctx.vector && layer.function() == Function.RELU) return vectorRelu(ctx);
        return List.of(forward(ctx), backward(ctx));
    }

    /** ReLU in --vector classes: Vector API loops, split over the samples. */
    private List<MethodSpec> vectorRelu(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index()), dy = ctx.grad(layer.index()), dz = ctx.gradIn(layer.index());
        int size = total();
        MethodSpec forward = MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(LayerEmitter.where(layer) + ": " + formula() + ", shape " + layer.out() + "\n")
                .addStatement(ctx.runParts(layer, "ForwardPart", "n", forwardPartCost(ctx).getAsLong() + "L")).build();
        MethodSpec forwardPart = Ctx.partMethod(ctx.name(layer, "ForwardPart"), LayerEmitter.where(layer) + ": " + formula() + ", shape " + layer.out()
                        + "\nSamples [from, to) of the batch.\n",
                CodeBlock.of("$T.relu($N, $N, from * $L, to * $L);\n", VECTOR_ACTIVATIONS, x, y, size, size));
        MethodSpec backwardPart = Ctx.partMethod(ctx.name(layer, "BackwardPart"), "backward of " + layer.name() + ": " + derivative()
                        + "\nSamples [from, to) of the batch.\n",
                CodeBlock.of("$T.reluBackward($N, $N, $N, from * $L, to * $L);\n", VECTOR_ACTIVATIONS, y, dy, dz, size, size));
        return List.of(forward, forwardPart, backwardPart);
    }

    private int total() { return layer.out().size(); }

    private MethodSpec forward(Ctx ctx) {
        String x = ctx.in(layer.index()), y = ctx.out(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        String c = ctx.p.cast;
        if (layer.function() == Function.SOFTMAX) {
            int k = total();
            b.beginControlFlow("for (int s = 0; s < n; s++)");
            b.addStatement("int z = s * $L", k);
            b.add("// Subtracting the largest logit keeps exp from overflowing.\n");
            b.addStatement("$T max = $N[z]", ctx.p.type, x);
            b.addStatement("for (int k = 1; k < $L; k++) max = Math.max(max, $N[z + k])", k, x);
            b.addStatement("double sum = 0");
            b.beginControlFlow("for (int k = 0; k < $L; k++)", k);
            b.addStatement("$T e = $LMath.exp($N[z + k] - max)", ctx.p.type, c, x);
            b.addStatement("$N[z + k] = e", y);
            b.addStatement("sum += e");
            b.endControlFlow();
            b.addStatement("for (int k = 0; k < $L; k++) $N[z + k] = $L($N[z + k] / sum)", k, y, c, y);
            b.endControlFlow();
        } else {
            b.addStatement("int end = n * $L", total());
            b.beginControlFlow("for (int i = 0; i < end; i++)");
            b.addStatement("$T z = $N[i]", ctx.p.type, x);
            // A switch expression: a function added to the IR is a compile error here until it has its forward.
            b.add(switch (layer.function()) {
                case IDENTITY -> CodeBlock.of("$N[i] = z;\n", y);
                case STEP -> CodeBlock.of("$N[i] = z > 0 ? $L : $L;\n", y, ctx.lit(1), ctx.lit(0));
                // Math.max lets a NaN through, as PyTorch's ReLU and the --vector kernel do: the divergence guard sees it.
                case RELU -> CodeBlock.of("$N[i] = Math.max(z, $L);\n", y, ctx.lit(0));
                case LEAKY_RELU -> CodeBlock.of("$N[i] = z > 0 ? z : $L * z;\n", y, ctx.lit(layer.alpha()));
                case TANH -> CodeBlock.of("$N[i] = $LMath.tanh(z);\n", y, c);
                case SIGMOID -> CodeBlock.of("// Two forms, so that exp never overflows for large |z|.\n"
                        + "$N[i] = z >= 0 ? $L(1 / (1 + Math.exp(-z))) : $L(Math.exp(z) / (1 + Math.exp(z)));\n", y, c, c);
                case SOFTMAX -> throw new IllegalStateException("softmax is written per sample, above");
            });
            b.endControlFlow();
        }
        return MethodSpec.methodBuilder(ctx.name(layer, "Forward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc(LayerEmitter.where(layer) + ": " + formula() + ", shape " + layer.out() + "\n")
                .addCode(b.build()).build();
    }

    private String formula() {
        return switch (layer.function()) {
            case IDENTITY -> "y = z";
            case STEP -> "y = [z > 0]";
            case RELU -> "y = max(z, 0)";
            case LEAKY_RELU -> "y = z if z > 0, else " + layer.alpha() + "·z";
            case SIGMOID -> "y = 1 / (1 + e^(−z))";
            case TANH -> "y = tanh(z)";
            case SOFTMAX -> "y[k] = e^(z[k]) / Σ_j e^(z[j]) for each sample";
        };
    }

    private String derivative() {
        return switch (layer.function()) {
            case IDENTITY -> "δz = δy";
            case STEP -> "δz = 0 (step has no useful gradient)";
            case RELU -> "δz = δy · [y > 0]";
            case LEAKY_RELU -> "δz = δy · (1 if y > 0, else " + layer.alpha() + ")";
            case SIGMOID -> "δz = δy · y(1 − y)";
            case TANH -> "δz = δy · (1 − y²)";
            case SOFTMAX -> "δz = y ⊙ (δy − Σ_k δy[k]·y[k]), the softmax Jacobian applied to δy";
        };
    }

    private MethodSpec backward(Ctx ctx) {
        String y = ctx.out(layer.index()), dy = ctx.grad(layer.index()), dz = ctx.gradIn(layer.index());
        CodeBlock.Builder b = CodeBlock.builder();
        if (ctx.inputGradOnRequest(layer)) b.beginControlFlow("if (!inputGradient)").addStatement("return").endControlFlow();
        if (layer.function() == Function.SOFTMAX) {
            int k = total();
            b.beginControlFlow("for (int s = 0; s < n; s++)");
            b.addStatement("int z = s * $L", k);
            b.addStatement("double dot = 0");
            b.addStatement("for (int k = 0; k < $L; k++) dot += $N[z + k] * $N[z + k]", k, dy, y);
            b.addStatement("for (int k = 0; k < $L; k++) $N[z + k] = $L($N[z + k] * ($N[z + k] - dot))", k, dz, ctx.p.cast, y, dy);
            b.endControlFlow();
        } else {
            b.addStatement("int end = n * $L", total());
            String one = ctx.lit(1);
            b.add(switch (layer.function()) { // as in forward: every function has its backward, or this does not compile
                case IDENTITY -> CodeBlock.of("$T.arraycopy($N, 0, $N, 0, end);\n", System.class, dy, dz);
                case STEP -> CodeBlock.of("$T.fill($N, 0, end, $L);\n", java.util.Arrays.class, dz, ctx.lit(0));
                case RELU -> CodeBlock.of("for (int i = 0; i < end; i++) $N[i] = $N[i] > 0 ? $N[i] : $L;\n", dz, y, dy, ctx.lit(0));
                case LEAKY_RELU -> CodeBlock.of("for (int i = 0; i < end; i++) $N[i] = $N[i] > 0 ? $N[i] : $L * $N[i];\n",
                        dz, y, dy, ctx.lit(layer.alpha()), dy);
                case SIGMOID -> CodeBlock.of("for (int i = 0; i < end; i++) $N[i] = $N[i] * $N[i] * ($L - $N[i]);\n", dz, dy, y, one, y);
                case TANH -> CodeBlock.of("for (int i = 0; i < end; i++) $N[i] = $N[i] * ($L - $N[i] * $N[i]);\n", dz, dy, one, y, y);
                case SOFTMAX -> throw new IllegalStateException("softmax's Jacobian is applied per sample, above");
            });
        }
        return MethodSpec.methodBuilder(ctx.name(layer, "Backward")).addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, "n").addJavadoc("backward of " + layer.name() + ": " + derivative() + "\n" + fusedNote(ctx))
                .addCode(b.build()).build();
    }

    /** The final activation fused with the loss is never backpropagated through: said where a reader would look for it. */
    private String fusedNote(Ctx ctx) {
        boolean fused = ctx.model.loss().map(l -> l.fusedActivation()).orElse(false)
                && layer.index() == ctx.model.layers().size() - 1;
        return fused ? "<p>Not called in training: the loss, fused with this " + layer.function().toString().toLowerCase(java.util.Locale.ROOT)
                + ", gives dL/dz under it directly (see backward); kept to show the derivative.\n" : "";
    }
}
