package dev.nnc.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nnc.ir.Model;
import dev.nnc.ir.Optimizer;
import dev.nnc.runtime.Kernels;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code settings.yaml}: what a run was, resolved, so that a person can read it and redo
 * it: the model, its loss, its optimizer with every hyperparameter (defaults filled in),
 * the run settings after the command line's overrides, and the kernels and threads. Names are spelled as in the
 * language ({@code adam}, {@code beta1}, {@code weight_decay}, {@code early_stop}).
 */
public final class SettingsFile {
    private SettingsFile() {}

    public static String yaml(Model ir, Settings settings, Kernels kernels, int threads, String nncVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("nnc", nncVersion);
        root.putAll(description(ir));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("batch", settings.batch());
        run.put("epochs", settings.epochs());
        run.put("seed", settings.seed());
        run.put("shuffle", settings.shuffle());
        run.put("validation", settings.validation());
        run.put("early_stop", settings.earlyStop().isPresent() ? settings.earlyStop().getAsInt() : null);
        run.put("normalize", List.of(settings.normalizeMean(), settings.normalizeStd()));
        run.put("limit", settings.limit().isPresent() ? settings.limit().getAsInt() : null);
        root.put("run", run);
        // How it was computed: the kernels change the last digits (a resumed run keeps them); threads change nothing.
        Map<String, Object> compute = new LinkedHashMap<>();
        compute.put("kernels", kernels == Kernels.VECTOR ? "vector" : "plain");
        compute.put("threads", kernels == Kernels.VECTOR ? threads : 1);
        root.put("compute", compute);
        try {
            return YAMLMapper.builder(YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .build())
                    .build().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the settings of " + ir.name(), e);
        }
    }

    /** What may differ between two writes of one run's file without an edit: the nnc that wrote it, the model's path as given, the threads. */
    private static final java.util.Set<String> CHANGE_ON_RESUME = java.util.Set.of("nnc", "model.source", "compute.threads");

    /**
     * The settings a person changed in a run's file ({@code onDisk}) against the ones the run has
     * ({@code asRun}, the file as its checkpoint's settings write it), as dotted keys
     * ({@code optimizer.lr}); {@code ["the whole file: ..."]} if it no longer reads as the file's
     * YAML. A key added, or removed from a section the file has, is an edit too ({@code run.lr (added)}):
     * a resume writes the file again, and would undo it unsaid. A whole section missing is an older
     * nnc's file (it wrote no {@code compute:}), no edit.
     */
    public static List<String> edited(String onDisk, String asRun) {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, Object> onDiskKeys = new java.util.TreeMap<>(), asRunKeys = new java.util.TreeMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode disk = yaml.readTree(onDisk);
            if (disk == null || !disk.isObject()) return List.of("the whole file: it no longer reads as a run's settings");
            flatten("", disk, onDiskKeys);
            flatten("", yaml.readTree(asRun), asRunKeys);
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of("the whole file: it no longer reads as YAML");
        }
        java.util.Set<String> keys = new java.util.TreeSet<>(onDiskKeys.keySet());
        // A key gone from a section the file still has was removed; a whole section missing is an older nnc's file.
        java.util.Set<String> sections = new java.util.HashSet<>();
        onDiskKeys.keySet().forEach(k -> sections.add(sectionOf(k)));
        asRunKeys.keySet().stream().filter(k -> sections.contains(sectionOf(k))).forEach(keys::add);
        return keys.stream()
                .filter(k -> !CHANGE_ON_RESUME.contains(k) && !java.util.Objects.equals(onDiskKeys.get(k), asRunKeys.get(k)))
                .map(k -> !asRunKeys.containsKey(k) ? k + " (added)" : !onDiskKeys.containsKey(k) ? k + " (removed)" : k)
                .map(dev.nnc.diag.Printable::of) // an edit's key, printed in a note: escape codes shown, not obeyed
                .toList();
    }

    /** {@code run} of {@code run.batch}; a key at the top is its own section. */
    private static String sectionOf(String dottedKey) {
        int dot = dottedKey.indexOf('.');
        return dot < 0 ? dottedKey : dottedKey.substring(0, dot);
    }

    private static void flatten(String prefix, com.fasterxml.jackson.databind.JsonNode node, Map<String, Object> into) {
        if (node == null) return;
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        } else {
            into.put(prefix, node.isValueNode() ? node.asText() : node.toString()); // a list compared as a whole
        }
    }

    /**
     * The sections that describe the model rather than the run ({@code model}, {@code loss},
     * {@code optimizer}): a run file does not set them; they are compared with the model trained.
     */
    static Map<String, Object> description(Model ir) {
        Map<String, Object> sections = new LinkedHashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", ir.name());
        model.put("source", ir.sourceFile());
        model.put("input", ir.input().dims());
        model.put("output", ir.output().dims());
        model.put("parameters", ir.paramCount());
        sections.put("model", model);
        sections.put("loss", ir.loss().map(l -> lower(l.kind())).orElse(null));
        sections.put("optimizer", ir.optimizer().map(SettingsFile::optimizer).orElse(null));
        return sections;
    }

    /** The hyperparameters the rule uses, in the order of the language's signature. */
    private static Map<String, Object> optimizer(Optimizer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", lower(o.kind()));
        m.putAll(o.hyperparameters());
        return m;
    }

    private static String lower(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }
}
