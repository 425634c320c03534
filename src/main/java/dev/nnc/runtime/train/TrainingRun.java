package dev.nnc.runtime.train;

import dev.nnc.api.FloatNetwork;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;
import dev.nnc.runtime.Networks;
import dev.nnc.runtime.data.Dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code nnc train}: generate and compile the model's class, train it on MNIST, and
 * keep everything in a run folder (source, settings, history, curves, confusion matrix,
 * a checkpoint after every epoch, the final weights). The command line only parses
 * options and prints; this does the work.
 */
public final class TrainingRun {
    private TrainingRun() {}

    /** Where a run starts: a fresh folder under {@code outParent}, or an existing run to resume. */
    public sealed interface Start permits Fresh, Resume {}

    public record Fresh(Path outParent, Settings settings) implements Start {}

    /** Resume the run in {@code folder}; {@code epochs}, when given, raises (or lowers) the last epoch. */
    public record Resume(Path folder, Optional<Integer> epochs) implements Start {}

    /**
     * {@code trained}: false for a resumed run that had nothing left to train (its folder untouched);
     * {@code epochsNow}: the epochs trained by this command (a resume trains the rest), which took
     * {@code trainingSeconds} of the {@code seconds} it ran (the rest evaluating and writing files).
     */
    public record Outcome(RunFolder folder, TrainingState state, Evaluation test, double seconds, double trainingSeconds, int epochsNow,
                          Settings settings, boolean trained) {}

    /**
     * Where a run talks: {@code out} for its progress and figures, {@code err} for notes; {@code live}
     * when a terminal shows the progress bar ({@code columns} wide); {@code program} is how the user
     * calls nnc, for the commands it prints.
     */
    public record Console(PrintWriter out, PrintWriter err, boolean live, java.util.function.IntSupplier columns, String program) {}

    public static Samples samples(Dataset d, Settings s) {
        return Samples.of(d, s.normalizeMean(), s.normalizeStd());
    }

    /** A run that cannot be resumed as asked (other kernels, fewer epochs than done); the message says what to do. */
    public static final class CannotResume extends IOException {
        CannotResume(String message) { super(message); }
    }

    /**
     * {@code kernels}: a resumed run must use the kernels it was started with (they round
     * differently, and the run would no longer end where an uninterrupted one does), which its
     * checkpoint records; {@code threads} (used by {@link Kernels#VECTOR}) changes no result.
     */
    public static Outcome run(Model model, String source, Start start, Kernels kernels, int threads, Dataset trainSet, Dataset testSet,
                              Optional<Path> dataOption, Console console, Clock clock) throws IOException, Checkpoint.BadCheckpoint {
        Progress progress = new Progress(console.out(), console.live(), console.columns());
        // Watched before a new run's folder is made: a Ctrl-C from its making on says what the folder holds.
        Interruption watch = Interruption.watch(console.err(), progress::midLine);
        Prepared prepared;
        try {
            java.util.function.Consumer<RunFolder> attach =
                    made -> watch.attach(made, resumeCommand(console.program(), model.sourceFile(), made.dir(), kernels, dataOption));
            prepared = start instanceof Resume resume
                    ? resume(resume, model, source, kernels, threads, trainSet, dataOption, console, attach)
                    : fresh((Fresh) start, model, source, kernels, threads, clock, attach);
        } catch (IOException | RuntimeException | Error e) {
            watch.close();
            throw e;
        }
        try (RunFolder locked = prepared.folder()) { // no other nnc trains into it meanwhile
            return train(prepared, source, kernels, trainSet, testSet, dataOption, console, progress, watch);
        }
    }

