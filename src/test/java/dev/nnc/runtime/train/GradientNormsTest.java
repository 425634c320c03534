package dev.nnc.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.ParamInfo;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layer's gradient norm during training: measured right, kept in the history, the checkpoint, the files and a plot. */
class GradientNormsTest {
    static final Settings TWO_EPOCHS = new Settings(16, 2, 4, true, 0.2, OptionalInt.empty(), 0, 1, OptionalInt.empty());

    @Test
    void theNormOfEachWeightTensorIsAveragedOverTheSampledBatches() {
        FloatNetwork net = TrainerTest.net(TWO_EPOCHS);
        List<ParamInfo> weights = net.parameters().stream().filter(ParamInfo::weight).toList();
        assertEquals(List.of("h.weight", "out.weight"), weights.stream().map(ParamInfo::name).toList());

        GradientNorms norms = new GradientNorms(net, 2 * GradientNorms.SAMPLES); // every second batch is measured
        float[] first = new float[net.paramCount()], second = new float[net.paramCount()], skipped = new float[net.paramCount()];
        Arrays.fill(first, 0.5f);
        Arrays.fill(second, -2f);
        Arrays.fill(skipped, 1000f);
        for (ParamInfo p : net.parameters()) if (!p.weight()) Arrays.fill(first, p.offset(), p.offset() + p.size(), 77f); // biases are not counted
        assertTrue(norms.means().isEmpty(), "nothing measured yet");
        norms.afterBackward(0, first);
        norms.afterBackward(1, skipped);
        norms.afterBackward(2, second);
        Map<String, Double> means = norms.means();
        assertEquals(List.of("h.weight", "out.weight"), List.copyOf(means.keySet()), "weight tensors only, in the network's order");
        for (ParamInfo w : weights) {
            double expected = (0.5 * Math.sqrt(w.size()) + 2 * Math.sqrt(w.size())) / 2; // ‖g‖₂ of a constant g is |g|·√size
            assertEquals(expected, means.get(w.name()), 1e-9 * expected, w.name());
        }
        // A hundred batches of any longer epoch, spread over it; every batch of a shorter one.
        for (int batches : new int[] {99, 100, 150, 199, 1875, 60_000}) {
            GradientNorms epoch = new GradientNorms(net, batches);
            long measured = java.util.stream.IntStream.range(0, batches).filter(epoch::measures).count();
            assertEquals(Math.min(batches, GradientNorms.SAMPLES), measured, batches + " batches");
        }
        assertEquals(3 * 3 + 4 * 4 + 5 * 5 + 7 * 7 + 1.0, GradientNorms.sumOfSquares(new float[] {9, 3, 4, 5, 7, 1, 1}, 1, 6), 0,
                "the partial sums and the tail");
    }

    @Test
    void everyEpochRecordsTheLossGradientOfEachLayer() {
        TrainingState done = new Trainer(TrainerTest.net(TWO_EPOCHS), TWO_EPOCHS, TrainerTest.TRAIN, TrainerTest.TEST, Listener.NONE)
                .run(TrainingState.fresh());
        for (EpochRecord r : done.history()) {
            assertEquals(List.of("h.weight", "out.weight"), List.copyOf(r.gradientNorms().keySet()));
            r.gradientNorms().values().forEach(v -> assertTrue(v > 0 && Double.isFinite(v), r.toString()));
        }
        TrainingState again = new Trainer(TrainerTest.net(TWO_EPOCHS), TWO_EPOCHS, TrainerTest.TRAIN, TrainerTest.TEST, Listener.NONE)
                .run(TrainingState.fresh());
        assertEquals(done.history().get(1).gradientNorms(), again.history().get(1).gradientNorms(), "deterministic, as the rest");
    }

    @Test
    void aSigmoidStackShowsItsGradientsVanishingTowardsTheInput() {
        String stack = """
                model Stack {
                  input [784]
                  dense h1(32) sigmoid
                  dense h2(32) sigmoid
                  dense h3(32) sigmoid
                  dense h4(32) sigmoid
                  dense out(10)
                  loss softmax_cross_entropy
                  optimizer sgd(lr: 0.1)
                  train(batch: 16, epochs: 1, seed: 1)
                }
                """;
        Settings one = new Settings(16, 1, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        FloatNetwork net = Networks.floatNetwork(TinyData.model(stack), 16);
        net.initialize(1);
        Map<String, Double> norms = new Trainer(net, one, TrainerTest.TRAIN, TrainerTest.TEST, Listener.NONE)
                .run(TrainingState.fresh()).history().get(0).gradientNorms();
        // From h2 on, the layers have the same size, so their norms compare directly (h1's 784 × 32 entries add up to more).
        List<Double> inOrder = List.copyOf(norms.values());
        for (int i = 2; i < inOrder.size(); i++) {
            assertTrue(inOrder.get(i - 1) < inOrder.get(i), "each layer's gradient is smaller than the next one's: " + norms);
        }
        assertTrue(norms.get("h1.weight") < norms.get("out.weight") / 20, "the first layer's gradient has all but vanished: " + norms);
    }

    @Test
    void theHistoryFilesHaveAColumnPerTensorAndOlderEpochsLeaveItEmpty(@TempDir Path dir) throws IOException {
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 0.9, 0.7, Double.NaN, Double.NaN, 0.8, 0.75, 2, 1000), // resumed from a checkpoint without norms
                new EpochRecord(2, 0.5, 0.8, Double.NaN, Double.NaN, 0.6, 0.82, 2, 1000, norms(0.25, 0.0625)));
        String[] csv = HistoryFiles.csv(history).split("\n");
        assertEquals(String.join(",", HistoryFiles.COLUMNS) + ",grad_norm:h.weight,grad_norm:out.weight", csv[0]);
        assertTrue(csv[1].endsWith(",1000.0,,"), csv[1]);
        assertTrue(csv[2].endsWith(",1000.0,0.25,0.0625"), csv[2]);

