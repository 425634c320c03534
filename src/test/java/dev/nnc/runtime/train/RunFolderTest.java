package dev.nnc.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nnc.NncCompiler;
import dev.nnc.diag.SourceFile;
import dev.nnc.ir.Model;
import dev.nnc.runtime.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2025-03-07T12:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    // ---- who trains into it ----

    /** A run folder made (its source written) and let go, as a finished run leaves it. */
    private Path madeRun() throws IOException {
        RunFolder made = RunFolder.create(tmp, "M", NOON);
        made.writeSource("model M {\n}\n");
        made.close();
        return made.dir();
    }

    /**
     * Whether a run is being trained, asked from another process (eval of a run under way) and from this one. Asked
     * here, the lock file must not be opened: closing a channel of it would drop this process's lock (POSIX locks).
     */
    @Test
    void aRunBeingTrainedIsToldFromOutsideAndFromWithin() throws Exception {
        Path dir = madeRun();
        org.junit.jupiter.api.Assertions.assertFalse(RunFolder.inUse(dir), "nobody trains into it");

        Process holder = LockProbe.start("hold", dir);
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
            assertEquals("held", out.readLine());
            org.junit.jupiter.api.Assertions.assertTrue(RunFolder.inUse(dir), "another process trains into it");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        org.junit.jupiter.api.Assertions.assertFalse(RunFolder.inUse(dir), "that process ended");

        try (RunFolder mine = RunFolder.open(dir)) {
            mine.lock();
            org.junit.jupiter.api.Assertions.assertTrue(RunFolder.inUse(dir), "this process trains into it");
            Process probe = LockProbe.start("probe", dir);
            assertEquals("true", new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                    "asked here, the lock stays this process's");
        }
    }

    /**
     * A run folder received from someone else: a lock file that is a link is not followed (resuming made an empty file
     * where it pointed, outside the folder), and one that is a named pipe is not opened (resuming waited for good).
     */
    @Test
    void aLockFileThatIsALinkOrAPipeIsRefusedNotOpened() throws Exception {
        Path dir = madeRun();
        Path lock = dir.resolve(".nnc-train.lock");
        Files.deleteIfExists(lock);
        Path outside = tmp.resolve("created-outside");
        Files.createSymbolicLink(lock, outside);
        try (RunFolder resumed = RunFolder.open(dir)) {
            IOException e = assertThrows(IOException.class, resumed::lock);
            assertEquals(lock + " is not a regular file (a link, where nnc keeps an empty lock file): remove it, then run again",
                    e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(outside, java.nio.file.LinkOption.NOFOLLOW_LINKS), "nothing made there");

        Files.delete(lock);
        Files.createDirectory(lock);
        try (RunFolder resumed = RunFolder.open(dir)) {
            assertEquals(lock + " is not a regular file (a folder, where nnc keeps an empty lock file): remove it, then run again",
                    assertThrows(IOException.class, resumed::lock).getMessage());
        }
        Files.delete(lock);
        assertEquals(0, new ProcessBuilder("mkfifo", lock.toString()).start().waitFor());
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true); // a lock() stuck on the pipe must not keep the tests' JVM alive
            return t;
        });
        try (RunFolder resumed = RunFolder.open(dir)) {
            var locking = single.submit(() -> {
                resumed.lock();
                return null;
            });
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> locking.get(10, java.util.concurrent.TimeUnit.SECONDS), "refused at once, not waiting for a reader");
            assertEquals(lock + " is not a regular file (a pipe or a device, where nnc keeps an empty lock file): remove it, then run"
                    + " again", e.getCause().getMessage());
        } finally {
            single.shutdownNow();
        }
    }

    // ---- naming ----

    /** `--out /proc/nope`: /proc is there and takes no folder; "a parent folder does not exist" was untrue. */
    @Test
    void aParentThatTakesNoFoldersIsNamed() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        IOException e = assertThrows(IOException.class, () -> RunFolder.create(Path.of("/proc/nope"), "M", Clock.systemUTC()));
        assertEquals("cannot create the folder /proc/nope for run folders: /proc takes no new files or folders (no such file or directory)",
                e.getMessage());
    }

    @Test
    void aRunFolderIsNamedAfterTheModelAndTheTime() throws IOException {
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "Mlp", NOON);
        assertEquals(tmp.resolve("runs/Mlp-20250307-120405"), run.dir());
        assertTrue(Files.isDirectory(run.dir()));
        assertEquals(run.dir().resolve("checkpoint.nnck"), run.checkpoint());
        assertEquals(run.dir().resolve("weights.nnck"), run.weights());
    }

    @Test
    void runsInTheSameSecondGetTheirOwnFolders() throws IOException {
        Path a = RunFolder.create(tmp, "Mlp", NOON).dir();
        Files.writeString(a.resolve("weights.nnck"), "trained");
        Path b = RunFolder.create(tmp, "Mlp", NOON).dir();
        Path c = RunFolder.create(tmp, "Mlp", NOON).dir();
        assertEquals("Mlp-20250307-120405-2", b.getFileName().toString());
        assertEquals("Mlp-20250307-120405-3", c.getFileName().toString());
        assertEquals("trained", Files.readString(a.resolve("weights.nnck")), "the first run is untouched");
        assertEquals(0, list(b).size());
    }

    @Test
    void aFileInTheWayOfTheNameIsNotReplaced() throws IOException {
        Files.writeString(tmp.resolve("Mlp-20250307-120405"), "a user's file");
        Path dir = RunFolder.create(tmp, "Mlp", NOON).dir();
        assertEquals("Mlp-20250307-120405-2", dir.getFileName().toString());
        assertEquals("a user's file", Files.readString(tmp.resolve("Mlp-20250307-120405")));
    }

    @Test
    void theTimestampIsInTheClocksZone() throws IOException {
        Clock paris = Clock.fixed(Instant.parse("2025-03-07T23:30:00Z"), ZoneOffset.ofHours(1));
        assertEquals("Net-20250308-003000", RunFolder.create(tmp, "Net", paris).dir().getFileName().toString());
    }

    @Test
    void aNameThatIsNoFileNameIsMadeSafe() {
        assertEquals("Mlp_2", RunFolder.safe("Mlp_2"));
        assertEquals("a_b", RunFolder.safe("a/b"));
        assertEquals("model..", RunFolder.safe(".."));
    }

    @Test
    void aParentThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("runs"), "x");
        IOException e = assertThrows(IOException.class, () -> RunFolder.create(file, "Mlp", NOON));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void openingAMissingFolderSaysSo() throws IOException {
        Path missing = tmp.resolve("runs/Mlp-20250307-120405");
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(missing));
        assertEquals("there is no run folder " + missing + " (it does not exist)", e.getMessage());
        // With runs beside it (a slip in the name): the latest, newest first.
        for (String run : new String[] {"Mlp-20250307-120400", "Mlp-20250307-120500", "Cnn-20250308-090000", "Mlp-20250306-000000"}) {
            Files.writeString(Files.createDirectories(tmp.resolve("runs").resolve(run)).resolve("model.nn"), "model M {}\n");
        }
        Files.createDirectories(tmp.resolve("runs/notes"));
        assertEquals("there is no run folder " + missing + " (it does not exist); the latest runs in " + tmp.resolve("runs") + ", Mlp's first: "
                + tmp.resolve("runs/Mlp-20250307-120500") + ", " + tmp.resolve("runs/Mlp-20250307-120400") + ", " + tmp.resolve("runs/Mlp-20250306-000000"),
                assertThrows(IOException.class, () -> RunFolder.open(missing)).getMessage());
        Path otherModel = tmp.resolve("runs/Cnn-2025");
        assertTrue(assertThrows(IOException.class, () -> RunFolder.open(otherModel)).getMessage()
                .endsWith(": " + tmp.resolve("runs/Cnn-20250308-090000") + ", " + tmp.resolve("runs/Mlp-20250307-120500") + ", "
                        + tmp.resolve("runs/Mlp-20250307-120400")), "the model's own runs first, then the newest");
        Path file = Files.writeString(tmp.resolve("f"), "");
        assertEquals(file + " is a file, not a run folder",
                assertThrows(IOException.class, () -> RunFolder.open(file)).getMessage());
        RunFolder created = RunFolder.create(tmp, "Mlp", NOON);
        created.writeSource("model Mlp {}\n");
        created.close();
        assertEquals(created.dir(), RunFolder.open(created.dir()).dir());
        // A file of a run given for the run: its folder is meant.
        Path model = created.dir().resolve("model.nn");
        assertEquals(model + " is a file, not a run folder; the folder it is in is one: --resume " + created.dir(),
                assertThrows(IOException.class, () -> RunFolder.open(model)).getMessage());
        Files.createDirectories(created.dir().resolve("checkpoint.nnck"));
        assertEquals(created.dir().resolve("checkpoint.nnck") + " is a directory, not a checkpoint",
                assertThrows(IOException.class, () -> Checkpoint.read(created.dir().resolve("checkpoint.nnck"))).getMessage());
    }

    // ---- source and settings ----

    @Test
    void theSourceIsKeptByteForByteAndMatchesTheCheckpointHash() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        String source = "# π ≈ 3.14, keep this comment\r\nmodel Mlp {\n}\n";
        Path path = run.writeSource(source);
        assertEquals(run.dir().resolve("model.nn"), path);
        assertArrayEquals(source.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(path));
        assertArrayEquals(dev.nnc.common.Sha256.of(source), dev.nnc.common.Sha256.of(Files.readString(path)));
        run.writeSource(source); // resuming with the same source is fine
    }

    /**
     * `nnc eval model.nn` without --weights lists the runs whose weights that model trained (its hash: a comment
     * edited since does not matter, a layer does), holding weights to use, the latest first.
     */
    @Test
    void theRunsOfAModelAreThoseItsWeightsBelongToLatestFirst() throws IOException {
        String source = TinyData.MLP;
        Model model = TinyData.model(source);
        Settings s = new Settings(16, 5, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        dev.nnc.api.FloatNetwork net = dev.nnc.runtime.Networks.floatNetwork(model, s.batch());
        Checkpoint weights = Checkpoint.of(net, s, Kernels.SCALAR, new TrainingState(1, List.of(), Double.POSITIVE_INFINITY, 0, null));
        Clock later = Clock.fixed(Instant.parse("2025-03-08T09:00:00Z"), ZoneOffset.UTC);
        RunFolder first = RunFolder.create(tmp, "Tiny", NOON);
        RunFolder second = RunFolder.create(tmp, "Tiny", later);
        RunFolder sameSecond = RunFolder.create(tmp, "Tiny", later);
        RunFolder empty = RunFolder.create(tmp, "Tiny", later); // stopped in its first epoch: only its source
        empty.writeSource(source);
        Files.createDirectory(tmp.resolve("notes")); // not a run
        for (RunFolder run : List.of(first, second)) weights.write(run.weights());
        weights.write(sameSecond.checkpoint()); // a run not finished has a checkpoint to use
        Model wider = TinyData.model(source.replace("(784 -> 16)", "(784 -> 17)"));
        RunFolder other = RunFolder.create(tmp, "Tiny", later);
        Checkpoint.of(dev.nnc.runtime.Networks.floatNetwork(wider, s.batch()), s, Kernels.SCALAR,
                new TrainingState(1, List.of(), Double.POSITIVE_INFINITY, 0, null)).write(other.weights());

        assertEquals(List.of(sameSecond.dir(), second.dir(), first.dir()), RunFolder.runsOf(tmp, model, source));
        String commented = "# my notes\n" + source;
        assertEquals(List.of(sameSecond.dir(), second.dir(), first.dir()), RunFolder.runsOf(tmp, TinyData.model(commented), commented),
                "a comment does not change the model");
        assertEquals(List.of(other.dir()), RunFolder.runsOf(tmp, wider, source), "a layer does");
        assertEquals(List.of(), RunFolder.runsOf(tmp.resolve("absent"), model, source));
    }

    /** Two processes never train into one folder (two resumes of one run, or a resume of a run still training). */
    @Test
    void aRunFolderIsLockedWhileARunHasItOpen() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeSource("model Mlp { }\n");
        RunFolder second = RunFolder.open(run.dir()); // reading is allowed
        IOException e = assertThrows(IOException.class, second::lock);
        assertEquals(run.dir() + " is in use: another `nnc train` is training into it; wait for it to end (or stop it), then resume",
                e.getMessage());
        run.close();
        second.lock();
        second.close();
    }

    /**
     * A run folder the user may not write (another user's, found in a shared place): its lock cannot be
     * made, and the resume says why and what to do (it was "…/.nnc-train.lock: permission denied").
     * Made unwritable by its permissions, or, for root, whom they do not stop, by `chattr +i`.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "lock file kept: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aFolderThatCannotBeWrittenIsNotResumedInPlace(boolean lockKept) throws Exception {
        // A finished run keeps its lock file, which still opens for writing in an immutable folder (a re-test:
        // the message came only at settings.yaml, without the advice).
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeSource("model Mlp { }\n");
        run.close();
        if (!lockKept) Files.delete(run.dir().resolve(RunFolder.LOCK));
        Files.setPosixFilePermissions(run.dir(), java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (writable(run.dir())) immutable = new ProcessBuilder("chattr", "+i", run.dir().toString()).start().waitFor() == 0;
            org.junit.jupiter.api.Assumptions.assumeFalse(writable(run.dir()), "neither permissions nor chattr keep writes out here");
            RunFolder resumed = RunFolder.open(run.dir());
            IOException e = assertThrows(IOException.class, resumed::lock);
            assertTrue(e.getMessage().startsWith(run.dir() + " cannot be written ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("), and a resumed run trains on in its own folder: copy it to a folder of yours (cp -r "
                    + run.dir() + " DEST) and resume the copy"), e.getMessage());
        } finally {
            if (immutable) new ProcessBuilder("chattr", "-i", run.dir().toString()).start().waitFor();
            Files.setPosixFilePermissions(run.dir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** `--out` where the user may not write: the folder is not made, and the help says to choose another. */
    @Test
    void aParentThatCannotBeWrittenAsksForAnotherOut() throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (writable(parent)) immutable = new ProcessBuilder("chattr", "+i", parent.toString()).start().waitFor() == 0;
            org.junit.jupiter.api.Assumptions.assumeFalse(writable(parent), "neither permissions nor chattr keep writes out here");
            IOException e = assertThrows(IOException.class, () -> RunFolder.create(parent, "Mlp", NOON));
            assertTrue(e.getMessage().matches("cannot create the run folder " + java.util.regex.Pattern.quote(parent.resolve("Mlp-20250307-120405").toString())
                    + ": (permission denied|Operation not permitted); give --out a folder of yours"), e.getMessage());
            e = assertThrows(IOException.class, () -> RunFolder.create(parent.resolve("sub"), "Mlp", NOON));
            assertTrue(e.getMessage().endsWith("; give --out a folder of yours"), e.getMessage());
        } finally {
            if (immutable) new ProcessBuilder("chattr", "-i", parent.toString()).start().waitFor();
            Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The lock is the operating system's: a process that holds it, in another JVM, keeps a run out. */
    @Test
    void aLockHeldByAnotherProcessKeepsARunOut() throws Exception {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeSource("model Mlp { }\n");
        run.close();
        Path program = Files.writeString(tmp.resolve("Hold.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var lock = c.lock()) {
                            System.out.println("locked");
                            System.in.read();
                        }
                    }
                }
                """);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), program.toString(),
                run.dir().resolve(RunFolder.LOCK).toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine());
            RunFolder resumed = RunFolder.open(run.dir());
            assertThrows(IOException.class, resumed::lock);
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        RunFolder resumed = RunFolder.open(run.dir());
        resumed.lock(); // the holder is gone
        resumed.close();
    }

    @Test
    void aResumedFolderKeepsItsOwnSource() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeSource("model Mlp { }\n");
        run.close();
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(run.dir()).writeSource("model Mlp { changed }\n"));
        assertTrue(e.getMessage().contains("holds a different model source"), e.getMessage());
        assertEquals("model Mlp { }\n", Files.readString(run.dir().resolve("model.nn")));
    }

    @Test
    void settingsHoldTheModelTheOptimizerAndTheResolvedRun() throws IOException {
        Model ir = model("models/mlp_regularized.nn");
        Settings settings = new Settings(64, 7, 11, false, 0.2, OptionalInt.of(2), 0.5, 0.25, OptionalInt.of(1000));
        Path path = RunFolder.create(tmp, ir.name(), NOON).writeSettings(ir, settings, Kernels.VECTOR, 2);
        JsonNode yaml = new YAMLMapper().readTree(path.toFile());

        assertEquals("MlpRegularized", yaml.at("/model/name").asText());
        assertEquals("models/mlp_regularized.nn", yaml.at("/model/source").asText());
        assertEquals("[1,28,28]", yaml.at("/model/input").toString());
        assertEquals("[10]", yaml.at("/model/output").toString());
        assertEquals(ir.paramCount(), yaml.at("/model/parameters").asLong());
        assertFalse(yaml.path("nnc").asText().isEmpty());
        assertEquals("cross_entropy", yaml.at("/loss").asText());
        assertEquals("adam", yaml.at("/optimizer/kind").asText());
        assertEquals(0.001, yaml.at("/optimizer/lr").asDouble());
        assertEquals(0.9, yaml.at("/optimizer/beta1").asDouble());
        assertEquals(0.999, yaml.at("/optimizer/beta2").asDouble());
        assertEquals(1e-8, yaml.at("/optimizer/eps").asDouble());
        assertEquals(0.0001, yaml.at("/optimizer/weight_decay").asDouble());
        assertEquals(0.0, yaml.at("/optimizer/l1").asDouble());
        assertTrue(yaml.at("/optimizer/momentum").isMissingNode(), "adam has no momentum");
        assertEquals(64, yaml.at("/run/batch").asInt());
        assertEquals(7, yaml.at("/run/epochs").asInt());
        assertEquals(11, yaml.at("/run/seed").asLong());
        assertFalse(yaml.at("/run/shuffle").asBoolean(true));
        assertEquals(0.2, yaml.at("/run/validation").asDouble());
        assertEquals(2, yaml.at("/run/early_stop").asInt());
        assertEquals("[0.5,0.25]", yaml.at("/run/normalize").toString());
        assertEquals(1000, yaml.at("/run/limit").asInt());
        assertEquals("vector", yaml.at("/compute/kernels").asText());
        assertEquals(2, yaml.at("/compute/threads").asInt());
    }

    @Test
    void absentRunSettingsAreNull() throws IOException {
        Model ir = model("models/mlp.nn");
        Path path = RunFolder.create(tmp, ir.name(), NOON).writeSettings(ir, Settings.of(ir.training()), Kernels.SCALAR, 1);
        JsonNode yaml = new YAMLMapper().readTree(path.toFile());
        assertTrue(yaml.at("/run/early_stop").isNull());
        assertTrue(yaml.at("/run/limit").isNull());
        assertEquals("softmax_cross_entropy", yaml.at("/loss").asText());
        assertEquals(64, yaml.at("/run/batch").asInt(), "the model's own train(...) values");
        assertEquals("plain", yaml.at("/compute/kernels").asText());
        assertEquals(1, yaml.at("/compute/threads").asInt());
    }

    // ---- history ----

    @Test
    void theHistoryRoundTripsThroughCsvAndJson() throws IOException {
        List<EpochRecord> history = History.of(3, true);
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        assertEquals(run.dir().resolve("history.csv"), run.writeHistory(history));

        List<String> lines = Files.readAllLines(run.dir().resolve("history.csv"));
        assertEquals(String.join(",", HistoryFiles.COLUMNS), lines.get(0));
        assertEquals(history.size() + 1, lines.size());
        JsonNode json = new ObjectMapper().readTree(run.dir().resolve("history.json").toFile());
        assertEquals(history.size(), json.size());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(history.get(i), fromCsv(lines.get(i + 1)));
            assertEquals(history.get(i), fromJson(json.get(i)));
        }
    }

    @Test
    void missingValidationIsEmptyInCsvAndNullInJson() throws IOException {
        List<EpochRecord> history = History.of(2, false);
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeHistory(history);
        String row = Files.readAllLines(run.dir().resolve("history.csv")).get(1);
        assertTrue(row.matches("1,[^,]+,[^,]+,,,[^,]+,[^,]+,[^,]+,[^,]+"), row);
        assertEquals(history.get(0), fromCsv(row));
        JsonNode first = new ObjectMapper().readTree(run.dir().resolve("history.json").toFile()).get(0);
        assertTrue(first.get("val_loss").isNull());
        assertTrue(first.get("val_accuracy").isNull());
        assertEquals(history.get(0), fromJson(first));
        assertFalse(Files.readString(run.dir().resolve("history.json")).contains("NaN"));
    }

    // ---- plot ----

    @Test
    void thePlotIsAnImageOfTheIntendedSize() throws IOException {
        for (List<EpochRecord> history : List.of(History.of(1, true), History.of(1, false), History.of(20, true),
                History.of(120, false))) {
            RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
            BufferedImage image = ImageIO.read(run.writePlot(history, "Mlp").toFile());
            assertEquals(HistoryPlot.WIDTH, image.getWidth());
            assertEquals(HistoryPlot.HEIGHT, image.getHeight());
            assertTrue(colours(image) > 20, "something is drawn, in colour, for " + history.size() + " epochs");
        }
    }

    @Test
    void theSeriesAppearInTheirColours() {
        BufferedImage withValidation = image(HistoryPlot.png(History.of(5, true), "Mlp"));
        BufferedImage without = image(HistoryPlot.png(History.of(5, false), "Mlp"));
        int orange = 0xff7f0e, green = 0x2ca02c, blue = 0x1f77b4;
        assertTrue(count(withValidation, orange) > 100, "validation is drawn");
        assertTrue(count(without, orange) < 10, "no validation, no orange");
        assertTrue(count(without, green) > 100 && count(without, blue) > 100, "train and test are drawn");
    }

    @Test
    void theHeaderNamesTheFinalTestAccuracy() {
        List<EpochRecord> history = History.of(3, true);
        String s = HistoryPlot.subtitle(history, history.get(2));
        assertTrue(s.startsWith(String.format(java.util.Locale.ROOT, "test accuracy %.2f%% after 3 epochs",
                100 * history.get(2).testAccuracy())), s);
        assertTrue(HistoryPlot.subtitle(history.subList(0, 1), history.get(0)).contains("after 1 epoch ·"));
    }

    /** After early stopping the weights kept are the best epoch's: the header gives their accuracy, not the last epoch's. */
    @Test
    void afterEarlyStoppingTheHeaderNamesTheKeptWeights() {
        List<EpochRecord> history = History.of(3, true);
        double kept = history.get(0).testAccuracy();
        String s = HistoryPlot.subtitle(history, history.get(2), OptionalInt.of(1), kept);
        assertTrue(s.startsWith(String.format(java.util.Locale.ROOT, "test accuracy %.2f%% with the weights of epoch 1 after 3 epochs",
                100 * kept)), s);
        assertTrue(image(HistoryPlot.png(history, "Mlp", OptionalInt.of(1), kept)).getWidth() > 0);
    }

    /** ImageIO's disk cache registers a shutdown hook per stream, which fails while the JVM exits (a Ctrl-C during the final files). */
    @Test
    void picturesAreEncodedWithoutImageIOsDiskCache() {
        HistoryPlot.png(History.of(2, false), "Mlp");
        assertFalse(javax.imageio.ImageIO.getUseCache());
    }

    @Test
    void anEmptyHistoryHasNoPlot() {
        assertThrows(IllegalArgumentException.class, () -> HistoryPlot.png(List.of(), "Mlp"));
    }

    // ---- confusion and summary ----

    @Test
    void theConfusionFilesAreWritten() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        long[][] m = {{5, 1, 0}, {0, 3, 1}, {2, 0, 8}};
        assertEquals(run.dir().resolve("confusion.txt"), run.writeConfusion(m));
        assertEquals(List.of("actual\\predicted,0,1,2", "0,5,1,0", "1,0,3,1", "2,2,0,8"),
                Files.readAllLines(run.dir().resolve("confusion.csv")));
        assertTrue(Files.readString(run.dir().resolve("confusion.txt")).contains("accuracy 80.00% (16 of 20)"));
        BufferedImage png = ImageIO.read(run.dir().resolve("confusion.png").toFile());
        assertTrue(png.getWidth() >= 400 && png.getHeight() >= 400);
    }

    @Test
    void theSummarySaysWhichWeightsWereKept() throws IOException {
        List<EpochRecord> history = History.of(6, true);
        TrainingState state = new TrainingState(6, history, 0.1234, 4, new float[] {1});
        Evaluation test = new Evaluation(0.25, 0.75, new long[][] {{3, 1}, {0, 0}}, 4);
        Path path = RunFolder.create(tmp, "Mlp", NOON).writeSummary(new RunSummary("Mlp", "models/mlp.nn", 10, true, state, test));
        String text = Files.readString(path);
        assertTrue(text.startsWith("Mlp, trained from models/mlp.nn\n"), text);
        assertTrue(text.contains("test accuracy  75.00% (3 of 4)\n"), text);
        assertTrue(text.contains("test loss      0.2500\n"), text);
        assertTrue(text.contains("epochs         6 of 10, stopped early; weights of epoch 4, the best validation loss (0.1234)\n"), text);
    }

    @Test
    void aRunWhosePatienceRanOutAtItsLastEpochStoppedEarlyToo() throws IOException {
        // The console said "early stopping after epoch 6", and a resume with more epochs trains no further.
        TrainingState state = new TrainingState(6, History.of(6, true), 0.1234, 4, new float[] {1});
        Evaluation test = new Evaluation(0.25, 0.75, new long[][] {{3, 1}, {0, 0}}, 4);
        String text = Files.readString(RunFolder.create(tmp, "Mlp", NOON).writeSummary(new RunSummary("Mlp", "models/mlp.nn", 6, true, state, test)));
        assertTrue(text.contains("epochs         6 of 6, stopped early; weights of epoch 4"), text);
        String ranToTheEnd = Files.readString(RunFolder.create(tmp.resolve("b"), "Mlp", NOON)
                .writeSummary(new RunSummary("Mlp", "models/mlp.nn", 6, false, state, test)));
        assertTrue(ranToTheEnd.contains("epochs         6 of 6; weights of epoch 4"), ranToTheEnd);
    }

    /** A file rewritten on a full disk fails for that reason, not as "in the way": only a file above it is in the way. */
    @Test
    void aWriteThatFailsSaysWhyNotThatTheFileItselfIsInTheWay() throws IOException {
        Path existing = Files.writeString(tmp.resolve("history.json"), "[]");
        assertEquals("no space left on device", RunFolder.reason(new java.nio.file.FileSystemException(existing.toString(), null,
                "No space left on device"), existing).toLowerCase(java.util.Locale.ROOT));
        Path under = existing.resolve("sub/x");
        assertEquals(existing.toAbsolutePath() + " is a file, not a folder",
                RunFolder.reason(new java.nio.file.FileSystemException(under.toString(), null, "Not a directory"), under));
    }

    // ---- atomic writes ----

    @Test
    void writingLeavesNoTemporaryFilesAndReplacesWholeFiles() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        run.writeSource("model Mlp { }\n");
        run.writeSettings(model("models/mlp.nn"), Settings.of(model("models/mlp.nn").training()), Kernels.SCALAR, 1);
        run.writeHistory(History.of(4, true));
        run.writeHistory(History.of(2, true)); // rewritten after every epoch
        run.writePlot(History.of(2, true), "Mlp");
        run.writeConfusion(new long[][] {{1, 0}, {0, 1}});
        List<String> names = list(run.dir());
        assertEquals(List.of("confusion.csv", "confusion.png", "confusion.txt", "curves.png", "history.csv",
                "history.json", "model.nn", "settings.yaml"), names);
        assertEquals(3, Files.readAllLines(run.dir().resolve("history.csv")).size());
    }

    @Test
    void aFailedWriteSaysWhereAndLeavesNoTemporaryFile() throws IOException {
        RunFolder run = RunFolder.create(tmp, "Mlp", NOON);
        Path inTheWay = Files.createDirectories(run.dir().resolve("history.csv/kept"));
        IOException e = assertThrows(IOException.class, () -> run.writeHistory(History.of(2, true)));
        assertTrue(e.getMessage().startsWith("cannot write " + run.dir().resolve("history.csv") + ": "), e.getMessage());
        assertTrue(Files.isDirectory(inTheWay), "what was there is still there");
        assertEquals(List.of("history.csv", "history.json"), list(run.dir()));
    }

    // ---- helpers ----

    static Model model(String path) throws IOException {
        var result = NncCompiler.check(new SourceFile(path, Files.readString(Path.of(path))));
        return result.model().orElseThrow(() -> new AssertionError(result.diagnostics()));
    }

    /** The files of a run folder, without the lock of the run writing it. */
    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunFolder.LOCK)).sorted().toList();
        }
    }

    private static EpochRecord fromCsv(String row) {
        String[] cells = row.split(",", -1);
        assertEquals(HistoryFiles.COLUMNS.size(), cells.length, row);
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) v[i] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
        return new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    private static EpochRecord fromJson(JsonNode o) {
        double[] v = new double[HistoryFiles.COLUMNS.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = o.get(HistoryFiles.COLUMNS.get(i));
            v[i] = n.isNull() ? Double.NaN : n.asDouble();
        }
        assertTrue(o.get("epoch").isInt());
        return new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    private static BufferedImage image(byte[] png) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Pixels of exactly this colour. */
    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
        }
        return n;
    }

    /** Distinct saturated colours: more than grey text on white. */
    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int c = image.getRGB(x, y) & 0xffffff, r = c >> 16, g = c >> 8 & 0xff, b = c & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) seen.add(c);
            }
        }
        return seen.size();
    }

    /** Plausible, irregular histories: values that do not print as short decimals. */
    static final class History {
        static List<EpochRecord> of(int epochs, boolean validation) {
            List<EpochRecord> h = new ArrayList<>();
            for (int e = 1; e <= epochs; e++) {
                double t = 2.3 * Math.exp(-0.5 * e) + 0.05 + 1e-7 / 3, v = t * 1.1 + 0.02 + 1e-3 * Math.sin(e);
                h.add(new EpochRecord(e, t, 1 - t / 2.6, validation ? v : Double.NaN, validation ? 1 - v / 2.5 : Double.NaN,
                        v * 1.02, 1 - v * 1.02 / 2.5, 3.2 + e / 7.0, 18_000 + 1e-9 * e));
            }
            return h;
        }
    }

    @org.junit.jupiter.api.Test
    void openingAFolderRemovesTheLeftoversOfAKilledWrite(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("Run-1"));
        Path leftover = java.nio.file.Files.writeString(run.resolve(".checkpoint.nnck.0123456789abcdef.tmp"), "half");
        Path history = java.nio.file.Files.writeString(run.resolve(".history.csv.fedcba9876543210.tmp"), "half");
        java.util.List<Path> kept = new java.util.ArrayList<>();
        for (String mine : new String[] {"notes.tmp", ".draft.tmp", ".checkpoint.nnck.mine.tmp", ".notes.txt.0123456789abcdef.tmp",
                ".checkpoint.nnck.\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21\uFF21.tmp"}) {
            kept.add(java.nio.file.Files.writeString(run.resolve(mine), "mine"));
        }
        RunFolder.open(run).removeLeftovers();
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(leftover));
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(history));
        for (Path k : kept) {
            org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(k), "only the temporary files of nnc's own writes go: " + k);
        }
    }
}
