package dev.nnc;

import dev.nnc.api.Rng;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample models of models/, checked, and random batches for them: the setup of tests that run a real network. */
public final class SampleModels {
    private SampleModels() {}

    /** {@code models/FILE}, checked; fails the test if it has errors. */
    public static Model load(String file) throws IOException {
        Path p = Path.of("models", file);
        return NncCompiler.check(new SourceFile(p.toString(), Files.readString(p))).model()
                .orElseThrow(() -> new AssertionError(p + " does not check clean"));
    }

    /** A batch of {@code count} input values in [0, 1), drawn from {@code rng}. */
    public static float[] inputs(Rng rng, int count) {
        float[] x = new float[count];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        return x;
    }

    /** {@code batch} class labels from 0 to 9, drawn from {@code rng}. */
    public static int[] labels(Rng rng, int batch) {
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);
        return labels;
    }
}
