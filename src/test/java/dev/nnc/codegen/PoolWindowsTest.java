package dev.nnc.codegen;

import dev.nnc.NncCompiler;
import dev.nnc.api.DoubleNetwork;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Layer;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rectangular pooling window moves by its own height down and its own width across when no
 * stride is written (the language: "stride defaults to kernel"; PyTorch's rule), computed by hand.
 */
class PoolWindowsTest {
    /** The 4×6 picture 0, 1, …, 23 row by row, pooled by a 2×3 window. */
    private static double[] pooled(String pool) {
        var checked = NncCompiler.check(new SourceFile("p.nn", "model P {\n  input [1, 4, 6]\n  " + pool + "\n  flatten\n}\n"));
        Model model = checked.model().orElseThrow(() -> new AssertionError(checked.diagnostics()));
        Layer.Pool2d p = (Layer.Pool2d) model.layers().get(0);
        if (!pool.contains("stride: [1")) {
            assertEquals(List.of(2, 3), List.of(p.strideH(), p.strideW()), "the stride is the window's");
            assertEquals(List.of(1, 2, 2), p.out().dims());
        }
        DoubleNetwork net = Networks.doubleNetwork(model, 1);
        double[] x = new double[24];
        Arrays.setAll(x, i -> i);
        return Arrays.copyOf(net.forward(x, 1), model.layers().get(0).out().size());
    }

    @Test
    void aRectangularWindowMovesByItsOwnSides() {
        // Windows: rows 0–1 × columns 0–2 and 3–5, then rows 2–3 × the same.
        assertArrayEquals(new double[] {8, 11, 20, 23}, pooled("maxpool2d(kernel: [2, 3])"), 0);
        assertArrayEquals(new double[] {4, 7, 16, 19}, pooled("avgpool2d(kernel: [2, 3])"), 1e-12);
        assertArrayEquals(pooled("maxpool2d(kernel: [2, 3])"), pooled("maxpool2d(kernel: [2, 3], stride: [2, 3])"), 0, "written out");
        // One row down, three columns across: windows at rows 0–1, 1–2, 2–3.
        assertArrayEquals(new double[] {8, 11, 14, 17, 20, 23}, pooled("maxpool2d(kernel: [2, 3], stride: [1, 3])"), 0);
    }
}
