package dev.nnc.runtime.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What a user reads when a run is stopped from outside (Ctrl-C, {@code kill}): which epoch
 * the run folder's checkpoint holds and the command that continues it. Installed as a JVM
 * shutdown hook for the time of the training only. The JVM's exit does not stop the training
 * thread, so the hook first asks it to stop at its next batch ({@link #pauseIfStopping}), where
 * the checkpoint and the history agree, and only then reads the checkpoint: the epoch it names
 * is the one the folder keeps, and no progress is drawn after the message.
 */
final class Interruption implements AutoCloseable {
    /** Longer than any batch takes; the message is printed after it even if the training never answers. */
    private static final long WAIT_SECONDS = 30;

    /** The run's folder and the command that continues it, once the folder is made: nothing to say before. */
    private volatile RunFolder folder;
    private volatile String resume;
    private final PrintWriter err;
    /** Whether a progress frame is on screen without its newline: a message then starts on a line of its own. */
    private final java.util.function.BooleanSupplier midLine;
    /** Whether the training loop runs, which stops at its next batch when asked; before, there is nothing to wait for. */
    private final AtomicBoolean training = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch quiet = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onExit, "nnc-interrupted");

    private Interruption(PrintWriter err, java.util.function.BooleanSupplier midLine) {
        this.err = err;
        this.midLine = midLine;
    }

    /**
     * A watch installed before the run folder is made ({@link #attach} names it): a Ctrl-C between its making
     * and the training said nothing and left the folder unexplained. Once the JVM is exiting, no hook can be
     * added: this thread then waits for the exit, leaving nothing behind.
     */
    static Interruption watch(PrintWriter err, java.util.function.BooleanSupplier midLine) {
        Interruption watch = new Interruption(err, midLine);
        try {
            Runtime.getRuntime().addShutdownHook(watch.hook);
        } catch (IllegalStateException shuttingDown) {
            while (true) LockSupport.park(watch); // the JVM halts once its hooks have run
        }
        return watch;
    }

    /** {@code resume}: the command that continues the run. */
    static Interruption watch(RunFolder folder, String resume, PrintWriter err, java.util.function.BooleanSupplier midLine) {
        Interruption watch = watch(err, midLine);
        watch.attach(folder, resume);
        return watch;
    }

    /** The run's folder is made: an interruption from now on says what it holds. */
    void attach(RunFolder folder, String resume) {
        this.resume = resume;
        this.folder = folder;
    }

    /** The training loop starts: an interruption from now on stops it at a batch before saying where the run is. */
    void trainingStarted() {
        training.set(true);
    }

    /** The training is over and the final files come next: an interruption now waits for them. */
    void finishing() {
        finishing.set(true);
    }

    /**
     * The final files are written: the run is complete, whatever stopped the JVM meanwhile;
     * {@code result} (its test accuracy) goes into the message, since the command's own last
     * lines may not be printed before the JVM halts.
     */
    void finished(String result) {
        this.result = result;
        finished.set(true);
    }

    private volatile String result = "";

    /** What the shutdown hook does: stop the training at a batch (or let the final files be written), then say where the run is. */
    void onExit() {
        if (folder == null) return; // stopped before the run had a folder: nothing was made, nothing to say
        if (finishing.get()) {
            // The epochs are done and the final files being written: let them be (the JVM waits for this hook).
            err.print((midLine.getAsBoolean() ? "\n" : "") + "nnc: writing the run's final files before stopping ...\n");
            err.flush();
            await(quiet, WAIT_SECONDS);
            err.print(outcome(true));
            err.flush();
            return;
        }
        if (!training.get()) {
            // The data are still being prepared (seconds, for 60,000 images): no batch to wait for, only what the folder holds.
            err.print(message(folder, resume));
            err.flush();
            return;
        }
        stopping.set(true);
        boolean stopped = await(quiet, 1), waited = !stopped;
        if (waited) { // a long batch or the epoch's evaluation: say something at once
            err.print((midLine.getAsBoolean() ? "\n" : "") + "nnc: stopping after the current batch or evaluation ...\n");
            err.flush();
            stopped = await(quiet, WAIT_SECONDS);
        }
        // A progress frame has no newline yet: end its line first (unless the line above did). The
        // training may have ended meanwhile (a Ctrl-C during the last evaluation) and its files be written.
        err.print((midLine.getAsBoolean() && !waited ? "\n" : "") + outcome(stopped));
        err.flush();
    }

    /**
     * Where the run is once the JVM may halt: complete with its final files; trained, but not all of
     * them written (the resume writes them); or stopped at a batch, with the epoch its checkpoint holds.
     */
    private String outcome(boolean stopped) {
        if (finished.get()) return complete();
        if (finishing.get()) {
            return "nnc: interrupted after the training, before all of its final files were written; " + folder.dir()
                    + " keeps the trained weights in its checkpoint. Write them with:\n  " + resume + "\n";
        }
        return message(folder, resume)
                + (stopped ? "" : "nnc: (the training had not stopped after " + WAIT_SECONDS + " s: the folder may hold an epoch more)\n");
    }

    private static boolean await(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Called by the training between batches (never while a checkpoint is written): once the
     * JVM is exiting, the training thread stops here for good and lets the message be printed.
     */
    void pauseIfStopping() {
        if (!stopping.get()) return;
        quiet.countDown();
        while (true) LockSupport.park(this); // the JVM halts once the hook has printed
    }

    private String complete() {
        return "nnc: stopped; the run had finished" + (result.isEmpty() ? "" : " (" + result + ")") + ", and " + folder.dir()
                + " holds its final files\n";
    }

    static String message(RunFolder folder, String resume) {
        Checkpoint saved;
        try {
            saved = Checkpoint.read(folder.checkpoint());
        } catch (IOException none) {
            boolean settings = java.nio.file.Files.exists(folder.dir().resolve(RunFolder.SETTINGS));
            return "nnc: interrupted before the first epoch ended; " + folder.dir()
                    + " holds no checkpoint to resume (only the model source" + (settings ? " and settings" : "") + "): train again\n";
        }
        return "nnc: interrupted; " + folder.dir() + " keeps the checkpoint after epoch " + saved.state().epochsDone()
                + " of " + saved.settings().epochs() + ". Continue with:\n"
                + "  " + resume + "\n";
    }

    /** The training is over: no message at exit (or, if the exit began, no more waiting for it). */
    @Override
    public void close() {
        quiet.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and the hook runs (or ran): nothing to undo.
        }
    }
}
