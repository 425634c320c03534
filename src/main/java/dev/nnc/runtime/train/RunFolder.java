package dev.nnc.runtime.train;

import dev.nnc.common.AtomicFiles;
import dev.nnc.common.NncVersion;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * What a user keeps of a training run: one folder, {@code <model>-<yyyyMMdd-HHmmss>}, with
 * the exact model source, the resolved settings, the history, the curves, the confusion
 * matrix, the latest checkpoint and the trained parameters. A new run never reuses a
 * folder: two runs in the same second get {@code -2}, {@code -3}…. Every file is written
 * to a temporary name and renamed, so a crash leaves either the old file or the new one.
 */
public final class RunFolder implements AutoCloseable {
    public static final String SOURCE = "model.nn";
    public static final String SETTINGS = "settings.yaml";
    public static final String HISTORY_CSV = "history.csv";
    public static final String HISTORY_JSON = "history.json";
    public static final String CURVES = "curves.png";
    public static final String GRADIENTS = "gradients.png";
    public static final String CONFUSION_CSV = "confusion.csv";
    public static final String CONFUSION_TXT = "confusion.txt";
    public static final String CONFUSION_PNG = "confusion.png";
    public static final String SUMMARY = "summary.txt";
    public static final String CHECKPOINT = dev.nnc.api.NnckFile.CHECKPOINT;
    public static final String WEIGHTS = dev.nnc.api.NnckFile.WEIGHTS;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    /** Far more runs than can start in one second; a bound so that a broken file system cannot loop us. */
    private static final int MAX_SUFFIX = 1000;

    /**
     * Locked while a run trains into the folder: two processes never train into one run. The
     * file stays (empty, hidden): deleting it would let a second process lock a file no longer
     * in the folder while a third locks the new one.
     */
    static final String LOCK = ".nnc-train.lock";
    /** The files nnc writes in a run folder, whose temporary files a killed write may leave. */
    private static final List<String> FILES = List.of(SOURCE, SETTINGS, HISTORY_CSV, HISTORY_JSON, CURVES, GRADIENTS, CONFUSION_CSV, CONFUSION_TXT,
            CONFUSION_PNG, SUMMARY, CHECKPOINT, WEIGHTS);

    private final Path dir;
    private FileChannel lockFile;
    private FileLock lock;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Takes the folder for a run: refused while another process trains into it. On a file system
     * without locks (some network mounts) the run goes on unlocked, as before locks existed.
     */
    public void lock() throws IOException {
        FileChannel channel = null;
        try {
            channel = openLockFile();
            // The lock file a finished run keeps may open for writing in a folder that takes no new file
            // (chattr +i), where the first file written would fail: try one now, before anything is said.
            Files.delete(Files.createTempFile(dir, ".nnc-probe-", ".tmp"));
        } catch (IOException denied) {
            if (channel != null) channel.close();
            // A resumed run trains on in its own folder: another user's, an immutable one or one on a
            // read-only mount cannot take it, but a copy can. (A full disk or a failing one: said as it is.)
            if (!refused(denied)) throw denied;
            throw new IOException(dir + " cannot be written (" + dev.nnc.common.IoReasons.of(denied) + owner() + "), and a resumed"
                    + " run trains on in its own folder: copy it to a folder of yours (cp -r " + Shell.quote(dir.toString())
                    + " DEST) and resume the copy", denied);
        }
        take(channel);
    }

