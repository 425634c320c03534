package dev.nnc.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fetch to be stopped by a signal, in a JVM of its own (see StillFetchingTest). Like a mirror's
 * download, it runs inside the JVM, so nothing ends it but the JVM's exit; it fills its staging
 * folder with enough files that removing them takes a while, and prints every progress line,
 * marking as LATE a "still fetching" line printed once that removal has begun.
 */
final class StoppedFetch {
    static final int FILES = 20_000;
    private static volatile Path staging;

    public static void main(String[] args) throws Exception {
        MnistFetcher inJvm = new MnistFetcher() {
            @Override
            public String description() {
                return "slow mirror";
            }

            @Override
            public Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws InterruptedException {
                try {
                    for (int i = 0; i < FILES; i++) Files.writeString(dir.resolve("part-" + i), "x");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                staging = dir;
                say("READY");
                Thread.sleep(Long.MAX_VALUE); // a download that is still under way when the signal comes
                return Map.of();
            }
        };
        new MnistCache(Path.of(args[0]), List.of(inJvm), FakeMnist.sums(),
                line -> say((line.startsWith("nnc: still fetching") && removalBegun() ? "LATE " : "") + line),
                Duration.ofMillis(5)).acquire(EnumSet.allOf(MnistFile.class), "the cache");
    }

    /** Whether some of the staging folder's files are gone (a sample of them, as the timer must not lag). */
    private static boolean removalBegun() {
        Path dir = staging;
        if (dir == null) return false;
        for (int i = 0; i < FILES; i += FILES / 100) {
            if (!Files.exists(dir.resolve("part-" + i))) return true;
        }
        return false;
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
