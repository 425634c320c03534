package dev.nnc.maven;

import dev.nnc.common.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the last build generated, kept under {@code target/} so that the next build can
 * tell what changed: the fingerprint of the generator (plugin and nnc versions and the
 * settings) and, per model file, the SHA-256 of its bytes, its warning count and the
 * classes written from it (paths relative to the output directory) with the SHA-256 of their
 * text. A missing or damaged
 * file is an empty state: everything is generated again, which is always safe.
 */
record BuildState(String fingerprint, String outputDir, String sourceDir, Map<String, Entry> entries, Set<String> failing) {
    private static final String FINGERPRINT = "fingerprint";
    /** The output directory the classes were written to, absolute: a build with another one removes them from there. */
    private static final String OUTPUT = "output";
    /** The source directory the models were found in, absolute (the entries' keys are relative to it); "" in older states. */
    private static final String SOURCE = "source";
    /**
     * The models that had errors, which have no entry (so they are checked on every build): a fixed one is then
     * said to be fixed, not new. Absent in older states.
     */
    private static final String FAILING = "failing";
    private static final String SHA = ".sha256";
    private static final String WARNINGS = ".warnings";
    private static final String CLASSES = ".classes";
    private static final String CLASSES_SHA = ".classes.digest";

    /** {@code classesSha256}: of the classes' text as generated, to notice a class edited on disk. */
    record Entry(String sha256, int warnings, List<String> classes, String classesSha256) {
        Entry {
            classes = List.copyOf(classes);
        }
    }

    BuildState {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        failing = Collections.unmodifiableSet(new TreeSet<>(failing));
    }

    BuildState(String fingerprint, String outputDir, String sourceDir, Map<String, Entry> entries) {
        this(fingerprint, outputDir, sourceDir, entries, Set.of());
    }

    static BuildState empty() { return new BuildState("", "", "", Map.of()); }

    static BuildState load(Path file) {
        if (!Files.isRegularFile(file)) return empty();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return empty();
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith(SHA)) continue;
            String model = key.substring(0, key.length() - SHA.length());
            String classes = p.getProperty(model + CLASSES, "");
            int warnings;
            try {
                warnings = Integer.parseInt(p.getProperty(model + WARNINGS, "0"));
            } catch (NumberFormatException e) {
                return empty();
            }
            entries.put(model, new Entry(p.getProperty(key), warnings,
                    classes.isEmpty() ? List.of() : Arrays.asList(classes.split(",")), p.getProperty(model + CLASSES_SHA, "")));
        }
        String failing = p.getProperty(FAILING, "");
        return new BuildState(p.getProperty(FINGERPRINT, ""), p.getProperty(OUTPUT, ""), p.getProperty(SOURCE, ""), entries,
                failing.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(failing.split("\n"))));
    }

    /** Writes beside the target and renames, so that an interrupted build leaves the old state whole. */
    void save(Path file) throws IOException {
        Properties p = new SortedProperties();
        p.setProperty(FINGERPRINT, fingerprint);
        p.setProperty(OUTPUT, outputDir);
        p.setProperty(SOURCE, sourceDir);
        if (!failing.isEmpty()) p.setProperty(FAILING, String.join("\n", failing)); // a newline: no model path holds one
        entries.forEach((model, e) -> {
            p.setProperty(model + SHA, e.sha256());
            p.setProperty(model + WARNINGS, Integer.toString(e.warnings()));
            p.setProperty(model + CLASSES, String.join(",", e.classes()));
            p.setProperty(model + CLASSES_SHA, e.classesSha256());
        });
        StringWriter text = new StringWriter();
        p.store(text, "nnc-maven-plugin: what the last build generated. Delete this file to generate everything again.");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Properties that store their keys in sorted order, so that the file reads (and diffs) well. */
    private static final class SortedProperties extends Properties {
        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            Set<Map.Entry<Object, Object>> sorted = new TreeSet<>((a, b) -> a.getKey().toString().compareTo(b.getKey().toString()));
            sorted.addAll(super.entrySet());
            return sorted;
        }

        @Override
        public synchronized Enumeration<Object> keys() {
            return Collections.enumeration(new TreeSet<>(super.keySet()));
        }
    }
}
