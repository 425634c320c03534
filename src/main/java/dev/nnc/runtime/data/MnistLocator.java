package dev.nnc.runtime.data;

import dev.nnc.runtime.data.DataException.Kind;
import dev.nnc.runtime.data.MnistFiles.Source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds MNIST: in the directory of {@code --data} when given (and nowhere else), else in
 * {@code $NNC_DATA} (a directory that must exist), else in the per-user cache ({@code $XDG_CACHE_HOME/nnc/mnist} or
 * {@code ~/.cache/nnc/mnist}), which is filled from the network on first use. Each
 * directory may hold each file raw or gzip'd ({@code .gz}); raw is preferred.
 */
public final class MnistLocator {
    public static final String DATA_ENV = "NNC_DATA";

    /** Everything the locator reads from outside, so that tests inject it all. */
    public record Settings(Optional<Path> dataOption, Optional<Path> environmentDir, Path cacheDir,
                           List<MnistFetcher> fetchers, Checksums sums, Consumer<String> progress) {
        public Settings {
            Objects.requireNonNull(dataOption);
            Objects.requireNonNull(environmentDir);
            Objects.requireNonNull(cacheDir);
            fetchers = List.copyOf(fetchers);
            Objects.requireNonNull(sums);
            Objects.requireNonNull(progress);
        }
    }

    private final Settings settings;

    public MnistLocator(Settings settings) {
        this.settings = settings;
    }

    /** The locator nnc's commands use: this process's environment, the network fetchers, the bundled sums. */
    public static MnistLocator standard(Path dataOption, Consumer<String> progress) {
        return new MnistLocator(settings(dataOption, System.getenv(), home(System.getenv()), progress));
    }

    /**
     * The user's home folder: {@code $HOME}, as the shell has it, before the JVM's {@code user.home} (the
     * password file's entry: a container's user without one got "?", and a cache folder named "?" in the
     * current folder); the temporary folder when neither is a path (the cache is then {@code /tmp/nnc-…}).
     */
    public static Path home(Map<String, String> env) {
        String fromEnv = env.get("HOME");
        if (fromEnv != null && !fromEnv.isBlank() && Path.of(fromEnv).isAbsolute()) return Path.of(fromEnv);
        String fromJvm = System.getProperty("user.home", "");
        if (!fromJvm.isBlank() && Path.of(fromJvm).isAbsolute()) return Path.of(fromJvm);
        return Path.of(System.getProperty("java.io.tmpdir"), "nnc-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The standard settings for a given environment and home directory; {@code dataOption} may be null. */
    public static Settings settings(Path dataOption, Map<String, String> env, Path home, Consumer<String> progress) {
        Optional<Path> fromEnv = Optional.ofNullable(env.get(DATA_ENV)).filter(s -> !s.isBlank()).map(Path::of);
        return new Settings(Optional.ofNullable(dataOption), fromEnv, cacheDir(env, home), MnistFetcher.defaults(),
                Checksums.bundled(), progress);
    }

    /** {@code $XDG_CACHE_HOME/nnc/mnist}, or {@code ~/.cache/nnc/mnist} when it is unset or not absolute. */
    public static Path cacheDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("nnc").resolve("mnist");
    }

    /**
     * A file of this name (raw or .gz) where nnc looks for MNIST (--data, $NNC_DATA, the cache),
     * without fetching: where {@code predict --idx t10k-images-idx3-ubyte.gz} finds none in the
     * current folder, the copy nnc uses.
     */
    public Optional<Path> existingCopy(String fileName) {
        String raw = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        List<Path> dirs = new java.util.ArrayList<>();
        settings.dataOption().ifPresent(dirs::add);
        settings.environmentDir().ifPresent(dirs::add);
        dirs.add(settings.cacheDir());
        for (Path dir : dirs) {
            for (String name : List.of(fileName, raw, raw + ".gz")) {
                if (Files.isRegularFile(dir.resolve(name))) return Optional.of(dir.resolve(name));
            }
        }
        return Optional.empty();
    }

    /** Finds and verifies the four files, fetching them into the cache if need be, and reads them. */
    public Mnist load() throws DataException {
        return Mnist.read(locate(), settings.sums());
    }

    /** The test set only (for evaluation): the training files need not be there, nor be whole. */
    public Dataset loadTest() throws DataException {
        return Mnist.readTest(locate(EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS)), settings.sums());
    }

    /** Where the four files are; fetches them into the cache when no directory has them. */
    public MnistFiles locate() throws DataException {
        return locate(EnumSet.allOf(MnistFile.class));
    }

