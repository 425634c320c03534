package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Optimizer;

import javax.lang.model.element.Modifier;

/**
 * The update rule as one loop over the flat parameter array, with every hyperparameter a
 * constant. The rules are those of the fixtures' README (PyTorch's conventions): L2 weight
 * decay and L1 are added to the gradient of every parameter, biases included.
 */
final class OptimizerEmitter {
    private static final ClassName VECTOR_OPTIMIZERS = ClassName.get("dev.nnc.api.simd", "VectorOptimizers");
    private final Ctx ctx;
    private final Optimizer o;

    OptimizerEmitter(Ctx ctx, Optimizer o) {
        this.ctx = ctx;
        this.o = o;
    }

    void constants(TypeSpec.Builder type) {
        constant(type, "LR", o.lr(), "learning rate");
        switch (o.kind()) {
            case SGD -> { if (o.momentum() != 0) constant(type, "MOMENTUM", o.momentum(), "momentum: v ← μ·v + g"); }
            case MOMENTUM -> constant(type, "MOMENTUM", o.momentum(), "momentum: v ← μ·v + g");
            case ADAGRAD -> constant(type, "EPS", o.eps(), "added after the square root");
            case RMSPROP -> {
                constant(type, "RHO", o.rho(), "decay of the running mean of g²");
                constant(type, "EPS", o.eps(), "added after the square root");
            }
            case ADAM -> {
                constant(type, "BETA1", o.beta1(), "decay of the first moment");
                constant(type, "BETA2", o.beta2(), "decay of the second moment");
                constant(type, "EPS", o.eps(), "added after the square root");
            }
        }
        if (o.weightDecay() != 0) constant(type, "WEIGHT_DECAY", o.weightDecay(), "L2 weight decay: weight_decay·p, the gradient of (weight_decay/2)·‖p‖², is added to"
                + " every parameter's gradient, biases too, before the optimizer's rule (coupled, as torch.optim's weight_decay"
                + (o.kind() == Optimizer.Kind.ADAM ? "; not AdamW's decay, which is applied to p apart from the rule" : "")
                + "); the loss reported leaves the penalty out");
        if (o.l1() != 0) constant(type, "L1", o.l1(), "L1: l1·sign(p), the gradient of l1·‖p‖₁ (taken as 0 at p = 0), is added to every parameter's gradient,"
                + " biases too; the loss reported leaves the penalty out");
    }

    private static void constant(TypeSpec.Builder type, String name, double value, String doc) {
        type.addField(FieldSpec.builder(double.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc + "\n").initializer("$L", Precision.doubleLiteral(value)).build());
    }

    String rule() {
        return penalties() + switch (o.kind()) {
            case SGD -> o.momentum() != 0 ? "SGD with momentum: v ← μ·v + g; p ← p − lr·v" : "SGD: p ← p − lr·g";
            case MOMENTUM -> "momentum: v ← μ·v + g; p ← p − lr·v";
            case ADAGRAD -> "AdaGrad: s ← s + g²; p ← p − lr·g / (√s + ε)";
            case RMSPROP -> "RMSProp: s ← ρ·s + (1 − ρ)·g²; p ← p − lr·g / (√s + ε)";
            case ADAM -> "Adam: m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← p − lr·m̂ / (√v̂ + ε), m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t), t the number of steps so far";
        };
    }

    /** "g = ∇ + λ·p + λ1·sign(p); " when the optimizer penalizes the weights, else "g = ∇; " is left unsaid. */
    private String penalties() {
        if (o.weightDecay() == 0 && o.l1() == 0) return "";
        return "g = dL/dp" + (o.weightDecay() != 0 ? " + weight_decay·p" : "") + (o.l1() != 0 ? " + l1·sign(p)" : "") + "; ";
    }

    CodeBlock body() {
        return ctx.vector ? floatBody() : doubleBody();
    }

