package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fetch that takes its time says so while it goes on, and stops saying so when it is over. */
class StillFetchingTest {
    @TempDir
    Path root;

    @Test
    void aSlowFetchSaysItIsStillUnderWayAndHowLongItMayTake() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        MnistFetcher slow = new MnistFetcher() {
            @Override
            public String description() {
                return "slow fetcher";
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.of(Duration.ofMinutes(10));
            }

            @Override
            public Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws InterruptedException {
                // As long as it takes for two lines (on a loaded machine the timer may be late), within a bound.
                long until = System.nanoTime() + 10_000_000_000L;
                while (stillLines(progress) < 2 && System.nanoTime() < until) Thread.sleep(20);
                return TestFetcher.writeAll(dir, wanted, FakeMnist.contents());
            }
        };
        MnistCache cache = new MnistCache(root.resolve("cache"), List.of(slow), FakeMnist.sums(), progress::add,
                Duration.ofMillis(100));

        cache.acquire(EnumSet.allOf(MnistFile.class), "the cache");
        int lines = progress.size();
        Thread.sleep(300);

        assertEquals(lines, progress.size(), "nothing more once the fetch is over: " + progress);
        List<String> still;
        synchronized (progress) {
            still = progress.stream().filter(l -> l.startsWith("nnc: still fetching")).toList();
        }
        assertTrue(still.size() >= 2, progress.toString());
        assertEquals("nnc: still fetching slow fetcher (0 s so far; it gives up after 10 min; Ctrl-C stops it) ...",
                still.get(0));
        assertTrue(progress.get(progress.size() - 1).startsWith("nnc: verified 4 MNIST files"), progress.toString());
        assertTrue(progress.indexOf(still.get(0)) > 0, "after the line that names the fetch: " + progress);
    }

    private static long stillLines(List<String> progress) {
        synchronized (progress) {
            return progress.stream().filter(l -> l.startsWith("nnc: still fetching")).count();
        }
    }

    @Test
    void aFetchWithoutOneLimitSaysOnlyHowLongItHasTaken() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        TestFetcher slow = new TestFetcher("mirror", (dir, wanted) -> {
            long until = System.nanoTime() + 10_000_000_000L;
            while (stillLines(progress) < 1 && System.nanoTime() < until) Thread.sleep(20);
            return TestFetcher.writeAll(dir, wanted, FakeMnist.contents());
        });
        new MnistCache(root.resolve("cache"), List.of(slow), FakeMnist.sums(), progress::add, Duration.ofMillis(100))
                .acquire(EnumSet.allOf(MnistFile.class), "the cache");

        assertTrue(progress.contains("nnc: still fetching mirror (0 s so far; Ctrl-C stops it) ..."), progress.toString());
    }

    /**
     * A fetch stopped by a signal (Ctrl-C, kill): the shutdown step removes what it fetched and
     * says so, and no "still fetching" line comes while it does, nor after: a mirror's download
     * runs in the JVM, so only the shutdown step can stop the timer in time.
     */
    @Test
    void aStoppedFetchSaysSoAndNothingAboutStillFetching() throws Exception {
        Path cache = root.resolve("cache");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), StoppedFetch.class.getName(),
                cache.toString()).redirectErrorStream(true).start();
        jvm.getOutputStream().close();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(lines::add));
        reader.start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (ready(lines).isEmpty() && jvm.isAlive() && System.nanoTime() < until) Thread.sleep(20);
        ready(lines).orElseThrow(() -> new AssertionError("the fetch did not start: " + lines));

        jvm.toHandle().destroy(); // SIGTERM (Process.destroy would also close its output, unread)
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM ends");
        reader.join(10_000);

        assertEquals("nnc: the download of MNIST was stopped; no partial file was kept in " + cache,
                lines.get(lines.size() - 1), lines.subList(Math.max(0, lines.size() - 5), lines.size()).toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("LATE")),
                "no line says the fetch is still under way while it is being removed: "
                        + lines.stream().filter(l -> l.startsWith("LATE")).count() + " did");
        try (var left = Files.list(cache)) {
            assertEquals(List.of(), left.toList(), "nothing of the download is left in the cache");
        }
    }

    /** The line of a fetch under way (the child started, a "still fetching" line after it), if printed yet. */
    private static Optional<String> ready(List<String> lines) {
        synchronized (lines) {
            int at = lines.indexOf("READY");
            return at >= 0 && lines.subList(at, lines.size()).stream().anyMatch(l -> l.startsWith("nnc: still fetching"))
                    ? Optional.of(lines.get(at)) : Optional.empty();
        }
    }

    @Test
    void elapsedTimeReadsAsMinutesAndSeconds() {
        assertEquals("45 s", Text.elapsed(45));
        assertEquals("1 min 30 s", Text.elapsed(90));
        assertEquals("2 min", Text.elapsed(120));
    }
}
