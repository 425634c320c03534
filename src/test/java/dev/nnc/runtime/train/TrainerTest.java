package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop on a small synthetic problem: it learns, it is deterministic, it resumes exactly. */
class TrainerTest {
    static final Samples TRAIN = TinyData.make(600, 1);
    static final Samples TEST = TinyData.make(200, 2);
    static final Model MODEL = TinyData.model(TinyData.MLP);

    /** The checkpoint of the tiny model before any training, written in {@code dir}. */
    private static Path freshCheckpoint(Path dir) throws IOException {
        Settings s = settings(1);
        Path file = dir.resolve("c.nnck");
        Checkpoint.of(net(s), s, Kernels.SCALAR, TrainingState.fresh()).write(file);
        return file;
    }

    static FloatNetwork net(Settings s) {
        FloatNetwork net = Networks.floatNetwork(MODEL, s.batch());
        net.initialize(s.seed());
        return net;
    }

    static Settings settings(int epochs) {
        return new Settings(16, epochs, 4, true, 0.2, OptionalInt.empty(), 0, 1, OptionalInt.empty());
    }

    @Test
    void learnsAndReportsEveryEpoch() {
        Settings s = settings(3);
        List<EpochRecord> seen = new ArrayList<>();
        TrainingState done = new Trainer(net(s), s, TRAIN, TEST, new Listener() {
            @Override
            public void epochDone(EpochRecord record, TrainingState state) { seen.add(record); }
        }).run(TrainingState.fresh());
        assertEquals(3, done.epochsDone());
        assertEquals(done.history(), seen);
        EpochRecord last = seen.get(2);
        assertTrue(last.testAccuracy() > 0.9, "far above chance (0.1): " + last);
        assertTrue(last.trainLoss() < seen.get(0).trainLoss(), "the loss falls");
        assertTrue(last.hasValidation());
        assertEquals(480, (int) Math.round(last.samplesPerSecond() * last.seconds()), "80% of 600 are trained on");
    }

    @Test
    void theSameSeedGivesTheSameHistoryToTheLastDigit() {
        Settings s = settings(2);
        TrainingState a = new Trainer(net(s), s, TRAIN, TEST, Listener.NONE).run(TrainingState.fresh());
        TrainingState b = new Trainer(net(s), s, TRAIN, TEST, Listener.NONE).run(TrainingState.fresh());
        for (int i = 0; i < 2; i++) {
            EpochRecord x = a.history().get(i), y = b.history().get(i);
            assertEquals(x.trainLoss(), y.trainLoss());
            assertEquals(x.valLoss(), y.valLoss());
            assertEquals(x.testAccuracy(), y.testAccuracy());
        }
    }

    @Test
    void aResumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Settings s = settings(3);
        FloatNetwork whole = net(s);
        new Trainer(whole, s, TRAIN, TEST, Listener.NONE).run(TrainingState.fresh());

