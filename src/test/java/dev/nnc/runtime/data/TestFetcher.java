package dev.nnc.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fetcher that acts out a scenario and records what it was asked for. */
final class TestFetcher implements MnistFetcher {
    interface Behaviour {
        Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws FetchException, InterruptedException;
    }

    private final String description;
    private final Behaviour behaviour;
    final List<Set<MnistFile>> calls = new ArrayList<>();
    final List<Path> dirs = new ArrayList<>();

    TestFetcher(String description, Behaviour behaviour) {
        this.description = description;
        this.behaviour = behaviour;
    }

    /** Writes the given contents (raw names) for whatever is wanted. */
    static TestFetcher delivering(String description, Map<MnistFile, byte[]> contents) {
        return new TestFetcher(description, (dir, wanted) -> writeAll(dir, wanted, contents));
    }

    static TestFetcher failing(String description, String reason) {
        return new TestFetcher(description, (dir, wanted) -> {
            throw new FetchException(reason);
        });
    }

    /** Writes half of the first wanted file, then the connection "drops". */
    static TestFetcher interrupted(String description, Map<MnistFile, byte[]> contents) {
        return new TestFetcher(description, (dir, wanted) -> {
            MnistFile first = wanted.iterator().next();
            byte[] bytes = contents.get(first);
            write(dir.resolve(first.fileName()), IdxBytes.cut(bytes, bytes.length / 2));
            throw new FetchException("connection reset after " + bytes.length / 2 + " bytes");
        });
    }

    static Map<MnistFile, Path> writeAll(Path dir, Set<MnistFile> wanted, Map<MnistFile, byte[]> contents) {
        Map<MnistFile, Path> written = new EnumMap<>(MnistFile.class);
        for (MnistFile f : wanted) {
            written.put(f, write(dir.resolve(f.fileName()), contents.get(f)));
        }
        return written;
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<MnistFile, Path> fetch(Path dir, Set<MnistFile> wanted) throws FetchException, InterruptedException {
        calls.add(Set.copyOf(wanted));
        dirs.add(dir);
        return behaviour.fetch(dir, wanted);
    }
}
