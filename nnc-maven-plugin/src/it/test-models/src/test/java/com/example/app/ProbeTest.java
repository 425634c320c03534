package com.example.app;

import com.example.app.nn.Probe;
import com.example.app.nn.Xor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test model's class sits beside the main model's, in the same package, for the tests only. */
class ProbeTest {
    @Test
    void theTestModelIsGeneratedAndLearns() {
        Probe probe = new Probe();
        assertEquals("src/test/nn/probe.nn", probe.sourceFile());
        assertEquals("src/main/nn/xor.nn", new Xor().sourceFile());
        // Two points per class, linearly separable: steps of SGD lower the loss.
        float[] x = {0f, 1f, 0.1f, 0.9f, 1f, 0f, 0.9f, 0.1f};
        int[] y = {0, 0, 1, 1};
        double first = probe.trainBatch(x, y, 4), last = first;
        for (int i = 0; i < 50; i++) last = probe.trainBatch(x, y, 4);
        assertTrue(last < first / 2, "loss " + first + " -> " + last);
        System.out.println("probe: loss " + first + " -> " + last);
    }
}
