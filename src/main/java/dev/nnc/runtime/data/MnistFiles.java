package dev.nnc.runtime.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the MNIST files were found (each raw or gzip'd), and how nnc came to look there:
 * all four, or the test pair alone for an evaluation.
 */
public record MnistFiles(Source source, Path dir, Map<MnistFile, Path> paths) {
    public MnistFiles {
        boolean testPair = paths.keySet().equals(java.util.EnumSet.of(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
        if (paths.size() != MnistFile.values().length && !testPair) {
            throw new IllegalArgumentException("MNIST has four files (or the test pair), got " + paths.keySet());
        }
        paths = Map.copyOf(new EnumMap<>(paths));
    }

    public Path path(MnistFile file) {
        Path p = paths.get(file);
        if (p == null) throw new IllegalStateException(file + " was not looked for");
        return p;
    }

    /** Where a directory came from decides what a user can do about a bad file in it. */
    public enum Source {
        DATA_OPTION("--data"),
        ENVIRONMENT("$NNC_DATA"),
        CACHE("the nnc cache");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** nnc never changes the user's files: it says what to do instead. */
        String helpFor(Path file) {
            return switch (this) {
                case DATA_OPTION -> "replace " + file + " with a good copy, or leave out --data to let nnc download"
                        + " MNIST into its cache";
                case ENVIRONMENT -> "replace " + file + " with a good copy, or unset NNC_DATA to let nnc download"
                        + " MNIST into its cache";
                case CACHE -> "delete " + file + " and run again to download a fresh copy";
            };
        }
    }
}