    private static Outcome train(Prepared prepared, String source, Kernels kernels, Dataset trainSet, Dataset testSet,
                                 Optional<Path> dataOption, Console console, Progress progress, Interruption watch) throws IOException {
        PrintWriter out = console.out();
        Model model = prepared.model();
        RunFolder folder = prepared.folder();
        Settings settings = prepared.settings();
        TrainingState state = prepared.state();
        FloatNetwork net = prepared.net();
        Settings.Split split;
        Samples train, test;
        try {
            split = settings.split(trainSet.n());
            train = samples(trainSet, settings);
            test = samples(testSet, settings);
        } catch (RuntimeException | Error e) {
            watch.close();
            throw e;
        }
        if (prepared.left() == Left.NOTHING) {
            watch.close();
            // The weights the run ended with; nothing in its folder is rewritten.
            if (state.bestParams() != null) net.setParams(state.bestParams());
            return new Outcome(folder, state, Evaluation.of(net, test), 0, 0, 0, settings, false);
        }
        if (prepared.left() == Left.EPOCHS) out.println("training " + model.name() + " (" + String.format(Locale.ROOT, "%,d", model.paramCount()) + " parameters) on "
                + String.format(Locale.ROOT, "%,d", split.train()) + " MNIST image" + (split.train() == 1 ? "" : "s")
                + (split.validation() > 0 ? String.format(Locale.ROOT, " (%,d more held out for validation)", split.validation()) : "")
                + ", batch " + settings.batch() + ", " + settings.epochs() + " epoch" + (settings.epochs() == 1 ? "" : "s") + ", seed " + settings.seed()
                + "; run folder " + folder.dir());
        out.flush();

        int[] checkpointed = {state.epochsDone()}; // the epoch of the last checkpoint written, which a failed write leaves in place
        Listener keep = new Listener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches, int samples) {
                watch.pauseIfStopping();
                progress.epochStarted(epoch, epochs, batches, samples);
            }

            @Override
            public void batchDone(int batch, int seen, double loss, double accuracy) {
                watch.pauseIfStopping();
                progress.batchDone(batch, seen, loss, accuracy);
            }

            @Override
            public void epochDone(EpochRecord record, TrainingState now) {
                progress.epochDone(record, now);
                try {
                    Checkpoint.of(net, settings, kernels, now).write(folder.checkpoint());
                    checkpointed[0] = now.epochsDone();
                    folder.writeHistory(now.history());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void stoppedEarly(int epoch, int bestEpoch) { progress.stoppedEarly(epoch, bestEpoch); }
        };
        long started = System.nanoTime();
        TrainingState done;
        Evaluation finalTest;
        try (watch) {
            watch.trainingStarted();
            done = new Trainer(net, settings, train, test, keep).run(state);
            // Ctrl-C from here on lets the final files be written first (they are what the run is for).
            watch.finishing();
            try {
                finalTest = writeFinalFiles(prepared, kernels, done, test, split.validation() > 0);
            } catch (IOException e) { // every epoch is in the checkpoint: a resume writes the final files
                throw new UncheckedIOException(e);
            }
            watch.finished(String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * finalTest.accuracy()));
        } catch (UncheckedIOException e) {
            // A disk that filled up, a file in the way: what the run keeps, and how to go on once it is mended.
            String command = resumeCommand(console.program(), model.sourceFile(), folder.dir(), kernels, dataOption);
            throw new IOException(e.getCause().getMessage() + (checkpointed[0] == 0
                    ? "; no epoch was saved, so train again once that is mended"
                    : "; the checkpoint after epoch " + checkpointed[0] + " is kept: once that is mended, resume with: " + command),
                    e.getCause());
        } catch (NonFiniteLossException e) {
            // The folder says why it has no weights; its last checkpoint (if any) is before the divergence.
            int saved = 0;
            try {
                if (Files.exists(folder.checkpoint())) saved = Checkpoint.read(folder.checkpoint()).state().epochsDone();
            } catch (IOException unreadable) {
                // The divergence is the news; an unreadable checkpoint counts as none.
            }
            folder.writeSummary(RunSummary.diverged(model.name(), model.sourceFile(), e, saved));
            throw e;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<EpochRecord> now = done.history().subList(state.history().size(), done.history().size());
        return new Outcome(folder, done, finalTest, seconds, now.stream().mapToDouble(EpochRecord::seconds).sum(), now.size(), settings, true);
    }

