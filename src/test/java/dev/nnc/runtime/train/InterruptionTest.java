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
        run.writeSource("model Tiny {\n}\n");
        assertEquals("nnc: interrupted before the first epoch ended; " + run.dir()
                + " holds no checkpoint to resume (only the model source): train again\n",
                Interruption.message(run, "nnc train tiny.nn --resume " + run.dir()), "stopped before its settings were written");
        java.nio.file.Files.writeString(run.dir().resolve(RunFolder.SETTINGS), "run:\n");
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

    /** A run's watch, what it prints, and its hook started as the JVM's exit would start it. */
    private record Exiting(RunFolder run, Interruption watch, java.io.StringWriter text, Thread hook) {
        String resume() { return "nnc train tiny.nn --resume " + run.dir(); }

        String complete() { return "nnc: stopped; the run had finished, and " + run.dir() + " holds its final files\n"; }
    }

    /** {@code finishing}: whether the training was over (the final files being written) when the exit began. */
    private Exiting exiting(boolean finishing) throws IOException {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(run, "nnc train tiny.nn --resume " + run.dir(), new java.io.PrintWriter(text), () -> false);
        watch.trainingStarted();
        if (finishing) watch.finishing();
        Thread hook = new Thread(watch::onExit);
        hook.start();
        return new Exiting(run, watch, text, hook);
    }

    /**
     * Ctrl-C after the last epoch, while the final files are written: they are written first
     * (the hook waits for them), and the message says the run finished (it said nothing before).
     */
    @Test
    void anInterruptionWhileTheFinalFilesAreWrittenWaitsForThem() throws Exception {
        Exiting e = exiting(true);
        e.hook().join(300);
        assertTrue(e.hook().isAlive(), "the hook waits while the files are written");
        assertEquals("nnc: writing the run's final files before stopping ...\n", e.text().toString());
        e.watch().finished("test accuracy 91.00%"); // the files are written
        e.watch().close();
        e.hook().join(5_000);
        assertEquals("nnc: writing the run's final files before stopping ...\n"
                + "nnc: stopped; the run had finished (test accuracy 91.00%), and " + e.run().dir() + " holds its final files\n",
                e.text().toString());
    }

    /** Writing them failed (the training is over, but an exception left the block): the resume command, which writes them. */
    @Test
    void finalFilesThatFailedGetTheResumeCommand() throws Exception {
        Exiting e = exiting(true);
        e.watch().close();
        e.hook().join(5_000);
        assertTrue(e.text().toString().endsWith("nnc: interrupted after the training, before all of its final files were written; "
                + e.run().dir() + " keeps the trained weights in its checkpoint. Write them with:\n  " + e.resume() + "\n"), e.text().toString());
    }

    /** A Ctrl-C during the last epoch's evaluation: the training ends on its own and writes its files; that is said. */
    @Test
    void aStopAskedDuringTheLastEvaluationEndsWithTheFilesWritten() throws Exception {
        Exiting e = exiting(false); // asks the training to stop at its next batch; there is none
        Thread.sleep(100);
        e.watch().finishing();
        e.watch().finished("");
        e.watch().close();
        e.hook().join(5_000);
        assertEquals(e.complete(), e.text().toString());
    }

    /**
     * Ctrl-C after the folder was made, before the training loop started (the images being scaled): said at once,
     * with what the folder holds; it ended silently (an environments review).
     */
    @Test
    void anInterruptionBeforeTheTrainingSaysWhatTheFolderHoldsAtOnce() throws Exception {
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(run, "nnc train tiny.nn --resume " + run.dir(), new java.io.PrintWriter(text), () -> false);
        Thread hook = new Thread(watch::onExit);
        long started = System.nanoTime();
        hook.start();
        hook.join(5_000);
        assertTrue(System.nanoTime() - started < 900_000_000L, "no batch to wait for");
        assertEquals(Interruption.message(run, "nnc train tiny.nn --resume " + run.dir()), text.toString());
        watch.close();
    }

    /** Stopped before the run had a folder: nothing was made, and nothing is said (a re-test saw no message, or an internal error). */
    @Test
    void anInterruptionBeforeTheFolderSaysNothing() throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        Interruption watch = Interruption.watch(new java.io.PrintWriter(text), () -> false);
        Thread hook = new Thread(watch::onExit);
        hook.start();
        hook.join(5_000);
        assertEquals("", text.toString());
        RunFolder run = RunFolder.create(tmp, "Tiny", noon);
        watch.attach(run, "nnc train tiny.nn --resume " + run.dir());
        Thread later = new Thread(watch::onExit);
        later.start();
        later.join(5_000);
        assertEquals(Interruption.message(run, "nnc train tiny.nn --resume " + run.dir()), text.toString(), "once made, it is said");
        watch.close();
    }
}
