package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Model;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The constructor of a generated class: the maxBatch check, then every batch buffer
 * ({@code this.x = new float[maxBatch * size]}), then the initial parameters. Each layer's
 * allocations are known before any field is declared, since a very deep model's do not fit
 * one method and its buffer fields then cannot be final ({@link Ctx#finalBuffers}).
 */
final class BufferAllocation {
    private final Model model;
    private final Ctx ctx;
    private final List<LayerEmitter> emitters;
    /** Each layer's batch buffers: one block per layer. */
    private final List<CodeBlock> allocations;

    BufferAllocation(Model model, Ctx ctx, List<LayerEmitter> emitters) {
        this.model = model;
        this.ctx = ctx;
        this.emitters = emitters;
        this.allocations = allocations();
        ctx.finalBuffers = statements(allocations) <= ALLOCATIONS_PER_METHOD;
    }

    /**
     * Buffer allocations per method: some 12 bytes of bytecode each, so that a method of them
     * stays far below javac's 64 KB. A deeper model (a --vector class of some 200 convolutions)
     * allocates its buffers in methods the constructor calls, and its buffer fields are not final.
     */
    static final int ALLOCATIONS_PER_METHOD = 2_000;


    private List<CodeBlock> allocations() {
        List<CodeBlock> blocks = new ArrayList<>();
        for (int i = 0; i < emitters.size(); i++) {
            LayerEmitter e = emitters.get(i);
            CodeBlock.Builder b = CodeBlock.builder();
            if (e.ownsBuffers()) {
                int size = e.layer().out().size();
                ctx.batchBuffer(b, ctx.out(i), ctx.p.type, size);
                ctx.batchBuffer(b, ctx.grad(i), ctx.p.type, size);
            }
            e.allocate(b, ctx);
            blocks.add(b.build());
        }
        return blocks;
    }

    private static int statements(List<CodeBlock> blocks) {
        return blocks.stream().mapToInt(BufferAllocation::statements).sum();
    }

    private static int statements(CodeBlock block) {
        String code = block.toString();
        int n = 0;
        for (int at = code.indexOf(";\n"); at >= 0; at = code.indexOf(";\n", at + 1)) n++;
        return n;
    }

    MethodSpec constructor(TypeSpec.Builder type) {
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("this.$N = new $T[maxBatch * INPUT_SIZE]", Ctx.INPUT_GRAD, ctx.p.type);
        if (ctx.finalBuffers) {
            allocations.forEach(b::add);
        } else {
            allocationMethods().forEach(m -> {
                b.addStatement("$N(maxBatch)", m);
                type.addMethod(m);
            });
        }
        b.addStatement("initialize($LL)", model.training().seed());
        // Checked before the buffers: maxBatch × a buffer's values per sample must fit an int (a Java array's length).
        long perSample = Math.max(ctx.largestPerSample(), model.input().size());
        long largest = Integer.MAX_VALUE / perSample;
        CodeBlock.Builder checks = CodeBlock.builder();
        checks.beginControlFlow("if (maxBatch < 1 || maxBatch > $L)", largest);
        checks.addStatement("throw new IllegalArgumentException($S + maxBatch)", "maxBatch must be 1 to " + String.format(Locale.ROOT, "%,d", largest)
                + " (a buffer holds " + String.format(Locale.ROOT, "%,d", perSample) + " values per sample, a Java array at most 2,147,483,647), got ");
        checks.endControlFlow();
        checks.addStatement("this.maxBatch = maxBatch");
        return MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).addParameter(int.class, "maxBatch")
                .addJavadoc("A network for batches of up to {@code maxBatch} samples, initialized with seed $L.\n", model.training().seed())
                .addCode(checks.build()).addCode(b.build()).build();
    }

    /** The allocations in methods of up to {@link #ALLOCATIONS_PER_METHOD} statements, whole layers each. */
    private List<MethodSpec> allocationMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        int from = 0;
        while (from < emitters.size()) {
            int to = from, count = 0;
            while (to < emitters.size() && (to == from || count + statements(allocations.get(to)) <= ALLOCATIONS_PER_METHOD)) {
                count += statements(allocations.get(to++));
            }
            String first = emitters.get(from).layer().name(), last = emitters.get(to - 1).layer().name();
            CodeBlock.Builder body = CodeBlock.builder();
            allocations.subList(from, to).forEach(body::add);
            methods.add(MethodSpec.methodBuilder(ctx.networkPart("allocate" + from, "allocate" + Ctx.capitalized(first) + "To" + Ctx.capitalized(last)))
                    .addModifiers(Modifier.PRIVATE).addParameter(int.class, "maxBatch")
                    .addJavadoc("The batch buffers of $L to $L (a constructor allocating every layer's would exceed 64 KB of bytecode).\n", first, last)
                    .addCode(body.build()).build());
            from = to;
        }
        return methods;
    }
}
