package dev.nnc.maven;

import dev.nnc.GeneratedSources;
import dev.nnc.codegen.GeneratorOptions;
import dev.nnc.diag.Diagnostic;
import dev.nnc.diag.ShortRenderer;
import dev.nnc.maven.Generation.Generated;
import dev.nnc.maven.Generation.Removed;
import dev.nnc.maven.Generation.Why;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generate goal's incremental work, on a project in a temporary directory. */
class IncrementalGeneratorTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path project;
    Path models;
    Path out;

    @BeforeEach
    void layout() {
        models = project.resolve("src/main/nn");
        out = project.resolve("target/generated-sources/nn");
    }

    private Generation build() throws IOException {
        return build("com.example.nets");
    }

    private Generation build(String packageName) throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withPackage(packageName);
        return new IncrementalGenerator(new IncrementalGenerator.Config(project, models, out,
                project.resolve("target/nnc-maven-plugin/default.properties"), options,
                "test generator; package " + packageName)).run();
    }

    /** A build whose project has hand-written sources in src/main/java, as Maven's compile source roots list them. */
    private Generation buildBeside(Path javaRoot) throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withPackage("com.example.nets");
        return new IncrementalGenerator(new IncrementalGenerator.Config(project, models, out,
                project.resolve("target/nnc-maven-plugin/default.properties"), options,
                "test generator; package com.example.nets", List.of(javaRoot, out))).run();
    }

    @Test
    void aProjectWithoutModelsIsLeftAsItWas() throws IOException {
        Generation g = build();
        assertEquals(List.of(), g.generated());
        assertFalse(Files.exists(project.resolve("target")), "no state file, no target/ (an aggregator, a module without models)");
    }

    @Test
    void aClassTheProjectAlsoDefinesIsAnErrorAtTheModel() throws IOException {
        model("xor.nn", "Xor", 4);
        model("other.nn", "Other", 3);
        Path javaRoot = project.resolve("src/main/java");
        assertEquals(List.of(), buildBeside(javaRoot).problems(), "no Java sources yet");
        Path mine = javaRoot.resolve("com/example/nets/Xor.java");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "package com.example.nets;\npublic class Xor { }\n");
        for (int build = 1; build <= 2; build++) { // the model up to date: the Java file is what is new
            List<String> problems = buildBeside(javaRoot).problems();
            assertEquals(1, problems.size(), problems.toString());
            // Led by the absolute path, as every diagnostic in the log is.
            assertTrue(problems.get(0).startsWith(project.resolve("src/main/nn/xor.nn").toAbsolutePath().normalize() + ":1:7: error: the model's class "
                    + "com.example.nets.Xor is also defined by src/main/java/com/example/nets/Xor.java; rename"), problems.get(0));
        }
    }

    /**
     * A model saved again and again while builds run (an editor, a checkout during an IDE's build): each build must
     * record the hash of the version its class was made from. The hash and the check read the file separately, so a
     * save between them recorded one version with the other's class, which later builds took for up to date.
     */
    @Test
    void aModelSavedDuringTheBuildIsRecordedAsTheVersionItsClassWasMadeFrom() throws Exception {
        model("xor.nn", "Xor", 4);
        Path file = models.resolve("xor.nn");
        String four = Files.readString(file), eight = four.replace("2 -> 4", "2 -> 8");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread saver = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                try { // as editors save: a new file renamed over the old
                    Path next = Files.writeString(project.resolve("saving-" + (i % 2)), i % 2 == 0 ? eight : four);
                    Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException busy) {
                    // the next save
                }
            }
        });
        saver.start();
        try {
            for (int b = 1; b <= 60; b++) {
                build();
                String recorded = BuildState.load(project.resolve("target/nnc-maven-plugin/default.properties")).entries().get("xor.nn").sha256();
                String made = Files.readString(javaFile("Xor")).contains("W [8][2]") ? eight : four;
                assertEquals(dev.nnc.common.Sha256.hex(made), recorded, "build " + b + ": the hash of the version the class was made from");
            }
        } finally {
            stop.set(true);
            saver.join();
        }
    }

    /**
     * A build stopped (Ctrl-C, kill) after writing the classes of new models but before saving its state, whose models
     * are then deleted: the next build removes those classes, which no state records; they were compiled into every
     * later build. A class whose model still defines it is left alone.
     */
    @Test
    void classesOfAStoppedBuildWhoseModelsAreGoneAreRemoved() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Path state = project.resolve("target/nnc-maven-plugin/default.properties");
        byte[] before = Files.readAllBytes(state);
        model("extra.nn", "Extra", 3);
        model("kept.nn", "Kept", 3);
        model("broken.nn", "Broken", 3);
        build();
        Files.write(state, before); // as if the build had stopped before saving its state
        Files.delete(models.resolve("extra.nn"));
        write("broken.nn", "model Broken {\n  input [2]\n  dense h(3 -> 4)\n}\n"); // an error now
        Generation g = build();
        assertFalse(Files.exists(javaFile("Extra")), "the orphan is gone");
        assertFalse(Files.exists(javaFile("Broken")), "as a class of a model with errors is");
        assertTrue(Files.exists(javaFile("Xor")) && Files.exists(javaFile("Kept")));
        assertEquals(List.of(javaFile("Broken").toAbsolutePath().normalize() + ": src/main/nn/broken.nn has errors; its class comes back"
                        + " once they are fixed; a build stopped before it recorded the class had left it",
                javaFile("Extra").toAbsolutePath().normalize() + ": src/main/nn/extra.nn was deleted; a build stopped"
                + " before it recorded the class had left it"), g.removed().stream().map(r -> r.file() + ": " + r.because()).sorted().toList());
        Path mine = Files.writeString(javaFile("Mine"), "package com.example.nets;\npublic class Mine { }\n");
        assertEquals(List.of(), build().removed(), "a file nnc did not generate is not touched");
        assertTrue(Files.exists(mine));
    }

    /** Two executions share the output: one never removes the other's classes (it did, as left by a stopped build). */
    @Test
    void anotherExecutionsClassesAreItsOwnToRemove() throws IOException {
        Path other = project.resolve("src/other/nn");
        model("xor.nn", "Xor", 4);
        Files.createDirectories(other);
        Files.writeString(other.resolve("yor.nn"), Files.readString(models.resolve("xor.nn")).replace("Xor", "Yor"));
        IncrementalGenerator a = new IncrementalGenerator(new IncrementalGenerator.Config(project, models, out,
                project.resolve("target/nnc-maven-plugin/a.properties"), GeneratorOptions.defaults().withPackage("p.a"), "g; a"));
        IncrementalGenerator b = new IncrementalGenerator(new IncrementalGenerator.Config(project, other, out,
                project.resolve("target/nnc-maven-plugin/b.properties"), GeneratorOptions.defaults().withPackage("p.b"), "g; b"));
        a.run();
        b.run();
        Path yor = out.resolve("p/b/Yor.java");
        assertTrue(Files.exists(yor));
        Files.delete(other.resolve("yor.nn"));
        assertEquals(List.of(), a.run().removed(), "not a's to remove");
        assertTrue(Files.exists(yor));
        assertEquals(List.of(yor.toAbsolutePath().normalize() + ": src/other/nn/yor.nn was deleted"),
                b.run().removed().stream().map(r -> r.file() + ": " + r.because()).toList());
    }

    private void model(String file, String name, int hidden) throws IOException {
        write(file, "model " + name + " {\n  input [2]\n  dense h(2 -> " + hidden + ") relu\n  dense out(1)\n"
                + "  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
    }

    private void write(String file, String text) throws IOException {
        Path path = models.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private Path javaFile(String simpleName) { return out.resolve("com/example/nets/" + simpleName + ".java"); }

    /** Backdates every generated file, so that a rewrite shows as a new modification time. */
    private void backdate() throws IOException {
        try (var files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) Files.setLastModifiedTime(p, LONG_AGO);
        }
    }

    private static List<String> names(List<Generated> generated) {
        return generated.stream().map(Generated::javaFile).toList();
    }

    @Test
    void firstBuildGeneratesEveryModelAndASecondBuildTouchesNothing() throws IOException {
        model("xor.nn", "Xor", 4);
        model("sub/other.nn", "Other", 3);

        Generation first = build();
        assertEquals(List.of("com/example/nets/Other.java", "com/example/nets/Xor.java"),
                names(first.generated()).stream().sorted().toList());
        assertTrue(first.generated().stream().allMatch(g -> g.why() == Why.NEW && g.written()));
        assertEquals(0, first.upToDate());
        assertTrue(Files.readString(javaFile("Xor")).contains("public final class Xor implements FloatNetwork"));
        backdate();

        Generation second = build();
        assertEquals(List.of(), second.generated());
        assertEquals(List.of(), second.removed());
        assertEquals(List.of(), second.checked());
        assertEquals(2, second.upToDate());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(javaFile("Xor")));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(javaFile("Other")));
    }

    @Test
    void aChangedModelIsTheOnlyOneGeneratedAgain() throws IOException {
        model("xor.nn", "Xor", 4);
        model("other.nn", "Other", 3);
        build();
        backdate();

        model("xor.nn", "Xor", 8);
        Generation g = build();
        assertEquals(List.of("com/example/nets/Xor.java"), names(g.generated()));
        assertEquals(Why.CHANGED, g.generated().get(0).why());
        assertEquals(1, g.upToDate());
        assertTrue(Files.readString(javaFile("Xor")).contains("dense → [8]"), "the class follows the new model");
        assertEquals(LONG_AGO, Files.getLastModifiedTime(javaFile("Other")));
    }

    @Test
    void aDeletedModelTakesItsClassAlong() throws IOException {
        model("xor.nn", "Xor", 4);
        model("other.nn", "Other", 3);
        build();

        Files.delete(models.resolve("other.nn"));
        Generation g = build();
        assertEquals(List.of(), g.generated());
        assertEquals(1, g.removed().size());
        assertEquals(javaFile("Other").toAbsolutePath().normalize(), g.removed().get(0).file());
        assertEquals("src/main/nn/other.nn was deleted", g.removed().get(0).because());
        assertFalse(Files.exists(javaFile("Other")));
        assertTrue(Files.exists(javaFile("Xor")));

        Files.delete(models.resolve("xor.nn"));
        build();
        assertFalse(Files.exists(out.resolve("com")), "emptied package directories are removed too");
        assertTrue(Files.isDirectory(out));
    }

    @Test
    void withoutTheSourceDirectoryEveryClassIsRemoved() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Files.delete(models.resolve("xor.nn"));
        Files.delete(models);

        Generation g = build();
        assertEquals(1, g.removed().size());
        assertFalse(Files.exists(javaFile("Xor")));
    }

    @Test
    void aRenamedModelReplacesItsOldClass() throws IOException {
        model("xor.nn", "Xor", 4);
        build();

        model("xor.nn", "Parity", 4);
        Generation g = build();
        assertEquals(List.of("com/example/nets/Parity.java"), names(g.generated()));
        assertEquals(List.of("src/main/nn/xor.nn no longer generates it"), g.removed().stream().map(r -> r.because()).toList());
        assertFalse(Files.exists(javaFile("Xor")));
    }

    @Test
    void newSettingsGenerateEverythingAgainAndMoveTheClasses() throws IOException {
        model("xor.nn", "Xor", 4);
        build("com.example.nets");

        Generation g = build("org.acme.models");
        assertEquals(List.of(Why.SETTINGS), g.generated().stream().map(Generated::why).toList());
        assertEquals("another package", g.settingsChange());
        assertTrue(Files.readString(out.resolve("org/acme/models/Xor.java")).contains("package org.acme.models;"));
        assertFalse(Files.exists(out.resolve("com")), "the classes in the old package are gone");
    }

    /** The summary says what made every class be generated again, not "new settings, a new source directory or a new nnc". */
    @Test
    void whatChangedInTheGeneratorIsNamed() {
        String before = "plugin 0.1 aaa; nnc 0.1 bbb; package p; precision FLOAT; vector false; source src/main/nn; output target/nn";
        assertEquals("a new nnc", IncrementalGenerator.settingsChange(before, before.replace("bbb", "ccc")));
        assertEquals("a new nnc-maven-plugin and nnc, another precision", IncrementalGenerator.settingsChange(before,
                before.replace("aaa", "x").replace("bbb", "y").replace("FLOAT", "DOUBLE")));
        assertEquals("another source directory and output directory", IncrementalGenerator.settingsChange(before,
                before.replace("src/main/nn", "models").replace("target/nn", "gen")));
        assertEquals("another package, precision and vector setting", IncrementalGenerator.settingsChange(before,
                before.replace("package p", "package q").replace("FLOAT", "DOUBLE").replace("false", "true")), "a list, not and … and");
        assertEquals("new settings", IncrementalGenerator.settingsChange("", before), "a state of an older plugin");
    }

    @Test
    void anotherOutputDirectoryTakesTheClassesAlongFromTheOldOne() throws IOException {
        model("xor.nn", "Xor", 4);
        Path old = out;
        out = project.resolve("src/main/java"); // say, a first try that wrote into the sources
        Files.createDirectories(out.resolve("com/example/nets"));
        Path mine = Files.writeString(out.resolve("com/example/nets/App.java"), "class App {}\n");
        build();
        assertTrue(Files.exists(javaFile("Xor")));

        out = old;
        Generation g = build();
        assertEquals(List.of("com/example/nets/Xor.java"), names(g.generated()));
        assertEquals(1, g.removed().size());
        assertEquals(project.resolve("src/main/java/com/example/nets/Xor.java").toAbsolutePath().normalize(), g.removed().get(0).file());
        assertEquals("the output directory is now target/generated-sources/nn", g.removed().get(0).because());
        assertFalse(Files.exists(project.resolve("src/main/java/com/example/nets/Xor.java")));
        assertEquals("class App {}\n", Files.readString(mine), "the user's own file stays");
        assertTrue(Files.exists(javaFile("Xor")));
    }

    @Test
    void anotherSourceDirectoryIsNamedAsTheReasonNotADeletedModel() throws IOException {
        model("xor.nn", "Xor", 4);
        model("digits.nn", "Digits", 3);
        build();

        models = project.resolve("models"); // nn.sourceDirectory pointed elsewhere, holding only xor.nn
        model("xor.nn", "Xor", 4);
        Generation g = build();
        assertEquals(List.of("the source directory is now models, without src/main/nn/digits.nn"),
                g.removed().stream().map(r -> r.because()).toList());
        assertTrue(Files.exists(project.resolve("src/main/nn/digits.nn")), "the model itself is untouched");
        assertTrue(Files.exists(javaFile("Xor")));
        assertFalse(Files.exists(javaFile("Digits")));
    }

    /** The old source directory still holds the model that the new one has too: its class is this execution's, no clash. */
    @Test
    void aModelInBothTheOldAndTheNewSourceDirectoryIsNoClash() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Path old = models;
        models = project.resolve("models");
        model("xor.nn", "Xor", 4);
        Generation g = build();
        assertEquals(List.of(), g.problems(), "no clash with its own class of the last build");
        assertTrue(Files.readString(javaFile("Xor")).contains("models/xor.nn"), "generated from the new directory");
        models = old;
        assertEquals(List.of(), build().problems(), "and back again");
    }

    @Test
    void aMissingClassIsRestored() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Files.delete(javaFile("Xor"));

        Generation g = build();
        assertEquals(List.of(Why.MISSING), g.generated().stream().map(Generated::why).toList());
        assertTrue(Files.exists(javaFile("Xor")));
    }

    @Test
    void everyErrorOfEveryModelIsReportedAndABrokenModelLosesItsStaleClass() throws IOException {
        model("good.nn", "Good", 4);
        model("xor.nn", "Xor", 4);
        build();

        write("xor.nn", "model Xor {\n  input [2]\n  dense h(3 -> 4) relu\n  dense out(1)\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        write("syntax.nn", "model Broken {\n  input [2]\n  dense h(2 -> 4 relu\n}\n");
        Generation g = build();
        assertEquals(2, g.checked().size());
        List<String> lines = g.checked().stream().flatMap(c -> c.diagnostics().stream()).map(ShortRenderer::line).toList();
        Path abs = models.toAbsolutePath();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(abs.resolve("xor.nn") + ":3:11: error: ") && l.endsWith("[NN0102]")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(abs.resolve("syntax.nn") + ":3:") && l.contains(": error: ")), lines.toString());
        assertEquals(2, g.errors());
        assertFalse(Files.exists(javaFile("Xor")), "the class of the model before the mistake is not left behind");
        assertEquals(List.of("src/main/nn/xor.nn has errors; its class comes back once they are fixed"),
                g.removed().stream().map(Removed::because).toList());
        assertEquals(1, g.upToDate());

        Generation again = build();
        assertEquals(2, again.checked().size(), "models with errors are checked on every build until fixed");
        assertEquals(2, again.errors());

        // Fixed, it gets its class back, said so ("1 fixed", where it said "1 new"); a model never seen before is new.
        model("xor.nn", "Xor", 4);
        model("third.nn", "Third", 4);
        Generation fixed = build();
        assertEquals(java.util.Map.of("xor", Why.FIXED, "third", Why.NEW), fixed.generated().stream()
                .collect(java.util.stream.Collectors.toMap(gen -> gen.model().file().getFileName().toString().replace(".nn", ""), Generated::why)));
        assertTrue(Files.exists(javaFile("Xor")));
        assertEquals(1, fixed.errors(), "syntax.nn still has its error");
    }

    @Test
    void warningsAreReportedOnEveryBuildWithoutGeneratingAgain() throws IOException {
        write("lints.nn", "model Lints {\n  input [4]\n  dense h1(4 -> 4)\n  dense h2(4) relu\n  dense out(2)\n"
                + "  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        Generation first = build();
        assertEquals(1, first.generated().size());
        assertTrue(first.warnings() > 0, "h1 and h2 without an activation between them is a lint");
        backdate();

        Generation second = build();
        assertEquals(List.of(), second.generated());
        assertEquals(1, second.upToDate());
        assertEquals(first.warnings(), second.warnings());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(javaFile("Lints")));
    }

    /** An editor's lock file (a link to nowhere) and a hidden folder's copy are no models: no unreadable file, no clash. */
    @Test
    void hiddenNamesAreNoModels() throws IOException {
        model("xor.nn", "Xor", 4);
        model(".hidden/xor.nn", "Xor", 4);
        Files.createSymbolicLink(models.resolve(".#xor.nn"), Path.of("root@host.12345:1765000000"));
        Generation g = build();
        assertEquals(List.of("com/example/nets/Xor.java"), names(g.generated()));
        assertEquals(0, g.errors(), g.problems().toString());
    }

    /** A model whose file is there but now hidden (a build of an older plugin generated it) is said to be left out, not deleted. */
    @Test
    void aModelLeftOutForItsHiddenNameIsNotCalledDeleted() throws IOException {
        model(".exp/xor2.nn", "Xor2", 4);
        // As an older plugin recorded it: generated from a hidden folder.
        Path state = project.resolve("target/nnc-maven-plugin/default.properties");
        model("xor.nn", "Xor", 4);
        build();
        BuildState recorded = BuildState.load(state);
        java.util.Map<String, BuildState.Entry> entries = new java.util.TreeMap<>(recorded.entries());
        String text = "// Generated by nnc from src/main/nn/.exp/xor2.nn. Do not edit: x\n";
        Path xor2 = out.resolve("com/example/nets/Xor2.java");
        Files.writeString(xor2, text);
        entries.put(".exp/xor2.nn", new BuildState.Entry("0", 0, List.of("com/example/nets/Xor2.java"), dev.nnc.common.Sha256.hex(text)));
        new BuildState(recorded.fingerprint(), recorded.outputDir(), recorded.sourceDir(), entries).save(state);
        Generation g = build();
        assertEquals(List.of("src/main/nn/.exp/xor2.nn is left out now: a name or folder starting with `.` is no model"),
                g.removed().stream().map(Removed::because).toList());
        assertFalse(Files.exists(xor2));
    }

    @Test
    void twoModelsDefiningOneClassAreAProblem() throws IOException {
        model("a.nn", "Xor", 4);
        model("b.nn", "Xor", 3);
        Generation g = build();
        assertEquals(List.of("com/example/nets/Xor.java"), names(g.generated()));
        assertEquals(List.of(models.toAbsolutePath().resolve("b.nn") + ":1:7: error: model `Xor` defines class com.example.nets.Xor,"
                + " as src/main/nn/a.nn:1:7 does; rename one of the models or generate them into different packages"), g.problems());
        assertEquals(1, g.errors());

        // The first model up to date (not checked in this build): its line is still named.
        backdate();
        model("b.nn", "Xor", 5);
        assertEquals(List.of(models.toAbsolutePath().resolve("b.nn") + ":1:7: error: model `Xor` defines class com.example.nets.Xor,"
                + " as src/main/nn/a.nn:1:7 does; rename one of the models or generate them into different packages"), build().problems());
    }

    /** `Xor.java` and `XOR.java` are one file on macOS and Windows: a clash wherever the build runs. */
    @Test
    void classNamesThatDifferOnlyInCaseAreAProblem() throws IOException {
        model("a.nn", "Xor", 4);
        model("b.nn", "XOR", 3);
        Generation g = build();
        assertEquals(List.of("com/example/nets/Xor.java"), names(g.generated()));
        assertEquals(List.of(models.toAbsolutePath().resolve("b.nn") + ":1:7: error: model `XOR` defines class com.example.nets.XOR,"
                + " whose name differs only in case from class com.example.nets.Xor of src/main/nn/a.nn:1:7 (on macOS and Windows their"
                + " files are one); rename one of the models or generate them into different packages"), g.problems());
    }

    @Test
    void aClassEditedOnDiskIsGeneratedAgain() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        String generated = Files.readString(javaFile("Xor"));
        Files.writeString(javaFile("Xor"), generated.replace("INPUT_SIZE = 2", "INPUT_SIZE = 7"));

        Generation g = build();
        assertEquals(List.of(Why.EDITED), g.generated().stream().map(Generated::why).toList());
        assertEquals(generated, Files.readString(javaFile("Xor")));
        assertEquals(List.of(), build().generated(), "and then it is up to date");
    }

    /** A second execution: another source directory, the same output directory and package. */
    private Generation buildOther(Path sources) throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults().withPackage("com.example.nets");
        return new IncrementalGenerator(new IncrementalGenerator.Config(project, sources, out,
                project.resolve("target/nnc-maven-plugin/other.properties"), options, "test generator; package com.example.nets")).run();
    }

    @Test
    void anotherExecutionNeverOverwritesAClassWhoseModelStillExists() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        String first = Files.readString(javaFile("Xor"));
        Path vision = project.resolve("src/main/nn-vision");
        Files.createDirectories(vision);
        Files.writeString(vision.resolve("xor.nn"), Files.readString(models.resolve("xor.nn")).replace("2 -> 4", "2 -> 9"));

        Generation other = buildOther(vision);
        assertEquals(List.of(), other.generated());
        assertEquals(List.of(vision.toAbsolutePath().resolve("xor.nn") + ":1:7: error: model `Xor` defines class com.example.nets.Xor,"
                + " as src/main/nn/xor.nn (of another execution or source directory) does; rename one of the models or generate them"
                + " into different packages"), other.problems());
        assertEquals(first, Files.readString(javaFile("Xor")), "the first execution's class is kept");
        assertEquals(List.of(), build().generated(), "and the first execution's model stays up to date");

        Files.delete(models.resolve("xor.nn"));
        build(); // takes its class along
        Generation moved = buildOther(vision);
        assertEquals(List.of("com/example/nets/Xor.java"), names(moved.generated()), "a model gone for good frees its class");
        assertEquals(List.of(), moved.problems());
    }

    /** A class the other execution took while this one's model was renamed away is a clash when the name comes back. */
    @Test
    void aClassTheOtherExecutionTookMeanwhileIsAClashNotOverwritten() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        model("xor.nn", "Parity", 4); // renamed, not built
        Path vision = project.resolve("src/main/nn-vision");
        Files.createDirectories(vision);
        Files.writeString(vision.resolve("xor.nn"), Files.readString(models.resolve("xor.nn")).replace("Parity", "Xor").replace("2 -> 4", "2 -> 9"));
        assertEquals(List.of("com/example/nets/Xor.java"), names(buildOther(vision).generated()), "free then: the other execution takes it");
        String theirs = Files.readString(javaFile("Xor"));

        model("xor.nn", "Xor", 4); // renamed back
        Generation g = build();
        assertEquals(List.of(models.toAbsolutePath().resolve("xor.nn") + ":1:7: error: model `Xor` defines class com.example.nets.Xor,"
                + " as src/main/nn-vision/xor.nn (of another execution or source directory) does; rename one of the models or generate"
                + " them into different packages"), g.problems());
        assertEquals(theirs, Files.readString(javaFile("Xor")), "the other execution's class is not overwritten");
    }

        @Test
    void aModelMovedToTheOtherExecutionKeepsItsClassWhicheverRunsFirst() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Path vision = project.resolve("src/main/nn-vision");
        Files.createDirectories(vision);
        Files.move(models.resolve("xor.nn"), vision.resolve("xor.nn"));
        Generation b = buildOther(vision);
        assertEquals(List.of("com/example/nets/Xor.java"), names(b.generated()), "the old model is gone: its class is free");
        Generation a = build();
        assertEquals(List.of(), a.removed(), "the first execution does not delete what the other one now generates");
        assertTrue(Files.readString(javaFile("Xor")).contains("src/main/nn-vision/xor.nn"));
    }

    @Test
    void anotherExecutionsModelThatNoLongerDefinesTheClassIsNoConflict() throws IOException {
        model("a.nn", "Foo", 4);
        build();
        model("a.nn", "Bar", 4); // its class is now Bar; the first execution has not run since
        Path vision = project.resolve("src/main/nn-vision");
        Files.createDirectories(vision);
        Files.writeString(vision.resolve("b.nn"), Files.readString(models.resolve("a.nn")).replace("Bar", "Foo"));
        Generation b = buildOther(vision);
        assertEquals(List.of(), b.problems());
        assertEquals(List.of("com/example/nets/Foo.java"), names(b.generated()));
        Generation a = build();
        assertEquals(List.of("com/example/nets/Bar.java"), names(a.generated()));
        assertTrue(Files.exists(javaFile("Foo")), "the other execution's Foo stays");
    }

    @Test
    void aNewOutputAndPackageThatLandOnTheOldPathKeepTheFreshClass() throws IOException {
        model("xor.nn", "Xor", 4);
        Path base = out;
        out = base.resolve("com"); // package example.nets: .../nn/com/example/nets/Xor.java
        build("example.nets");
        out = base;                // package com.example.nets: the same file
        build("com.example.nets");
        assertTrue(Files.readString(javaFile("Xor")).contains("package com.example.nets;"));
    }

    @Test
    void aHandWrittenFileIsNeverOverwritten() throws IOException {
        model("xor.nn", "Xor", 4);
        Files.createDirectories(javaFile("Xor").getParent());
        Files.writeString(javaFile("Xor"), "class Mine {}\n");

        Generation g = build();
        assertEquals(List.of(), g.generated());
        assertEquals(1, g.problems().size());
        assertTrue(g.problems().get(0).contains("was not generated by nnc; not overwriting it"), g.problems().get(0));
        assertEquals("class Mine {}\n", Files.readString(javaFile("Xor")));
    }

    @Test
    void aDamagedStateGeneratesEverythingAgain() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Files.writeString(project.resolve("target/nnc-maven-plugin/default.properties"), "xor.nn.sha256=abc\nxor.nn.warnings=lots\n");

        Generation g = build();
        assertEquals(1, g.generated().size());
        assertFalse(g.generated().get(0).written(), "the file on disk already says the same, so it is left alone");
        assertEquals(0, build().generated().size(), "and the state is whole again");
    }

    @Test
    void classesLeftOutsideTheProjectAreSaidOnce() throws IOException {
        Path app = project.resolve("app"), elsewhere = project.resolve("elsewhere/gen");
        models = app.resolve("src/main/nn");
        model("xor.nn", "Xor", 4);
        Path state = app.resolve("target/nnc-maven-plugin/default.properties");
        GeneratorOptions options = GeneratorOptions.defaults().withPackage("com.example.nets");
        new IncrementalGenerator(new IncrementalGenerator.Config(app, models, elsewhere, state, options, "g; output elsewhere")).run();
        assertTrue(Files.exists(elsewhere.resolve("com/example/nets/Xor.java")));
        Generation moved = new IncrementalGenerator(new IncrementalGenerator.Config(app, models, app.resolve("target/gen"), state, options,
                "g; output inside")).run();
        assertEquals(List.of("left 1 class of the last build in " + elsewhere.toAbsolutePath().normalize() + " (outside the project, where nnc"
                + " deletes nothing): delete them by hand if they are no longer wanted"), moved.notes());
        assertTrue(Files.exists(elsewhere.resolve("com/example/nets/Xor.java")), "left where it was");
        assertEquals(List.of(), new IncrementalGenerator(new IncrementalGenerator.Config(app, models, app.resolve("target/gen"), state, options,
                "g; output inside")).run().notes(), "said once");
    }

    @Test
    void aStateNamingFilesOutsideTheOutputDirectoryDeletesNothingThere() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        Path outside = project.resolve("Precious.java");
        Files.writeString(outside, GeneratedSources.MARKER + "something that merely looks generated\n");
        Path state = project.resolve("target/nnc-maven-plugin/default.properties");
        Files.writeString(state, Files.readString(state) + "gone.nn.sha256=00\ngone.nn.classes=../../../Precious.java\n");

        build();
        assertTrue(Files.exists(outside));
    }

    @Test
    void classesNameTheirModelRelativeToTheProjectAndDiagnosticsAbsolutely() throws IOException {
        model("xor.nn", "Xor", 4);
        build();
        assertTrue(Files.readString(javaFile("Xor")).startsWith("// Generated by nnc from src/main/nn/xor.nn."));
        assertFalse(Files.readString(javaFile("Xor")).contains(project.toString()), "no absolute path of this machine");

        write("xor.nn", "model Xor {\n  input [2]\n  dense h(3 -> 4) relu\n  loss mse\n  optimizer sgd(lr: 0.1)\n}\n");
        Diagnostic d = build().checked().get(0).diagnostics().get(0);
        assertEquals(models.resolve("xor.nn").toAbsolutePath().toString(), d.file());
    }

    /** An execution taken out of the build: its classes go (as it wrote them), with its state; a live execution's stay. */
    @Test
    void theClassesOfAnExecutionNoLongerInTheBuildAreRemoved() throws IOException {
        model("xor.nn", "Xor", 4);
        model("other.nn", "Other", 3);
        build();
        Path state = project.resolve("target/nnc-maven-plugin/default.properties");
        Files.writeString(javaFile("Other"), Files.readString(javaFile("Other")) + "// edited by hand\n");

        List<Generation.Removed> removed = IncrementalGenerator.forget(state, project,
                java.util.Set.of(javaFile("Xor").toAbsolutePath().normalize()), "execution `default` is no longer in the build");

        assertEquals(List.of(), removed.stream().filter(r -> r.file().endsWith("Xor.java")).toList(), "a live execution records Xor");
        assertTrue(Files.exists(javaFile("Xor")));
        assertTrue(Files.exists(javaFile("Other")), "edited by hand: not as the execution wrote it, so kept");
        assertFalse(Files.exists(state), "the state goes with the execution");

        build(); // state again, Other regenerated as written
        removed = IncrementalGenerator.forget(state, project, java.util.Set.of(), "execution `default` is no longer in the build");
        assertEquals(2, removed.size(), removed.toString());
        assertFalse(Files.exists(javaFile("Xor")) || Files.exists(javaFile("Other")));
        assertFalse(Files.exists(out.resolve("com")), "empty package folders pruned");
    }

    /** Orphans: state files of executions the build does not declare, and that did not run in this build. */
    @Test
    void anExecutionThatRanInThisBuildIsNoOrphan() throws IOException {
        Path dir = Files.createDirectories(project.resolve("target/nnc-maven-plugin"));
        Path declared = Files.writeString(dir.resolve("default.properties"), "");
        Path removed = Files.writeString(dir.resolve("extra.properties"), "");
        Path cli = Files.writeString(dir.resolve("default-cli.properties"), "");
        Files.setLastModifiedTime(declared, LONG_AGO);
        Files.setLastModifiedTime(removed, LONG_AGO);
        long sessionStart = LONG_AGO.toMillis() + 60_000; // the default-cli state was written after it
        assertEquals(List.of(removed), IncrementalGenerator.states(dir, java.util.Set.of(declared), sessionStart).orphans());
        Files.setLastModifiedTime(cli, LONG_AGO);
        assertEquals(List.of(cli, removed), IncrementalGenerator.states(dir, java.util.Set.of(declared), sessionStart).orphans(),
                "a default-cli of an earlier build is gone");
    }
}