    /** The rule computed in double, each result rounded once to the parameter type. */
    private CodeBlock doubleBody() {
        CodeBlock.Builder b = CodeBlock.builder();
        String p = Ctx.PARAMS, g = Ctx.GRADS, c = ctx.p.cast;
        b.addStatement("steps++");
        if (o.kind() == Optimizer.Kind.ADAM) {
            b.addStatement("double correction1 = 1 - Math.pow(BETA1, steps)");
            b.addStatement("double correction2 = 1 - Math.pow(BETA2, steps)");
        }
        b.beginControlFlow("for (int i = 0; i < PARAM_COUNT; i++)");
        StringBuilder grad = new StringBuilder("double g = " + g + "[i]");
        if (o.weightDecay() != 0) grad.append(" + WEIGHT_DECAY * ").append(p).append("[i]");
        if (o.l1() != 0) grad.append(" + L1 * Math.signum(").append(p).append("[i])");
        b.addStatement(grad.toString());
        switch (o.kind()) {
            case SGD -> {
                if (o.momentum() != 0) {
                    b.addStatement("double v = MOMENTUM * state[i] + g");
                    b.addStatement("state[i] = $Lv", c);
                    b.addStatement("$N[i] -= $L(LR * v)", p, c);
                } else {
                    b.addStatement("$N[i] -= $L(LR * g)", p, c);
                }
            }
            case MOMENTUM -> {
                b.addStatement("double v = MOMENTUM * state[i] + g");
                b.addStatement("state[i] = $Lv", c);
                b.addStatement("$N[i] -= $L(LR * v)", p, c);
            }
            case ADAGRAD -> {
                b.addStatement("double s = state[i] + g * g");
                b.addStatement("state[i] = $Ls", c);
                b.addStatement("$N[i] -= $L(LR * g / (Math.sqrt(s) + EPS))", p, c);
            }
            case RMSPROP -> {
                b.addStatement("double s = RHO * state[i] + (1 - RHO) * g * g");
                b.addStatement("state[i] = $Ls", c);
                b.addStatement("$N[i] -= $L(LR * g / (Math.sqrt(s) + EPS))", p, c);
            }
            case ADAM -> {
                b.addStatement("double m = BETA1 * state[i] + (1 - BETA1) * g");
                b.addStatement("double v = BETA2 * state[PARAM_COUNT + i] + (1 - BETA2) * g * g");
                b.addStatement("state[i] = $Lm", c);
                b.addStatement("state[PARAM_COUNT + i] = $Lv", c);
                b.addStatement("$N[i] -= $L(LR * (m / correction1) / (Math.sqrt(v / correction2) + EPS))", p, c);
            }
        }
        b.endControlFlow();
        return b.build();
    }

    /**
     * The same rule in float arithmetic (as PyTorch computes it for float32 tensors), for
     * the classes generated with --vector: Vector API loops over the rows each thread owns
     * ({@link ModelGenerator}'s step part), which calls {@link #prelude} once per method (a deep
     * model's step part is several) and {@link #update} per range.
     */
    private CodeBlock floatBody() {
        return CodeBlock.builder().addStatement("steps++").build();
    }

    /** What the --vector update needs before its ranges: Adam's bias corrections for this step. */
    CodeBlock prelude() {
        if (o.kind() != Optimizer.Kind.ADAM) return CodeBlock.of("");
        return CodeBlock.of("float unbias1 = (float) (1 / (1 - Math.pow(BETA1, steps))), unbias2 = (float) (1 / (1 - Math.pow(BETA2, steps)));\n");
    }

    /** The --vector update of parameters [from, to) (expressions). */
    CodeBlock update(String from, String to) {
        CodeBlock.Builder b = CodeBlock.builder();
        String p = Ctx.PARAMS, g = Ctx.GRADS;
        String penalties = "(float) " + (o.weightDecay() != 0 ? "WEIGHT_DECAY" : "0") + ", (float) " + (o.l1() != 0 ? "L1" : "0");
        switch (o.kind()) {
            case SGD, MOMENTUM -> {
                if (o.kind() == Optimizer.Kind.MOMENTUM || o.momentum() != 0) {
                    b.addStatement("$T.momentum($N, $N, state, $L, $L, (float) LR, (float) MOMENTUM, $L)", VECTOR_OPTIMIZERS, p, g, from, to, penalties);
                } else {
                    b.addStatement("$T.sgd($N, $N, $L, $L, (float) LR, $L)", VECTOR_OPTIMIZERS, p, g, from, to, penalties);
                }
            }
            case ADAGRAD -> b.addStatement("$T.scaled($N, $N, state, $L, $L, (float) LR, 1f, 1f, (float) EPS, $L)",
                    VECTOR_OPTIMIZERS, p, g, from, to, penalties);
            case RMSPROP -> b.addStatement("$T.scaled($N, $N, state, $L, $L, (float) LR, (float) RHO, (float) (1 - RHO), (float) EPS, $L)",
                    VECTOR_OPTIMIZERS, p, g, from, to, penalties);
            case ADAM -> b.addStatement("$T.adam($N, $N, state, PARAM_COUNT, $L, $L, (float) LR, (float) BETA1, (float) BETA2, (float) EPS, unbias1, unbias2, $L)",
                    VECTOR_OPTIMIZERS, p, g, from, to, penalties);
        }
        return b.build();
    }
}
