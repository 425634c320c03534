package dev.nnc.runtime.train;

import dev.nnc.api.DoubleNetwork;
import dev.nnc.api.FloatNetwork;
import dev.nnc.api.TrainedWeights;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a program that embeds a generated class uses to load the weights {@code nnc train}
 * wrote, with the JDK alone ({@code dev.nnc.api}): the same parameters as the runtime's own
 * reader, into float and double networks, and a clear refusal of another model's file.
 */
class TrainedWeightsTest {
    @TempDir
    Path dir;

    /** A network whose parameters are not those of a fresh one, saved as nnc train saves them (inputs normalized 0.5, 0.25). */
    private Path trainedFile(FloatNetwork net) throws IOException {
        float[] values = net.params().clone();
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) values[i] += (float) random.nextGaussian();
        net.setParams(values);
        Settings s = new Settings(16, 1, 4, true, 0, java.util.OptionalInt.empty(), 0.5, 0.25, java.util.OptionalInt.empty());
        Path file = dir.resolve("weights.nnck");
        Checkpoint.of(net, s, Kernels.SCALAR, TrainingState.fresh()).write(file);
        return file;
    }

    @Test
    void loadsWhatTheRuntimeWroteIntoFloatAndDoubleNetworks() throws IOException {
        FloatNetwork trained = TrainerTest.net(TrainerTest.settings(1));
        Path file = trainedFile(trained);

        FloatNetwork fresh = Networks.floatNetwork(TrainerTest.MODEL, 4);
        assertFalse(java.util.Arrays.equals(trained.params(), fresh.params()));
        Files.copy(file, dir.resolve("checkpoint.nnck"));
        Files.move(file, dir.resolve("kept.nnck"));
        TrainedWeights.load(fresh, dir); // a run not finished: its checkpoint, as nnc eval --weights reads it
        assertArrayEquals(trained.params(), fresh.params());
        fresh.initialize(1);
        Files.move(dir.resolve("kept.nnck"), file);
        TrainedWeights.Scaling scaling = TrainedWeights.load(fresh, dir); // the run folder stands for its weights.nnck
        assertEquals(new TrainedWeights.Scaling(0.5, 0.25), scaling, "the run's normalization, for the program's inputs");
        assertArrayEquals(new float[] {-2, 0, 2}, scaling.apply(new float[] {0, 0.5f, 1}));
        assertArrayEquals(trained.params(), fresh.params());
        assertArrayEquals(Checkpoint.read(file).params(), fresh.params(), "the same as the runtime's reader");
        float[] x = new float[784];
        x[300] = 1;
        assertArrayEquals(trained.predict(x), fresh.predict(x), "derived copies refreshed: the same predictions");

        DoubleNetwork wide = Networks.doubleNetwork(TrainerTest.MODEL, 4);
        TrainedWeights.load(wide, file);
        for (int i = 0; i < trained.params().length; i++) assertEquals(trained.params()[i], wide.params()[i]);
    }

    @Test
    void anotherModelsOrADamagedFileIsRefused() throws IOException {
        Path file = trainedFile(TrainerTest.net(TrainerTest.settings(1)));

        FloatNetwork renamed = Networks.floatNetwork(TinyData.model(TinyData.MLP.replace("model Tiny", "model Other")), 4);
        var e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(renamed, file));
        assertEquals(file + " holds the weights of model Tiny, not of Other", e.getMessage());

        FloatNetwork wider = Networks.floatNetwork(TinyData.model(TinyData.MLP.replace("dense h(784 -> 16)", "dense h(784 -> 32)")), 4);
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(wider, file));
        assertTrue(e.getMessage().contains("holds the weights of another version of model Tiny"), e.getMessage());

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Path damaged = Files.write(dir.resolve("damaged.nnck"), bytes);
        FloatNetwork net = Networks.floatNetwork(TrainerTest.MODEL, 4);
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, damaged));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, Files.writeString(dir.resolve("x.nnck"), "hello")));
        assertTrue(e.getMessage().contains("not an nnc weights file"), e.getMessage());
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, Files.writeString(dir.resolve("y.nnck"), "NNCK!")));
        assertTrue(e.getMessage().contains("ends too early"), e.getMessage());
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, dir.resolve("none.nnck")));
        assertTrue(e.getMessage().endsWith("none.nnck does not exist"), e.getMessage());
        Path runs = Files.createDirectories(dir.resolve("runs")); // the folder of the runs, not one run
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, runs));
        assertEquals(runs + " holds no weights.nnck or checkpoint.nnck: give a run folder of nnc train (runs/<model>-<time>/) or a .nnck file",
                e.getMessage());
        Path aFile = Files.writeString(dir.resolve("afile"), "not a folder");
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(net, aFile.resolve("weights.nnck")));
        assertEquals(aFile.resolve("weights.nnck") + " cannot be read: Not a directory", e.getMessage(), "a BadWeights, as every other");
    }

    /** A class generated by nnc carries its model's hash: weights of another version of the model are refused. */
    @Test
    void aClassOfAnEditedModelIsRefusedAndOneOfTheSameTokensIsNot() throws IOException {
        FloatNetwork trained = TrainerTest.net(TrainerTest.settings(1));
        Path file = trainedFile(trained);

        FloatNetwork same = compiled(TinyData.MLP.replace("model Tiny {", "# a comment changes no token\nmodel Tiny {"), "same");
        assertFalse(same.modelHash().isEmpty(), "nnc's classes carry the hash");
        TrainedWeights.load(same, file);
        assertArrayEquals(trained.params(), same.params());

        FloatNetwork edited = compiled(TinyData.MLP.replace("dense h(784 -> 16) relu", "dense h(784 -> 16) tanh"), "edited");
        assertEquals(trained.paramCount(), edited.paramCount(), "the same name and count: only the hash tells them apart");
        var e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(edited, file));
        assertTrue(e.getMessage().contains("holds the weights of another version of model Tiny"), e.getMessage());
    }

    /**
     * What weights depend on is the architecture: a model whose optimizer, learning rate, train(...), initializers,
     * dropout rate or layer names were edited since the run still loads them; its loss is part of it (it says what the
     * outputs mean). Files of format 3 recorded only the whole model's hash, and are compared by that.
     */
    @Test
    void weightsLoadIntoAClassWhoseTrainingWasEditedButNotOneWhoseArchitectureWas() throws IOException {
        FloatNetwork trained = TrainerTest.net(TrainerTest.settings(1));
        Path file = trainedFile(trained);
        String retrained = TinyData.MLP.replace("adam(lr: 0.01)", "sgd(lr: 0.5, momentum: 0.9)")
                .replace("epochs: 3, seed: 4", "epochs: 30, seed: 9").replace("dropout(0.1)", "dropout(0.5)")
                .replace("dense h(784 -> 16) relu", "dense hidden(784 -> 16, init: xavier) relu");
        FloatNetwork edited = compiled(retrained, "retrained");
        assertFalse(edited.modelHash().equals(trained.modelHash()), "another model, token by token");
        assertEquals(trained.architectureHash(), edited.architectureHash());
        TrainedWeights.load(edited, file);
        assertArrayEquals(trained.params(), edited.params());

        FloatNetwork otherLoss = compiled(TinyData.MLP.replace("loss softmax_cross_entropy", "loss bce_with_logits"), "loss");
        var e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(otherLoss, file));
        assertTrue(e.getMessage().contains("its input, layers or loss changed since the run"), e.getMessage());

        Path older = Files.write(dir.resolve("v3.nnck"), OlderNnck.formatThree(Files.readAllBytes(file), "Tiny"));
        TrainedWeights.load(compiled(TinyData.MLP, "unchanged"), older);
        e = assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.load(edited, older));
        assertTrue(e.getMessage().contains("its layers or settings changed since the run (a file of format 3 records the whole model"),
                "format 3 pins the whole model: " + e.getMessage());
    }

    private static FloatNetwork compiled(String source, String pkg) {
        var result = dev.nnc.NncCompiler.compile(new dev.nnc.diag.SourceFile("tiny.nn", source),
                dev.nnc.codegen.GeneratorOptions.defaults().withPackage("test.weights." + pkg));
        return dev.nnc.runtime.JavaSourceCompiler.compile(java.util.List.of(result.javaFile().orElseThrow()))
                .newNetwork("test.weights." + pkg + ".Tiny", FloatNetwork.class, 4);
    }

    /**
     * A file that cannot be weights is refused before it is read, by the api jar and by nnc: a device ({@code /dev/zero}
     * filled the heap), a file larger than one array (3 GB: "out of memory, give the JVM more"); one that fits an array but
     * not the heap is refused as such, not thrown as an OutOfMemoryError at a server that loads what users upload.
     */
    @Test
    void whatCannotBeAWeightsFileIsRefusedBeforeItIsRead() throws Exception {
        Path zero = Path.of("/dev/zero");
        assertEquals("/dev/zero is not a regular file (a device or a pipe), so no nnc weights file",
                assertThrows(TrainedWeights.BadWeights.class, () -> TrainedWeights.read(zero, null)).getMessage());
        assertEquals("/dev/zero is not a regular file (a device or a pipe), so no nnc checkpoint or weights file",
                assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(zero)).getMessage());
        Path huge = dir.resolve("huge.nnck");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk is used
        }
        assertEquals(huge + " is 3,221,225,472 bytes, more than an nnc checkpoint or weights file can be (2,147,483,639)",
                assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.read(huge)).getMessage());

        Path large = dir.resolve("large.nnck"), other = dir.resolve("dataset.bin");
        for (Path f : List.of(large, other)) {
            try (var file = new java.io.RandomAccessFile(f.toFile(), "rw")) {
                if (f == large) file.write("NNCK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                file.setLength(200L << 20);
            }
        }
        assertEquals("refused: " + large + " (209,715,200 bytes) does not fit in the memory of this JVM: give it more (-Xmx), or check"
                + " that it is the weights file meant", readInASmallHeap(large));
        // Something else, as large: refused from its first bytes, not read whole first (a 1.5 GB file took 3 GB).
        assertEquals("refused: " + other + " is not an nnc weights file (it does not start with NNCK)", readInASmallHeap(other));
    }

    private static String readInASmallHeap(Path file) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), ReadWeightsBounded.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, jvm.waitFor(), out);
        return out;
    }
}
