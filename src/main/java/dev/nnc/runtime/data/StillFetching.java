package dev.nnc.runtime.data;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says every so often that a fetch is still under way, and for how long it may go on: npm
 * downloads its 11 MB without a word, and a stalled registry would otherwise look like a hang
 * for the whole of npm's timeout.
 */
final class StillFetching {
    private final ScheduledExecutorService timer;

    StillFetching(MnistFetcher fetcher, Duration every, Consumer<String> progress) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nnc-still-fetching");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        String limit = fetcher.timeout().map(t -> "; it gives up after " + Text.duration(t)).orElse("");
        timer.scheduleAtFixedRate(() -> progress.accept("nnc: still fetching " + fetcher.description() + " ("
                        + Text.elapsed(Math.round((System.nanoTime() - start) / 1e9)) + " so far"
                        + limit + "; Ctrl-C stops it) ..."),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No line after this returns, so none comes after what the fetch's outcome prints. */
    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
