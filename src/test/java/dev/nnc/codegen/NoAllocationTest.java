package dev.nnc.codegen;

import dev.nnc.SampleModels;

import dev.nnc.api.FloatNetwork;
import dev.nnc.api.Rng;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step (zeroGrad, forward, loss, backward, step) allocates nothing: every
 * buffer is made when the network is. Measured with the JVM's per-thread allocation
 * counter over many steps.
 */
class NoAllocationTest {
    @ParameterizedTest
    @CsvSource({"mlp_small.nn, SCALAR", "mlp_regularized.nn, SCALAR", "cnn.nn, SCALAR",
            "mlp_small.nn, VECTOR", "mlp_regularized.nn, VECTOR", "cnn.nn, VECTOR"})
    void aTrainingStepAllocatesNothing(String file, Kernels kernels) throws IOException {
        check(file, kernels);
    }

    static void check(String file, Kernels kernels) throws IOException {
        var model = SampleModels.load(file);
        int batch = 8;
        // With VECTOR this also shows that C2 compiled the Vector API calls to instructions:
        // where it does not, every vector is an object.
        FloatNetwork net = Networks.floatNetwork(model, batch, kernels);
        net.setTraining(true);
        Rng rng = new Rng(3);
        float[] x = SampleModels.inputs(rng, batch * net.inputSize());
        int[] labels = SampleModels.labels(rng, batch);

        int steps = file.equals("cnn.nn") ? 30 : 300;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Warm up and let the JIT settle: until C2 has compiled the Vector API calls, each
        // vector is an object, so those classes take more steps (up to 90 s of them on a busy machine).
        long warmupEnd = System.nanoTime() + 90_000_000_000L;
        int warmups = 0, quietRounds = 0;
        for (int round = 0; round < 2 || (kernels == Kernels.VECTOR && System.nanoTime() < warmupEnd); round++) {
            long start = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < steps; i++) net.trainBatch(x, labels, batch);
            warmups += steps;
            quietRounds = threads.getThreadAllocatedBytes(thread) == start ? quietRounds + 1 : 0;
            if (round >= 1 && quietRounds >= 3) break;
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < steps; i++) net.trainBatch(x, labels, batch);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The measuring itself may cost a few bytes; a single float[] per step would be thousands.
        assertTrue(allocated < 1024, file + " (" + kernels + "): " + steps + " training steps allocated " + allocated + " bytes");
        assertEquals(warmups + (long) steps, net.stepCount());
    }
}
