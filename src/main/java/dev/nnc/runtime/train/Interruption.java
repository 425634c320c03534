package dev.nnc.runtime.train;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * What a user reads when a run is stopped from outside (Ctrl-C, {@code kill}): which epoch
 * the run folder's checkpoint holds and the command that continues it. Installed as a JVM
 * shutdown hook for the time of the training only; it reads the checkpoint from disk, which
 * is always whole (see {@link Checkpoint#write}), so it never reports an epoch that was lost.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    /** {@code resume}: the command that continues the run. */
    static Interruption watch(RunFolder folder, String resume, PrintWriter err, boolean live) {
        Thread hook = new Thread(() -> {
            // A live progress bar has no newline yet: end its line first.
            err.print((live ? "\n" : "") + message(folder, resume));
            err.flush();
        }, "nnc-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    static String message(RunFolder folder, String resume) {
        Checkpoint saved;
        try {
            saved = Checkpoint.read(folder.checkpoint());
        } catch (IOException none) {
            return "nnc: interrupted before the first epoch ended; " + folder.dir()
                    + " holds no checkpoint to resume (only the model source and settings): train again\n";
        }
        return "nnc: interrupted; " + folder.dir() + " keeps the checkpoint after epoch " + saved.state().epochsDone()
                + " of " + saved.settings().epochs() + ". Continue with:\n"
                + "  " + resume + "\n";
    }

    /** The training is over: no message at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and the hook runs (or ran): nothing to undo.
        }
    }
}
