package dev.nnc.codegen;

import com.palantir.javapoet.CodeBlock;
import dev.nnc.ir.Layer;

/**
 * A layer's weight [rows][cols] kept transposed in {@code dst} [cols][rows] for its forward
 * pass, rewritten after every update. Plain classes call the class's own {@code transpose};
 * --vector classes gather with {@link dev.nnc.api.simd.VectorTranspose}, each thread the rows it
 * owns (which it has just updated).
 */
record TransposedCopy(Layer layer, String weight, String offset, int rows, int cols, String dst) {
    /** Plain classes: the whole copy, with the class's own {@code transpose}. */
    void refresh(CodeBlock.Builder b, Ctx ctx) {
        b.addStatement("transpose($N, $N, $L, $L, $N)", Ctx.PARAMS, offset, rows, cols, dst);
    }

    /** --vector: the copy of source rows [lo, hi), in a part that owns them. */
    void refreshRows(CodeBlock.Builder b, Ctx ctx, String lo, String hi) {
        b.addStatement("$T.transposeRows($N, $N, $L, $L, $N, 0, $L, $L, $N)", ModelGenerator.VECTOR_TRANSPOSE,
                Ctx.PARAMS, offset, rows, cols, dst, lo, hi, ctx.rowOffsets(cols));
    }
}