    /** The weights, history, plot, confusion matrix and summary of a run whose training is over; returns the final test figures. */
    /** @param validated whether the run holds out validation images, which early stopping watches */
    private static Evaluation writeFinalFiles(Prepared prepared, Kernels kernels, TrainingState done, Samples test, boolean validated)
            throws IOException {
        Model model = prepared.model();
        RunFolder folder = prepared.folder();
        Evaluation finalTest = Evaluation.of(prepared.net(), test);
        Checkpoint.of(prepared.net(), prepared.settings(), kernels, done).write(folder.weights());
        folder.writeHistory(done.history());
        folder.writePlot(done.history(), model.name(), done.bestParams() != null ? OptionalInt.of(done.bestEpoch()) : OptionalInt.empty(),
                finalTest.accuracy());
        folder.writeGradientPlot(done.history(), model.name(), done.bestParams() != null ? OptionalInt.of(done.bestEpoch()) : OptionalInt.empty());
        folder.writeConfusion(finalTest.confusion());
        boolean stoppedEarly = done.stoppedEarly(prepared.settings(), validated);
        folder.writeSummary(new RunSummary(model.name(), model.sourceFile(), prepared.settings().epochs(), stoppedEarly, done, finalTest));
        return finalTest;
    }

    /** What a run has left to do: epochs, only its final files (interrupted before them), or nothing. */
    private enum Left { EPOCHS, FINAL_FILES, NOTHING }

    /** Where a run starts: its folder, settings and state, its network (restored on a resume), and what is left to do. */
    private record Prepared(Model model, RunFolder folder, Settings settings, TrainingState state, FloatNetwork net, Left left) {}

    /**
     * A resumed run: its checkpoint read and checked (kernels, epochs), then what is left: to
     * finish a run interrupted before its final files, nothing (stopped early, or all epochs
     * done), or more epochs.
     */
    private static Prepared resume(Resume resume, Model model, String source, Kernels kernels, int threads, Dataset trainSet,
                                   Optional<Path> dataOption, Console console, java.util.function.Consumer<RunFolder> opened) throws IOException {
        RunFolder folder = RunFolder.open(resume.folder());
        opened.accept(folder); // before anything in it is rewritten
        try {
            return resumeIn(folder, resume, model, source, kernels, threads, trainSet, dataOption, console);
        } catch (IOException | RuntimeException refused) {
            folder.close(); // never throws: the refusal is the news
            throw refused;
        }
    }

    /**
     * Refuses, before MNIST is loaded (perhaps fetched over the network first), a resume that cannot go ahead whatever
     * the data: of a folder that is no run, has no checkpoint, holds another model's or ran other kernels, or has
     * trained more epochs than {@code --epochs}. It only reads: the resume itself checks all again, under the folder's
     * lock. ({@link RunFolder#checkParent} does the same for a fresh run's {@code --out}.)
     */
    public static void checkResume(Resume resume, Model model, String source, Kernels kernels, String program,
                                   Optional<Path> dataOption) throws IOException {
        RunFolder.requireRun(resume.folder());
        Checkpoint saved = resumable(resume, model.sourceFile(), kernels, program, dataOption);
        saved.checkResumableBy(model.name(), model.architectureHash(), model.sourceHash(), source,
                resume.folder().resolve(RunFolder.CHECKPOINT));
    }

    /** The learning rate a run's settings.yaml records ({@code optimizer: lr:}), if it can be read. */
    private static Optional<Double> recordedLr(RunFolder folder) {
        try {
            return RunFile.load(folder.dir().resolve(RunFolder.SETTINGS)).overrides().lr();
        } catch (RunFile.BadRunFile unreadable) {
            return Optional.empty(); // the model's rate, as that nnc would have resumed with
        }
    }

