package dev.nnc.codegen;

import dev.nnc.NncCompiler;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;
import dev.nnc.diag.SourceFile;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step (zeroGrad, forward, loss, backward, step) allocates nothing: every
 * buffer is made when the network is. Measured with the JVM's per-thread allocation
 * counter over many steps.
 */
class NoAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"mlp_small.nn", "mlp_regularized.nn", "cnn.nn"})
    void aTrainingStepAllocatesNothing(String file) throws IOException {
        Path p = Path.of("models", file);
        var model = NncCompiler.check(new SourceFile(p.toString(), Files.readString(p))).model().orElseThrow();
        int batch = 8;
        FloatNetwork net = Networks.floatNetwork(model, batch);
        net.setTraining(true);
        Rng rng = new Rng(3);
        float[] x = new float[batch * net.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);

        int steps = file.equals("cnn.nn") ? 30 : 300;
        for (int i = 0; i < steps; i++) net.trainBatch(x, labels, batch); // warm up, let the JIT settle
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) net.trainBatch(x, labels, batch);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The measuring itself may cost a few bytes; a single float[] per step would be thousands.
        assertTrue(allocated < 1024, file + ": " + steps + " training steps allocated " + allocated + " bytes");
        assertEquals(steps * 2L, net.stepCount());
    }
}
