package dev.nnc.robustness;

import dev.nnc.runtime.train.Checkpoint;
import dev.nnc.runtime.train.RunFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nnc train} in a child JVM, killed with SIGKILL ({@link Process#destroyForcibly})
 * at chosen and at random moments. Whatever the moment, the checkpoint left behind must
 * read back whole, and {@code train --resume} must finish with exactly the parameters of an
 * uninterrupted run with the same seed; killed before the first checkpoint, the resume must
 * be refused with a one-line error, not a stack trace.
 */
class KilledTrainingTest {
    private static final Path MODEL = Path.of("models", "mlp_small.nn");
    private static final Path DATA = Path.of("..", "shared", "mnist").toAbsolutePath().normalize();
    private static final List<String> RUN = List.of("--limit", "3000", "--epochs", "4", "--data", DATA.toString());
    private static final long TIMEOUT_SECONDS = 120;
    /** Seeds the random kill moment; printed so that a failure can be replayed. */
    private static final long SEED = Long.getLong("nnc.kill.seed", System.nanoTime());

    @TempDir
    static Path tmp;
    private static float[] uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() throws Exception {
        Path out = tmp.resolve("reference");
        Result r = waitFor(start(train("--out", out.toString())));
        assertEquals(0, r.exit(), r::describe);
        uninterrupted = Checkpoint.read(runFolder(out).resolve(RunFolder.WEIGHTS)).params();
    }

    @Test
    void killedWhileACheckpointIsWrittenResumesToTheSameWeights() throws Exception {
        Path out = tmp.resolve("during-write");
        Process p = start(train("--out", out.toString()));
        Path run = await(p, () -> runFolderIfAny(out));
        Path checkpoint = run.resolve(RunFolder.CHECKPOINT);
        await(p, () -> Optional.of(checkpoint).filter(Files::exists));
        FileTime first = Files.getLastModifiedTime(checkpoint);
        // The second epoch's checkpoint: kill as soon as its temporary file or the renamed file shows.
        await(p, () -> Optional.of(run).filter(dir -> writing(dir) || changed(checkpoint, first)));
        boolean midWrite = writing(run);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        System.out.println("killed " + (midWrite ? "with a temporary checkpoint on disk" : "right after the rename"));

        Checkpoint saved = Checkpoint.read(checkpoint); // must be whole: the old one or the new one
        assertTrue(saved.state().epochsDone() >= 1, "epochs in the checkpoint: " + saved.state().epochsDone());
        resumeAndCompare(run);
    }

    @Test
    void killedAtARandomMomentResumesToTheSameWeights() throws Exception {
        Random random = new Random(SEED);
        Path out = tmp.resolve("random");
        Process p = start(train("--out", out.toString()));
        Path run = await(p, () -> runFolderIfAny(out));
        Path checkpoint = run.resolve(RunFolder.CHECKPOINT);
        await(p, () -> Optional.of(checkpoint).filter(Files::exists));
        long delay = random.nextInt(600); // the three epochs left take 0.3–1 s
        Thread.sleep(delay);
        boolean killed = p.isAlive();
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        System.out.printf("kill seed %d: %d ms after the first checkpoint, %s%n", SEED, delay,
                killed ? "killed" : "already finished");

        Checkpoint.read(checkpoint);
        resumeAndCompare(run);
    }

    @Test
    void stoppedWithSigtermItSaysWhatIsKeptAndHowToContinue() throws Exception {
        Path run = null;
        Result r = null;
        // The run may finish before the signal arrives (its last epochs take a fraction of a second): then try
        // again, so that the assertions below are always reached (they were skipped when it finished).
        for (int attempt = 1; attempt <= 5; attempt++) {
            Path out = tmp.resolve("sigterm-" + attempt);
            Process p = start(train("--out", out.toString()));
            Path folder = await(p, () -> runFolderIfAny(out));
            await(p, () -> Optional.of(folder.resolve(RunFolder.CHECKPOINT)).filter(Files::exists));
            // SIGTERM, as `kill` sends (Ctrl-C's SIGINT runs the same shutdown hooks); through the handle,
            // because Process.destroy() would also close our ends of its output streams.
            p.toHandle().destroy();
            run = folder;
            r = waitFor(p);
            if (r.exit() != 0) break;
            System.out.println("attempt " + attempt + ": the run finished before SIGTERM arrived");
        }
        assertNotEquals(0, r.exit(), "five runs in a row finished before SIGTERM arrived");
        int epochs = Checkpoint.read(run.resolve(RunFolder.CHECKPOINT)).state().epochsDone();
        // The training stopped before the message was written: the history has a row per epoch the checkpoint holds.
        assertEquals(epochs + 1, Files.readAllLines(run.resolve(RunFolder.HISTORY_CSV)).size(), "a header and a row per epoch kept");
        assertTrue(r.stderr().contains("nnc: interrupted; " + run + " keeps the checkpoint after epoch " + epochs + " of 4. Continue with:\n"
                + "  nnc train " + MODEL + " --resume " + run + " --data " + DATA + "\n"), r::describe);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r::describe);
        String printed = r.stderr().substring(r.stderr().indexOf("Continue with:\n") + "Continue with:\n".length()).lines().findFirst()
                .orElseThrow().trim();
        assertEquals("nnc " + String.join(" ", resume(run)), printed, "the command names the model, the run and the --data given");
        resumeAndCompare(run, List.of(printed.substring("nnc ".length()).split(" "))); // run as printed
    }

    /**
     * A resume that extends a run (--epochs more) and is stopped before its next epoch: the checkpoint plans the new
     * epochs, so the message and a plain --resume go on to them, and settings.yaml is not taken for a person's edit
     * (a re-test: the printed command dropped --epochs, and the next resume said settings.yaml was edited).
     */
    @Test
    void anExtendedResumeStoppedAtOnceKeepsItsNewEpochs() throws Exception {
        Path out = tmp.resolve("extended");
        Result first = waitFor(start(train("--out", out.toString())));
        assertEquals(0, first.exit(), first::describe);
        Path run = runFolder(out);
        List<String> more = new ArrayList<>(resume(run));
        more.addAll(List.of("--epochs", "1000"));
        Process p = start(more);
        await(p, () -> Optional.of(run).filter(r -> {
            try {
                return Files.readString(r.resolve(RunFolder.SETTINGS)).contains("epochs: 1000");
            } catch (IOException notYet) {
                return false;
            }
        }));
        p.toHandle().destroy();
        Result r = waitFor(p);
        assertEquals(1000, Checkpoint.read(run.resolve(RunFolder.CHECKPOINT)).settings().epochs(), r::describe);
        assertTrue(r.stderr().contains(" of 1000. Continue with:\n  nnc " + String.join(" ", resume(run)) + "\n"), r::describe);
        Process again = start(resume(run));
        await(again, () -> Optional.of(run).filter(x -> {
            try {
                return Checkpoint.read(x.resolve(RunFolder.CHECKPOINT)).state().epochsDone() > 4;
            } catch (IOException notYet) {
                return false;
            }
        }));
        again.toHandle().destroy();
        Result resumed = waitFor(again);
        assertTrue(resumed.stdout().contains("resuming " + run + " after epoch"), resumed::describe);
        assertFalse(resumed.stderr().contains("was edited"), "settings.yaml as nnc wrote it: " + resumed.describe());
    }

    @Test
    void killedBeforeTheFirstCheckpointTheResumeIsRefusedInOneLine() throws Exception {
        Path out = tmp.resolve("early");
        Process p = start(train("--out", out.toString()));
        Path run = await(p, () -> runFolderIfAny(out));
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (Files.exists(run.resolve(RunFolder.CHECKPOINT))) {
            System.out.println("the first checkpoint was written before the kill");
            resumeAndCompare(run); // the first epoch was faster than the kill: still a valid outcome
            return;
        }
        Result r = waitFor(start(resume(run)));
        assertNotEquals(0, r.exit(), r::describe);
        assertTrue(r.stderr().contains("error: ") && r.stderr().contains(RunFolder.CHECKPOINT), r::describe);
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r::describe);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void resumeAndCompare(Path run) throws Exception {
        resumeAndCompare(run, resume(run));
    }

    private static void resumeAndCompare(Path run, List<String> command) throws Exception {
        Result r = waitFor(start(command));
        assertEquals(0, r.exit(), r::describe);
        float[] resumed = Checkpoint.read(run.resolve(RunFolder.WEIGHTS)).params();
        assertArrayEquals(uninterrupted, resumed, "resumed weights differ from the uninterrupted run's\n" + r.describe());
    }

    private static List<String> train(String... more) {
        List<String> args = new ArrayList<>(List.of("train", MODEL.toString()));
        args.addAll(RUN);
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> resume(Path run) {
        return List.of("train", MODEL.toString(), "--resume", run.toString(), "--data", DATA.toString());
    }

    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.nnc.cli.Main"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close(); // no console input
        return p;
    }

    record Result(int exit, String stdout, String stderr) {
        String describe() { return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr; }
    }

    private static Result waitFor(Process p) throws Exception {
        // Read both streams concurrently so that a full pipe never blocks the child.
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("(unreadable: " + e + ")");
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nnc train did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    /** Polls every millisecond until {@code what} is present; fails if the process ends first. */
    private static <T> T await(Process p, java.util.concurrent.Callable<Optional<T>> what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Optional<T> found = what.call();
            if (found.isPresent()) return found.get();
            if (!p.isAlive()) {
                found = what.call();
                if (found.isPresent()) return found.get();
                throw new AssertionError("nnc train ended (exit " + p.exitValue() + ") before the awaited moment:\n"
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Thread.sleep(1);
        }
        p.destroyForcibly();
        throw new AssertionError("timed out");
    }

    private static Optional<Path> runFolderIfAny(Path out) throws IOException {
        if (!Files.isDirectory(out)) return Optional.empty();
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst();
        }
    }

    private static Path runFolder(Path out) throws IOException {
        return runFolderIfAny(out).orElseThrow(() -> new AssertionError("no run folder in " + out));
    }

    /** Whether a temporary checkpoint file (written before the atomic rename) exists. */
    private static boolean writing(Path run) {
        try (Stream<Path> s = Files.list(run)) {
            Predicate<Path> tmpCheckpoint = f -> f.getFileName().toString().startsWith("." + RunFolder.CHECKPOINT);
            return s.anyMatch(tmpCheckpoint);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean changed(Path file, FileTime before) {
        try {
            return !Files.getLastModifiedTime(file).equals(before);
        } catch (IOException e) {
            return false;
        }
    }
}