    /** The checkpoint a resume starts from, if the run has one, ran these kernels and has not trained past --epochs. */
    private static Checkpoint resumable(Resume resume, String modelFile, Kernels kernels, String program,
                                        Optional<Path> dataOption) throws IOException {
        Path checkpoint = resume.folder().resolve(RunFolder.CHECKPOINT);
        if (!Files.exists(checkpoint) && Files.exists(resume.folder().resolve(RunFolder.WEIGHTS))) {
            throw new CannotResume(resume.folder() + " has its final " + RunFolder.WEIGHTS + " but no " + RunFolder.CHECKPOINT
                    + " (it was deleted), which a resume starts from: train again, or use the weights as they are (nnc eval)");
        }
        if (!Files.exists(checkpoint)) {
            throw new CannotResume(resume.folder() + " has no " + RunFolder.CHECKPOINT + ": it stopped before its first epoch ended"
                    + (Files.exists(resume.folder().resolve(RunFolder.SUMMARY)) ? " (see its " + RunFolder.SUMMARY + ")" : "")
                    + ", so there is nothing to resume: train again without --resume");
        }
        Checkpoint saved = Checkpoint.read(checkpoint);
        int done = saved.state().epochsDone();
        // Before the kernels: their message gives a command to run, which must not carry an --epochs refused next.
        if (resume.epochs().isPresent() && resume.epochs().get() < done) {
            throw new CannotResume(resume.folder() + " has trained " + done + " epoch" + (done == 1 ? "" : "s")
                    + "; --epochs " + resume.epochs().get() + " cannot undo them: give at least " + done + " (more to train on)");
        }
        if (saved.kernels().isPresent() && saved.kernels().get() != kernels) {
            throw new CannotResume(resume.folder() + " was trained with the " + describe(saved.kernels().get())
                    + "; resume it with them: " + resumeCommand(program, modelFile, resume.folder(), saved.kernels().get(), dataOption)
                    + resume.epochs().map(e -> " --epochs " + e).orElse("")
                    + " (plain and --vector kernels round differently, so the run would not end where an uninterrupted one does)");
        }
        return saved;
    }

