package dev.nnc.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nnc bench` refuses counts it cannot measure with before it loads anything (it used to fail deep inside, as an internal error). */
class BenchCommandTest {
    @ParameterizedTest
    @CsvSource({"--threads, 0", "--epochs, 0", "--reps, -1"})
    void aCountBelowOneIsAUsageError(String option, String value) {
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", option, value, "--out", "target/never-written.md").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains(option + " must be at least 1, got " + value), run.err());
        assertTrue(run.err().contains("nnc bench --help"), run.err());
    }
}