    /** Where the {@code needed} files are; fetches them into the cache when no directory has them. */
    MnistFiles locate(Set<MnistFile> needed) throws DataException {
        if (settings.dataOption().isPresent()) {
            return fromDataOption(settings.dataOption().get(), needed);
        }
        String whereLooked = "the cache (" + settings.cacheDir() + ")";
        if (settings.environmentDir().isPresent()) {
            Path dir = settings.environmentDir().get();
            // A folder that is not there is a typo more likely than a wish to download.
            if (!Files.isDirectory(dir)) {
                throw new DataException(Files.exists(dir) ? Kind.NOT_A_FILE : Kind.MISSING, "$" + DATA_ENV + " (" + dir + ") "
                        + (Files.exists(dir) ? "is a file, not a directory" : "does not exist"),
                        "set " + DATA_ENV + " to the directory that holds the four MNIST files, or unset it to let nnc download"
                                + " MNIST into " + settings.cacheDir());
            }
            Map<MnistFile, Path> found = present(dir, needed);
            if (found.size() == needed.size()) {
                return new MnistFiles(Source.ENVIRONMENT, dir, found);
            }
            // Some of MNIST, if not of the files needed (eval needs the test files, and a folder may hold only the training set).
            if (!present(dir).isEmpty()) {
                throw new DataException(Kind.MISSING, "$" + DATA_ENV + " (" + dir + ") holds only some of MNIST: "
                        + names(missing(found, needed)) + " " + (missing(found, needed).size() == 1 ? "is" : "are") + " missing",
                        "add " + (missing(found, needed).size() == 1 ? "it" : "them") + " (raw or .gz), or unset "
                                + DATA_ENV + " to let nnc download MNIST into " + settings.cacheDir());
            }
            whereLooked = "$" + DATA_ENV + " (" + dir + ") or " + whereLooked;
        }
        Path cache = settings.cacheDir();
        Map<MnistFile, Path> found = present(cache, needed);
        if (settings.environmentDir().isPresent() && found.size() == needed.size()) {
            // Not silent: the user pointed somewhere else, and may not know the cache has a copy.
            settings.progress().accept("nnc: note: $" + DATA_ENV + " (" + settings.environmentDir().get() + ") holds no MNIST files;"
                    + " using the copy in " + cache);
        }
        if (found.size() < needed.size()) {
            MnistCache filler = new MnistCache(cache, settings.fetchers(), settings.sums(), settings.progress());
            found.putAll(filler.acquire(missing(found, needed), whereLooked));
        } else {
            MnistCache.removeStaleStaging(cache); // what a killed download left, also when nothing more is downloaded
        }
        return new MnistFiles(Source.CACHE, cache, found);
    }

    /** An explicit directory is the only place looked: nothing is downloaded on its behalf. */
    private MnistFiles fromDataOption(Path dir, Set<MnistFile> needed) throws DataException {
        String fix = "or leave out --data to let nnc download MNIST into " + settings.cacheDir();
        if (!Files.exists(dir)) {
            throw new DataException(Kind.MISSING, "--data " + dir + ": no such directory",
                    "pass the directory that holds the four MNIST files, " + fix);
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(Kind.NOT_A_FILE, "--data " + dir + " is a file, not a directory",
                    "pass the directory that holds the four MNIST files, " + fix);
        }
        Map<MnistFile, Path> found = present(dir, needed);
        Set<MnistFile> missing = missing(found, needed);
        if (!missing.isEmpty()) {
            throw new DataException(Kind.MISSING, "--data " + dir + " has no " + names(missing)
                    + " (looked for each raw and as .gz); with --data, nnc downloads nothing",
                    "put " + (missing.size() == 1 ? "it" : "them") + " there, " + fix);
        }
        return new MnistFiles(Source.DATA_OPTION, dir, found);
    }

    /** The files of MNIST in {@code dir}, raw preferred over .gz; a name taken by a directory still counts. */
    static Map<MnistFile, Path> present(Path dir) {
        return present(dir, EnumSet.allOf(MnistFile.class));
    }

    static Map<MnistFile, Path> present(Path dir, Set<MnistFile> among) {
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        for (MnistFile f : among) {
            Path raw = dir.resolve(f.fileName()), gz = dir.resolve(f.gzipName());
            if (Files.exists(raw)) {
                found.put(f, raw);
            } else if (Files.exists(gz)) {
                found.put(f, gz);
            }
        }
        return found;
    }

    private static Set<MnistFile> missing(Map<MnistFile, Path> found, Set<MnistFile> needed) {
        Set<MnistFile> missing = EnumSet.copyOf(needed);
        missing.removeAll(found.keySet());
        return missing;
    }

    private static String names(Set<MnistFile> files) {
        return files.stream().map(MnistFile::fileName).collect(Collectors.joining(", "));
    }
}