    private static Prepared resumeIn(RunFolder folder, Resume resume, Model model, String source, Kernels kernels, int threads,
                                     Dataset trainSet, Optional<Path> dataOption, Console console) throws IOException {
        PrintWriter out = console.out();
        Checkpoint saved = resumable(resume, model.sourceFile(), kernels, console.program(), dataOption);
        if (saved.hashOfExactText() && saved.settings().lr().isEmpty()) {
            // An older nnc's checkpoint kept no --lr: its settings.yaml, which that nnc wrote with the rate it used, has it.
            // Said, as the one record of it (an edit of that file would be taken too).
            Optional<Double> recorded = recordedLr(folder);
            if (recorded.isPresent()) {
                saved = saved.withLr(recorded.get());
                console.err().println("nnc: note: " + folder.checkpoint() + " is of an older nnc, which kept no learning rate in it;"
                        + " the run goes on with lr " + dev.nnc.common.Decimals.of(recorded.get()) + ", as its "
                        + RunFolder.SETTINGS + " records");
            }
        }
        Settings settings = saved.settings();
        model = Overrides.withLr(model, settings.lr()); // the run's --lr, a constant of its class
        FloatNetwork net = Networks.floatNetwork(model, settings.batch(), kernels);
        // Before anything is printed or written: a refused resume leaves the folder as it was.
        saved.checkFits(net, source, folder.checkpoint());
        saved = saved.upgradedFor(net, kernels);
        int done = saved.state().epochsDone();
        TrainingState state = saved.state();
        Left left = Left.EPOCHS;
        boolean validated = settings.split(trainSet.n()).validation() > 0;
        int epochs = resume.epochs().orElse(settings.epochs());
        boolean stopped = state.stoppedEarly(settings, validated);
        // A run stopped after its last checkpoint but before its final files gets them now
        // (summary.txt is the last of them to be written).
        // A damaged weights.nnck is written again from the checkpoint, as a missing one is.
        Optional<String> damaged = damage(folder.weights());
        boolean finalized = Files.exists(folder.weights()) && damaged.isEmpty()
                && Files.exists(folder.dir().resolve(RunFolder.SUMMARY));
        // --epochs below the run's plan, at the epochs done: the run ends there, and says so in every file.
        boolean shortened = !stopped && done >= epochs && epochs < settings.epochs();
        // As the run's checkpoint has its settings: what settings.yaml says unless a person edited it.
        String asRun = SettingsFile.yaml(model, settings, kernels, threads, dev.nnc.common.NncVersion.get());
        if (shortened) {
            takeForWriting(folder);
            out.println("finishing " + folder.dir() + " after epoch " + done + ", as --epochs " + epochs + " asks (it was planned for "
                    + settings.epochs() + "); a later --resume with --epochs more than " + done + " trains on from there");
            settings = settings.withEpochs(done);
            // The checkpoint first: it is what a later resume reads (settings.yaml is for people).
            saved.withSettings(settings).write(folder.checkpoint());
            noteEditedSettings(folder, asRun, console.err(), true);
            writeSettings(folder, model, settings, kernels, threads, resumeCommand(console.program(), model.sourceFile(), folder.dir(), kernels, dataOption)
                    + " --epochs " + done);
            left = Left.FINAL_FILES;
        } else if ((stopped || done >= epochs) && !finalized) {
            takeForWriting(folder);
            out.println("finishing " + folder.dir() + ": its training was over (" + (stopped ? "stopped early" : done + " of " + done
                    + " epoch" + (done == 1 ? "" : "s") + " done") + "), but " + damaged.map(why -> "its " + RunFolder.WEIGHTS
                    + " " + why + ": its final files are written again from " + RunFolder.CHECKPOINT)
                    .orElse("it was interrupted before its final files were written"));
            left = Left.FINAL_FILES;
        } else if (stopped) {
            noteEditedSettings(folder, asRun, console.err(), false);
            out.println("nothing to train: " + folder.dir() + " stopped early after epoch " + done
                    + " (no better validation loss since epoch " + state.bestEpoch() + "); its files stay as they are."
                    + " More epochs would not change that: an uninterrupted run stops there too. To train longer, train again"
                    + " with a larger --early-stop (patience " + settings.earlyStop().getAsInt() + " now) or --early-stop 0 (none)");
            left = Left.NOTHING;
        } else if (done >= epochs) {
            noteEditedSettings(folder, asRun, console.err(), false);
            out.println("nothing to train: " + folder.dir() + " has done all " + done + " epoch" + (done == 1 ? "" : "s")
                    + " (give --epochs more than " + done + " to train on); its files stay as they are");
            left = Left.NOTHING;
        } else {
            takeForWriting(folder);
            int planned = settings.epochs();
            settings = settings.withEpochs(epochs);
            // model.nn back if it was deleted; kept as it is otherwise (the source given may differ in comments).
            if (!Files.exists(folder.dir().resolve(RunFolder.SOURCE))) folder.writeSource(source);
            noteEditedSettings(folder, asRun, console.err(), true);
            if (epochs != planned) {
                // The checkpoint plans the new epochs before settings.yaml says so: a run stopped before its next
                // epoch then resumes (and is said to resume) to them, and its settings.yaml reads as nnc wrote it.
                saved.withSettings(settings).write(folder.checkpoint());
            }
            // The epochs may have changed; written before "resuming" is said, which a failure here would contradict.
            writeSettings(folder, model, settings, kernels, threads, resumeCommand(console.program(), model.sourceFile(), folder.dir(), kernels, dataOption)
                    + resume.epochs().map(e -> " --epochs " + e).orElse(""));
            out.println("resuming " + folder.dir() + " after epoch " + done + " of " + settings.epochs()
                    + (epochs < planned ? " (it was planned for " + planned + ")" : "")
                    + (finalized ? "; its final weights, curves and summary (of epoch " + done + ") are replaced when it ends" : ""));
        }
        net.setThreads(threads);
        saved.restore(net);
        return new Prepared(model, folder, settings, state, net, left);
    }

    /** settings.yaml of a resumed run; a failure to write it says how to resume once it is mended, as a failure in training does. */
    private static void writeSettings(RunFolder folder, Model model, Settings settings, Kernels kernels, int threads, String command)
            throws IOException {
        try {
            folder.writeSettings(model, settings, kernels, threads);
        } catch (IOException e) {
            throw new CannotResume(e.getMessage() + "; nothing was trained: once that is mended, resume with: " + command);
        }
    }

