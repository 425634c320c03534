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

    /** Larger is no run file; models have the same bound. */
    static final int MAX_BYTES = 1 << 20;

    /** Mistakes listed at most, then how many more: a wrong file can hold thousands of keys that are no settings. */
    static final int MAX_PROBLEMS = 20;

    public static final List<String> KEYS = List.of("batch", "epochs", "seed", "shuffle", "validation", "early_stop",
            "normalize", "lr", "limit");

    /** A run file that cannot be used; the message says which key and why. */
    public static final class BadRunFile extends Exception {
        /** Its keys and values are the file's: a received file's escape codes are shown, not sent to the terminal. */
        public BadRunFile(String message) { super(dev.nnc.diag.Printable.keepingLines(message)); }
    }

    /**
     * What a run file holds: the settings, and for a run folder's {@code settings.yaml} the model
     * and optimizer of that run ("MlpSmall", "sgd"), which may not be the model trained now.
     */
    public record Contents(Overrides overrides, Optional<String> runModel, Optional<String> runOptimizer,
                           Map<String, String> described) {
        static Contents of(Overrides overrides) { return new Contents(overrides, Optional.empty(), Optional.empty(), Map.of()); }

        /**
         * What the run file says of the model, loss and optimizer that {@code current} does not
         * (a value edited in a run's settings.yaml, or a run of another version of the model), as
         * {@code `optimizer.momentum: 0.95` (MlpSmall: 0.9)}: a run file does not set these, so
         * they are not taken. The learning rate is a setting, and the name and source say which
         * run it was, so they are left out.
         */
        public List<String> notTaken(dev.nnc.ir.Model current) {
            Map<String, String> now = new java.util.LinkedHashMap<>();
            flatten("", new ObjectMapper().valueToTree(SettingsFile.description(current)), now);
            List<String> differences = new java.util.ArrayList<>();
            described.forEach((key, value) -> {
                if (List.of("model.name", "model.source", "optimizer.lr").contains(key) || value.equals(now.get(key))) return;
                differences.add("`" + key + ": " + value + "`" + (now.containsKey(key) ? " (" + current.name() + ": " + now.get(key) + ")" : ""));
            });
            return differences;
        }
    }

    public static Overrides read(Path path) throws BadRunFile {
        return load(path).overrides();
    }

    public static Contents load(Path path) throws BadRunFile {
        if (Files.isDirectory(path)) throw new BadRunFile("run file " + path + " is a directory; give a YAML file such as run.yaml");
        String text;
        try {
            // A run file is a few lines; a larger one is a wrong file (a dataset, a log), and YAML's reader slows on it.
            if (Files.size(path) > MAX_BYTES) {
                throw new BadRunFile("run file " + path + " is " + String.format(Locale.ROOT, "%,d", Files.size(path)) + " bytes; a run file"
                        + " holds a few settings (at most " + String.format(Locale.ROOT, "%,d", MAX_BYTES) + " bytes): is it the right file?");
            }
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
            if (what.matches("Malformed numeric value '[-+]?\\.(?i:nan|inf)'")) {
                // YAML's not-a-number and infinities; Jackson's reader takes them for a malformed number (located after it).
                String value = what.split("'")[1];
                if (at != null && at.getColumnNr() > value.length()) where = ":" + at.getLineNr() + ":" + (at.getColumnNr() - value.length());
                throw new BadRunFile("run file " + path + where + ": `" + value
                        + "` is not a finite number; settings take finite numbers, e.g. `lr: 0.01`");
            }
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
        int second = secondDocument(text);
        if (second > 0) { // Jackson reads the first and drops the rest, unsaid
            throw new BadRunFile("run file " + path + ":" + second + ": a second YAML document (after `---`); a run file is one"
                    + " mapping of settings: merge the two, or remove one");
        }
        if (root == null || root.isMissingNode() || root.isNull()) return Contents.of(Overrides.NONE);
        if (!root.isObject()) throw new BadRunFile("run file " + path + " must be a mapping of settings, e.g. `epochs: 3`");
        if (!isRunSettings(root)) {
            Keys keys = Keys.of(path, text, null);
            return Contents.of(keys.overrides(root));
        }
        Keys keys = Keys.of(path, text, "run");
        JsonNode model = root.path("model").path("name"), optimizer = root.path("optimizer").path("kind");
        Map<String, String> described = new java.util.LinkedHashMap<>();
        for (String section : List.of("model", "loss", "optimizer")) {
            if (root.has(section)) flatten(section, root.get(section), described);
        }
        return new Contents(keys.overrides(settingsOfRun(root, keys)),
                model.isTextual() ? Optional.of(dev.nnc.diag.Printable.of(model.asText())) : Optional.empty(),
                optimizer.isTextual() ? Optional.of(dev.nnc.diag.Printable.of(optimizer.asText())) : Optional.empty(), described);
    }

    /** {@code 1} and {@code 1.0}, {@code 0.02} and {@code 2e-2}: the same number however written. */
    private static boolean sameNumber(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
    }

    /** The line of a second YAML document with content in {@code text}, or 0 (a lone `---` at the end has none). */
    private static int secondDocument(String text) {
        try (com.fasterxml.jackson.core.JsonParser p = new YAMLFactory().createParser(text)) {
            if (p.nextToken() == null) return 0;
            p.skipChildren();
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != com.fasterxml.jackson.core.JsonToken.VALUE_NULL) return p.currentTokenLocation().getLineNr();
            }
            return 0;
        } catch (IOException unreadable) {
            return 0; // the first read has said what is wrong
        }
    }

    /** {@code optimizer: {momentum: 0.9}} as {@code optimizer.momentum -> 0.9}, numbers written alike however they were spelled. */
    private static void flatten(String key, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(key.isEmpty() ? f.getKey() : key + "." + f.getKey(), f.getValue(), into));
        } else {
            // Printed in notes: a received file's escape codes are shown, not sent to the terminal.
            into.put(dev.nnc.diag.Printable.of(key), dev.nnc.diag.Printable.of(shown(node)));
        }
    }

    private static String shown(JsonNode value) {
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            return dev.nnc.common.Decimals.of(new java.math.BigDecimal(value.asText())); // 1.0E-4 and 0.0001 alike
        }
        if (value.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            value.forEach(v -> items.add(shown(v)));
            return "[" + String.join(", ", items) + "]";
        }
        return value.isNull() ? "null" : value.asText();
    }

    /** The {@code settings.yaml} of a run folder (its {@code nnc:}, {@code model:} and {@code run:} sections). */
    private static boolean isRunSettings(JsonNode root) {
        return root.has("run");
    }

    /** The sections of a run's settings.yaml; of them only {@code run:} and the optimizer's {@code lr} are settings. */
    private static final List<String> SECTIONS = List.of("nnc", "model", "loss", "optimizer", "run", "compute");

    /**
     * A run's settings as a run file, so that {@code --config runs/X/settings.yaml} trains as that
     * run did: its {@code run:} section (without the nulls of settings it did not use) and the
     * learning rate it trained with. Its other sections describe the run and are not settings.
     */
    private static JsonNode settingsOfRun(JsonNode root, Keys keys) throws BadRunFile {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SECTIONS.contains(key)) {
                throw keys.atTop().at(key, "`" + key + "` is not a section of a run's settings (" + String.join(", ", SECTIONS) + ")"
                        + (KEYS.contains(key) ? "; settings go under `run:`" : ""));
            }
        }
        if (!root.get("run").isObject()) throw keys.atTop().at("run", "`run` must be a mapping of settings, e.g. `run:` then `  epochs: 3`");
        com.fasterxml.jackson.databind.node.ObjectNode settings = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("run").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            keys.requireKnown(f.getKey());
            if (!f.getValue().isNull()) settings.set(f.getKey(), f.getValue());
            // A setting the run did not use is null, but early stopping left out is the model's: off, as the run had it.
            else if (f.getKey().equals("early_stop")) settings.put("early_stop", 0);
        }
        JsonNode lr = root.path("optimizer").path("lr");
        if (!lr.isMissingNode() && !lr.isNull()) {
            if (settings.has("lr") && !sameNumber(settings.get("lr"), lr)) { // one of them would be dropped, unsaid
                throw keys.at("lr", "`lr` is given under `run:` and as the optimizer's (`optimizer: lr: " + shown(lr)
                        + "`); keep one");
            }
            settings.set("lr", lr); // checked with the others: a number, finite, above 0
        }
        return settings;
    }

    /**
     * Reads the settings of a mapping, each error located at its key: {@code positions} holds where
     * each key is written (Jackson's tree keeps no locations), found in one pass over the text.
     */
    private record Keys(Path path, String text, Map<String, int[]> positions) {
        /**
         * Keys at the top, or in {@code section} (a run's {@code run:}) when given; a key found
         * only elsewhere is placed at its first appearance (a run's learning rate is its optimizer's).
         */
        static Keys of(Path path, String text, String section) {
            Map<String, int[]> wanted = new java.util.HashMap<>(), anywhere = new java.util.HashMap<>();
            try (com.fasterxml.jackson.core.JsonParser p = new YAMLFactory().createParser(text)) {
                int depth = 0;
                String top = null;
                for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t.isStructStart()) depth++;
                    else if (t.isStructEnd()) depth--;
                    else if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        if (depth == 1) top = p.currentName();
                        var at = p.currentTokenLocation();
                        int[] here = {at.getLineNr(), at.getColumnNr()};
                        boolean inPlace = section == null ? depth == 1 : depth == 2 && section.equals(top);
                        (inPlace ? wanted : anywhere).putIfAbsent(p.currentName(), here);
                    }
                }
            } catch (IOException e) {
                // Read once already; no location is the worst case.
            }
            anywhere.putAll(wanted);
            return new Keys(path, text, anywhere);
        }

        /** The settings of {@code root}; every mistake in them is reported at once, one line each, in the file's order. */
        Overrides overrides(JsonNode root) throws BadRunFile {
            List<String> known = new java.util.ArrayList<>();
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) known.add(it.next());
            java.util.SortedMap<Integer, List<String>> problems = new java.util.TreeMap<>(); // by line
            for (String key : known) collect(problems, key, () -> requireKnown(key));
            java.util.Map<String, Object> values = new java.util.HashMap<>();
            for (String key : KEYS) {
                collect(problems, key, () -> values.put(key, switch (key) {
                    case "batch", "epochs", "early_stop", "limit" -> integer(root, key);
                    case "seed" -> wholeLong(root, key); // seeds are 64-bit, as in the model and on the command line
                    case "shuffle" -> bool(root, key);
                    case "normalize" -> pair(root, key);
                    default -> number(root, key);
                }));
            }
            Overrides o = new Overrides(value(values, "batch"), value(values, "epochs"), value(values, "seed"), value(values, "shuffle"),
                    value(values, "validation"), value(values, "early_stop"), value(values, "normalize"), value(values, "lr"),
                    value(values, "limit"));
            for (String key : KEYS) {
                // Each setting alone, so that the message is placed at the key it is about.
                collect(problems, key, () -> {
                    Optional<String> problem = o.only(key).problem(k -> "`" + k + "`");
                    if (problem.isPresent()) throw at(key, problem.get());
                });
            }
            if (!problems.isEmpty()) {
                List<String> all = problems.values().stream().flatMap(List::stream).toList();
                List<String> shown = new java.util.ArrayList<>(all.subList(0, Math.min(all.size(), MAX_PROBLEMS)));
                if (all.size() > MAX_PROBLEMS) shown.add("... and " + (all.size() - MAX_PROBLEMS) + " more mistakes in " + path);
                throw new BadRunFile(String.join("\n", shown));
            }
            return o;
        }

        private interface Check { void run() throws BadRunFile; }

        /** Runs {@code check} about {@code key}, keeping its complaint under the key's line instead of stopping at it. */
        private void collect(java.util.SortedMap<Integer, List<String>> problems, String key, Check check) {
            try {
                check.run();
            } catch (BadRunFile e) {
                int line = positions.containsKey(key) ? positions.get(key)[0] : 0;
                problems.computeIfAbsent(line, l -> new java.util.ArrayList<>()).add(e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> Optional<T> value(java.util.Map<String, Object> values, String key) {
            Object v = values.get(key);
            return v == null ? Optional.empty() : (Optional<T>) v;
        }

        /** The same file, its keys located at the top rather than in the section. */
        Keys atTop() { return of(path, text, null); }

        BadRunFile at(String key, String problem) {
            return new BadRunFile("run file " + path + location(key) + ": " + problem);
        }

        void requireKnown(String key) throws BadRunFile {
            if (KEYS.contains(key)) return;
            // Dashed as on a command line (early-stop, learning-rate): a known key comes back as itself.
            java.util.Optional<String> meant = dev.nnc.diag.Spelling.suggest(key.replace('-', '_'), KEYS);
            throw new BadRunFile("run file " + path + location(key) + ": unknown setting `" + key + "`; settings are "
                    + String.join(", ", KEYS) + meant.map(m -> " (did you mean `" + m + "`?)").orElse(""));
        }

        private Optional<Integer> integer(JsonNode root, String key) throws BadRunFile {
            return whole(root, key, Integer.MAX_VALUE).map(Long::intValue);
        }

        private Optional<Long> wholeLong(JsonNode root, String key) throws BadRunFile {
            return whole(root, key, Long.MAX_VALUE);
        }

        /** A whole number from -max - 1 to {@code max} (an int's or a long's range). */
        private Optional<Long> whole(JsonNode root, String key, long max) throws BadRunFile {
            JsonNode v = root.get(key);
            if (v == null) return Optional.empty();
            if (!v.isIntegralNumber()) throw wrong(key, "a whole number", v);
            if (!v.canConvertToLong() || v.longValue() > max || v.longValue() < -max - 1) {
                throw wrong(key, "a whole number up to " + String.format(Locale.ROOT, "%,d", max), v);
            }
            return Optional.of(v.longValue());
        }

        private Optional<Double> number(JsonNode root, String key) throws BadRunFile {
            JsonNode v = root.get(key);
            if (v == null) return Optional.empty();
            if (!v.isNumber()) throw wrong(key, "a number", v);
            return Optional.of(v.doubleValue());
        }

        private Optional<Boolean> bool(JsonNode root, String key) throws BadRunFile {
            JsonNode v = root.get(key);
            if (v == null) return Optional.empty();
            if (!v.isBoolean()) throw wrong(key, "true or false", v);
            return Optional.of(v.booleanValue());
        }

        private Optional<double[]> pair(JsonNode root, String key) throws BadRunFile {
            JsonNode v = root.get(key);
            if (v == null) return Optional.empty();
            if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
                throw wrong(key, "a pair [mean, std]", v);
            }
            return Optional.of(new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()});
        }

        private BadRunFile wrong(String key, String expected, JsonNode found) {
            return new BadRunFile("run file " + path + location(key) + ": `" + key + "` must be " + expected + ", found " + found);
        }

        /** {@code :line:column} where the key is written, or "". */
        private String location(String key) {
            int[] at = positions.get(key);
            return at == null ? "" : ":" + at[0] + ":" + at[1];
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
