package dev.nnc.cli;

import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnc train}, {@code eval} and {@code predict} end to end on the real MNIST files of
 * {@code ../shared/mnist}: one epoch of MlpSmall on 10,000 images must land far above chance.
 */
class TrainCommandTest {
    static final Path MNIST = Path.of("..", "shared", "mnist");

    @TempDir
    Path dir;

    static double accuracy(String out) {
        Matcher m = Pattern.compile("(?m)^test accuracy ([0-9.]+)%").matcher(out);
        assertTrue(m.find(), "no test accuracy line in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /** A finished one-epoch run of MlpSmall on {@code limit} images: its folder. */
    private Path oneEpochRun(int limit) throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--epochs", "1", "--limit", String.valueOf(limit)).withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        return onlyRun();
    }

    /** {@code nnc train ARGS} on the shared MNIST, keeping the run under this test's folder. */
    private Cli.Run train(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data", MNIST.toString(), "--out", dir.resolve("runs").toString()));
        return Cli.run(Cli.REAL, all.toArray(String[]::new));
    }

    /**
     * A resume or an --out that cannot work whatever the data is refused before MNIST is loaded: it was refused after,
     * so a user without MNIST waited for its download to hear that the checkpoint was another model's. Here --data
     * names an empty folder, whose refusal ("nnc downloads nothing") would come first if MNIST were still read first.
     */
    @Test
    void whatFailsWhateverTheDataIsRefusedBeforeMnistIsRead() throws IOException {
        Path folder = oneEpochRun(2000);
        String empty = Files.createDirectories(dir.resolve("no-mnist")).toString();
        Cli.Run other = Cli.run(Cli.REAL, "train", "models/mlp.nn", "--resume", folder.toString(), "--data", empty).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, other.exit(), other.err());
        assertTrue(other.err().contains("was saved from model MlpSmall, not Mlp"), other.err());
        Cli.Run kernels = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--vector", "--data", empty)
                .withoutStackTrace();
        assertTrue(kernels.err().contains("was trained with the plain kernels (no --vector)"), kernels.err());
        Cli.Run noRun = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", empty, "--data", empty).withoutStackTrace();
        assertTrue(noRun.err().contains("is not a run folder of `nnc train`"), noRun.err());
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run outIsAFile = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--out", file.resolve("runs").toString(), "--data", empty)
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, outIsAFile.exit(), outIsAFile.err());
        assertTrue(outIsAFile.err().contains("cannot create the folder " + file.resolve("runs") + " for run folders: " + file
                + " is a file, not a folder"), outIsAFile.err());
        assertEquals("mine", Files.readString(file));
        for (Cli.Run run : List.of(other, kernels, noRun, outIsAFile)) {
            assertFalse(run.err().contains("MNIST") || run.err().contains("downloads nothing"), "refused before the data: " + run.err());
        }
    }

    /** eval of a run that another nnc is training says so, not only that it "has not finished". */
    @Test
    void evalOfARunBeingTrainedSaysItIsStillTraining() throws IOException {
        Path folder = oneEpochRun(2000);
        Path checkpoint = folder.resolve(dev.nnc.runtime.train.RunFolder.CHECKPOINT);
        var saved = dev.nnc.runtime.train.Checkpoint.read(checkpoint);
        Files.write(checkpoint, saved.withSettings(saved.settings().withEpochs(5)).toBytes()); // 1 of 5 epochs done
        Files.delete(folder.resolve(dev.nnc.runtime.train.RunFolder.WEIGHTS));
        Cli.Run stopped = Cli.run(Cli.REAL, "eval", folder.toString(), "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, stopped.exit(), stopped.err());
        assertTrue(stopped.err().contains("(its run has not finished): using checkpoint.nnck, the weights after epoch 1 of 5"), stopped.err());
        try (var training = dev.nnc.runtime.train.RunFolder.open(folder)) {
            training.lock(); // as a training holds it
            Cli.Run during = Cli.run(Cli.REAL, "eval", folder.toString(), "--data", MNIST.toString()).withoutStackTrace();
            assertEquals(ExitCodes.OK, during.exit(), during.err());
            assertTrue(during.err().contains("has no weights.nnck yet (its run is still training): using checkpoint.nnck"), during.err());
            Files.delete(checkpoint); // as in its first epoch
            Cli.Run first = Cli.run(Cli.REAL, "eval", folder.toString(), "--data", MNIST.toString()).withoutStackTrace();
            assertTrue(first.err().contains("its run is still in its first epoch; its weights come at the end of it"), first.err());
        }
    }

    /** A run folder stands for its model with --resume (as it does for eval and predict); given as the model, it gets the way. */
    @Test
    void aRunFolderAloneIsResumedAndAsTheModelGetsAHint() throws IOException {
        Path folder = oneEpochRun(2000);
        Cli.Run asModel = Cli.run(Cli.REAL, "train", folder.toString(), "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, asModel.exit());
        assertTrue(asModel.err().contains(folder + " is a run folder, not a model: to continue it, nnc train --resume " + folder), asModel.err());
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "--resume", folder.toString(), "--epochs", "2", "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("after 2 epochs"), resumed.out());
        // Without the model, a --resume that is no run gets the run folder's own messages (it got "cannot read nope/model.nn").
        Cli.Run missing = Cli.run(Cli.REAL, "train", "--resume", dir.resolve("nope").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, missing.exit());
        assertTrue(missing.err().contains("there is no run folder " + dir.resolve("nope") + " (it does not exist)"), missing.err());
        Cli.Run aFile = Cli.run(Cli.REAL, "train", "--resume", "models/mlp_small.nn").withoutStackTrace();
        assertTrue(aFile.err().contains("models/mlp_small.nn is a file, not a run folder"), aFile.err());
        Files.delete(folder.resolve("model.nn"));
        Cli.Run noModel = Cli.run(Cli.REAL, "train", "--resume", folder.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noModel.exit());
        assertTrue(noModel.err().contains(folder + " keeps no model.nn; give the model it was trained from: nnc train MODEL.nn --resume "
                + folder), noModel.err());
        Cli.Run nothing = Cli.run(Cli.REAL, "train").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, nothing.exit());
        assertTrue(nothing.err().contains("train needs the .nn model"), nothing.err());
    }

    @Test
    void theVectorKernelsOnTwoThreadsLearnTooAndEvalAgrees() throws IOException {
        Cli.Run run = train("models/mlp.nn", "--vector", "--threads", "2", "--epochs", "1", "--limit", "10000").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(accuracy(run.out()) > 85, "far above chance (10%): " + run.out());
        Path folder = onlyRun();
        Cli.Run eval = Cli.run(Cli.REAL, "eval", "models/mlp.nn", "--vector", "--weights", folder.toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, eval.exit(), eval.err());
        assertEquals(accuracy(run.out()), accuracy(eval.out()), "eval with the same kernels reproduces the final test accuracy");
        List<String> lines = eval.out().lines().toList();
        assertEquals(3, lines.size(), eval.out());
        assertTrue(lines.get(1).startsWith("per class:  0: ") && lines.get(2).trim().startsWith("5: "), "five classes a line: " + eval.out());
        assertTrue(lines.stream().allMatch(l -> l.length() < 80), eval.out());
    }

    @Test
    void aRunResumesOnlyWithTheKernelsItWasTrainedWith() throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--vector", "--threads", "2", "--epochs", "1", "--limit", "2000").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err() + first.out());
        Path folder = onlyRun();
        assertTrue(Files.readString(folder.resolve("settings.yaml")).contains("kernels: vector"));
        byte[] checkpoint = Files.readAllBytes(folder.resolve("checkpoint.nnck"));

        Cli.Run plain = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, plain.exit(), plain.out());
        assertTrue(plain.err().contains("was trained with the --vector kernels")
                && plain.err().contains("--resume " + folder + " --vector"), plain.err());
        assertEquals(1, plain.err().lines().count(), "one line, no stack trace: " + plain.err());
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(folder.resolve("checkpoint.nnck"))),
                "the refused resume leaves the checkpoint alone");

        Cli.Run vector = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--vector", "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, vector.exit(), vector.err() + vector.out());
        assertTrue(vector.out().contains("after 2 epochs"), vector.out());
        // Both wrong: the epochs are said first, for the kernels' message gives a command that would carry --epochs 1.
        Cli.Run both = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "1",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, both.exit());
        assertTrue(both.err().contains("has trained 2 epochs; --epochs 1 cannot undo them"), both.err());
    }

    @Test
    void aRunResumedKeepsTheLearningRateItWasStartedWith() throws IOException {
        Cli.Run whole = train("models/mlp_small.nn", "--lr", "0.05", "--epochs", "2", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.OK, whole.exit(), whole.err());
        Path uninterrupted = onlyRun();
        float[] expected = dev.nnc.runtime.train.Checkpoint.read(uninterrupted.resolve("weights.nnck")).params();
        Files.walk(uninterrupted).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        Cli.Run first = train("models/mlp_small.nn", "--lr", "0.05", "--epochs", "1", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        Path folder = onlyRun();
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected,
                dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).params(), "the same as the uninterrupted run with --lr 0.05");
        assertTrue(Files.readString(folder.resolve("settings.yaml")).contains("lr: 0.05"), "settings.yaml keeps the run's rate");
    }

    /** Killed after the last epoch's checkpoint, before weights.nnck: the resume writes the final files. */
    @Test
    void aRunInterruptedAfterItsLastEpochIsFinishedByTheResume() throws IOException {
        Path folder = oneEpochRun(1000);
        float[] finalWeights = dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).params();
        Files.delete(folder.resolve("summary.txt")); // written last: the run was killed before it
        Files.delete(folder.resolve("weights.nnck"));
        Cli.Run eval = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--weights", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, eval.exit(), eval.err());
        // The run did finish (1 of 1): its weights.nnck went missing, not "the run has not finished".
        assertTrue(eval.err().contains("nnc: note: " + folder + " has no weights.nnck that can be read (a resume writes it again): using checkpoint.nnck,"
                + " the weights after epoch 1 of 1"), eval.err());

        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("finishing " + folder + ": its training was over (1 of 1 epoch done)"), resumed.out());
        assertTrue(resumed.out().matches("(?s).*after 1 epoch \\(its final files written now\\): no training now \\([0-9.]+ s over the run,"
                + " as summary.txt says\\), .*"), resumed.out());
        org.junit.jupiter.api.Assertions.assertArrayEquals(finalWeights,
                dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).params());
        assertTrue(Files.exists(folder.resolve("summary.txt")));

        Files.delete(folder.resolve("summary.txt")); // killed after weights.nnck, before the last file
        Cli.Run again = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertTrue(again.out().contains("finishing " + folder), again.out());
        assertTrue(Files.exists(folder.resolve("summary.txt")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(finalWeights,
                dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).params());
    }

    /**
     * Interrupted after epoch 2 of 5 and resumed with --epochs 2: the run ends there, every file saying 2 of 2, and a plain
     * --resume later finds it finished (it trained on and replaced the chosen weights).
     */
    @Test
    void aRunShortenedByResumeEpochsStaysFinished() throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--epochs", "2", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        Path folder = onlyRun();
        var two = dev.nnc.runtime.train.Checkpoint.read(folder.resolve("checkpoint.nnck"));
        // As if planned for 5 epochs and killed after the second: its checkpoint, and no final files.
        new dev.nnc.runtime.train.Checkpoint(two.modelName(), two.sourceHash(), two.hashOfExactText(), two.architectureHash(), two.steps(),
                two.rngState(),
                two.settings().withEpochs(5), two.kernels(), two.params(), two.optimizerState(), two.state()).write(folder.resolve("checkpoint.nnck"));
        Files.delete(folder.resolve("weights.nnck"));
        Files.delete(folder.resolve("summary.txt"));

        // Lowered, yet above the epochs done: it trains on to the new plan, saying what the old one was (in a copy of the run).
        Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.list(folder)) {
            Files.createDirectories(copy);
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, copy.resolve(f.getFileName()));
        }
        Cli.Run lowered = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", copy.toString(), "--epochs", "3",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, lowered.exit(), lowered.err());
        assertTrue(lowered.out().contains("resuming " + copy + " after epoch 2 of 3 (it was planned for 5)"), lowered.out());

        Cli.Run shortened = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, shortened.exit(), shortened.err());
        assertTrue(shortened.out().contains("finishing " + folder + " after epoch 2, as --epochs 2 asks (it was planned for 5)"), shortened.out());
        assertEquals(2, dev.nnc.runtime.train.Checkpoint.read(folder.resolve("checkpoint.nnck")).settings().epochs());
        assertEquals(2, dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).settings().epochs());
        assertTrue(Files.readString(folder.resolve("settings.yaml")).contains("epochs: 2\n"), Files.readString(folder.resolve("settings.yaml")));
        assertTrue(Files.readString(folder.resolve("summary.txt")).contains("epochs         2 of 2\n"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(two.params(),
                dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck")).params(), "the weights after epoch 2");

        Cli.Run plain = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, plain.exit(), plain.err());
        assertTrue(plain.out().contains("nothing to train: " + folder + " has done all 2 epochs"), plain.out());

        Cli.Run more = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "3",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, more.exit(), more.err());
        assertTrue(more.out().contains("resuming " + folder + " after epoch 2 of 3; its final weights, curves and summary (of epoch 2)"
                + " are replaced when it ends"), more.out());
    }

    /** A finished run whose weights.nnck went bad: eval says the resume mends it, and the resume writes it again from the checkpoint. */
    @Test
    void damagedFinalWeightsAreWrittenAgainByTheResume() throws IOException {
        Path folder = oneEpochRun(1000);
        Path weights = folder.resolve("weights.nnck");
        byte[] good = Files.readAllBytes(weights);
        byte[] bad = good.clone();
        bad[3000] ^= 0x5a;
        Files.write(weights, bad);

        Cli.Run eval = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--weights", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, eval.exit(), eval.out());
        assertTrue(eval.err().contains(weights + " is damaged (its checksum does not match: truncated or altered); its run's checkpoint.nnck"
                + " is whole: `nnc train` of the model with `--resume " + folder + "` writes it again from that"), eval.err());
        Cli.Run evalFile = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--weights", weights.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertTrue(evalFile.err().contains("is whole: `nnc train` of the model with `--resume " + folder + "`"), "the file named: " + evalFile.err());

        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("finishing " + folder + ": its training was over (1 of 1 epoch done), but its weights.nnck is damaged"
                + " (its checksum does not match: truncated or altered): its final files are written again from checkpoint.nnck"), resumed.out());
        org.junit.jupiter.api.Assertions.assertArrayEquals(dev.nnc.runtime.train.Checkpoint.read(folder.resolve("checkpoint.nnck")).params(),
                dev.nnc.runtime.train.Checkpoint.read(weights).params(), "whole again, with the run's weights");
    }

    /** A run folder holds the model as trained and its weights: `nnc eval RUN` needs nothing else. */
    @Test
    void aRunFolderAloneIsModelAndWeights() throws IOException {
        Path folder = oneEpochRun(500);
        Cli.Run both = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--weights", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        Cli.Run alone = Cli.run(Cli.REAL, "eval", folder.toString(), "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, alone.exit(), alone.err());
        assertEquals(both.out(), alone.out(), "the same model and weights");

        Cli.Run predict = Cli.run(Cli.REAL, "predict", folder.toString(), "--idx", MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--index", "0").withoutStackTrace();
        assertEquals(ExitCodes.OK, predict.exit(), predict.err());
        assertTrue(predict.out().startsWith("predicted class: "), predict.out());

        // --weights still chooses: another run's weights of another model are refused as ever.
        Files.copy(folder.resolve("weights.nnck"), dir.resolve("w.nnck"));
        Cli.Run chosen = Cli.run(Cli.REAL, "eval", folder.toString(), "--weights", dir.resolve("w.nnck").toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(both.out(), chosen.out(), chosen.err());

        // The model edited since, in its training only (rate, epochs): the weights still serve it; in a layer, not.
        String model = Files.readString(Path.of("models/mlp_small.nn"));
        Path retrained = Files.writeString(dir.resolve("retrained.nn"), model.replace("epochs: 3", "epochs: 8").replace("lr: 0.02", "lr: 0.05"));
        assertFalse(Files.readString(retrained).contains("lr: 0.02"), "an edit to test");
        Cli.Run edited = Cli.run(Cli.REAL, "eval", retrained.toString(), "--weights", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, edited.exit(), edited.err());
        assertEquals(both.out().replace("models/mlp_small.nn", retrained.toString()), edited.out());
        Cli.Run resumed = Cli.run(Cli.REAL, "train", retrained.toString(), "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("was saved from model MlpSmall before an edit of what shapes training but not"
                + " what the weights compute (its optimizer, train(...), initializers, dropout or layer names); a run resumes"
                + " with the model it was trained with"), "a resume goes on as trained, and says so: " + resumed.err());
        Path relayered = Files.writeString(dir.resolve("relayered.nn"), model.replaceFirst("relu", "tanh"));
        Cli.Run refused = Cli.run(Cli.REAL, "eval", relayered.toString(), "--weights", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertTrue(refused.err().contains("holds the weights of a different version of model MlpSmall: its input, layers or loss differ"),
                refused.err());
        // Where: the run keeps the model the weights came from, so the refusal can name the first difference.
        assertTrue(refused.err().contains("\n  = note: `relu` of the weights' model (" + folder.resolve("model.nn") + ":6) is `tanh`"
                + " in this one (" + relayered + ":6)"), refused.err());
        Cli.Run refusedPredict = Cli.run(Cli.REAL, "predict", relayered.toString(), "--weights", folder.resolve("weights.nnck").toString(),
                "--idx", MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), "--index", "0").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, refusedPredict.exit(), refusedPredict.err());
        assertTrue(refusedPredict.err().contains("= note: `relu` of the weights' model"), refusedPredict.err());
        Cli.Run resumedRelayered = Cli.run(Cli.REAL, "train", relayered.toString(), "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, resumedRelayered.exit(), resumedRelayered.err());
        assertTrue(resumedRelayered.err().contains("was saved from a different version of model MlpSmall (its layers or settings differ")
                && resumedRelayered.err().contains("\n  = note: `relu` of the weights' model (" + folder.resolve("model.nn") + ":6) is"
                + " `tanh` in this one (" + relayered + ":6)"), "a resume names the layer too: " + resumedRelayered.err());
        // Weights out of their run, or a run whose model.nn was edited since: no kept model to compare, and none is guessed.
        Cli.Run outOfRun = Cli.run(Cli.REAL, "eval", relayered.toString(), "--weights", dir.resolve("w.nnck").toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertTrue(outOfRun.err().contains("its input, layers or loss differ") && !outOfRun.err().contains("note:"), outOfRun.err());
        Path copy = Files.createDirectories(dir.resolve("copied-run"));
        Files.copy(folder.resolve("weights.nnck"), copy.resolve("weights.nnck"));
        Files.writeString(copy.resolve("model.nn"), model.replaceFirst("16\\) relu", "16) sigmoid"));
        Cli.Run keptEdited = Cli.run(Cli.REAL, "eval", relayered.toString(), "--weights", copy.toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertTrue(keptEdited.err().contains("its input, layers or loss differ") && !keptEdited.err().contains("note:"), keptEdited.err());

        Cli.Run noWeights = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noWeights.exit());
        assertTrue(noWeights.err().contains("which weights? give --weights W, a run folder of `nnc train` or a .nnck file"
                + " (or the run folder alone in place of the model)"), noWeights.err());

        Cli.Run weightsAsModel = Cli.run(Cli.REAL, "predict", folder.resolve("weights.nnck").toString(), "--image", "seven.png").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, weightsAsModel.exit());
        assertTrue(weightsAsModel.err().contains(folder.resolve("weights.nnck") + " holds weights; FILE is the model they were trained from:"
                + " its run folder holds both, as in `nnc predict " + folder + "`"), weightsAsModel.err());
        Cli.Run loose = Cli.run(Cli.REAL, "eval", dir.resolve("w.nnck").toString()).withoutStackTrace();
        assertTrue(loose.err().contains(dir.resolve("w.nnck") + " holds weights; FILE is the model they were trained from:"
                + " `nnc eval MODEL.nn --weights " + dir.resolve("w.nnck") + "`"), loose.err());

        Cli.Run notARun = Cli.run(Cli.REAL, "eval", dir.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, notARun.exit());
        assertTrue(notARun.err().contains(dir + " is a folder, neither a .nn model nor a run folder of `nnc train`"), notARun.err());

        Files.delete(folder.resolve("model.nn"));
        Cli.Run noSource = Cli.run(Cli.REAL, "predict", folder.toString(), "--image", "seven.png").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noSource.exit());
        assertTrue(noSource.err().contains("the run folder " + folder + " has no model.nn: give the model it was trained from, as in"
                + " `nnc predict MODEL.nn --weights " + folder + "`"), noSource.err());
    }

    /** --out naming a run folder: the user likely meant --resume; the new run still goes where asked. */
    @Test
    void anOutThatIsARunFolderGetsANote() throws IOException {
        Path folder = oneEpochRun(500);
        Cli.Run inside = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--epochs", "1", "--limit", "500", "--out", folder.toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, inside.exit(), inside.err());
        assertTrue(inside.err().contains("nnc: note: --out " + folder + " is a run folder itself; the new run goes inside it"
                + " (to continue that run instead: --resume " + folder + ")"), inside.err());
    }

    /**
     * A run of an older nnc (checkpoint format 1: the exact text's hash, no --lr, no kernels) given more epochs: it
     * failed with an internal error ("a new checkpoint records its kernels"), and a run trained with --lr resumed
     * with the model's rate, calling its own settings.yaml edited. Now it goes on with the rate settings.yaml records.
     */
    @Test
    void aRunOfAnOlderNncGoesOnWithItsRateAndMoreEpochs() throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--epochs", "1", "--limit", "500", "--lr", "0.003").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        Path folder = onlyRun();
        Path checkpoint = folder.resolve("checkpoint.nnck");
        Files.write(checkpoint, asVersionOne(dev.nnc.runtime.train.Checkpoint.read(checkpoint), Files.readString(folder.resolve("model.nn"))));
        Files.delete(folder.resolve("weights.nnck")); // as an older nnc's run: its weights in format 1 too
        assertTrue(dev.nnc.runtime.train.Checkpoint.read(checkpoint).hashOfExactText(), "read as format 1");
        Path commented = Files.writeString(dir.resolve("commented.nn"), "# a comment\n" + Files.readString(folder.resolve("model.nn")));
        Cli.Run other = Cli.run(Cli.REAL, "eval", commented.toString(), "--weights", checkpoint.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertTrue(other.err().contains("was saved from another text of model MlpSmall (by an older nnc, whose files pin the exact text,"
                + " comments included)"), "not 'its layers or settings differ': " + other.err());
        Cli.Run more = Cli.run(Cli.REAL, "train", "--resume", folder.toString(), "--epochs", "2", "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, more.exit(), more.err() + more.out());
        assertTrue(more.out().contains("after 2 epochs"), more.out());
        assertFalse(more.err().contains("was edited"), "settings.yaml as that nnc wrote it: " + more.err());
        var now = dev.nnc.runtime.train.Checkpoint.read(checkpoint);
        assertEquals(0.003, now.settings().lr().orElseThrow(), 1e-12, "the rate the run was trained with");
        assertFalse(now.hashOfExactText(), "written again in today's format");
        assertEquals(java.util.Optional.of(dev.nnc.runtime.Kernels.SCALAR), now.kernels());
        assertTrue(Files.readString(folder.resolve("settings.yaml")).contains("lr: 0.003"));
    }

    /** {@code c} as format 1 wrote it: the exact text's SHA-256, no lr, no kernels, history records without gradient norms. */
    private static byte[] asVersionOne(dev.nnc.runtime.train.Checkpoint c, String source) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(dev.nnc.api.NnckFile.MAGIC);
        out.writeShort(1);
        out.writeUTF(c.modelName());
        out.write(dev.nnc.common.Sha256.of(source));
        var st = c.state();
        var se = c.settings();
        out.writeInt(st.epochsDone());
        out.writeLong(c.steps());
        out.writeLong(c.rngState());
        out.writeInt(se.batch());
        out.writeInt(se.epochs());
        out.writeLong(se.seed());
        out.writeBoolean(se.shuffle());
        out.writeDouble(se.validation());
        out.writeInt(se.earlyStop().orElse(-1));
        out.writeDouble(se.normalizeMean());
        out.writeDouble(se.normalizeStd());
        out.writeInt(se.limit().orElse(-1));
        for (float[] values : new float[][] {c.params(), c.optimizerState()}) {
            out.writeInt(values.length);
            for (float v : values) out.writeFloat(v);
        }
        out.writeDouble(st.bestValLoss());
        out.writeInt(st.bestEpoch());
        float[] best = st.bestParams() == null ? new float[0] : st.bestParams();
        out.writeInt(best.length);
        for (float v : best) out.writeFloat(v);
        out.writeInt(st.history().size());
        for (var r : st.history()) {
            for (double v : new double[] {r.epoch(), r.trainLoss(), r.trainAccuracy(), r.valLoss(), r.valAccuracy(),
                    r.testLoss(), r.testAccuracy(), r.seconds(), r.samplesPerSecond()}) {
                out.writeDouble(v);
            }
        }
        out.flush();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** An edit in another encoding than UTF-8 is an edit too: kept and said (the file was written again silently). */
    @Test
    void aSettingsFileEditedIntoAnotherEncodingIsKeptAndSaid() throws IOException {
        Path folder = oneEpochRun(500);
        Path settings = folder.resolve("settings.yaml");
        byte[] latin1 = (Files.readString(settings) + "# r\u00e9sum\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(settings, latin1);
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains(settings + " was edited (the whole file: it is no longer UTF-8 text)"), resumed.err());
        assertArrayEquals(latin1, Files.readAllBytes(folder.resolve("settings.edited.yaml")));
    }

    /** settings.yaml edited by hand: the resume writes it again from the checkpoint, and says what it undid. */
    @Test
    void editedRunSettingsAreWrittenAgainAndSaidSo() throws IOException {
        Path folder = oneEpochRun(500);
        Path settings = folder.resolve("settings.yaml");
        String original = Files.readString(settings);
        Files.writeString(settings, original.replace("batch: 32", "batch: 64").replaceFirst("lr: [0-9.]+", "lr: 0.5"));
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("nnc: note: " + settings + " was edited (optimizer.lr, run.batch); a run keeps the settings it"
                + " started with"), resumed.err());
        assertEquals(original.replace("epochs: 1", "epochs: 2"), Files.readString(settings));
        // The edit is not lost with the file written again: kept beside it, and the note points there (it pointed at the rewritten file).
        Path kept = folder.resolve("settings.edited.yaml");
        assertEquals(original.replace("batch: 32", "batch: 64").replaceFirst("lr: [0-9.]+", "lr: 0.5"), Files.readString(kept));
        assertTrue(resumed.err().contains("; the edited file is kept as " + kept + " (to train with the edited settings, train again with"
                + " --config " + kept + ")"), resumed.err());

        Cli.Run again = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "3",
                "--data", MNIST.toString()).withoutStackTrace();
        assertFalse(again.err().contains("was edited"), "only the epochs changed, by --epochs: " + again.err());

        // A finished run's file stays as edited (its files stay as they are), said so.
        String finished = Files.readString(settings);
        Files.writeString(settings, finished.replaceFirst("lr: [0-9.]+", "lr: 0.5"));
        Cli.Run nothing = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertTrue(nothing.out().contains("nothing to train"), nothing.out());
        assertTrue(nothing.err().contains("was edited (optimizer.lr); a run keeps the settings it started with, which its checkpoint holds,"
                + " so the file no longer says what the run was"), nothing.err());
        assertTrue(Files.readString(settings).contains("lr: 0.5"), "left as it is");

        // settings.yaml that cannot be written: nothing trained, and how to go on.
        Files.delete(settings);
        Files.createDirectories(settings.resolve("in-the-way"));
        Cli.Run blocked = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "4",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, blocked.exit(), blocked.out());
        assertTrue(blocked.err().contains("cannot write " + settings) && blocked.err().contains("; nothing was trained: once that is mended,"
                + " resume with: nnc train models/mlp_small.nn --resume " + folder), blocked.err());
        assertTrue(blocked.err().contains(" --epochs 4"), "the epochs asked for: " + blocked.err());
        assertFalse(blocked.out().contains("resuming"), "not said to resume: " + blocked.out());
    }

    /** A file that cannot be written mid-run (a full disk, a folder in the way) is named, with what is kept and how to go on. */
    @Test
    void aWriteThatFailsMidRunSaysWhatIsKeptAndHowToResume() throws IOException {
        Path folder = oneEpochRun(1000);
        Files.delete(folder.resolve("history.csv"));
        Files.createDirectories(folder.resolve("history.csv").resolve("in-the-way"));
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, resumed.exit(), resumed.out());
        assertTrue(resumed.err().contains("cannot write " + folder.resolve("history.csv")), resumed.err());
        assertTrue(resumed.err().contains("; the checkpoint after epoch 2 is kept: once that is mended, resume with: nnc train"
                + " models/mlp_small.nn --resume " + folder), resumed.err());
        assertEquals(2, dev.nnc.runtime.train.Checkpoint.read(folder.resolve("checkpoint.nnck")).state().epochsDone());

        // Once trained, a final file that cannot be written: the resume writes them.
        Files.delete(folder.resolve("history.csv").resolve("in-the-way"));
        Files.delete(folder.resolve("history.csv"));
        Files.delete(folder.resolve("summary.txt"));
        Files.createDirectories(folder.resolve("summary.txt").resolve("in-the-way"));
        Cli.Run finishing = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "3",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, finishing.exit(), finishing.out());
        assertTrue(finishing.err().contains("cannot write " + folder.resolve("summary.txt")), finishing.err());
        assertTrue(finishing.err().contains("; the checkpoint after epoch 3 is kept: once that is mended, resume with: nnc train"), finishing.err());
    }

    /** A model's warnings are shown when it is trained, not again before every answer of eval and predict. */
    @Test
    void evalAndPredictDoNotRepeatTheModelsWarnings() throws IOException {
        Path model = Files.writeString(dir.resolve("linear.nn"), Files.readString(Path.of("models/mlp_small.nn"))
                .replace("dense h1(784 -> 16) relu", "dense h1(784 -> 16)"));
        Cli.Run trained = train(model.toString(), "--epochs", "1", "--limit", "500").withoutStackTrace();
        assertEquals(ExitCodes.OK, trained.exit(), trained.err());
        assertTrue(trained.err().contains("warning[NN0501]"), trained.err());
        Cli.Run eval = Cli.run(Cli.REAL, "eval", model.toString(), "--weights", onlyRun().toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, eval.exit(), eval.err());
        Cli.Run predict = Cli.run(Cli.REAL, "predict", model.toString(), "--weights", onlyRun().toString(),
                "--idx", MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), "--index", "0").withoutStackTrace();
        assertEquals(ExitCodes.OK, predict.exit(), predict.err());
        assertFalse(eval.err().contains("warning") || predict.err().contains("warning"), eval.err() + predict.err());
        // `--idx t10k-images-idx3-ubyte.gz` where there is none: the copy nnc uses is named.
        Cli.Run elsewhere = Cli.run(new Environment(Cli.REAL.compiler(), Map.of("NNC_DATA", MNIST.toString()), false), "predict",
                model.toString(), "--weights", onlyRun().toString(), "--idx", "t10k-images-idx3-ubyte.gz", "--index", "0").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, elsewhere.exit(), elsewhere.err());
        assertTrue(elsewhere.err().contains("error: t10k-images-idx3-ubyte.gz does not exist\nhelp: nnc's copy of MNIST has it: --idx "
                + MNIST.resolve("t10k-images-idx3-ubyte.gz")), elsewhere.err());
    }

    /** NN0505 judges the model's learning rate; --lr replaces it, and the rate given is judged instead. */
    @Test
    void theLearningRateWarningIsAboutTheRateUsed() throws IOException {
        Path model = Files.writeString(dir.resolve("fast.nn"), Files.readString(Path.of("models/mlp_small.nn"))
                .replace("sgd(lr: 0.02, momentum: 0.9)", "sgd(lr: 50)").replace("epochs: 3", "epochs: 1"));
        Cli.Run replaced = train(model.toString(), "--limit", "500", "--lr", "0.05").withoutStackTrace();
        assertEquals(ExitCodes.OK, replaced.exit(), replaced.err());
        assertFalse(replaced.err().contains("NN0505") || replaced.err().contains("warning"), "the 50 was not used: " + replaced.err());
        Cli.Run resumed = Cli.run(Cli.REAL, "train", model.toString(), "--resume", onlyRun().toString(), "--epochs", "2",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, resumed.exit(), resumed.err());
        assertFalse(resumed.err().contains("NN0505"), "a resumed run goes on at its own rate, 0.05: " + resumed.err());
        assertEquals("0.005", TrainCommand.smaller(dev.nnc.runtime.train.Overrides.withLr(
                NncCompiler.check(new SourceFile("m.nn", Files.readString(model))).model().orElseThrow(), java.util.OptionalDouble.of(0.05))),
                "a tenth of a usual rate that diverged");
    }

    /** train(...) gives defaults that the command line overrides: early stopping without a split is a warning until then. */
    @Test
    void aModelsEarlyStopGetsItsValidationSplitFromTheCommandLine() throws IOException {
        Path model = Files.writeString(dir.resolve("early.nn"), Files.readString(Path.of("models/mlp_small.nn"))
                .replace("train(batch: 32, epochs: 3, seed: 1)", "train(batch: 32, epochs: 1, seed: 1, early_stop: 2)"));
        Cli.Run alone = train(model.toString(), "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, alone.exit(), alone.err());
        assertTrue(alone.err().contains("warning[NN0509]"), alone.err());
        assertTrue(alone.err().contains("no validation split: add --validation 0.1"), alone.err());
        Cli.Run given = train(model.toString(), "--limit", "1000", "--validation", "0.1").withoutStackTrace();
        assertEquals(ExitCodes.OK, given.exit(), given.err());
        assertFalse(given.err().contains("NN0509"), "the split given settles the warning: " + given.err());
    }

    @Test
    void settingsThatCannotTrainAreRefusedBeforeARunFolderIsMade() {
        Cli.Run noValidation = train("models/mlp_small.nn", "--early-stop", "1", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noValidation.exit(), noValidation.out());
        assertTrue(noValidation.err().contains("early stopping (patience 1) watches the validation loss, but there is no validation split"),
                noValidation.err());
        Cli.Run offByZero = train("models/mlp_regularized.nn", "--validation", "0", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, offByZero.exit(), "the model's early_stop: 3 has nothing to watch");
        Cli.Run nothingLeft = train("models/mlp_small.nn", "--limit", "2000", "--validation", "0.9999").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, nothingLeft.exit(), nothingLeft.out());
        assertTrue(nothingLeft.err().contains("leaves none to train on"), nothingLeft.err());
        Cli.Run noneHeldOut = train("models/mlp_small.nn", "--limit", "2", "--validation", "0.1").withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noneHeldOut.exit(), noneHeldOut.out());
        assertTrue(noneHeldOut.err().contains("a validation split of 0.1 of 2 images holds out no image"), noneHeldOut.err());
        Cli.Run one = train("models/mlp_small.nn", "--limit", "1", "--validation", "0.5").withoutStackTrace();
        assertTrue(one.err().contains("a validation split of 0.5 of 1 image leaves none to train on"), one.err());
        assertTrue(!Files.exists(dir.resolve("runs")), "no run folder for a run that never started");
    }

    @Test
    void aBadSettingIsNamedAsTheOptionItCameFrom() {
        for (String[] bad : new String[][] {{"--limit", "0", "--limit must be at least 1, found 0"},
                {"--early-stop", "-1", "--early-stop (the patience) must be 0 (off) or more, found -1"},
                {"--normalize", "1e400,1", "--normalize cannot be used: its mean must be a finite number, found Infinity"},
                {"--normalize", "0.5,0", "--normalize cannot be used: its standard deviation must be greater than 0 and finite, found 0"},
                {"--lr", "Infinity", "--lr must be a finite number greater than 0, found Infinity"}}) {
            Cli.Run run = train("models/mlp_small.nn", bad[0], bad[1]).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, run.exit(), run.err());
            assertEquals("nnc: " + bad[2], run.err().strip());
        }
    }

    @Test
    void aLimitAboveTheImagesThereAreIsSaidToChangeNothing() {
        // 60,000 images, all but one held out: one image trains, quickly.
        Cli.Run run = train("models/mlp_small.nn", "--limit", "70000", "--validation", "0.99999", "--epochs", "1").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(run.err().contains("note: the limit of 70,000 images is more than the 60,000 training images there are; all of them are used"),
                run.err());
    }

    @Test
    void aRefusedResumeChangesNothingInTheRunFolder() throws IOException {
        Path folder = oneEpochRun(1000);
        Map<String, byte[]> before = contents(folder);
        for (String other : new String[] {"models/mlp.nn", "models/mlp_regularized.nn"}) {
            Cli.Run refused = Cli.run(Cli.REAL, "train", other, "--resume", folder.toString(), "--epochs", "3",
                    "--data", MNIST.toString()).withoutStackTrace();
            assertEquals(ExitCodes.USAGE, refused.exit(), refused.out());
            assertTrue(refused.err().contains("was saved from model MlpSmall"), refused.err());
            assertEquals("", refused.out(), "no `resuming` line before the refusal");
            Map<String, byte[]> after = contents(folder);
            assertEquals(before.keySet(), after.keySet());
            for (String name : before.keySet()) assertArrayEquals(before.get(name), after.get(name), name + " is unchanged");
        }
        Files.delete(folder.resolve("checkpoint.nnck"));
        Cli.Run noCheckpoint = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "3",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, noCheckpoint.exit());
        assertTrue(noCheckpoint.err().contains("has its final weights.nnck but no checkpoint.nnck (it was deleted)"), noCheckpoint.err());
    }

    @Test
    void aFolderThatIsNotARunIsRefusedAndLeftAlone() throws IOException {
        Path notARun = Files.createDirectories(dir.resolve("notes"));
        Path leftover = Files.writeString(notARun.resolve(".draft.tmp"), "mine");
        Cli.Run run = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", notARun.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit(), run.out());
        assertTrue(run.err().contains(notARun + " is not a run folder of `nnc train`"), run.err());
        assertTrue(Files.exists(leftover), "a file in a folder nnc did not make is not deleted");
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path f : all.toList()) files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
        return files;
    }

    @Test
    void aRunThatStoppedEarlyStaysStoppedWhenResumed() throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--epochs", "8", "--limit", "3000", "--validation", "0.2", "--early-stop", "1",
                "--lr", "0.1").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err() + first.out());
        Path folder = onlyRun();
        var stopped = dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck"));
        int done = stopped.state().epochsDone();
        assertTrue(done >= 2 && done < 8, "this seeded run stops early, after epoch 2 or later: " + first.out());

        for (String[] more : new String[][] {{}, {"--epochs", "12"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "models/mlp_small.nn", "--resume", folder.toString(),
                    "--data", MNIST.toString()));
            args.addAll(List.of(more));
            Cli.Run again = Cli.run(Cli.REAL, args.toArray(String[]::new)).withoutStackTrace();
            assertEquals(ExitCodes.OK, again.exit(), again.err());
            assertTrue(again.out().contains("nothing to train: " + folder + " stopped early after epoch " + stopped.state().epochsDone()),
                    again.out());
            assertTrue(again.out().contains("To train longer, train again with a larger --early-stop (patience 1 now)"), again.out());
            assertFalse(again.out().contains("training ") || again.out().contains("saved "), "nothing was trained or saved: " + again.out());
            assertTrue(again.out().contains("with the run's weights, after " + done + " epochs"), again.out());
            var after = dev.nnc.runtime.train.Checkpoint.read(folder.resolve("weights.nnck"));
            assertEquals(stopped.state().epochsDone(), after.state().epochsDone());
            org.junit.jupiter.api.Assertions.assertArrayEquals(stopped.params(), after.params(), "the final weights stay");
        }
        Cli.Run fewer = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--epochs", "1",
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, fewer.exit(), fewer.out());
        assertTrue(fewer.err().contains("cannot undo them: give at least " + done), fewer.err());

        // The same run planned for exactly those epochs: its patience runs out at its last epoch, and it
        // stopped early as much as the longer one (a resume with more epochs trains no further).
        Cli.Run exact = train("models/mlp_small.nn", "--epochs", String.valueOf(done), "--limit", "3000", "--validation", "0.2",
                "--early-stop", "1", "--lr", "0.1").withoutStackTrace();
        assertEquals(ExitCodes.OK, exact.exit(), exact.err() + exact.out());
        assertTrue(exact.out().contains("early stopping after epoch " + done), exact.out());
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            Path second = runs.filter(p -> !p.equals(folder)).findFirst().orElseThrow();
            String summary = Files.readString(second.resolve("summary.txt"));
            assertTrue(summary.contains("epochs         " + done + " of " + done + ", stopped early;"), summary);
        }
    }

    @Test
    void threadsWithoutTheVectorKernelsGetANoteAndTrainAnyway() {
        Cli.Run run = train("models/mlp_small.nn", "--threads", "2", "--epochs", "1", "--limit", "1000").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(run.err().contains("--threads 2 applies to the --vector kernels"), run.err());
    }

    @Test
    void oneEpochOfMlpSmallOnTenThousandImagesLearnsAndKeepsTheRun() throws Exception {
        assertTrue(Files.isDirectory(MNIST), "the shared MNIST files are expected at " + MNIST.toAbsolutePath());
        Cli.Run run = train("models/mlp_small.nn", "--epochs", "1", "--limit", "10000").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(accuracy(run.out()) > 80, "far above chance (10%): " + run.out());
        assertTrue(run.out().contains("epoch 1/1"), "one plain line per epoch when not on a terminal");
        assertTrue(!run.out().contains("\r"), "no carriage returns in a log");
        Path folder = onlyRun();
        assertTrue(folder.getFileName().toString().startsWith("MlpSmall-"), folder.toString());
        for (String f : List.of("model.nn", "settings.yaml", "history.csv", "history.json", "curves.png", "gradients.png",
                "confusion.csv", "checkpoint.nnck", "weights.nnck")) {
            assertTrue(Files.isRegularFile(folder.resolve(f)), "run folder lacks " + f);
        }
        assertTrue(Files.readAllLines(folder.resolve("history.csv")).get(0)
                .endsWith(",grad_norm:h1.weight,grad_norm:h2.weight,grad_norm:out.weight"), "each layer's gradient norm");
        assertTrue(Files.readString(folder.resolve("summary.txt")).contains("gradient norms h1.weight "));
        assertEquals(Files.readString(Path.of("models/mlp_small.nn")), Files.readString(folder.resolve("model.nn")));

        Cli.Run eval = Cli.run(Cli.REAL, "eval", "models/mlp_small.nn", "--weights", folder.toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, eval.exit(), eval.err());
        assertEquals(accuracy(run.out()), accuracy(eval.out()), "eval reproduces the final test accuracy");

        Cli.Run predict = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", folder.toString(),
                "--idx", MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), "--index", "0").withoutStackTrace();
        assertEquals(ExitCodes.OK, predict.exit(), predict.err());
        assertTrue(predict.out().startsWith("predicted class: 7"), "the first test image is a 7:\n" + predict.out());
        assertTrue(predict.out().endsWith("label: 7 (t10k-labels-idx1-ubyte.gz)\n"), "its label, from the file beside the images:\n" + predict.out());

        // The same 7 saved as a 28×28 PNG, as stored: the same answer, to the last digit.
        byte[] seven = dev.nnc.runtime.data.Idx.readImages(MNIST.resolve("t10k-images-idx3-ubyte.gz")).data();
        java.awt.image.BufferedImage stored = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) stored.getRaster().setSample(i % 28, i / 28, 0, seven[i] & 0xff);
        Path storedPng = dir.resolve("t10k-0.png");
        javax.imageio.ImageIO.write(stored, "png", storedPng.toFile());
        Cli.Run asStored = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", folder.toString(), "--image", storedPng.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, asStored.exit(), asStored.err());
        String answer = predict.out().substring(0, predict.out().indexOf("label: "));
        assertEquals(answer, asStored.out().substring(0, Math.min(answer.length(), asStored.out().length())),
                "the test image as a PNG answers as from the IDX file");

        // The same 7 as a picture a user would draw: dark on light, three times the size, with a margin.
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(120, 84, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 120; x++) {
                int c = x - 18 < 0 || x - 18 >= 84 ? 0 : seven[(y / 3) * 28 + (x - 18) / 3] & 0xff;
                int shade = 255 - c;
                picture.setRGB(x, y, shade << 16 | shade << 8 | shade);
            }
        }
        Path png = dir.resolve("seven.png");
        javax.imageio.ImageIO.write(picture, "png", png.toFile());
        Cli.Run drawn = Cli.run(Cli.REAL, "predict", "models/mlp_small.nn", "--weights", folder.toString(), "--image", png.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.OK, drawn.exit(), drawn.err());
        assertTrue(drawn.out().startsWith("predicted class: 7"), "the picture of the 7:\n" + drawn.out());

        Cli.Run other = Cli.run(Cli.REAL, "eval", "models/mlp.nn", "--weights", folder.toString(),
                "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, other.exit());
        assertTrue(other.err().contains("was saved from model MlpSmall, not Mlp"), other.err());
        assertTrue(other.err().contains("or pass the .nn file the checkpoint came from (its run keeps it: " + folder.resolve("model.nn") + ")"),
                other.err());
    }

    @Test
    void modelsThatDoNotFitMnistAreRefusedBeforeTraining() throws IOException {
        Path model = Files.writeString(dir.resolve("wrong.nn"), """
                model Wrong {
                  input [784]
                  dense out(5)
                  loss softmax_cross_entropy
                  optimizer sgd(lr: 0.1)
                }
                """);
        Cli.Run run = Cli.run(Cli.REAL, "train", model.toString(), "--data", MNIST.toString(),
                "--out", dir.resolve("runs").toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit());
        assertTrue(run.err().startsWith("error[NN0305]: model Wrong outputs [5], but MNIST has 10 classes\n --> " + model + ":3:3\n"), run.err());
        assertTrue(run.err().contains("= help: end the model with a layer of 10 outputs, e.g. `dense out(10)`"), run.err());
        assertTrue(run.err().contains("error: `" + model + "` cannot be trained on MNIST: 1 error (the model itself is valid: nnc check finds none)"),
                run.err());
        // eval and predict say what they cannot do.
        Cli.Run eval = Cli.run(Cli.REAL, "eval", model.toString(), "--weights", dir.toString(), "--data", MNIST.toString()).withoutStackTrace();
        assertTrue(eval.err().contains("error: `" + model + "` cannot be evaluated on MNIST: 1 error"), eval.err());
        Cli.Run predict = Cli.run(Cli.REAL, "predict", model.toString(), "--weights", dir.toString(), "--idx",
                MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(), "--index", "0").withoutStackTrace();
        assertTrue(predict.err().contains("error: `" + model + "` cannot classify MNIST digits: 1 error"), predict.err());
        // Every reason, in source order, each marking its statement and not a comment or brace after it.
        Path small = Files.writeString(dir.resolve("small.nn"), "model Small { input [10]   // ten values\n  dense out(3) }\n");
        Cli.Run both = Cli.run(Cli.REAL, "train", small.toString(), "--data", MNIST.toString()).withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, both.exit());
        assertTrue(both.err().contains("|               ^^^^^^^^^^ not an MNIST image\n"), both.err());
        assertTrue(both.err().contains("|   ^^^^^^^^^^^^ the model's output\n"), both.err());
        assertTrue(both.err().indexOf("takes input [10]") < both.err().indexOf("outputs [3]"), both.err());
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing is created for a refused model");
    }

    @Test
    void aDivergingRunStopsWithTheNanReport() throws IOException {
        Cli.Run run = train("models/mlp_small.nn", "--epochs", "1", "--limit", "2000", "--lr", "1e30").withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("training diverged: the loss became"), run.err());
        assertTrue(run.err().contains("in epoch 1, batch"), run.err());
        assertTrue(run.err().contains("first layer with a non-finite output"), run.err());
        // Far above the usual range: the usual rate, not a tenth of 1e30.
        assertTrue(run.err().contains("try a smaller learning rate, e.g. --lr 0.01\n"), run.err());
        assertTrue(run.err().contains("nnc: warning: learning rate 1e+30 is far above the usual range for `sgd` (it usually trains well"
                + " with lr between 0.001 and 0.1); expect the loss to diverge; try --lr 0.01\n"), "the rate given, which the check never saw: " + run.err());

        Path folder = onlyRun();
        String summary = Files.readString(folder.resolve("summary.txt"));
        assertTrue(summary.contains("stopped        training diverged: ") && summary.contains("no epoch finished, so there is no checkpoint"),
                summary);
        Cli.Run resumed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--data", MNIST.toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, resumed.exit());
        assertTrue(resumed.err().contains("has no checkpoint.nnck: it stopped before its first epoch ended (see its summary.txt)"),
                resumed.err());
        Cli.Run moved = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--out", "elsewhere")
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, moved.exit());
        assertTrue(moved.err().contains("only --epochs may change with --resume, not --out"), moved.err());
        Cli.Run changed = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--resume", folder.toString(), "--lr", "0.5", "--no-shuffle")
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, changed.exit());
        assertTrue(changed.err().contains("only --epochs may change with --resume, not --lr, --no-shuffle"), changed.err());
    }

    @Test
    void aRunsSettingsGivenToAnotherModelGetANote() throws IOException {
        Cli.Run first = train("models/mlp_small.nn", "--epochs", "1", "--limit", "500").withoutStackTrace();
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        Path settings = onlyRun().resolve("settings.yaml");
        Cli.Run same = train("models/mlp_small.nn", "--config", settings.toString(), "--limit", "300").withoutStackTrace();
        assertEquals(ExitCodes.OK, same.exit(), same.err());
        assertFalse(same.err().contains("holds the settings of a run of"), same.err());
        assertFalse(same.err().contains("otherwise"), same.err());
        Files.writeString(settings, Files.readString(settings).replace("momentum: 0.9", "momentum: 0.5"));
        Cli.Run edited = train("models/mlp_small.nn", "--config", settings.toString(), "--limit", "300").withoutStackTrace();
        assertEquals(ExitCodes.OK, edited.exit(), edited.err());
        assertTrue(edited.err().contains("nnc: note: " + settings + " describes MlpSmall otherwise: `optimizer.momentum: 0.5`"
                + " (MlpSmall: 0.9); a run file sets only the `run:` settings and the optimizer's `lr`, so change the others in"
                + " models/mlp_small.nn"), edited.err());
        Cli.Run other = Cli.run(Cli.REAL, "train", "models/mlp.nn", "--config", settings.toString(), "--limit", "300",
                "--data", MNIST.toString(), "--out", dir.resolve("other").toString()).withoutStackTrace();
        assertEquals(ExitCodes.OK, other.exit(), other.err());
        assertTrue(other.err().contains("nnc: note: " + settings + " holds the settings of a run of MlpSmall with sgd; Mlp (adam)"
                + " is trained with them, its learning rate included (give --lr to choose another)"), other.err());
    }

    @Test
    void aBatchLargerThanTheImagesIsOneBatchOfThem() throws IOException {
        Cli.Run run = train("models/mlp_small.nn", "--batch", "3000000", "--epochs", "1", "--limit", "500").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err() + run.out());
        assertTrue(run.err().contains("note: a batch of 3,000,000 is more than the 500 images trained on; each epoch is one batch of 500"),
                run.err());
        assertTrue(Files.readString(onlyRun().resolve("settings.yaml")).contains("batch: 500"), "the batch the run used is recorded");
        Cli.Run one = train("models/mlp_small.nn", "--batch", "2", "--epochs", "1", "--limit", "1").withoutStackTrace();
        assertTrue(one.err().contains("note: a batch of 2 is more than the 1 image trained on"), one.err());
    }

    /** NN0514 is about the model's batch: a batch given on the command line replaces it, and the warning is not shown. */
    @Test
    void aBatchGivenHereSilencesTheWarningAboutTheModelsBatch() throws IOException {
        Path big = Files.writeString(dir.resolve("big.nn"), Files.readString(Path.of("models/mlp_small.nn"))
                .replace("dense h1(784 -> 16)", "dense h1(784 -> 4096)").replace("batch: 32", "batch: 600000"));
        Cli.Run run = train(big.toString(), "--batch", "32", "--epochs", "1", "--limit", "64").withoutStackTrace();
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertFalse(run.err().contains("NN0514"), run.err());
        assertTrue(Cli.run(Cli.REAL, "check", big.toString()).out().contains("warning[NN0514]"), "check still says it");
    }

    @Test
    void aRunThatDivergesOnBadlyScaledInputsIsToldToCheckTheScaling() {
        Cli.Run run = train("models/mlp_small.nn", "--normalize", "0.5,0.001", "--epochs", "1", "--limit", "2000").withoutStackTrace();
        assertEquals(ExitCodes.DIAGNOSTICS, run.exit(), run.out());
        assertTrue(run.err().contains("help: or check normalize [0.5, 0.001]: it scales pixels to values up to 500"), run.err());
    }

    @Test
    void badThreadsAreRefusedBeforeLookingForData() {
        Cli.Run run = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--threads", "0", "--data", dir.resolve("nothing").toString())
                .withoutStackTrace();
        assertEquals(ExitCodes.USAGE, run.exit());
        String cores = Runtime.getRuntime().availableProcessors() + " cores";
        assertEquals("nnc: --threads must be 1 to 1024 (this machine has " + cores + "), found 0", run.err().strip());
        Cli.Run many = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--vector", "--threads", "2147483647", "--data",
                dir.resolve("nothing").toString()).withoutStackTrace();
        assertEquals("nnc: --threads must be 1 to 1024 (this machine has " + cores + "), found 2147483647", many.err().strip());
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        assertEquals(ExitCodes.USAGE, Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--epochs", "0").withoutStackTrace().exit());
        assertEquals(ExitCodes.USAGE, Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--normalize", "0.5").withoutStackTrace().exit());
        Path yaml = Files.writeString(dir.resolve("run.yaml"), "epoch: 2\n");
        Cli.Run bad = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--config", yaml.toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("unknown setting `epoch`"), bad.err());
        Cli.Run missing = Cli.run(Cli.REAL, "train", "models/mlp_small.nn", "--data", dir.resolve("nothing").toString(),
                "--out", dir.resolve("runs").toString()).withoutStackTrace();
        assertEquals(ExitCodes.USAGE, missing.exit(), missing.err());
    }
}
