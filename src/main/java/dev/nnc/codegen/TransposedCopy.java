package dev.nnc.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.nnc.ir.Layer;

import javax.lang.model.element.Modifier;

/**
 * A layer's weight [rows][cols] kept transposed in {@code dst} [cols][rows] for its forward
 * pass, rewritten by {@code refreshDerived()} after every update. Plain classes call the
 * class's own {@code transpose}; --vector classes gather with {@link dev.nnc.api.simd.VectorTranspose},
 * in parts over the source columns (each part writes whole rows of dst).
 */
record TransposedCopy(Layer layer, String weight, String offset, int rows, int cols, String dst) {
    private static final ClassName VECTOR_TRANSPOSE = ClassName.get("dev.nnc.api.simd", "VectorTranspose");

    private String part(Ctx ctx) { return ctx.name(layer, "TransposePart"); }

    private String rowOffsets(Ctx ctx) { return ctx.name(layer, "TransposeRows"); }

    /** --vector: the gather offsets, made once. */
    void declare(TypeSpec.Builder type, Ctx ctx) {
        if (!ctx.vector) return;
        type.addField(FieldSpec.builder(int[].class, rowOffsets(ctx), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.rowOffsets($L)", VECTOR_TRANSPOSE, cols).build());
    }

    void refresh(CodeBlock.Builder b, Ctx ctx) {
        // A gathered value takes as long as some 32 operations of a matrix product (0.44 ns
        // against 80 GFLOP/s): the cost the workers weigh against sharing.
        if (ctx.vector) b.addStatement(ctx.runParts(part(ctx), String.valueOf(cols), 32L * rows + "L", "0"));
        else b.addStatement("transpose($N, $N, $L, $L, $N)", Ctx.PARAMS, offset, rows, cols, dst);
    }

    /** --vector: the part method run by {@link #refresh}. */
    MethodSpec partMethod(Ctx ctx) {
        return Ctx.partMethod(part(ctx), "Columns [from, to) of " + weight + ", transposed into " + dst + ".\n",
                CodeBlock.builder().addStatement("$T.transpose($N, $N, $L, $L, $N, from, to, $N)", VECTOR_TRANSPOSE,
                        Ctx.PARAMS, offset, rows, cols, dst, rowOffsets(ctx)).build());
    }
}
