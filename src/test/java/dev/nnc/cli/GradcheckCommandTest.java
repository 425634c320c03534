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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnc gradcheck}: the report, the exit codes, and what it refuses. */
class GradcheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFolderGivenToClassIsToldWhichFileToGive() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/seed_tiny.nn", "--class", dir.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("nnc: cannot read the --class source: " + dir + " is a folder; give the .java file, e.g. "
                + dir.resolve("nnc/models/SeedTiny.java") + "\n", run.err());
    }

    @Test
    void aCorrectModelGetsATableAndExitsZero() {
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.startsWith("gradcheck HousePrice (models/regression.nn)\n"), out);
        assertTrue(out.contains("batch of 3 random inputs, seed 1,"), out);
        assertTrue(out.contains("h = 1e-06"), out);
        assertTrue(out.matches("(?s).*\ntensor +shape +checked +largest \\|g\\| +worst rel\\. error +worst abs\\. error +result\n.*"), out);
        assertTrue(out.matches("(?s).*\nhidden\\.weight +\\[4, 1\\] +4 of 4 +\\d\\.\\de[-+]\\d\\d +\\d\\.\\de-\\d\\d +\\d\\.\\de-\\d\\d +ok\n.*"), out);
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

    /**
     * The advice fits the model, and following it gives a model that checks clean (it once offered
     * `softmax_cross_entropy` to a one-output perceptron with `step`: two errors, NN0301 and NN0108).
     */
    @Test
    void theAdviceForAnInferenceOnlyModelLeadsToOneThatChecksClean() throws IOException {
        // layers, the advice, and the layers once it is followed
        String[][] cases = {
            {"  dense p(2 -> 1) step", "replace the final `step` with `sigmoid`; add e.g. `loss binary_cross_entropy`", "  dense p(2 -> 1) sigmoid"},
            {"  dense p(2 -> 3) step", "remove the final `step`, which has no useful gradient; add e.g. `loss softmax_cross_entropy`", "  dense p(2 -> 3)"},
            {"  dense h(2 -> 4) step\n  dense p(3)", "replace `step`, which has no useful gradient, with `sigmoid`; add e.g. `loss softmax_cross_entropy`",
                "  dense h(2 -> 4) sigmoid\n  dense p(3)"},
            {"  dense p(2 -> 1)", "add e.g. `loss mse`", null},
            {"  dense p(2 -> 3)", "add e.g. `loss softmax_cross_entropy`", null},
            {"  dense p(2 -> 3) softmax", "add e.g. `loss cross_entropy`", null},
            {"  dense p(2 -> 1) sigmoid", "add e.g. `loss binary_cross_entropy`", null},
            {"  dense p(2 -> 3) tanh", "add e.g. `loss mse`", null},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("m.nn"), "model M {\n  input [2]\n" + c[0] + "\n}\n");
            Cli.Run run = Cli.run(Cli.REAL, "gradcheck", file.toString()).withoutStackTrace();
            assertTrue(run.err().contains("(to check its backward pass: " + c[1] + " and `optimizer sgd(lr: 0.1)`)"), run.err());
            String loss = c[1].replaceAll(".*`loss (\\w+)`.*", "$1");
            String followed = "model M {\n  input [2]\n" + (c[2] == null ? c[0] : c[2]) + "\n  loss " + loss
                    + "\n  optimizer sgd(lr: 0.1)\n}\n";
            var checked = dev.nnc.NncCompiler.check(new dev.nnc.diag.SourceFile("m.nn", followed));
            assertEquals(List.of(), checked.diagnostics(), "no error and no warning once followed:\n" + followed);
        }
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
                new TensorResult("d.weight", List.of(2, 3), 6, 0, 0, 0, 0, 2e-3, 0.5, 1e-3, List.of(1, 2), 2e-3, 1e-3, tol),
                new TensorResult("d.bias", List.of(2), 2, 1, 0, 0, 0, 1, 1e-7, 1e-12, List.of(0), 1, 1, tol),
                new TensorResult("input", List.of(3, 3), 9, 0, 0, 0, 0, 1, 2e-7, 1e-12, List.of(0, 0), 1, 1, tol)));
        String text = GradcheckReport.render("M", "m.nn", report, List.of(), 1.24, Style.of(false));
        assertTrue(text.matches("(?s).*\nd\\.weight +\\[2, 3\\] +6 of 6 +2\\.0e-03 +5\\.0e-01 +1\\.0e-03 +FAIL\n.*"), text);
        assertTrue(text.contains("\n  d.weight[1, 2]: backward gives 2.000000e-03, the central difference 1.000000e-03\n"), text);
        // What the floor means for small gradients: their error is judged absolutely, at floor × tolerance.
        assertTrue(text.contains("the error is judged as an absolute one: up to "
                + String.format(java.util.Locale.ROOT, "%.1e", report.floor() * report.options().tolerance()) + " passes"), text);
        assertTrue(text.contains("\n  1 entry crossed a kink (ReLU, leaky ReLU, max-pool) within h and agreed when measured again with h/10 (or, closer still, one-sided)\n"), text);
        assertTrue(text.endsWith("\nFAIL: 1 of 3 tensors above tolerance 1e-05: d.weight; 17 entries of 3 tensors checked in 1.2 s\n"), text);
        assertTrue(text.contains("\n  gradients under 100 times that noise are measured again with h = 1e-03"), "a model without kinks: " + text);
        Report kinked = new Report("M", report.options(), report.loss(), report.floor(), report.tensors(), false);
        String withKinks = GradcheckReport.render("M", "m.nn", kinked, List.of("leaky ReLU", "max-pool"), 1.24, Style.of(false));
        assertTrue(withKinks.contains("\n  gradients under 100 times that noise are judged at h: wider steps would cross the kinks of"
                + " this model's leaky ReLU and max-pool\n"), withKinks);
    }

    /**
     * A ReLU layer off for every input (its bias far below its weighted inputs): nothing before it, nor its own
     * weights into the next layer, moves the loss. Those entries are counted and named, not silently "ok".
     */
    @Test
    void entriesTheLossDoesNotDependOnAreCountedAndNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("dead.nn"), "model Dead {\n  input [2]\n  dense h(2 -> 2) relu\n"
                + "    weights [[0.5, -0.5], [0.25, 0.75]]\n    bias [-20, -20]\n  dense out(1)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", file.toString());
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().contains("\n  14 entries the loss does not depend on at this point: h.weight 4, h.bias 2, out.weight 2, input 6\n"
                + "    (a move of ±1 leaves the loss bitwise the same"), run.out());
        Cli.Run alive = Cli.run(Cli.REAL, "gradcheck", Files.writeString(dir.resolve("alive.nn"),
                Files.readString(file).replace("[-20, -20]", "[1, 1]")).toString());
        assertFalse(alive.out().contains("does not depend on"), alive.out());
    }

    /** Gradients below the floor are measured with wider steps; those that could not be judged are said so, not "ok". */
    @Test
    void entriesThatCouldNotBeJudgedAreNamed() {
        double tol = 1e-5;
        Report report = new Report("M", GradientCheck.Options.defaults(), 2.3, 1.4e-3, List.of(
                new TensorResult("a.weight", List.of(2, 2), 4, 0, 4, 4, 0, 3e-8, -1, 0, List.of(0, 0), 0, 0, tol),
                new TensorResult("b.weight", List.of(2), 2, 0, 2, 1, 0, 2e-7, 1e-7, 2e-14, List.of(1), 2e-7, 2e-7, tol),
                new TensorResult("input", List.of(1, 2), 2, 0, 0, 0, 0, 0.5, 1e-9, 1e-12, List.of(0, 1), 0.5, 0.5, tol)));
        String text = GradcheckReport.render("M", "m.nn", report, List.of(), 0.5, Style.of(false));
        assertTrue(text.matches("(?s).*\na\\.weight +\\[2, 2\\] +4 of 4 +3\\.0e-08 +- +- +unresolved\n.*"), text);
        assertTrue(text.matches("(?s).*\nb\\.weight +\\[2\\] +2 of 2 +2\\.0e-07 +1\\.0e-07 +2\\.0e-14 +ok\n.*"), text);
        assertTrue(text.contains("\n  6 entries too small for h measured again with the wider steps; 5 of them could not be judged"
                + " (too small even for 1e-02, or the loss bends within the step): a.weight 4, b.weight 1\n"), text);
        assertTrue(text.endsWith("\nok: every gradient judged within tolerance 1e-05 (worst 1.0e-07 at b.weight[1]);"
                + " 8 entries of 3 tensors checked (5 unresolved) in 0.5 s\n"), text);
    }

    /**
     * A learner edits the generated class, breaks one gradient, and the check of that class catches it
     * (where they could only write a checker of their own before); the class as generated passes.
     */
    @Test
    void anEditedClassIsCheckedAndABrokenGradientFound() throws IOException {
        Path out = dir.resolve("gen");
        Cli.Run compiled = Cli.run(Cli.REAL, "compile", "models/regression.nn", "--precision", "double", "-d", out.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, compiled.exit(), compiled.err());
        Path generated = out.resolve("nnc/models/HousePrice.java");
        Cli.Run intact = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class", generated.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, intact.exit(), intact.err() + intact.out());
        assertTrue(intact.out().startsWith("gradcheck HousePrice (" + generated + ", the class of models/regression.nn)\n"), intact.out());

        String source = Files.readString(generated);
        String line = "grads[HIDDEN_BIAS + 2] += db3;";
        assertTrue(source.contains(line), "the generated backward is not where the test expects it:\n" + source);
        Path broken = Files.writeString(dir.resolve("HousePriceBroken.java"), source.replace(line, "grads[HIDDEN_BIAS + 2] += 1.01 * db3;"));
        Cli.Run run = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class", broken.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.err() + run.out());
        assertTrue(run.out().matches("(?s).*\nhidden\\.bias +\\[4\\] +4 of 4 .* FAIL\n.*"), run.out());
        assertTrue(run.out().contains("\n  hidden.bias[2]: backward gives "), run.out());
        assertTrue(run.out().endsWith("FAIL: 1 of 5 tensors above tolerance 1e-05: hidden.bias; 16 entries of 5 tensors checked in "
                + run.out().replaceAll("(?s).* checked in ", "")), run.out());
    }

    @Test
    void aClassThatCannotBeCheckedIsSaidWhy() throws IOException {
        Path out = dir.resolve("gen");
        Cli.run(Cli.REAL, "compile", "models/regression.nn", "models/mlp_small.nn", "-d", out.resolve("float").toString());
        Cli.run(Cli.REAL, "compile", "models/mlp_small.nn", "--precision", "double", "-d", out.resolve("double").toString());

        Cli.Run single = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class",
                out.resolve("float/nnc/models/HousePrice.java").toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, single.exit());
        assertTrue(single.err().contains("computes in float, and central differences need double precision"), single.err());

        Cli.Run other = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class",
                out.resolve("double/nnc/models/MlpSmall.java").toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, other.exit());
        assertTrue(other.err().contains("is the class of model MlpSmall (13002 parameters), not of HousePrice in models/regression.nn"), other.err());

        Path typo = Files.writeString(dir.resolve("Typo.java"), "package p;\npublic final class Typo {\n  int x = ;\n}\n");
        Cli.Run bad = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class", typo.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, bad.exit());
        assertTrue(bad.err().startsWith("error: " + typo + " does not compile:\n" + typo + ":3: "), bad.err());

        Cli.Run asModel = Cli.run(Cli.REAL, "gradcheck", typo.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, asModel.exit());
        assertEquals("nnc: gradcheck takes the model's .nn file; a class of your own goes with --class: nnc gradcheck MODEL.nn --class "
                + typo + "\n", asModel.err());

        Path plain = Files.writeString(dir.resolve("Plain.java"), "package p;\npublic final class Plain {}\n");
        Cli.Run none = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class", plain.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, none.exit());
        assertTrue(none.err().contains("holds no network class"), none.err());

        Cli.Run missing = Cli.run(Cli.REAL, "gradcheck", "models/regression.nn", "--class", dir.resolve("Nope.java").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, missing.exit(), "an I/O problem, as the README's table says");
        assertEquals("nnc: cannot read the --class source: " + dir.resolve("Nope.java") + ": no such file or directory\n", missing.err());
    }

    @Test
    void aLossThatIsNotFiniteIsSaidSo() {
        Report report = new Report("M", GradientCheck.Options.defaults(), Double.NaN, Double.NaN, List.of(
                new TensorResult("input", List.of(1, 1), 1, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, List.of(0, 0), Double.NaN, Double.NaN, 1e-5)));
        String text = GradcheckReport.render("M", "m.nn", report, List.of(), 0.1, Style.of(false));
        assertTrue(text.endsWith("\nFAIL: the loss is NaN at the checked point, so no gradient can be checked\n"), text);
    }
}
