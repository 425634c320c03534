package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.ir.Loss;

import javax.lang.model.element.Modifier;

/**
 * The loss and the gradient that starts backpropagation. Cross-entropy goes through
 * log-sum-exp, so logits near 1000 and targets far below the maximum stay finite; the
 * two fused losses read the input of the final softmax or sigmoid (the logits) and start
 * backpropagation below it, where the gradient is simply (p − t)/N.
 */
final class LossEmitter {
    private final Ctx ctx;
    private final Loss loss;
    private final int last;
    private final int k;

    LossEmitter(Ctx ctx, Loss loss) {
        this.ctx = ctx;
        this.loss = loss;
        this.last = ctx.model.layers().size() - 1;
        this.k = ctx.model.output().size();
    }

    /** The layer whose backward runs first: the final activation is skipped when fused. */
    int firstBackward() { return loss.fusedActivation() ? last - 1 : last; }

    /** Where the loss reads: the logits under a fused activation, else the output. */
    private String scores() { return loss.fusedActivation() ? ctx.in(last) : ctx.out(last); }

    /** Where the loss writes its gradient. */
    private String seed() { return loss.fusedActivation() ? ctx.gradIn(last) : ctx.grad(last); }

    String formula() {
        String nk = "N samples of K = " + k + " outputs";
        return switch (loss.kind()) {
            case MSE -> "L = (1/(N·K)) Σ (y − t)² over " + nk + "; dL/dy = 2(y − t)/(N·K)";
            case SUM_SQUARES -> "L = Σ (y − t)²; dL/dy = 2(y − t)";
            case SOFTMAX_CROSS_ENTROPY -> "L = (1/N) Σ_n (logsumexp(z_n) − z_n[t_n]) on the logits z of N samples; dL/dz = (softmax(z) − onehot(t))/N";
            case CROSS_ENTROPY -> "L = −(1/N) Σ_n log y_n[t_n] over N samples with y = softmax(z), computed as logsumexp(z) − z[t]; dL/dz = (y − onehot(t))/N";
            case BINARY_CROSS_ENTROPY -> "L = mean over " + nk + " of −(t·log y + (1−t)·log(1−y)) with y = σ(z), computed as (softplus(z) − t·z); dL/dz = (y − t)/(N·K)";
            case SIGMOID_BINARY_CROSS_ENTROPY -> "L = mean over " + nk + " of (softplus(z) − t·z) on the logits z; dL/dz = (σ(z) − t)/(N·K)";
        };
    }

    MethodSpec lossMethod() {
        CodeBlock.Builder b = CodeBlock.builder();
        String z = scores();
        b.addStatement("double total = 0");
        switch (loss.kind()) {
            case MSE, SUM_SQUARES -> {
                b.addStatement("int end = n * $L", k);
                b.beginControlFlow("for (int i = 0; i < end; i++)");
                b.addStatement("double e = $N[i] - targets[i]", z);
                b.addStatement("total += e * e");
                b.endControlFlow();
                if (loss.kind() == Loss.Kind.MSE) b.addStatement("return total / (n * $L)", k);
                else b.addStatement("return total");
            }
            case SOFTMAX_CROSS_ENTROPY, CROSS_ENTROPY -> {
                b.beginControlFlow("for (int s = 0; s < n; s++)");
                b.addStatement("int z = s * $L", k);
                b.addStatement("total += logSumExp($N, z) - $N[z + label(labels, s)]", z, z);
                b.endControlFlow();
                b.addStatement("return total / n");
            }
            case BINARY_CROSS_ENTROPY, SIGMOID_BINARY_CROSS_ENTROPY -> {
                b.addStatement("int end = n * $L", k);
                b.beginControlFlow("for (int i = 0; i < end; i++)");
                b.addStatement("double z = $N[i]", z);
                b.add("// softplus(z) = log(1 + e^z), written so that it never overflows\n");
                b.addStatement("total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - targets[i] * z");
                b.endControlFlow();
                b.addStatement("return total / (n * $L)", k);
            }
        }
        return MethodSpec.methodBuilder("loss").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(double.class).addParameter(targetsType(), loss.classTargets() ? "labels" : "targets")
                .addParameter(int.class, "n")
                .addJavadoc(loss.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + formula() + "\n")
                .addStatement("$T.forwardDone(n, forwardN)", Ctx.BATCH_CHECKS)
                .addCode(checkTargets())
                .addCode(b.build()).build();
    }

    /** A targets array too short for the batch fails with what was expected, not an index out of bounds. */
    CodeBlock checkTargets() {
        return loss.classTargets()
                ? CodeBlock.of("$T.targets(labels.length, n, $S);\n", Ctx.BATCH_CHECKS, "labels")
                : CodeBlock.of("$T.targets(targets.length, n * $L, $S);\n", Ctx.BATCH_CHECKS, k, "target values");
    }

    com.palantir.javapoet.TypeName targetsType() {
        return loss.classTargets() ? com.palantir.javapoet.ArrayTypeName.of(int.class) : ctx.p.array;
    }

    /** Writes dL/d(scores) into the seed buffer. */
    CodeBlock seedGradient() {
        CodeBlock.Builder b = CodeBlock.builder();
        String z = scores(), g = seed(), c = ctx.p.cast;
        switch (loss.kind()) {
            case MSE -> {
                b.addStatement("int end = n * $L", k);
                b.addStatement("double scale = 2.0 / (n * $L)", k);
                b.addStatement("for (int i = 0; i < end; i++) $N[i] = $L(scale * ($N[i] - targets[i]))", g, c, z);
            }
            case SUM_SQUARES -> {
                b.addStatement("int end = n * $L", k);
                b.addStatement("for (int i = 0; i < end; i++) $N[i] = 2 * ($N[i] - targets[i])", g, z);
            }
            case SOFTMAX_CROSS_ENTROPY, CROSS_ENTROPY -> {
                b.beginControlFlow("for (int s = 0; s < n; s++)");
                b.addStatement("int z = s * $L", k);
                b.addStatement("double lse = logSumExp($N, z)", z);
                b.addStatement("for (int j = 0; j < $L; j++) $N[z + j] = $L(Math.exp($N[z + j] - lse) / n)", k, g, c, z);
                b.addStatement("$N[z + label(labels, s)] -= $L(1.0 / n)", g, c);
                b.endControlFlow();
            }
            case BINARY_CROSS_ENTROPY, SIGMOID_BINARY_CROSS_ENTROPY -> {
                b.addStatement("int end = n * $L", k);
                b.addStatement("double scale = 1.0 / (n * $L)", k);
                b.beginControlFlow("for (int i = 0; i < end; i++)");
                b.addStatement("double z = $N[i]", z);
                b.addStatement("double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))");
                b.addStatement("$N[i] = $L(scale * (p - targets[i]))", g, c);
                b.endControlFlow();
            }
        }
        return b.build();
    }
}
