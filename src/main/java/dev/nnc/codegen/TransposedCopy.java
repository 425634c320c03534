package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.ir.Layer;

/**
 * A layer's weight [rows][cols] kept transposed in {@code dst} [cols][rows] for its forward
 * pass, rewritten by {@code refreshDerived()} after every update. Plain classes call the
 * class's own {@code transpose}; --vector classes gather with {@link dev.nnc.api.simd.VectorTranspose},
 * in parts over the source columns (each part writes whole rows of dst).
 */
record TransposedCopy(Layer layer, String weight, String offset, int rows, int cols, String dst) {
    private String part(Ctx ctx) { return ctx.name(layer, "TransposePart"); }

    void refresh(CodeBlock.Builder b, Ctx ctx) {
        // A gathered value takes as long as some 32 operations of a matrix product (0.44 ns
        // against 80 GFLOP/s): the cost the workers weigh against sharing.
        if (ctx.vector) b.addStatement(ctx.runParts(part(ctx), String.valueOf(cols), 32L * rows + "L", "0"));
        else b.addStatement("transpose($N, $N, $L, $L, $N)", Ctx.PARAMS, offset, rows, cols, dst);
    }

    /** --vector: the part method run by {@link #refresh}. */
    MethodSpec partMethod(Ctx ctx) {
        return Ctx.partMethod(part(ctx), "Columns [from, to) of " + weight + ", transposed into " + dst + ".\n",
                CodeBlock.builder().addStatement("$T.transpose($N, $N, $L, $L, $N, 0, from, to, $N)", ModelGenerator.VECTOR_TRANSPOSE,
                        Ctx.PARAMS, offset, rows, cols, dst, ctx.rowOffsets(cols)).build());
    }
}
