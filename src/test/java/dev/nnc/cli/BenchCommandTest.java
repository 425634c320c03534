package dev.nnc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nnc bench` refuses counts it cannot measure with before it loads anything (it used to fail deep inside, as an internal error). */
class BenchCommandTest {
    @ParameterizedTest
    @CsvSource({"--threads, 0", "--epochs, 0", "--reps, -1", "--rounds, 0"})
    void aCountBelowOneIsAUsageError(String option, String value) {
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", option, value, "--out", "target/never-written.md").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains(option + " must be at least 1, got " + value), run.err());
        assertTrue(run.err().contains("nnc bench --help"), run.err());
    }

    /** Rounds: each figure is the median over them, each peer's own; the ratios are per round, not of the medians. */
    @Test
    void aFigureOfSeveralRoundsIsTheirMedianAndEachRoundKeepsItsRatio() {
        Map<String, Object> row = new HashMap<>();
        row.put("nnc", List.of(Map.of("samples_per_s_median", 300.0), Map.of("samples_per_s_median", 100.0), Map.of("samples_per_s_median", 200.0)));
        row.put("torch", List.of(Map.of("samples_per_s_median", 100.0), Map.of("samples_per_s_median", 100.0), Map.of("samples_per_s_median", 400.0)));
        row.put("torchInfer", List.of());
        assertEquals(200.0, BenchCommand.median(row, "nnc", "samples_per_s_median"));
        assertEquals(100.0, BenchCommand.median(row, "torch", "samples_per_s_median"));
        assertEquals("3.00, 1.00, 0.50", BenchCommand.perRound(row, "torch", "samples_per_s_median", "samples_per_s_median"));
        assertNull(BenchCommand.median(row, "torchInfer", "infer_images_per_s"), "a peer that did not run has no figure");
        row.put("nnc", List.of(Map.of("x", 1.0), Map.of("x", 4.0)));
        assertEquals(2.5, BenchCommand.median(row, "nnc", "x"), "an even count: the mean of the middle two");
    }
}
