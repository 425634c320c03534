package dev.nnc.runtime.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;

/**
 * A YAML run file ({@code --config run.yaml}) with training settings, e.g.
 * <pre>
 * epochs: 3
 * batch: 64
 * lr: 0.01
 * seed: 2
 * validation: 0.1
 * early_stop: 3
 * normalize: [0.5, 0.5]
 * shuffle: true
 * limit: 10000
 * </pre>
 * Unknown keys and wrong types are errors that name the key. A run folder's {@code settings.yaml}
 * is a run file too: its {@code run:} settings and learning rate (to train as that run did).
 */
public final class RunFile {
    private RunFile() {}

    public static final List<String> KEYS = List.of("batch", "epochs", "seed", "shuffle", "validation", "early_stop",
            "normalize", "lr", "limit");

    /** A run file that cannot be used; the message says which key and why. */
    public static final class BadRunFile extends Exception {
        public BadRunFile(String message) { super(message); }
    }

    public static Overrides read(Path path) throws BadRunFile {
        if (Files.isDirectory(path)) throw new BadRunFile("run file " + path + " is a directory; give a YAML file such as run.yaml");
        String text;
        try {
            text = Files.readString(path); // UTF-8, strictly
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadRunFile("run file " + path + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadRunFile("run file " + path + " is not a text file (UTF-8); give a YAML file such as run.yaml");
        } catch (IOException e) {
            throw new BadRunFile("run file " + path + " cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            // A key given twice is a mistake to report, not a value to drop silently.
            root = new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String what = firstLine(e.getOriginalMessage());
            if (what.startsWith("Duplicate field '")) {
                throw new BadRunFile("run file " + path + where + ": `" + what.split("'")[1] + "` is given twice; keep one");
            }
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
                what = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
                var mark = marked.getProblemMark();
                if (mark != null) where = ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            }
            throw new BadRunFile("run file " + path + where + " is not valid YAML: " + what);
        } catch (IOException e) {
            throw new BadRunFile("run file " + path + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) return Overrides.NONE;
        if (!root.isObject()) throw new BadRunFile("run file " + path + " must be a mapping of settings, e.g. `epochs: 3`");
        if (isRunSettings(root)) {
            root = settingsOfRun(root);
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (!KEYS.contains(key)) {
                    throw new BadRunFile("run file " + path + keyLocation(text, key) + ": unknown setting `" + key + "`; settings are "
                            + String.join(", ", KEYS) + (key.contains("-") && KEYS.contains(key.replace('-', '_'))
                            ? " (did you mean `" + key.replace('-', '_') + "`?)" : ""));
                }
            }
        }
        Overrides o = new Overrides(integer(root, "batch", path), integer(root, "epochs", path),
                integer(root, "seed", path).map(Integer::longValue), bool(root, "shuffle", path),
                number(root, "validation", path), integer(root, "early_stop", path), pair(root, "normalize", path),
                number(root, "lr", path), integer(root, "limit", path));
        Optional<String> problem = o.problem(key -> "`" + key + "`");
        if (problem.isPresent()) throw new BadRunFile("run file " + path + ": " + problem.get());
        return o;
    }

    /** The {@code settings.yaml} of a run folder (its {@code nnc:}, {@code model:} and {@code run:} sections). */
    private static boolean isRunSettings(JsonNode root) {
        return root.has("nnc") && root.path("model").isObject() && root.path("run").isObject();
    }

    /**
     * A run's settings as a run file, so that {@code --config runs/X/settings.yaml} trains as that
     * run did: its {@code run:} section (without the nulls of settings it did not use) and the
     * learning rate it trained with.
     */
    private static JsonNode settingsOfRun(JsonNode root) {
        com.fasterxml.jackson.databind.node.ObjectNode settings = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        root.get("run").fields().forEachRemaining(f -> {
            if (KEYS.contains(f.getKey()) && !f.getValue().isNull()) settings.set(f.getKey(), f.getValue());
        });
        JsonNode lr = root.path("optimizer").path("lr");
        if (lr.isNumber()) settings.set("lr", lr);
        return settings;
    }

    /** {@code :line:column} of a top-level key in the YAML text, or "" (Jackson's tree keeps no locations). */
    private static String keyLocation(String text, String key) {
        try (com.fasterxml.jackson.core.JsonParser p = new YAMLFactory().createParser(text)) {
            int depth = 0;
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) depth++;
                else if (t.isStructEnd()) depth--;
                else if (depth == 1 && t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.currentName().equals(key)) {
                    var at = p.currentTokenLocation();
                    return ":" + at.getLineNr() + ":" + at.getColumnNr();
                }
            }
        } catch (IOException e) {
            // Read once already; no location is the worst case.
        }
        return "";
    }

    private static Optional<Integer> integer(JsonNode root, String key, Path path) throws BadRunFile {
        JsonNode v = root.get(key);
        if (v == null) return Optional.empty();
        if (!v.isIntegralNumber()) throw wrong(path, key, "a whole number", v);
        if (!v.canConvertToInt()) throw wrong(path, key, "a whole number up to " + String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE), v);
        return Optional.of(v.intValue());
    }

    private static Optional<Double> number(JsonNode root, String key, Path path) throws BadRunFile {
        JsonNode v = root.get(key);
        if (v == null) return Optional.empty();
        if (!v.isNumber()) throw wrong(path, key, "a number", v);
        return Optional.of(v.doubleValue());
    }

    private static Optional<Boolean> bool(JsonNode root, String key, Path path) throws BadRunFile {
        JsonNode v = root.get(key);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) throw wrong(path, key, "true or false", v);
        return Optional.of(v.booleanValue());
    }

    private static Optional<double[]> pair(JsonNode root, String key, Path path) throws BadRunFile {
        JsonNode v = root.get(key);
        if (v == null) return Optional.empty();
        if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
            throw wrong(path, key, "a pair [mean, std]", v);
        }
        return Optional.of(new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()});
    }

    private static BadRunFile wrong(Path path, String key, String expected, JsonNode found) {
        return new BadRunFile("run file " + path + ": `" + key + "` must be " + expected + ", found " + found);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