        JsonNode json = new ObjectMapper().readTree(HistoryFiles.json(history));
        assertTrue(json.get(0).get(HistoryFiles.GRADIENT_NORMS).isNull());
        assertEquals(0.0625, json.get(1).get(HistoryFiles.GRADIENT_NORMS).get("out.weight").asDouble());
        assertEquals(List.of("h.weight", "out.weight"), names(json.get(1).get(HistoryFiles.GRADIENT_NORMS)));
    }

    @Test
    void aCheckpointKeepsTheNormsAndOneOfVersionTwoReadsWithout(@TempDir Path dir) throws IOException {
        FloatNetwork net = TrainerTest.net(TWO_EPOCHS);
        EpochRecord record = new EpochRecord(1, 0.5, 0.8, 0.55, 0.79, 0.6, 0.82, 2, 1000, norms(0.25, 1e-7));
        TrainingState state = new TrainingState(1, List.of(record), Double.POSITIVE_INFINITY, 0, null);
        Path file = dir.resolve("c.nnck");
        Checkpoint.of(net, TWO_EPOCHS, Kernels.SCALAR, state).write(file);
        assertEquals(List.of(record), Checkpoint.read(file).state().history());

        // Version 2: the same file without the record's norms (a count and two names with their values), and its own CRC.
        Checkpoint.of(net, TWO_EPOCHS, Kernels.SCALAR, new TrainingState(1, List.of(withoutNorms(record)), Double.POSITIVE_INFINITY, 0, null))
                .write(file);
        byte[] v3 = OlderNnck.withoutArchitecture(Files.readAllBytes(file), net.modelName()); // which version 4 added
        byte[] v2 = Arrays.copyOf(v3, v3.length - 4 - 4); // the CRC, then the record's i32 count of norms (0)
        assertEquals(0, ByteBuffer.wrap(v3, v3.length - 8, 4).getInt());
        v2[5] = 2;
        CRC32 crc = new CRC32();
        crc.update(v2);
        Path old = Files.write(dir.resolve("v2.nnck"), ByteBuffer.allocate(v2.length + 4).put(v2).putInt((int) crc.getValue()).array());
        assertEquals(List.of(withoutNorms(record)), Checkpoint.read(old).state().history());
    }

    @Test
    void thePlotShowsEachTensorAndIsLeftOutWithoutNorms() throws IOException {
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 0.9, 0.7, Double.NaN, Double.NaN, 0.8, 0.75, 2, 1000, norms(1e-6, 0.3)),
                new EpochRecord(2, 0.5, 0.8, Double.NaN, Double.NaN, 0.6, 0.82, 2, 1000, norms(0, 0.2)));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(GradientPlot.png(history, "Tiny", OptionalInt.of(1)).orElseThrow()));
        assertNotNull(image);
        assertEquals(GradientPlot.WIDTH, image.getWidth());
        assertEquals(GradientPlot.HEIGHT, image.getHeight());
        assertTrue(GradientPlot.png(List.of(withoutNorms(history.get(0))), "Tiny", OptionalInt.empty()).isEmpty(), "no norms, no plot");
        assertTrue(GradientPlot.png(List.of(new EpochRecord(1, 2.3, 0.1, Double.NaN, Double.NaN, 2.3, 0.1, 1, 100, norms(0, 0))), "Dead", OptionalInt.empty())
                .isPresent(), "all zero: drawn on a plain axis");
        // The log10 axis is labelled with the norms themselves, between the powers of ten too.
        assertEquals(List.of("1e-6", "0.001", "0.00316", "0.1", "0.316", "1", "3.16", "100"),
                List.of(GradientPlot.norm(-6), GradientPlot.norm(-3), GradientPlot.norm(-2.5), GradientPlot.norm(-1), GradientPlot.norm(-0.5),
                        GradientPlot.norm(0), GradientPlot.norm(0.5), GradientPlot.norm(2)));
    }

    @Test
    void theSummaryNamesTheLastEpochsNorms() {
        EpochRecord last = new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.6, 0.82, 2, 1000, norms(0, 0.0123456));
        TrainingState state = new TrainingState(1, List.of(last), Double.POSITIVE_INFINITY, 0, null);
        Evaluation test = Evaluation.of(TrainerTest.net(TWO_EPOCHS), TrainerTest.TEST);
        String text = new RunSummary("Tiny", "tiny.nn", 1, false, state, test).text();
        assertTrue(text.contains("gradient norms h.weight 0, out.weight 0.0123 (epoch 1's mean; by epoch in gradients.png)\n"), text);
    }

    private static Map<String, Double> norms(double h, double out) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("h.weight", h);
        m.put("out.weight", out);
        return m;
    }

    private static EpochRecord withoutNorms(EpochRecord r) {
        return new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(), r.testLoss(),
                r.testAccuracy(), r.seconds(), r.samplesPerSecond());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
