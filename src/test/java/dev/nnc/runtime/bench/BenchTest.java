package dev.nnc.runtime.bench;

import dev.nnc.SampleModels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GFLOP/s are counted as the PyTorch reference counts them, so the ratios compare like with like. */
class BenchTest {
    @ParameterizedTest
    @CsvSource({"mlp_small.nn, 12960", "mlp.nn, 109184", "cnn.nn, 2321920"})
    void multiplyAddsPerSampleMatchTheReference(String file, long macs) throws IOException {
        var model = SampleModels.load(file);
        assertEquals(macs, Bench.macs(model), "MACS in ../shared/bench/torch_reference.py");
    }

    @ParameterizedTest
    @CsvSource({"'1,2,3', 2", "'4,1,3,2', 2.5", "'7', 7"})
    void medianOfOddAndEvenCounts(String values, double median) {
        double[] v = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(median, Bench.median(v));
    }
}
