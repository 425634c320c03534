package dev.nnc.runtime.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    @Test
    void elapsedTimeReadsAsMinutesAndSeconds() {
        assertEquals("45 s", Text.elapsed(45));
        assertEquals("1 min 30 s", Text.elapsed(90));
        assertEquals("2 min", Text.elapsed(120));
    }
}
