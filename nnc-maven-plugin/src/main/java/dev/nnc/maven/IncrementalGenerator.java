package dev.nnc.maven;

import dev.nnc.common.Sha256;
import com.palantir.javapoet.JavaFile;
import dev.nnc.CompileResult;
import dev.nnc.GeneratedSources;
import dev.nnc.NncCompiler;
import dev.nnc.Sources;
import dev.nnc.codegen.ClassNames;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.diag.SourceFile;
import dev.nnc.maven.BuildState.Entry;
import dev.nnc.ClassClash;
import dev.nnc.maven.Generation.Checked;
import dev.nnc.maven.Generation.Generated;
import dev.nnc.maven.Generation.Removed;
import dev.nnc.maven.Generation.Why;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The work of the {@code generate} goal, without Maven: generates the classes of the
 * models that changed since the last build, leaves the others alone, and deletes the
 * classes no model generates any more. The build state says what the last build did; a
 * model is up to date when its bytes hash the same, the generator's fingerprint is the
 * same and its classes are still there as they were written.
 *
 * <p>A class on disk that another execution (another source directory) generated from a
 * model that still exists is never overwritten: two models defining one class is an error,
 * whichever execution finds it.
 *
 * <p>Models whose last check gave warnings are checked again (not regenerated) on every
 * build, so that warnings never silently disappear and {@code failOnWarning} keeps
 * failing until they are fixed. A model with errors is not recorded: it is checked again
 * next time, and its old classes are removed now rather than left stale.
 */
final class IncrementalGenerator {

    /**
     * @param fingerprint everything besides the model files that the generated code depends
     *                    on; a different fingerprint regenerates every model
     * @param javaSourceRoots the project's other source roots the classes are compiled with
     *                        ({@code src/main/java}): a class of the same name there is a clash
     */
    record Config(Path baseDir, Path sourceDir, Path outputDir, Path stateFile,
                  GeneratorOptions options, String fingerprint, List<Path> javaSourceRoots) {
        Config {
            javaSourceRoots = List.copyOf(javaSourceRoots);
        }

        Config(Path baseDir, Path sourceDir, Path outputDir, Path stateFile, GeneratorOptions options, String fingerprint) {
            this(baseDir, sourceDir, outputDir, stateFile, options, fingerprint, List.of());
        }
    }

    private final Config config;

    IncrementalGenerator(Config config) { this.config = config; }

    Generation run() throws IOException {
        BuildState previous = BuildState.load(config.stateFile());
        // The classes name their model's path: from another source directory, every one is generated again.
        boolean sameGenerator = previous.fingerprint().equals(config.fingerprint())
                && (previous.sourceDir().isEmpty() || Path.of(previous.sourceDir()).equals(config.sourceDir().toAbsolutePath().normalize()));
        List<ModelFiles.Model> models = ModelFiles.find(config.sourceDir(), config.baseDir());

        Map<String, Entry> next = new TreeMap<>();
        List<Checked> checked = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        int upToDate = 0;
        for (ModelFiles.Model model : models) {
            Sources.Loaded loaded = Sources.load(model.file()); // read once: hashed, then (if need be) checked
            String sha = ModelCheck.sha256(loaded);
            Entry old = previous.entries().get(model.key());
            Why why = old == null ? (previous.failing().contains(model.key()) ? Why.FIXED : Why.NEW)
                    : !old.sha256().equals(sha) ? Why.CHANGED
                    : !sameGenerator ? Why.SETTINGS
                    : !classesExist(old) ? Why.MISSING
                    : !old.classesSha256().equals(classesSha256(old.classes())) ? Why.EDITED
                    : null;
            if (why == null) {
                upToDate++;
                next.put(model.key(), old);
                if (old.warnings() > 0) checked.add(ModelCheck.of(model, loaded).checked());
                continue;
            }
            ModelCheck check = ModelCheck.of(model, loaded);
            checked.add(check.checked());
            if (check.result().isEmpty() || check.result().get().hasErrors()) continue;
            // The class names the model as the project does, not by this machine's absolute path.
            SourceFile portable = new SourceFile(model.shown(), check.result().get().source().text());
            CompileResult compiled = NncCompiler.compile(portable, config.options());
            if (compiled.javaFile().isEmpty()) continue;
            dev.nnc.ir.Model ir = check.result().get().model().orElseThrow();
            pending.add(new Pending(model, sha, (int) check.checked().warnings(), compiled.javaFile().get(), why, ir.source(), ir.name()));
        }

        List<String> problems = new ArrayList<>();
        List<Generated> generated = write(pending, next, problems, models, previous);
        problems.addAll(handWrittenClashes(next, models));
        Set<String> failing = new HashSet<>();
        checked.stream().filter(c -> c.errors() > 0).forEach(c -> failing.add(c.model().key()));
        List<Removed> removed = removeStale(previous, next, models, failing);
        removeOrphans(next, removed, failing);
        // A module without models (the plugin declared in a parent, an aggregator) keeps its target/ as it was.
        if (!models.isEmpty() || !next.isEmpty() || Files.exists(config.stateFile())) {
            new BuildState(config.fingerprint(), config.outputDir().toAbsolutePath().normalize().toString(),
                    config.sourceDir().toAbsolutePath().normalize().toString(), next, failing).save(config.stateFile());
        }
        return new Generation(checked, generated, removed, upToDate, problems,
                sameGenerator ? "" : settingsChange(previous.fingerprint(), config.fingerprint()), leftOutside(previous));
    }

