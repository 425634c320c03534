package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message of a run stopped from outside, before and after its first checkpoint. */
class InterruptionTest {
    @TempDir
    Path tmp;

    private final Clock noon = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void beforeTheFirstCheckpointThereIsNothingToResume() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        assertEquals("nnc: interrupted before the first epoch ended; " + run.dir()
                + " holds no checkpoint to resume (only the model source and settings): train again\n",
                Interruption.message(run, "nnc train tiny.nn --resume " + run.dir()));
    }

    @Test
    void afterOneItNamesItsEpochAndTheCommandWithTheRunsKernels() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        Settings s = new Settings(16, 5, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        FloatNetwork net = Networks.floatNetwork(TinyData.model(TinyData.MLP), s.batch());
        TrainingState two = new TrainingState(2, List.of(), Double.POSITIVE_INFINITY, 0, null);
        Checkpoint.of(net, s, Kernels.VECTOR, two).write(run.checkpoint());
        String resume = TrainingRun.resumeCommand("./nnc", "my models/tiny.nn", run.dir(), Kernels.VECTOR, java.util.Optional.of(Path.of("/data/mnist")));
        assertEquals("./nnc train 'my models/tiny.nn' --resume " + run.dir() + " --vector --data /data/mnist", resume,
                "nnc as the user called it, the run's kernels and data, a path with a space quoted");
        assertEquals("nnc: interrupted; " + run.dir() + " keeps the checkpoint after epoch 2 of 5. Continue with:\n"
                + "  " + resume + "\n", Interruption.message(run, resume));
    }

    /**
     * Ctrl-C after the last epoch, while the final files are written: they are written first
     * (the hook waits for them), and the message says the run finished (it said nothing before).
     */
    @Test
    void anInterruptionWhileTheFinalFilesAreWrittenWaitsForThem() throws Exception {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(run, "nnc train tiny.nn --resume " + run.dir(), new java.io.PrintWriter(text), false);
        watch.finishing();
        Thread exit = new Thread(watch::onExit);
        exit.start();
        exit.join(300);
        assertTrue(exit.isAlive(), "the hook waits while the files are written");
        assertEquals("nnc: writing the run's final files before stopping ...\n", text.toString());
        watch.finished(); // the files are written
        watch.close();
        exit.join(5_000);
        assertEquals("nnc: writing the run's final files before stopping ...\n"
                + "nnc: stopped; the run had finished, and " + run.dir() + " holds its final files\n", text.toString());
    }

    /** Writing them failed (the training is over, but an exception left the block): the resume command, not "holds". */
    @Test
    void finalFilesThatFailedGetTheResumeCommand() throws Exception {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(run, "nnc train tiny.nn --resume " + run.dir(), new java.io.PrintWriter(text), false);
        watch.finishing();
        Thread exit = new Thread(watch::onExit);
        exit.start();
        watch.close();
        exit.join(5_000);
        assertTrue(text.toString().endsWith(Interruption.message(run, "nnc train tiny.nn --resume " + run.dir())), text.toString());
    }

    /** A Ctrl-C during the last epoch's evaluation: the training ends on its own and writes its files; that is said. */
    @Test
    void aStopAskedDuringTheLastEvaluationEndsWithTheFilesWritten() throws Exception {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(run, "nnc train tiny.nn --resume " + run.dir(), new java.io.PrintWriter(text), false);
        Thread exit = new Thread(watch::onExit);
        exit.start(); // asks the training to stop at its next batch; there is none
        Thread.sleep(100);
        watch.finishing();
        watch.finished();
        watch.close();
        exit.join(5_000);
        assertEquals("nnc: stopped; the run had finished, and " + run.dir() + " holds its final files\n", text.toString());
    }
}
