package dev.nnc.runtime.train;

import dev.nnc.NncCompiler;
import dev.nnc.api.Rng;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;

/** A small, learnable 10-class problem on 784 inputs, and tiny models for it: fast training tests. */
final class TinyData {
    private TinyData() {}

    /** Class c lights up pixels [c·78, c·78 + 78) on top of noise. */
    static Samples make(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            int c = rng.nextInt(10);
            y[s] = c;
            for (int i = 0; i < 784; i++) x[s * 784 + i] = (float) (0.3 * rng.nextDouble());
            for (int i = c * 78; i < c * 78 + 78; i++) x[s * 784 + i] += 0.7f;
        }
        return Samples.of(x, y, n, 784);
    }

    static final String MLP = """
            model Tiny {
              input [784]
              dense h(784 -> 16) relu
              dropout(0.1)
              dense out(10)
              loss softmax_cross_entropy
              optimizer adam(lr: 0.01)
              train(batch: 16, epochs: 3, seed: 4)
            }
            """;

    static Model model(String source) {
        return NncCompiler.check(new SourceFile("tiny.nn", source)).model().orElseThrow();
    }
}