    /**
     * What differs between two fingerprints ({@code "plugin 0.1 abc; nnc 0.1 def; package p; ..."}), in
     * words: "a new nnc", "another package and precision". An old state without a fingerprint: "new settings".
     */
    static String settingsChange(String before, String now) {
        Map<String, String> was = fingerprintParts(before), is = fingerprintParts(now);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> part : is.entrySet()) {
            if (!part.getValue().equals(was.get(part.getKey()))) changed.add(part.getKey());
        }
        if (was.isEmpty() || changed.isEmpty()) return "new settings";
        List<String> code = changed.stream().filter(k -> k.equals("plugin") || k.equals("nnc")).map(k -> k.equals("plugin") ? "nnc-maven-plugin" : "nnc").toList();
        List<String> settings = changed.stream().filter(k -> !k.equals("plugin") && !k.equals("nnc"))
                .map(k -> k.equals("source") ? "source directory" : k.equals("output") ? "output directory" : k.equals("vector") ? "vector setting" : k)
                .toList();
        List<String> words = new ArrayList<>();
        if (!code.isEmpty()) words.add("a new " + and(code));
        if (!settings.isEmpty()) words.add("another " + and(settings));
        return String.join(", ", words);
    }

    /** "package", "package and precision", "package, precision and vector setting". */
    private static String and(List<String> words) {
        if (words.size() <= 1) return String.join("", words);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private static Map<String, String> fingerprintParts(String fingerprint) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (fingerprint.isBlank()) return parts;
        for (String part : fingerprint.split("; ")) {
            int space = part.indexOf(' ');
            parts.put(space < 0 ? part : part.substring(0, space), space < 0 ? "" : part.substring(space + 1));
        }
        return parts;
    }

    /** The model (its key) that owns a class file, and that file as written. */
    private record Owner(String model, String javaFile) {}

    /** {@code at}: the {@code model NAME} line, under the file's absolute path. */
    private record Pending(ModelFiles.Model model, String sha, int warnings, JavaFile file, Why why, dev.nnc.ir.SourceRef at, String name) {}

    private List<Generated> write(List<Pending> pending, Map<String, Entry> next, List<String> problems,
                                  List<ModelFiles.Model> models, BuildState previous) throws IOException {
        // The models of this execution, now and in its last build (whose source directory may have
        // been another): a class generated from one of them is not another execution's. Compared with
        // `/`, as class comments write paths.
        Set<String> ours = new HashSet<>();
        models.forEach(m -> ours.add(slashes(m.shown())));
        Path oldSource = previous.sourceDir().isEmpty() ? config.sourceDir() : Path.of(previous.sourceDir());
        previous.entries().keySet().forEach(key -> ours.add(slashes(ModelFiles.relative(config.baseDir(), oldSource.resolve(key)))));
        // Which model owns each class file (by its name in any case): up-to-date models keep theirs, then new ones in order.
        Map<String, Owner> owners = new HashMap<>();
        next.forEach((key, entry) -> entry.classes().forEach(c -> owners.put(GeneratedSources.fileKey(c), new Owner(key, c))));
        Map<String, String> where = new HashMap<>(); // a model generated in this run: its `model` line
        List<Generated> generated = new ArrayList<>();
        for (Pending p : pending) {
            Path target = GeneratedSources.pathOf(p.file, config.outputDir());
            String javaFile = ModelFiles.slashes(config.outputDir().relativize(target));
            Owner first = owners.putIfAbsent(GeneratedSources.fileKey(javaFile), new Owner(p.model.key(), javaFile));
            if (first != null) {
                problems.add(ClassClash.message(p.at, p.name, qualifiedName(p.file), qualifiedNameOf(first.javaFile()),
                        where.computeIfAbsent(first.model(), key -> modelLine(key, models, false)), "generate"));
                continue;
            }
            where.put(p.model.key(), ClassClash.place(p.model.shown(), p.at));
            String elsewhere = generatedFrom(target);
            if (elsewhere != null && !ours.contains(slashes(elsewhere)) && stillDefines(elsewhere, p.file.typeSpec().name())) {
                problems.add(ClassClash.message(p.at, p.name, qualifiedName(p.file), qualifiedName(p.file),
                        elsewhere + " (of another execution or source directory)", "generate"));
                continue;
            }
            try {
                GeneratedSources.Outcome outcome = GeneratedSources.write(p.file, config.outputDir());
                next.put(p.model.key(), new Entry(p.sha, p.warnings, List.of(javaFile), Sha256.hex(p.file.toString())));
                generated.add(new Generated(p.model, javaFile, p.why, outcome == GeneratedSources.Outcome.WRITTEN));
            } catch (GeneratedSources.NotOurs e) {
                problems.add(e.getMessage() + " (the class of " + p.model.shown()
                        + "); move it away, or choose another package or output directory");
            }
        }
        return generated;
    }

    /**
     * Deletes the classes of the last build that no model generates now (only files nnc wrote),
     * from the output directory they were written to, which a change of outputDirectory leaves behind.
     */
    private List<Removed> removeStale(BuildState previous, Map<String, Entry> next, List<ModelFiles.Model> models,
                                      Set<String> failing) throws IOException {
        Path out = config.outputDir().toAbsolutePath().normalize();
        Path oldOut = previous.outputDir().isEmpty() ? out : Path.of(previous.outputDir()).normalize();
        // The state is only a file under target/: never trust it to point outside the project or the output.
        if (!oldOut.equals(out) && !oldOut.startsWith(config.baseDir().toAbsolutePath().normalize())) oldOut = out;
        Set<Path> kept = new HashSet<>();
        next.values().forEach(e -> e.classes().forEach(c -> kept.add(out.resolve(c).normalize())));
        Path source = config.sourceDir().toAbsolutePath().normalize();
        Path oldSource = previous.sourceDir().isEmpty() ? source : Path.of(previous.sourceDir()).normalize();
        Set<String> present = new HashSet<>();
        models.forEach(m -> present.add(m.key()));
        Set<String> ours = new HashSet<>();
        models.forEach(m -> ours.add(slashes(m.shown())));
        List<Removed> removed = new ArrayList<>();
        for (Map.Entry<String, Entry> old : previous.entries().entrySet()) {
            for (String javaFile : old.getValue().classes()) {
                Path path = oldOut.resolve(javaFile).normalize();
                if (kept.contains(path) || !path.startsWith(oldOut) || !isOurs(path)) continue;
                if (!writtenAsRecorded(path, old.getValue())) {
                    // Not the text this execution wrote: if another execution's model now generates it, it is theirs.
                    String from = generatedFrom(path);
                    if (from != null && !ours.contains(slashes(from)) && stillDefines(from, javaFile.substring(javaFile.lastIndexOf('/') + 1)
                            .replace(".java", ""))) {
                        continue;
                    }
                }
                deleteAndPrune(path, oldOut);
                removed.add(new Removed(path, whyRemoved(old.getKey(), !oldOut.equals(out), oldSource, failing, present)));
            }
        }
        return removed;
    }

    /**
     * Classes nnc generated into the output directory that no state records and whose model is gone or no longer
     * defines them: left by a build stopped (Ctrl-C, kill) after writing classes but before saving its state, whose
     * models were then deleted or renamed. The state alone never knew them, and they were compiled into every later
     * build. A class whose model still defines it stays (this execution's under another package), and so does one of
     * another source directory (another execution's). Only in an output directory inside the project, as for
     * {@link #removeStale}.
     */
    private void removeOrphans(Map<String, Entry> next, List<Removed> removed, Set<String> failing) throws IOException {
        Path out = config.outputDir().toAbsolutePath().normalize();
        if (!out.startsWith(config.baseDir().toAbsolutePath().normalize()) || !Files.isDirectory(out)) return;
        Set<Path> kept = new HashSet<>();
        next.values().forEach(e -> e.classes().forEach(c -> kept.add(out.resolve(c).normalize())));
        removed.forEach(r -> kept.add(r.file().toAbsolutePath().normalize()));
        List<Path> candidates;
        try (var files = Files.walk(out)) {
            candidates = files.filter(f -> f.getFileName().toString().endsWith(".java") && !kept.contains(f.normalize())).toList();
        }
        Path source = config.sourceDir().toAbsolutePath().normalize();
        for (Path file : candidates) {
            if (!readableAsOurs(file)) continue;
            String from = generatedFrom(file);
            // Only a class of this execution's source directory: another execution sharing the output removes its own,
            // with its own reason (a model with errors, say), and may not even run in this build.
            if (from == null || !config.baseDir().toAbsolutePath().resolve(from).normalize().startsWith(source)
                    || stillDefines(from, file.getFileName().toString().replaceFirst("\\.java$", ""))) continue;
            deleteAndPrune(file, out);
            Path model = config.baseDir().toAbsolutePath().resolve(from).normalize();
            String why = failing.contains(ModelFiles.slashes(source.relativize(model))) ? " has errors; its class comes back once they are fixed"
                    : Files.exists(model) ? " no longer generates it" : " was deleted";
            removed.add(new Removed(file, from + why + "; a build stopped before it recorded the class had left it"));
        }
    }

    /**
     * The classes of the last build left in an output directory outside the project (nnc deletes
     * nothing there on the word of a file under target/), said once, when the output moves away from it.
     */
    private List<String> leftOutside(BuildState previous) {
        if (previous.outputDir().isEmpty()) return List.of();
        Path oldOut = Path.of(previous.outputDir()).normalize();
        Path out = config.outputDir().toAbsolutePath().normalize();
        if (oldOut.equals(out) || oldOut.startsWith(config.baseDir().toAbsolutePath().normalize())) return List.of();
        long left = previous.entries().values().stream().flatMap(e -> e.classes().stream())
                .map(c -> oldOut.resolve(c).normalize()).filter(p -> p.startsWith(oldOut) && readableAsOurs(p)).count();
        if (left == 0) return List.of();
        return List.of("left " + left + " class" + (left == 1 ? "" : "es") + " of the last build in " + oldOut
                + " (outside the project, where nnc deletes nothing): delete them by hand if they are no longer wanted");
    }

    /** Why the class of the model {@code key} (relative to the source directory of the build that wrote it) went. */
    private String whyRemoved(String key, boolean outputMoved, Path oldSource, Set<String> failing, Set<String> present) {
        Path source = config.sourceDir().toAbsolutePath().normalize();
        String model = ModelFiles.relative(config.baseDir(), oldSource.resolve(key));
        if (outputMoved) return "the output directory is now " + ModelFiles.relative(config.baseDir(), config.outputDir());
        if (!oldSource.equals(source)) return "the source directory is now " + ModelFiles.relative(config.baseDir(), source) + ", without " + model;
        if (failing.contains(key)) return model + " has errors; its class comes back once they are fixed";
        if (present.contains(key)) return model + " no longer generates it";
        if (Files.exists(source.resolve(key))) return model + " is left out now: a name or folder starting with `.` is no model";
        return model + " was deleted";
    }

    /** Deletes a class nnc wrote, and the folders it leaves empty up to {@code root}. */
    private static void deleteAndPrune(Path path, Path root) throws IOException {
        Files.delete(path);
        pruneEmptyDirectories(path.getParent(), root);
    }

    /**
     * The classes recorded by the state file of an execution no longer in the build (removed from
     * the pom, or of an inactive profile), deleted where they are as that execution wrote them
     * and no live execution records them, then the state file itself: otherwise they would stay
     * in the output directory and be compiled with every build.
     *
     * @param live the classes (absolute) that the build's executions record; never deleted
     */
    static List<Removed> forget(Path stateFile, Path baseDir, Set<Path> live, String because) throws IOException {
        BuildState state = BuildState.load(stateFile);
        List<Removed> removed = new ArrayList<>();
        Path base = baseDir.toAbsolutePath().normalize();
        if (!state.outputDir().isEmpty()) {
            Path out = Path.of(state.outputDir()).normalize();
            for (Entry entry : state.entries().values()) {
                for (String javaFile : entry.classes()) {
                    Path path = out.resolve(javaFile).normalize();
                    // The state is only a file under target/: nothing outside the project is touched.
                    if (!path.startsWith(base) || !path.startsWith(out) || live.contains(path) || !isOurs(path)
                            || !writtenAsRecorded(path, entry)) {
                        continue;
                    }
                    deleteAndPrune(path, out);
                    removed.add(new Removed(path, because));
                }
            }
        }
        Files.deleteIfExists(stateFile);
        return removed;
    }

    /**
     * The state files in {@code dir}, orphans being those of executions no longer in the build: not among {@code declared}
     * (the build's executions), and not written since {@code sessionStart} (an execution that ran
     * earlier in this build, such as a {@code mvn nnc:generate compile}'s default-cli, is in no pom).
     */
    static States states(Path dir, Set<Path> declared, long sessionStart) throws IOException {
        List<Path> orphans = new ArrayList<>(), live = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                (!declared.contains(f) && Files.getLastModifiedTime(f).toMillis() < sessionStart ? orphans : live).add(f);
            }
        }
        return new States(orphans, live);
    }

    /** The state files of a build's output folder: of executions gone, and of those live (declared, or run in this build). */
    record States(List<Path> orphans, List<Path> live) {}

    /** The classes a state file records, absolute: those of a live execution, which {@link #forget} leaves alone. */
    static Set<Path> recorded(Path stateFile) {
        BuildState state = BuildState.load(stateFile);
        Set<Path> classes = new HashSet<>();
        if (state.outputDir().isEmpty()) return classes;
        Path out = Path.of(state.outputDir()).normalize();
        state.entries().values().forEach(e -> e.classes().forEach(c -> classes.add(out.resolve(c).normalize())));
        return classes;
    }

    private String shownOf(String key) {
        return ModelFiles.relative(config.baseDir(), config.sourceDir().resolve(key));
    }

    /** {@link #isOurs}, an unreadable file counting as not ours (a note, not a failure). */
    private static boolean readableAsOurs(Path path) {
        try {
            return isOurs(path);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean isOurs(Path path) throws IOException {
        if (!Files.isRegularFile(path)) return false;
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(GeneratedSources.MARKER.length());
        }
        return new String(head, StandardCharsets.UTF_8).equals(GeneratedSources.MARKER);
    }

    private static void pruneEmptyDirectories(Path dir, Path root) throws IOException {
        for (Path d = dir.toAbsolutePath().normalize(); d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Whether the class file holds exactly the text this execution wrote for {@code entry}. */
    private static boolean writtenAsRecorded(Path path, Entry entry) throws IOException {
        return entry.classes().size() == 1 && !entry.classesSha256().isEmpty()
                && entry.classesSha256().equals(Sha256.hex(Files.readString(path, StandardCharsets.UTF_8)));
    }

    /**
     * Whether the model file {@code shown} (relative to the project) still exists and still
     * defines a model whose class is {@code simpleName}: then a class of that name is its.
     */
    private boolean stillDefines(String shown, String simpleName) {
        Path file = config.baseDir().resolve(shown);
        if (!Files.isRegularFile(file)) return false;
        try {
            return NncCompiler.check(new SourceFile(shown, Files.readString(file, StandardCharsets.UTF_8))).model()
                    .map(m -> ClassNames.forModel(m.name()).equals(simpleName)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static String slashes(String path) { return path.replace('\\', '/'); }

    /** The model file named in the first line of a class nnc generated, or null. */
    private static String generatedFrom(Path javaFile) throws IOException {
        if (!Files.isRegularFile(javaFile)) return null;
        String first;
        try (var in = Files.newBufferedReader(javaFile, StandardCharsets.UTF_8)) {
            first = in.readLine();
        } catch (java.nio.charset.CharacterCodingException notText) {
            return null;
        }
        return dev.nnc.codegen.GeneratedHeader.sourceOf(first).orElse(null);
    }

    /** The SHA-256 of the classes' text together; "" when one cannot be read. */
    private String classesSha256(List<String> classes) {
        StringBuilder all = new StringBuilder();
        for (String c : classes) {
            try {
                all.append(Files.readString(config.outputDir().resolve(c), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return "";
            }
        }
        return Sha256.hex(all.toString());
    }


    private boolean classesExist(Entry entry) {
        return entry.classes().stream().allMatch(c -> Files.isRegularFile(config.outputDir().resolve(c)));
    }

    /**
     * A model's class that a source file of the project defines too ({@code src/main/java/com/example/Blobs.java}):
     * javac would stop at "duplicate class" inside the generated file, naming neither. Said at the model's
     * line, up-to-date models included (the Java file may be new).
     */
    private List<String> handWrittenClashes(Map<String, Entry> next, List<ModelFiles.Model> models) {
        List<String> clashes = new ArrayList<>();
        Path output = config.outputDir().toAbsolutePath().normalize();
        next.forEach((key, entry) -> entry.classes().forEach(javaFile -> {
            for (Path root : config.javaSourceRoots()) {
                Path theirs = root.toAbsolutePath().normalize();
                if (theirs.equals(output)) continue;
                Path file = theirs.resolve(javaFile);
                if (!Files.isRegularFile(file)) continue;
                // Led by the absolute path, as the diagnostics and javac's errors are in Maven's log.
                clashes.add(handWrittenClash(modelLine(key, models, true), qualifiedNameOf(javaFile), ModelFiles.relative(config.baseDir(), file)));
            }
        }));
        return clashes;
    }

    /** The message of {@link #handWrittenClashes}, which the check goal gives too. */
    static String handWrittenClash(String modelLine, String className, String theirs) {
        return modelLine + ": error: the model's class " + className + " is also defined by " + theirs
                + "; rename the model (or that class), or generate the models into a package of their own (packageName)";
    }

    /**
     * An up-to-date model's {@code model} line (read again: only for a clash), or its path: project-relative
     * in a message's text, {@code absolute} where it leads the message as a diagnostic's location does.
     */
    private String modelLine(String key, List<ModelFiles.Model> models, boolean absolute) {
        return models.stream().filter(m -> m.key().equals(key)).findFirst()
                .flatMap(m -> ModelCheck.of(m).result().flatMap(r -> r.model())
                        .map(model -> ClassClash.place(absolute ? m.file().toAbsolutePath().normalize().toString() : m.shown(),
                                model.source())))
                .orElse(absolute ? config.sourceDir().resolve(key).toAbsolutePath().normalize().toString() : shownOf(key));
    }

    /** {@code com/example/Xor.java} as {@code com.example.Xor}. */
    private static String qualifiedNameOf(String javaFile) {
        return javaFile.replaceFirst("\\.java$", "").replace('/', '.');
    }

    private static String qualifiedName(JavaFile file) {
        return file.packageName().isEmpty() ? file.typeSpec().name() : file.packageName() + "." + file.typeSpec().name();
    }

    /** The SHA-256 of a file's bytes, or "" when it cannot be read. */
    static String sha256(Path file) {
        try {
            return Sha256.hexOf(file);
        } catch (IOException e) {
            return "";
        }
    }
}
