package dev.nnc.cli;

import dev.nnc.runtime.GradientCheck;
import dev.nnc.runtime.GradientCheck.Report;
import dev.nnc.runtime.GradientCheck.TensorResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnc gradcheck}: the report, the exit codes, and what it refuses. */
class GradcheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCorrectModelGetsATableAndExitsZero() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("gradcheck HousePrice (models/regression.nn)\n"), out);
        assertTrue(out.contains("batch of 3 random inputs, seed 1,"), out);
        assertTrue(out.contains("h = 1e-06"), out);
        assertTrue(out.matches("(?s).*\ntensor +shape +checked +worst rel\\. error +worst abs\\. error +result\n.*"), out);
        assertTrue(out.matches("(?s).*\nhidden\\.weight +\\[4, 1\\] +4 of 4 +\\d\\.\\de-\\d\\d +\\d\\.\\de-\\d\\d +ok\n.*"), out);
        assertTrue(out.matches("(?s).*\nprice\\.bias +\\[1\\] +1 of 1 +.* ok\n.*"), out);
        assertTrue(out.matches("(?s).*\ninput +\\[3, 1\\] +3 of 3 +.* ok\n.*"), out);
        assertTrue(out.matches("(?s).*\nok: every gradient within tolerance 1e-05 \\(worst \\d\\.\\de-\\d\\d at [\\w.]+\\[[\\d, ]+\\]\\); "
                + "16 entries of 5 tensors checked in \\d+\\.\\d s\n"), out);
    }

    @Test
    void optionsReachTheCheck() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/mlp_small.nn", "--batch", "2", "--samples", "7",
                "--seed", "42", "--tolerance", "1e-4").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(run.out().contains("batch of 2 random inputs, seed 42,"), run.out());
        assertTrue(run.out().matches("(?s).*\nh1\\.weight +\\[16, 784\\] +7 of 12,544 .*"), run.out());
        assertTrue(run.out().matches("(?s).*\ninput +\\[2, 784\\] +7 of 1,568 .*"), run.out());
        assertTrue(run.out().contains("within tolerance 1e-04"), run.out());
    }

    @Test
    void anInferenceOnlyModelIsRefusedWithExitOneAsTrainRefusesIt() throws IOException {
        Path file = dir.resolve("tiny.nn");
        Files.writeString(file, "model Tiny {\n  input [2]\n  dense out(2 -> 1)\n}\n");
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", file.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains("model Tiny in `" + file + "` has no loss and optimizer"), run.err());
        assertTrue(run.err().contains("add e.g. `loss"), run.err());
        assertTrue(run.err().contains("no gradient to check"), run.err());
    }

    @Test
    void aModelWithErrorsGetsItsDiagnosticsAndExitsOne() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "src/test/resources/bad/dense_in_mismatch.nn").withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.err().contains("error[NN"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", dir.resolve("nope.nn").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        String[][] bad = {
            {"--batch", "0"}, {"--batch", "100000"}, {"--samples", "0"}, {"--tolerance", "-1"}, {"--tolerance", "NaN"}, {"--tolerance", "1e-30"},
            {"--tolerance", "Infinity"}, {"--seed", "x"}};
        for (String[] option : bad) {
            Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", option[0], option[1]).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, run.exit(), String.join(" ", option) + ": " + run.err());
            assertTrue(run.err().startsWith("nnc: "), run.err());
            assertTrue(run.err().contains(option[0]), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void helpExplainsTheMethodAndTheExitCodes() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "--help");
        assertEquals(ExitCodes.OK, run.exit());
        String help = run.out();
        assertTrue(help.startsWith("Usage: nnc gradcheck"), help);
        for (String option : List.of("--tolerance", "--seed", "--samples", "--batch")) assertTrue(help.contains(option), option);
        assertTrue(help.contains("kink"), help);
        assertTrue(help.contains("a gradient above the tolerance"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("1 errors in the model, a gradient above the tolerance, or a model without a loss"), help);
    }

    /** The failure path of the text, on a report made by hand (a real model never fails). */
    @Test
    void aFailingReportNamesTheTensorAndShowsBothGradients() {
        double tol = 1e-5;
        Report report = new Report("M", GradientCheck.Options.defaults(), 2.3, 1.4e-3, List.of(
                new TensorResult("d.weight", List.of(2, 3), 6, 0, 0.5, 1e-3, List.of(1, 2), 2e-3, 1e-3, tol),
                new TensorResult("d.bias", List.of(2), 2, 1, 1e-7, 1e-12, List.of(0), 1, 1, tol),
                new TensorResult("input", List.of(3, 3), 9, 0, 2e-7, 1e-12, List.of(0, 0), 1, 1, tol)));
        String text = GradcheckReport.render("M", "m.nn", report, 1.24, Style.of(false));
        assertTrue(text.matches("(?s).*\nd\\.weight +\\[2, 3\\] +6 of 6 +5\\.0e-01 +1\\.0e-03 +FAIL\n.*"), text);
        assertTrue(text.contains("\n  d.weight[1, 2]: backward gives 2.000000e-03, the central difference 1.000000e-03\n"), text);
        assertTrue(text.contains("\n  1 entry crossed a kink (ReLU, max-pool) within h and agreed when measured again with h/10 (or, closer still, one-sided)\n"), text);
        assertTrue(text.endsWith("\nFAIL: 1 of 3 tensors above tolerance 1e-05: d.weight; 17 entries of 3 tensors checked in 1.2 s\n"), text);
    }

    @Test
    void aLossThatIsNotFiniteIsSaidSo() {
        Report report = new Report("M", GradientCheck.Options.defaults(), Double.NaN, Double.NaN, List.of(
                new TensorResult("input", List.of(1, 1), 1, 0, Double.NaN, Double.NaN, List.of(0, 0), Double.NaN, Double.NaN, 1e-5)));
        String text = GradcheckReport.render("M", "m.nn", report, 0.1, Style.of(false));
        assertTrue(text.endsWith("\nFAIL: the loss is NaN at the checked point, so no gradient can be checked\n"), text);
    }
}