    /** The folders whose lock this JVM holds (POSIX locks belong to the process: see {@link #inUse}). */
    private static final java.util.Set<Path> HELD_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether an {@code nnc train} holds {@code dir} now (its lock is taken), asked without taking it: a shared lock
     * on the lock file, which a training's exclusive one refuses. False when that cannot be told.
     */
    public static boolean inUse(Path dir) {
        // Held by this JVM: asked from the table, for closing a channel of the lock file here would drop this process's lock.
        if (HELD_HERE.contains(dir.toAbsolutePath().normalize())) return true;
        Path lock = dir.resolve(LOCK);
        if (!Files.isRegularFile(lock)) return false;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ)) {
            FileLock shared = channel.tryLock(0, Long.MAX_VALUE, true);
            if (shared == null) return true;
            shared.release();
            return false;
        } catch (OverlappingFileLockException thisProcess) {
            return true;
        } catch (IOException cannotTell) {
            return false;
        }
    }

    /** {@link #lock} of a folder just made, whose failures are the making's. */
    private void lockNew() throws IOException {
        take(openLockFile());
    }

    /**
     * The lock file, opened to lock it. A run folder received from someone else may hold a link or a
     * named pipe by its name: opened, a link would create a file where it points, a pipe wait for a
     * reader for good.
     */
    private FileChannel openLockFile() throws IOException {
        Path lock = dir.resolve(LOCK);
        if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(lock + " is not a regular file (" + (Files.isSymbolicLink(lock) ? "a link"
                    : Files.isDirectory(lock, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a pipe or a device")
                    + ", where nnc keeps an empty lock file): remove it, then run again");
        }
        return FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private void take(FileChannel channel) throws IOException {
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException thisProcess) {
            held = null;
        } catch (IOException unsupported) {
            channel.close();
            return;
        }
        if (held == null) {
            channel.close();
            throw new IOException(dir + " is in use: another `nnc train` is training into it; wait for it to end (or stop it), then resume");
        }
        lockFile = channel;
        lock = held;
        HELD_HERE.add(dir.toAbsolutePath().normalize());
    }

    /** A write refused for who we are or where it goes (permissions, an immutable folder, a read-only mount), not for a fault. */
    private static boolean refused(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return true;
        String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : null;
        return reason != null && (reason.contains("Operation not permitted") || reason.contains("Read-only file system"));
    }

    /** {@code "; it belongs to root"} when the folder is another user's, else nothing. */
    private String owner() {
        var view = Files.getFileAttributeView(dir, java.nio.file.attribute.FileOwnerAttributeView.class);
        if (view == null) return ""; // a file system without owners: the reason alone is given
        try {
            String owner = view.getOwner().getName();
            return owner.equals(System.getProperty("user.name")) ? "" : "; it belongs to " + owner;
        } catch (IOException cannotSay) {
            return ""; // as above, for a file system that cannot say
        }
    }

    /** Lets another run into the folder. Never fails: the run's own outcome is what a caller reports. */
    @Override
    public void close() {
        if (lock != null) HELD_HERE.remove(dir.toAbsolutePath().normalize());
        try {
            if (lock != null) lock.release();
            if (lockFile != null) lockFile.close();
        } catch (IOException e) {
            // The lock ends with the process in any case.
        }
        lock = null;
        lockFile = null;
    }

    /** Makes a new folder {@code parent/<model>-<timestamp>[-n]} (and {@code parent} if needed), locked for its run. */
    public static RunFolder create(Path parent, String modelName, Clock clock) throws IOException {
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw cannotHoldRuns(parent, e);
        }
        String base = safe(modelName) + "-" + STAMP.format(LocalDateTime.now(clock));
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            Path dir = parent.resolve(n == 1 ? base : base + "-" + n);
            try {
                // Atomic: of two runs racing for the same name, exactly one gets it.
                Files.createDirectory(dir);
                RunFolder folder = new RunFolder(dir);
                folder.lockNew(); // nobody else knows it yet: never refused
                return folder;
            } catch (FileAlreadyExistsException taken) {
                // another run of the same second; try the next suffix
            } catch (IOException e) {
                throw new IOException("cannot create the run folder " + dir + ": " + reason(e, dir)
                        + (refused(e) ? "; give --out a folder of yours" : ""), e);
            }
        }
        throw new IOException("cannot create a run folder in " + parent + ": " + base + " to " + base + "-"
                + MAX_SUFFIX + " all exist");
    }

    private static IOException cannotHoldRuns(Path parent, IOException e) {
        return new IOException("cannot create the folder " + parent + " for run folders: " + reason(e, parent)
                + (refused(e) ? "; give --out a folder of yours" : ""), e);
    }

    /**
     * Refuses, as {@link #create} would, a {@code parent} that cannot hold run folders because a file is where it or
     * one of its folders should be: asked before MNIST is loaded (perhaps fetched), which a mistyped --out should not
     * wait for. Makes nothing: the first folder that exists is a file, so no folder can be made under it.
     */
    public static void checkParent(Path parent) throws IOException {
        if (dev.nnc.common.IoReasons.nearestExisting(parent).map(Files::isDirectory).orElse(true)) return;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw cannotHoldRuns(parent, e);
        }
    }

    /**
     * An existing run folder, to resume a run into it (after its checkpoint is found to fit:
     * {@link #lock}, then {@link #removeLeftovers}); one that nnc did not make is refused.
     */
    public static RunFolder open(Path dir) throws IOException {
        requireRun(dir);
        return new RunFolder(dir);
    }

    /** Refuses a {@code dir} that is missing, a file, or a folder nnc did not make, saying which. */
    public static void requireRun(Path dir) throws IOException {
        if (!Files.exists(dir)) throw new IOException("there is no run folder " + dir + " (it does not exist)" + latestBeside(dir));
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().normalize().getParent();
            throw new IOException(dir + " is a file, not a run folder" + (parent != null && looksLikeRun(parent)
                    ? "; the folder it is in is one: --resume " + (dir.getParent() != null ? dir.getParent() : parent) : ""));
        }
        if (!isRun(dir)) {
            // Nothing is touched in a folder nnc did not make (not even its leftover temporary files).
            throw new IOException(dir + " is not a run folder of `nnc train` (it holds none of " + SOURCE + ", " + SETTINGS
                    + ", " + CHECKPOINT + ", " + WEIGHTS + "); give the folder a run printed as `saved ...` or `run folder ...`");
        }
    }

    /**
     * A run killed while writing leaves a hidden temporary file ({@code .checkpoint.nnck.*.tmp});
     * the complete file beside it is what counts. Call when locked: another run's temporary files
     * would still be in use.
     */
    public void removeLeftovers() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                boolean ours = FILES.stream().anyMatch(target -> AtomicFiles.isTemporaryOf(name, target));
                if (ours && Files.isRegularFile(f)) Files.deleteIfExists(f);
            }
        }
    }

    /**
     * "; the latest runs in runs, Mlp's first: runs/Mlp-…, …" for a folder name with a slip, those of the model
     * it names first; a bare name, or one whose folder does not exist either, is looked for in
     * {@code runs/}, where nnc puts runs by default; "" when there are none.
     */
    private static String latestBeside(Path missing) {
        Path parentShown = missing.getParent();
        if ((parentShown == null || !Files.isDirectory(parentShown)) && Files.isDirectory(Path.of("runs"))) {
            missing = Path.of("runs").resolve(missing.getFileName());
        }
        Path parent = missing.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) return "";
        String model = modelOf(missing.getFileName().toString());
        List<Path> runs;
        try (var files = Files.list(parent)) {
            runs = files.filter(RunFolder::looksLikeRun)
                    .sorted(java.util.Comparator.comparing((Path p) -> !modelOf(p.getFileName().toString()).equalsIgnoreCase(model))
                            .thenComparing(LATEST_FIRST))
                    .limit(3).toList();
        } catch (IOException unreadable) {
            return "";
        }
        if (runs.isEmpty()) return "";
        Path shownParent = missing.getParent();
        String list = runs.stream().map(r -> (shownParent == null ? r.getFileName() : shownParent.resolve(r.getFileName())).toString())
                .collect(java.util.stream.Collectors.joining(", "));
        return "; the latest runs in " + (shownParent == null ? "." : shownParent) + (model.isEmpty() ? "" : ", " + model + "'s first") + ": " + list;
    }

    /** {@code Mlp} of {@code Mlp-20261207-120405} (or of a name with a slip in its stamp). */
    private static String modelOf(String folderName) {
        int dash = folderName.indexOf('-');
        return dash < 0 ? folderName : folderName.substring(0, dash);
    }

    private static final java.util.regex.Pattern STAMPED = java.util.regex.Pattern.compile("-(\\d{8}-\\d{6})(-\\d+)?$");

    /** {@code 20261207-120405} of {@code Mlp-20261207-120405-2}; "" for a folder not named so. */
    private static String stampOf(String folderName) {
        java.util.regex.Matcher m = STAMPED.matcher(folderName);
        return m.find() ? m.group(1) : "";
    }

    /** Run folders, the latest first: by their stamp, then (same second) by the suffix in their name. */
    private static final java.util.Comparator<Path> LATEST_FIRST = java.util.Comparator.comparing((Path p) -> stampOf(p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString()).reversed();

    /**
     * The run folders in {@code parent} that trained {@code model} from {@code source} and hold weights to use
     * (final ones, or a checkpoint), the latest first: their weights carry the model's architecture (so that an edited
     * comment, learning rate or {@code train(...)} does not matter; before format 4, its tokens, and in version-1 files
     * its exact text). None when {@code parent} cannot be read.
     */
    public static List<Path> runsOf(Path parent, Model model, String source) {
        try (var files = Files.list(parent)) {
            return files.filter(RunFolder::looksLikeRun)
                    .filter(dir -> dev.nnc.api.NnckFile.inRunFolder(dir).filter(w -> trained(w, model, source)).isPresent())
                    .sorted(LATEST_FIRST)
                    .toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static boolean trained(Path weights, Model model, String source) {
        try {
            Checkpoint c = Checkpoint.read(weights);
            return c.usableBy(model.name(), model.architectureHash(), model.sourceHash(), source);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** {@link #isRun}, false for what is not a readable folder. */
    public static boolean looksLikeRun(Path dir) {
        try {
            return Files.isDirectory(dir) && isRun(dir);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code dir} holds any of the files a run writes first (its lock, source and settings)
     * or last, or a temporary one of them that a killed write left (".model.nn.0123456789abcdef.tmp").
     */
    static boolean isRun(Path dir) throws IOException {
        List<String> names = List.of(SOURCE, SETTINGS, CHECKPOINT, WEIGHTS, LOCK);
        if (names.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)))) return true;
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> names.stream().anyMatch(f -> AtomicFiles.isTemporaryOf(n, f)));
        }
    }

    /**
     * The model source kept beside {@code weights} (a weights or checkpoint file) by the run that
     * wrote it, named as the user named the weights; empty for a file out of its run.
     */
    public static Optional<Path> keptSource(Path weights) {
        Path folder = weights.toAbsolutePath().getParent();
        if (folder == null || !Files.isRegularFile(folder.resolve(SOURCE))) return Optional.empty();
        Path parent = weights.getParent();
        return Optional.of(parent == null ? Path.of(SOURCE) : parent.resolve(SOURCE));
    }

    public Path dir() { return dir; }

    /** The latest checkpoint, rewritten after every epoch ({@link Checkpoint#write}). */
    public Path checkpoint() { return dir.resolve(CHECKPOINT); }

    /** The trained parameters at the end of the run, in the checkpoint format. */
    public Path weights() { return dir.resolve(WEIGHTS); }

    /**
     * {@code model.nn}, the source text exactly as trained (UTF-8, so its SHA-256 is the one in
     * the checkpoints). In a resumed folder the same text is left alone; a different one is
     * refused rather than overwritten, since it is what the folder's checkpoints were made from.
     */
    public Path writeSource(String modelSource) throws IOException {
        Path path = dir.resolve(SOURCE);
        byte[] bytes = modelSource.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(path)) {
            if (Arrays.equals(Files.readAllBytes(path), bytes)) return path;
            throw new IOException(path + " holds a different model source; the run in " + dir
                    + " was trained from that one, so it is kept: start a new run instead of resuming this one");
        }
        return write(SOURCE, bytes);
    }

    /** {@code settings.yaml}: the model, its loss and optimizer and the run settings, resolved. */
    public Path writeSettings(Model ir, Settings settings, Kernels kernels, int threads) throws IOException {
        return write(SETTINGS, SettingsFile.yaml(ir, settings, kernels, threads, NncVersion.get()));
    }

    /** {@code history.csv} and {@code history.json}; returns the CSV's path. */
    public Path writeHistory(List<EpochRecord> history) throws IOException {
        write(HISTORY_JSON, HistoryFiles.json(history));
        return write(HISTORY_CSV, HistoryFiles.csv(history));
    }

    /** {@code curves.png}: loss and accuracy by epoch, headed with the model name and the final test accuracy. */
    public Path writePlot(List<EpochRecord> history, String modelName) throws IOException {
        return write(CURVES, HistoryPlot.png(history, modelName));
    }

    /** {@code curves.png} of a run whose kept weights are those of epoch {@code restored} (when given), at {@code testAccuracy}. */
    public Path writePlot(List<EpochRecord> history, String modelName, java.util.OptionalInt restored, double testAccuracy) throws IOException {
        return write(CURVES, HistoryPlot.png(history, modelName, restored, testAccuracy));
    }

    /** {@code gradients.png}: each layer's gradient norm by epoch; not written when no epoch has them (a run resumed from an old checkpoint). */
    public java.util.Optional<Path> writeGradientPlot(List<EpochRecord> history, String modelName, java.util.OptionalInt restored)
            throws IOException {
        java.util.Optional<byte[]> png = GradientPlot.png(history, modelName, restored);
        return png.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(write(GRADIENTS, png.get()));
    }

    /** {@code confusion.csv}, {@code confusion.txt} and {@code confusion.png}; returns the text table's path. */
    public Path writeConfusion(long[][] matrix) throws IOException {
        ConfusionReport report = new ConfusionReport(matrix);
        write(CONFUSION_CSV, report.csv());
        write(CONFUSION_PNG, report.png());
        return write(CONFUSION_TXT, report.text());
    }

    /** {@code summary.txt}: what the run came to, in a few lines (see {@link RunSummary}). */
    public Path writeSummary(RunSummary summary) throws IOException {
        return write(SUMMARY, summary.text());
    }

    /** {@code summary.txt} as given, for a run that did not finish (see {@link RunSummary#diverged}). */
    public Path writeSummary(String text) throws IOException {
        return write(SUMMARY, text);
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path path = dir.resolve(name);
        try {
            AtomicFiles.write(path, bytes);
        } catch (IOException e) {
            throw new IOException("cannot write " + path + ": " + reason(e, path), e);
        }
        return path;
    }

    /** A model name as a file name: the language's identifiers pass unchanged. */
    static String safe(String modelName) {
        String s = modelName.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "model" + s : s;
    }

    /** NIO's messages are often only the path; say what went wrong in making {@code made}. */
    static String reason(IOException e, Path made) {
        // What is missing or in the way is a parent, unless the parent is there and takes no new entries (/proc).
        if (e instanceof NoSuchFileException) {
            Path parent = made.toAbsolutePath().normalize().getParent();
            return parent != null && Files.isDirectory(parent) ? parent + " takes no new files or folders (no such file or directory)"
                    : "a parent folder does not exist";
        }
        Optional<Path> inTheWay = dev.nnc.common.IoReasons.fileInTheWay(made);
        if (inTheWay.isPresent()) return inTheWay.get() + " is a file, not a folder";
        if (e instanceof NotDirectoryException) return "a parent is a file, not a folder";
        return dev.nnc.common.IoReasons.of(e);
    }
}
