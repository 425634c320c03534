package dev.nnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nnc.ir.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nnc summary} and {@code nnc ir}, on models built by hand as the checker builds them. */
class ModelCommandsTest {
    @TempDir
    Path dir;

    @Test
    void summaryOfMlpSmall() {
        Cli.Run run = Cli.run(Cli.checkingTo(IrFixtures.mlpSmall()), "summary", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertEquals("", run.err());
        String table = run.out();
        assertTrue(table.startsWith("model MlpSmall (models/mlp_small.nn)\n"), table);
        assertTrue(table.matches("(?s).*\nlayer +kind +output shape +weight shape +parameters\n.*"), table);
        assertTrue(table.matches("(?s).*\nh1 +dense +\\[16\\] +\\[16, 784\\] +12,560\n.*"), table);
        assertTrue(table.matches("(?s).*\nrelu_1 +relu +\\[16\\] +- +0\n.*"), table);
        assertTrue(table.matches("(?s).*\nout +dense +\\[10\\] +\\[10, 16\\] +170\n.*"), table);
        assertTrue(table.matches("(?s).*\ntotal params: +13,002\n.*"), table);
        assertTrue(table.matches("(?s).*\ntrainable params: +13,002\n.*"), table);
        assertTrue(table.matches("(?s).*\nforward FLOPs per sample: +" + SummaryTable.number(IrFixtures.mlpSmall().flops()) + "\n.*"), table);
        assertTrue(table.matches("(?s).*\ninput shape: +\\[784\\]\n.*"), table);
    }

    @Test
    void summaryOfTheSampleModelsFromTheRealChecker() {
        Cli.Run mlp = Cli.run(Cli.REAL, "summary", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, mlp.exit(), mlp.err());
        assertTrue(mlp.out().matches("(?s).*\ntotal params: +13,002\n.*"), mlp.out());

        Cli.Run cnn = Cli.run(Cli.REAL, "summary", "models/cnn.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, cnn.exit(), cnn.err());
        assertTrue(cnn.out().matches("(?s).*\ntotal params: +426,122\n.*"), cnn.out());
        assertTrue(cnn.out().matches("(?s).*\nfc1 +dense +\\[128\\] +\\[128, 3136\\] +401,536\n.*"), cnn.out());
    }

    @Test
    void summaryShowsWarningsOnStderrAndStillPrintsTheTable() {
        Cli.Run run = Cli.run(Cli.REAL, "summary", "src/test/resources/bad/lints.nn");
        assertEquals(ExitCodes.OK, run.exit());
        assertTrue(run.err().contains("warning[NN0501]"), run.err());
        assertTrue(run.out().startsWith("model Lints "), run.out());
    }

    @Test
    void irOfARealModelRoundTripsAsJson() throws IOException {
        Cli.Run run = Cli.run(Cli.REAL, "ir", "--format", "json", "models/cnn.nn");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        JsonNode ir = new ObjectMapper().readTree(run.out());
        assertEquals("Cnn", ir.get("name").asText());
        assertEquals("conv2d", ir.get("layers").get(0).get("kind").asText());
        assertEquals("[16, 1, 3, 3]", ir.get("layers").get(0).get("weight").get("shape").asText());
        // Only the hyperparameters of the rule: Adam's betas and eps, no momentum or rho at 0.0.
        JsonNode optimizer = ir.get("optimizer");
        assertEquals("adam", optimizer.get("kind").asText());
        assertEquals(0.9, optimizer.get("beta1").asDouble());
        assertTrue(optimizer.get("momentum") == null && optimizer.get("rho") == null, optimizer.toString());
        assertEquals(15, optimizer.get("source").get("line").asInt(), "located at models/cnn.nn:15");
        JsonNode init = ir.get("layers").get(0).get("weight").get("init");
        assertEquals("he", init.get("kind").asText());
        assertTrue(init.get("scale") == null, "he has no scale of its own: " + init);

        // A tensor given by literal values is not initialized.
        Cli.Run tiny = Cli.run(Cli.REAL, "ir", "--format", "json", "models/seed_tiny.nn");
        JsonNode hidden = new ObjectMapper().readTree(tiny.out()).get("layers").get(0).get("weight");
        assertTrue(hidden.get("init").isNull() && hidden.get("values").isArray(), hidden.toString());
    }

    @Test
    void summaryOfCnnShowsConvolutionWeights() {
        Cli.Run run = Cli.run(Cli.checkingTo(IrFixtures.cnn()), "summary", "models/cnn.nn");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().matches("(?s).*\nc1 +conv2d +\\[16, 28, 28\\] +\\[16, 1, 3, 3\\] +160\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\nflatten_\\d+ +flatten +\\[3136\\] +- +0\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*\nfc1 +dense +\\[128\\] +\\[128, 3136\\] +401,536\n.*"), run.out());
        assertTrue(run.out().contains("total params:             426,122\n"), run.out());
    }

    @Test
    void columnsLineUp() {
        String[] lines = SummaryTable.render(IrFixtures.cnn()).split("\n");
        int width = lines[1].length();
        for (int i = 2; i < lines.length && !lines[i].startsWith("="); i++) {
            assertEquals(width, lines[i].length(), "row " + i + ": '" + lines[i] + "'");
        }
    }

    @Test
    void inferenceOnlyModelHasNoTrainableParameters() {
        String table = SummaryTable.render(IrFixtures.inferenceOnly());
        assertTrue(table.matches("(?s).*\ntotal params: +3\n.*"), table);
        assertTrue(table.matches("(?s).*\ntrainable params: +0 \\(no loss and optimizer: inference only\\)\n.*"), table);
    }

    @Test
    void summaryOfAFileWithErrorsPrintsDiagnosticsAndExitsOne() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.nn"), CheckCommandTest.SYNTAX_ERROR);
        Cli.Run run = Cli.run(Cli.REAL, "summary", bad.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.err().contains("NN0002"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void summaryOfAMissingFileExitsTwo() {
        Cli.Run run = Cli.run(Cli.REAL, "summary", dir.resolve("nope.nn").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void summaryOfADirectoryPointsToCheck() {
        Cli.Run run = Cli.run(Cli.REAL, "summary", "models").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("`models` is a directory") && run.err().contains("`nnc check models`"), run.err());
    }

    @Test
    void aCheckerThatReturnsNothingIsAnInternalError() {
        Cli.Run run = Cli.run(Cli.reporting(source -> java.util.List.of()), "summary", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.INTERNAL, run.exit());
        assertTrue(run.err().startsWith("nnc: internal error: the checker returned neither a model nor an error"), run.err());
    }

    @Test
    void irAsYamlByDefault() throws IOException {
        Cli.Run run = Cli.run(Cli.checkingTo(IrFixtures.mlpSmall()), "ir", "models/mlp_small.nn").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("name: MlpSmall\n"), run.out());
        assertDumpOfMlpSmall(new YAMLMapper().readTree(run.out()));
    }

    @Test
    void irAsJson() throws IOException {
        Cli.Run run = Cli.run(Cli.checkingTo(IrFixtures.mlpSmall()), "ir", "--format", "json", "models/mlp_small.nn");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertDumpOfMlpSmall(new ObjectMapper().readTree(run.out()));
    }

    private static void assertDumpOfMlpSmall(JsonNode ir) {
        Model model = IrFixtures.mlpSmall();
        assertEquals("MlpSmall", ir.get("name").asText());
        assertEquals("[784]", ir.get("input").asText(), "shapes are written as the language writes them");
        JsonNode h1 = ir.get("layers").get(0);
        assertEquals("dense", h1.get("kind").asText(), "each layer says its kind");
        assertEquals("h1", h1.get("name").asText());
        assertEquals("[16, 784]", h1.get("weight").get("shape").asText());
        assertEquals("[16]", h1.get("bias").get("shape").asText(), "a present Optional is its value");
        assertTrue(h1.get("weight").get("values").isNull(), "an empty Optional is null");
        assertEquals("relu", ir.get("layers").get(1).get("function").asText(), "enums in the language's spelling");
        assertEquals(model.layers().size(), ir.get("layers").size());
        assertEquals(model.params().size(), ir.get("params").size());
        assertEquals("softmax_cross_entropy", ir.get("loss").get("kind").asText());
        assertTrue(ir.get("training").get("earlyStop").isNull(), "an empty OptionalInt is null");
        assertEquals(32, ir.get("training").get("batch").asInt());
    }
}