    /**
     * A run's settings.yaml that a person edited: said, with the keys. {@code rewritten}: the resume writes
     * it again from the checkpoint (undoing the edit); else it stays, and no longer says what the run was.
     */
    private static void noteEditedSettings(RunFolder folder, String asRun, PrintWriter err, boolean rewritten) {
        Path file = folder.dir().resolve(RunFolder.SETTINGS);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return; // missing or unreadable: written anew, nothing of the user's in it to undo
        }
        String onDisk;
        try {
            onDisk = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            onDisk = null; // nnc writes UTF-8: other bytes are a person's (an editor in another encoding)
        }
        List<String> edited = onDisk == null ? List.of("the whole file: it is no longer UTF-8 text") : SettingsFile.edited(onDisk, asRun);
        if (edited.isEmpty()) return;
        boolean readable = !edited.get(0).startsWith("the whole file");
        Path kept = file;
        String lost = "";
        if (rewritten) {
            // The person's edit is not lost with the file written again: a copy beside it, which --config takes.
            try {
                kept = keepEdit(folder.dir(), bytes);
            } catch (IOException e) {
                kept = null;
                lost = "; the edited file could not be kept (" + dev.nnc.common.IoReasons.of(e) + "), so the edit is gone";
            }
        }
        err.println("nnc: note: " + file + " was edited (" + String.join(", ", edited) + "); a run keeps the settings it started with,"
                + " which its checkpoint holds, " + (rewritten ? "so the file is written again with them" : "so the file no longer says what the run was")
                + (rewritten && kept != null ? "; the edited file is kept as " + kept : lost)
                + (readable && kept != null ? " (to train with the edited settings, train again with --config " + kept + ")" : ""));
    }

    /** {@code settings.edited.yaml} (or {@code -2}, {@code -3}, ... beside an earlier, different edit) holding {@code bytes}. */
    private static Path keepEdit(Path dir, byte[] bytes) throws IOException {
        for (int n = 1; ; n++) {
            Path copy = dir.resolve(n == 1 ? "settings.edited.yaml" : "settings.edited-" + n + ".yaml");
            if (Files.exists(copy) && !java.util.Arrays.equals(Files.readAllBytes(copy), bytes)) continue;
            dev.nnc.common.AtomicFiles.write(copy, bytes);
            return copy;
        }
    }

    /**
     * Why the file at {@code path} cannot be read as weights, if it exists and cannot: its message
     * without the file's name and the advice ("is damaged (its checksum ...)"). One written by a
     * newer nnc is refused, not overwritten.
     */
    private static Optional<String> damage(Path path) throws CannotResume {
        if (!Files.exists(path)) return Optional.empty();
        try {
            Checkpoint.read(path);
            return Optional.empty();
        } catch (Checkpoint.BadCheckpoint e) {
            String why = e.withoutRestoreAdvice();
            if (why.contains("newer nnc")) throw new CannotResume(e.getMessage() + "; resume it with that nnc");
            return Optional.of(why.startsWith(path.toString()) ? why.substring(path.toString().length()).strip() : why);
        } catch (IOException e) {
            return Optional.of("cannot be read: " + dev.nnc.common.IoReasons.of(e));
        }
    }

    /** Before the first write into a resumed folder: no other process trains into it, and a killed write's leftovers go. */
    private static void takeForWriting(RunFolder folder) throws IOException {
        folder.lock();
        folder.removeLeftovers();
    }

        private static Prepared fresh(Fresh fresh, Model model, String source, Kernels kernels, int threads, Clock clock,
                                  java.util.function.Consumer<RunFolder> made) throws IOException {
        Settings settings = fresh.settings();
        FloatNetwork net = Networks.floatNetwork(model, settings.batch(), kernels);
        net.setThreads(threads);
        net.initialize(settings.seed());
        RunFolder folder = RunFolder.create(fresh.outParent(), model.name(), clock);
        made.accept(folder);
        try {
            folder.writeSource(source);
            folder.writeSettings(model, settings, kernels, threads);
        } catch (IOException e) {
            folder.close();
            throw e;
        }
        return new Prepared(model, folder, settings, TrainingState.fresh(), net, Left.EPOCHS);
    }

    /** The command that continues a run, as a user would type it (paths quoted when they need it). */
    static String resumeCommand(String program, String modelFile, Path folder, Kernels kernels, Optional<Path> dataOption) {
        return Shell.quote(program) + " train " + Shell.quote(modelFile) + " --resume " + Shell.quote(folder.toString())
                + (kernels == Kernels.VECTOR ? " --vector" : "")
                + dataOption.map(d -> " --data " + Shell.quote(d.toString())).orElse("");
    }

    private static String describe(Kernels k) {
        return k == Kernels.VECTOR ? "--vector kernels" : "plain kernels (no --vector)";
    }
}
