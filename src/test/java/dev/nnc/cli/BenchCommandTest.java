package dev.nnc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `nnc bench` refuses counts it cannot measure with before it loads anything (it used to fail deep inside, as an internal error). */
class BenchCommandTest {
    @ParameterizedTest
    @CsvSource({"--threads, 0", "--epochs, 0", "--reps, -1", "--rounds, 0"})
    void aCountBelowOneIsAUsageError(String option, String value) {
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", option, value, "--out", "target/never-written.md").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains(option + " must be at least 1, found " + value), run.err());
        assertTrue(run.err().contains("nnc bench --help"), run.err());
    }

    @Test
    void modelsMnistCannotFeedAreRefusedBeforeAnyMeasurement() {
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", "models/regression.nn", "--out", "target/never-written.md")
                .withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.err());
        assertTrue(run.err().contains("error[NN0305]: model HousePrice takes input [1], but MNIST images are 28×28 pixels\n"
                + " --> models/regression.nn:3:3"), run.err());
        assertTrue(!run.out().contains("training") && !run.err().contains(": training"), "nothing was measured: " + run.out() + run.err());
    }

    @Test
    void anOutThatIsADirectoryIsAUsageError(@TempDir Path dir) {
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", "--out", dir.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains("is a directory; give a file, e.g. --out " + dir.resolve("BENCHMARKS.md")), run.err());
    }

    /**
     * A report that cannot be written is refused before the measuring, which takes minutes: it was found only at the
     * end, the figures lost (here a file stands where its folder should be; a read-only folder is refused alike).
     */
    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeMeasuring(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes"), "mine");
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", "--epochs", "1", "--reps", "1", "--out",
                file.resolve("B.md").toString(), "--data", TrainCommandTest.MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains("cannot write the report " + file.resolve("B.md") + ": ") && run.err().contains("nothing was measured"),
                run.err());
        assertFalse(run.err().contains(": training"), "nothing measured: " + run.err());
        assertEquals("mine", Files.readString(file));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no probe file left behind");
        }
    }

    /** A short trial run in the repository does not replace the published BENCHMARKS.md; naming a file writes it. */
    @Test
    void anExistingReportIsReplacedOnlyWhenNamed(@TempDir Path dir) throws IOException {
        Path published = Path.of("BENCHMARKS.md");
        byte[] before = Files.readAllBytes(published);
        String[] quick = {"bench", "models/mlp_small.nn", "--epochs", "1", "--reps", "1", "--python", "/nonexistent/python3",
                "--data", TrainCommandTest.MNIST.toString()};
        Cli.Run trial = Cli.run(Cli.REAL, quick).withoutStackTrace();
        assertEquals(ExitCodes.OK, trial.exit(), trial.err());
        assertTrue(trial.out().contains("| MlpSmall | training samples/s |"), trial.out());
        assertTrue(trial.err().contains("not written: BENCHMARKS.md exists; pass --out BENCHMARKS.md to replace its table"), trial.err());
        // The table alone on stdout (`nnc bench ... > table.md`); what bench is doing and did, on stderr.
        assertTrue(trial.out().startsWith("# Benchmarks") && !trial.out().contains("nnc MlpSmall: training")
                && !trial.out().contains("not written"), trial.out());
        assertTrue(trial.err().contains("nnc MlpSmall: training 1 epoch, inference 1 repetition ..."), trial.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(published)), "the published report is untouched");

        Path named = Files.writeString(dir.resolve("b.md"), "# Benchmarks\n\nMeasured with `./nnc bench old` on a day.\n\n## Analysis\nmine\n");
        List<String> args = new java.util.ArrayList<>(List.of(quick));
        args.addAll(List.of("--out", named.toString()));
        Cli.Run written = Cli.run(Cli.REAL, args.toArray(String[]::new)).withoutStackTrace();
        assertEquals(ExitCodes.OK, written.exit(), written.err());
        String text = Files.readString(named);
        assertTrue(text.startsWith("# Benchmarks") && text.contains("| MlpSmall | training samples/s |"), text);
        assertTrue(text.contains("of the one epoch"), "--epochs 1 has no epochs after the first: " + text);
        assertTrue(text.endsWith("\n## Analysis\nmine\n"), "the hand-written analysis is kept: " + text);
        assertTrue(!written.out().contains("RESULT "), "the children's raw lines are not shown: " + written.out());
        assertTrue(text.contains("--epochs 1 --threads 1 --reps 1 --out "), "the command measured, reps included: " + text);
        assertTrue(written.err().contains("replaced the tables of " + named + ", its ## Analysis kept"), written.err());
    }

    /** A user's own file named by mistake is not a report: refused before minutes of measuring, and left as it was. */
    @Test
    void anOutThatIsNoReportIsRefusedAndKept(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.md"), "# My notes\n\nImportant thoughts about my thesis.\n");
        Cli.Run run = Cli.run(Cli.REAL, "bench", "models/mlp_small.nn", "--epochs", "1", "--reps", "1", "--out", notes.toString(),
                "--data", TrainCommandTest.MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.out());
        assertTrue(run.err().contains("--out " + notes + " exists and is not a report of nnc bench"), run.err());
        assertEquals("# My notes\n\nImportant thoughts about my thesis.\n", Files.readString(notes));
        assertFalse(run.out().contains("training samples/s"), "nothing measured: " + run.out());
        Path crlf = Files.writeString(dir.resolve("crlf.md"), "# Benchmarks\r\n\r\nMeasured with `./nnc bench models/mlp.nn` on a day.\r\n");
        // Past the report's check, a missing model stops the run before anything is measured.
        Cli.Run report = Cli.run(Cli.REAL, "bench", dir.resolve("missing.nn").toString(), "--out", crlf.toString(),
                "--data", TrainCommandTest.MNIST.toString()).withoutStackTrace();
        assertFalse(report.err().contains("is not a report"), "a report with Windows line ends is one: " + report.err());
        assertTrue(report.err().contains("missing.nn") && report.err().contains("no such file"), report.err());
    }

    /** The reference's table names the sample models as they are: a changed sample would be compared with another network. */
    @Test
    void theReferenceTableMatchesTheSampleModels() throws IOException {
        for (var e : BenchCommand.REFERENCES.entrySet()) {
            Path file = Path.of("models", e.getKey());
            var model = dev.nnc.NncCompiler.check(new dev.nnc.diag.SourceFile(file.toString(), Files.readString(file))).model().orElseThrow();
            assertEquals(e.getValue().modelName(), model.name(), file.toString());
            assertEquals(e.getValue().params(), model.paramCount(), file.toString());
        }
    }

    /** A model the PyTorch reference does not build is measured by nnc alone, and the report does not say PyTorch ran. */
    @Test
    void aModelWithoutAReferenceIsNotSaidToBeCompared(@TempDir Path dir) throws IOException {
        Path model = Files.writeString(dir.resolve("mine.nn"), Files.readString(Path.of("models/mlp_small.nn")));
        // A Python that "has torch" (exits 0) and a reference script, so that PyTorch is available whatever this machine has.
        Path python = Files.writeString(dir.resolve("python"), "#!/bin/sh\nexit 0\n");
        assertTrue(python.toFile().setExecutable(true));
        Path reference = Files.writeString(dir.resolve("torch_reference.py"), "# never run: it has no mine.nn\n");
        Cli.Run run = Cli.run(Cli.REAL, "bench", model.toString(), "--epochs", "1", "--reps", "1", "--python", python.toString(),
                "--reference", reference.toString(), "--data", TrainCommandTest.MNIST.toString(), "--out", dir.resolve("b.md").toString())
                .withoutStackTrace();
        assertTrue(run.err().contains("the PyTorch reference has no mine.nn"), "PyTorch was available: " + run.err());
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        String report = Files.readString(dir.resolve("b.md"));
        assertTrue(report.contains("| MlpSmall | training samples/s |"), report);
        assertFalse(report.contains("PyTorch ran"), report);

        // A file named as a sample but holding another network.
        Path own = Files.createDirectories(dir.resolve("own")).resolve("mlp.nn");
        Files.writeString(own, Files.readString(Path.of("models/mlp_small.nn")).replace("MlpSmall", "MyNet"));
        Cli.Run other = Cli.run(Cli.REAL, "bench", own.toString(), "--epochs", "1", "--reps", "1", "--python", python.toString(),
                "--reference", reference.toString(), "--data", TrainCommandTest.MNIST.toString(), "--out", dir.resolve("c.md").toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, other.exit(), other.err());
        assertTrue(other.err().contains("the PyTorch reference's mlp.nn is the sample model Mlp (109,386 parameters), not this MyNet (13,002):"
                + " nnc figures only for MyNet"), other.out());
        assertFalse(Files.readString(dir.resolve("c.md")).contains("PyTorch ran"));
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