        // Stop after epoch 1, write the checkpoint, read it into a fresh network, go on.
        Settings one = new Settings(16, 1, 4, true, 0.2, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        FloatNetwork first = net(s);
        TrainingState after1 = new Trainer(first, one, TRAIN, TEST, Listener.NONE).run(TrainingState.fresh());
        Path file = dir.resolve("checkpoint.nnck");
        Checkpoint.of(first, s, Kernels.SCALAR, after1).write(file);

        Checkpoint saved = Checkpoint.read(file);
        FloatNetwork resumed = Networks.floatNetwork(MODEL, s.batch());
        saved.checkFits(resumed, TinyData.MLP, file);
        saved.restore(resumed);
        new Trainer(resumed, saved.settings(), TRAIN, TEST, Listener.NONE).run(saved.state());
        assertArrayEquals(whole.params(), resumed.params());
        assertArrayEquals(whole.optimizerState(), resumed.optimizerState());
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        // A learning rate so large that the validation loss soon stops improving.
        Settings s = new Settings(16, 30, 4, true, 0.3, OptionalInt.of(2), 0, 1, OptionalInt.empty());
        Model wild = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(0.3), Optional.empty()).apply(MODEL);
        FloatNetwork net = Networks.floatNetwork(wild, 16);
        net.initialize(4);
        int[] stopped = {0, 0};
        List<float[]> weightsAfter = new java.util.ArrayList<>(); // after each epoch, as the trainer left them
        TrainingState done = new Trainer(net, s, TRAIN, TEST, new Listener() {
            @Override
            public void epochDone(EpochRecord record, TrainingState state) { weightsAfter.add(net.params().clone()); }

            @Override
            public void stoppedEarly(int epoch, int best) { stopped[0] = epoch; stopped[1] = best; }
        }).run(TrainingState.fresh());
        assertTrue(stopped[0] > 0 && stopped[0] < 30, "stopped early, at epoch " + stopped[0]);
        assertEquals(stopped[0] - 2, stopped[1], "patience 2");
        assertArrayEquals(weightsAfter.get(stopped[1] - 1), net.params(), "the best epoch's weights are back");
        assertFalse(java.util.Arrays.equals(weightsAfter.get(stopped[0] - 1), net.params()), "not the last epoch's");
        double best = done.history().stream().mapToDouble(EpochRecord::valLoss).min().orElseThrow();
        assertEquals(best, done.bestValLoss());
    }

    @Test
    void aDivergingRunStopsNamingTheEpochBatchAndLayer() {
        Model exploding = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(1e30), Optional.empty()).apply(MODEL);
        Settings s = settings(3);
        FloatNetwork net = Networks.floatNetwork(exploding, 16);
        net.initialize(4);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> new Trainer(net, s, TRAIN, TEST, Listener.NONE).run(TrainingState.fresh()));
        assertEquals(1, e.epoch);
        assertTrue(e.batch >= 2, "the first batch still has finite weights: " + e.batch);
        int bad = net.layerNames().indexOf(e.firstBadLayer);
        assertTrue(bad >= 0, e.firstBadLayer + " is a layer of " + net.layerNames());
        for (int i = 0; i <= bad; i++) {
            boolean finite = true;
            for (int j = 0; j < 16 * net.layerSize(i); j++) { // the batch that failed (16 samples, or fewer and older finite ones)
                finite &= Float.isFinite(net.layerOutput(i)[j]);
            }
            assertEquals(i < bad, finite, "layers before " + e.firstBadLayer + " are finite, it is not: layer " + net.layerNames().get(i));
        }
        assertTrue(e.getMessage().contains("epoch 1, batch " + e.batch), e.getMessage());
    }

    @Test
    void theLimitAndTheValidationSplitDecideTheSamples() {
        Settings s = new Settings(16, 1, 4, true, 0.25, OptionalInt.empty(), 0, 1, OptionalInt.of(400));
        Trainer t = new Trainer(net(s), s, TRAIN, TEST, Listener.NONE);
        assertEquals(300, t.trainingSamples().n());
        assertEquals(100, t.validationSamples().orElseThrow().n());
    }

    @Test
    void aCheckpointFromAnotherModelIsRefused(@TempDir Path dir) throws IOException {
        Path file = freshCheckpoint(dir);
        String other = TinyData.MLP.replace("dense h(784 -> 16)", "dense h(784 -> 32)");
        FloatNetwork b = Networks.floatNetwork(TinyData.model(other), 16);
        Checkpoint.BadCheckpoint e = assertThrows(Checkpoint.BadCheckpoint.class,
                () -> Checkpoint.read(file).checkFits(b, other, file));
        assertTrue(e.getMessage().contains("different version of model Tiny"), e.getMessage());
    }

    @Test
    void aCheckpointRecordsItsKernelsAndVersionOneFilesStillRead(@TempDir Path dir) throws IOException {
        Settings s = settings(1);
        FloatNetwork net = net(s);
        Path file = dir.resolve("c.nnck");
        Checkpoint.of(net, s, Kernels.VECTOR, TrainingState.fresh()).write(file);
        Checkpoint v2 = Checkpoint.read(file);
        assertEquals(Optional.of(Kernels.VECTOR), v2.kernels());
        assertTrue(v2.settings().lr().isEmpty(), "the model's own learning rate");
        Settings withLr = new Settings(16, 1, 4, true, 0.2, OptionalInt.empty(), 0, 1, OptionalInt.empty(), java.util.OptionalDouble.of(0.5));
        Checkpoint.of(net, withLr, Kernels.SCALAR, TrainingState.fresh()).write(dir.resolve("lr.nnck"));
        assertEquals(withLr, Checkpoint.read(dir.resolve("lr.nnck")).settings(), "--lr is kept: the class must be made with it again");

        // A version-1 file: the same bytes without the learning rate and the kernels byte (they follow
        // the i32 limit and come just before the parameter count), version 1, and its own CRC.
        byte[] bytes = Files.readAllBytes(file);
        int kernelsAt = bytes.length - 4 - (4 + net.paramCount() * 4) - (4 + net.optimizerStateSize() * 4)
                - (8 + 4 + 4) - 4 - 1;
        assertEquals(1, bytes[kernelsAt], "the kernels byte sits just before the parameters");
        assertTrue(Double.isNaN(java.nio.ByteBuffer.wrap(bytes, kernelsAt - 8, 8).getDouble()), "no --lr: NaN before it");
        java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
        old.write(bytes, 0, kernelsAt - 8);
        old.write(bytes, kernelsAt + 1, bytes.length - 4 - kernelsAt - 1);
        byte[] v1 = OlderNnck.withoutArchitecture(old.toByteArray(), net.modelName()); // nor the architecture
        v1[5] = 1; // u16 version after the magic
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1);
        Path oldFile = Files.write(dir.resolve("v1.nnck"), java.nio.ByteBuffer.allocate(v1.length + 4).put(v1).putInt((int) crc.getValue()).array());
        Checkpoint read = Checkpoint.read(oldFile);
        assertTrue(read.kernels().isEmpty(), "version 1 did not record the kernels");
        assertArrayEquals(v2.params(), read.params());
        assertArrayEquals(v2.params(), dev.nnc.api.TrainedWeights.read(oldFile, net).params(), "the API's reader knows version 1 too");
        assertArrayEquals(v2.params(), dev.nnc.api.TrainedWeights.read(file, net).params());
        assertEquals(v2.settings(), read.settings());

        byte[] future = bytes.clone();
        future[5] = (byte) (dev.nnc.api.NnckFile.VERSION + 1);
        crc.reset();
        crc.update(future, 0, future.length - 4);
        java.nio.ByteBuffer.wrap(future).putInt(future.length - 4, (int) crc.getValue());
        Path newer = Files.write(dir.resolve("future.nnck"), future);
        String message = assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(newer)).getMessage();
        assertTrue(message.contains("format version " + (dev.nnc.api.NnckFile.VERSION + 1)) && message.contains("newer nnc"), message);
    }

    @Test
    void aCheckpointLoadsIntoTheSameModelWithOtherCommentsAndLayout(@TempDir Path dir) throws IOException {
        Path file = freshCheckpoint(dir);
        String commented = "# my notes\n\n" + TinyData.MLP.replace("\n", "   // a remark\n\n").replace("  ", "    ");
        Checkpoint.read(file).checkFits(Networks.floatNetwork(TinyData.model(commented), 16), commented, file); // no exception
        String changed = TinyData.MLP.replace("relu", "tanh"); // the same parameters: only the hash tells
        var e = assertThrows(Checkpoint.BadCheckpoint.class,
                () -> Checkpoint.read(file).checkFits(Networks.floatNetwork(TinyData.model(changed), 16), changed, file));
        assertTrue(e.getMessage().contains("a different version of model Tiny"), e.getMessage());
    }

    /**
     * A model whose training settings were edited since the run: its weights serve it (eval, predict), but a resume
     * goes on with the model it was trained with, and says so; a file of format 3 recorded only the whole model.
     */
    @Test
    void editedTrainingSettingsKeepTheWeightsUsableButNotResumable(@TempDir Path dir) throws IOException {
        Path file = freshCheckpoint(dir);
        String retuned = TinyData.MLP.replace("adam(lr: 0.01)", "adam(lr: 0.003)");
        FloatNetwork b = Networks.floatNetwork(TinyData.model(retuned), 16);
        Checkpoint saved = Checkpoint.read(file);
        saved.loadWeightsInto(b, retuned, file); // no exception
        assertArrayEquals(saved.params(), b.params());
        var e = assertThrows(Checkpoint.BadCheckpoint.class, () -> saved.checkFits(b, retuned, file));
        assertTrue(e.getMessage().contains("was saved from model Tiny before an edit of what shapes training but not"
                + " what the weights compute (its optimizer, train(...), initializers, dropout or layer names); a run resumes with"
                + " the model it was trained with"), e.getMessage());

        Path older = Files.write(dir.resolve("v3.nnck"), OlderNnck.formatThree(Files.readAllBytes(file), "Tiny"));
        e = assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(older).loadWeightsInto(b, retuned, older));
        assertTrue(e.getMessage().contains("it was written by an nnc before 2026-12-07, whose files record the whole model"),
                e.getMessage());
        Checkpoint.read(older).loadWeightsInto(Networks.floatNetwork(TinyData.model(TinyData.MLP), 16), TinyData.MLP, older);
    }

    @Test
    void damagedCheckpointsAreDetectedAndLeftAlone(@TempDir Path dir) throws IOException {
        Settings s = settings(1);
        Path file = dir.resolve("c.nnck");
        Checkpoint.of(net(s), s, Kernels.SCALAR, TrainingState.fresh()).write(file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Path bitFlip = Files.write(dir.resolve("flip.nnck"), flipped);
        assertTrue(assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(bitFlip)).getMessage().contains("damaged"));
        assertArrayEquals(flipped, Files.readAllBytes(bitFlip), "the damaged file is not modified");

        Path truncated = Files.write(dir.resolve("short.nnck"), java.util.Arrays.copyOf(good, good.length - 100));
        assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(truncated));
        Path notOurs = Files.writeString(dir.resolve("x.nnck"), "hello");
        assertTrue(assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(notOurs)).getMessage().contains("not an nnc checkpoint"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
