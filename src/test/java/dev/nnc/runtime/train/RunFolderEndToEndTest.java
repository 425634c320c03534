package dev.nnc.runtime.train;

import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.codegen.Precision;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import dev.nnc.runtime.JavaSourceCompiler;
import dev.nnc.runtime.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small real run, written as {@code nnc train} would write it: checkpoint and history
 * after every epoch, then the weights, curves, confusion matrix and summary.
 */
class RunFolderEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aTrainedRunLeavesEveryFileAUserKeeps() throws IOException {
        Path file = Path.of("models/mlp_small.nn");
        String source = Files.readString(file);
        SourceFile sf = new SourceFile(file.toString(), source);
        Model ir = NncCompiler.check(sf).model().orElseThrow();
        var generated = NncCompiler.compile(sf, GeneratorOptions.defaults().withPrecision(Precision.FLOAT)
                .withPackage("test.runs")).javaFile().orElseThrow();
        Settings settings = new Settings(32, 4, 1, true, 0.2, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        FloatNetwork net = JavaSourceCompiler.compile(List.of(generated))
                .newNetwork("test.runs.MlpSmall", FloatNetwork.class, settings.batch());

        RunFolder run = RunFolder.create(tmp.resolve("runs"), ir.name(), Clock.systemDefaultZone());
        run.writeSource(source);
        run.writeSettings(ir, settings, Kernels.SCALAR, 1);
        Listener saver = new Listener() {
            @Override
            public void epochDone(EpochRecord record, TrainingState state) {
                try {
                    Checkpoint.of(net, settings, Kernels.SCALAR, state).write(run.checkpoint());
                    run.writeHistory(state.history());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Samples test = blobs(200, 2);
        TrainingState state = new Trainer(net, settings, blobs(500, 1), test, saver).run(TrainingState.fresh());
        Checkpoint.of(net, settings, Kernels.SCALAR, state).write(run.weights());
        Evaluation onTest = Evaluation.of(net, test);
        run.writePlot(state.history(), ir.name());
        run.writeConfusion(onTest.confusion());
        run.writeSummary(new RunSummary(ir.name(), ir.sourceFile(), settings.epochs(), false, state, onTest));

        try (Stream<Path> files = Files.list(run.dir())) {
            assertEquals(List.of(".nnc-train.lock", "checkpoint.nnck", "confusion.csv", "confusion.png", "confusion.txt", "curves.png",
                    "history.csv", "history.json", "model.nn", "settings.yaml", "summary.txt", "weights.nnck"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(5, Files.readAllLines(run.dir().resolve("history.csv")).size(), "a header and four epochs");
        Checkpoint weights = Checkpoint.read(run.weights());
        weights.checkFits(net, Files.readString(run.dir().resolve("model.nn")), run.weights());
        assertEquals(4, weights.state().epochsDone());
        assertTrue(Files.readString(run.dir().resolve("summary.txt")).contains("epochs         4 of 4\n"));
    }

    /** Ten noisy clusters in [0, 1]^784: learnable in a few epochs, not perfectly. */
    static Samples blobs(int n, long seed) {
        Random prototypes = new Random(42), noise = new Random(seed);
        float[][] centre = new float[10][784];
        for (float[] c : centre) for (int i = 0; i < c.length; i++) c[i] = prototypes.nextFloat();
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = noise.nextInt(10);
            for (int i = 0; i < 784; i++) {
                x[s * 784 + i] = (float) Math.min(1, Math.max(0, centre[y[s]][i] + 0.9 * noise.nextGaussian()));
            }
        }
        return Samples.of(x, y, n, 784);
    }
}
