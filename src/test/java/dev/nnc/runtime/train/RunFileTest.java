package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run files and the order of overrides: command line over run file over the model. */
class RunFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunFileOverridesTheModelAndTheCommandLineOverridesTheRunFile() throws Exception {
        Path yaml = Files.writeString(dir.resolve("run.yaml"), "epochs: 7\nbatch: 64\nnormalize: [0.5, 0.25]\nearly_stop: 2\nvalidation: 0.1\n");
        Overrides file = RunFile.read(yaml);
        Overrides cli = new Overrides(Optional.empty(), Optional.of(9), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Settings model = new Settings(32, 3, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        Settings s = cli.over(file).apply(model);
        assertEquals(9, s.epochs());
        assertEquals(64, s.batch());
        assertEquals(0.25, s.normalizeStd());
        assertEquals(2, s.earlyStop().getAsInt());
        assertEquals(1, s.seed(), "untouched values come from the model");
    }

    @Test
    void mistakesInARunFileNameTheKey() throws IOException {
        assertTrue(message("epoch: 3\n").contains("unknown setting `epoch`"));
        assertTrue(message("epochs: three\n").contains("`epochs` must be a whole number"));
        assertTrue(message("normalize: 0.5\n").contains("`normalize` must be a pair"));
        assertTrue(message("validation: 1.5\n").contains("`validation` must be in [0, 1)"));
        assertTrue(message("epochs: [\n").contains("not valid YAML"));
        String syntax = message("epochs: [1, 2\nlr: 0.1\n");
        assertTrue(syntax.contains("bad.yaml:2:3 is not valid YAML: while parsing a flow sequence: expected ',' or ']'"), syntax);
        assertTrue(message("batch: 32\nbatch: 64\n").endsWith("bad.yaml:2:6: `batch` is given twice; keep one"));
        assertTrue(message("epochs: 99999999999\n").contains("`epochs` must be a whole number up to 2,147,483,647"));
        assertTrue(assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(dir)).getMessage().contains("is a directory"));
        Path binary = Files.write(dir.resolve("run.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(binary)).getMessage().contains("is not a text file (UTF-8)"));
        assertTrue(assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(dir.resolve("missing.yaml"))).getMessage()
                .contains("does not exist"));
    }

    @Test
    void anUnknownKeyIsLocatedAndADashedNameGetsItsSpelling() throws IOException {
        assertEquals("run file " + dir.resolve("bad.yaml") + ":2:1: unknown setting `early-stop`; settings are " + String.join(", ", RunFile.KEYS)
                + " (did you mean `early_stop`?)", message("epochs: 2\nearly-stop: 3\n"));
        assertTrue(message("epoch: 3\n").endsWith(" (did you mean `epochs`?)"), "a slip");
        assertTrue(message("learning_rate: 0.1\n").endsWith(" (did you mean `lr`?)"), "another framework's name");
        assertTrue(message("learning-rate: 0.1\n").endsWith(" (did you mean `lr`?)"), "dashed, as on a command line");
    }

    @Test
    void everyMistakeIsLocatedAtItsKey() throws IOException {
        String file = "run file " + dir.resolve("bad.yaml");
        assertEquals(file + ":2:1: `batch` must be a whole number, found \"x\"", message("epochs: 2\nbatch: x\n"));
        assertEquals(file + ":3:1: `lr` must be a finite number greater than 0, found -1", message("epochs: 2\n\nlr: -1\n"));
        // In a run's settings.yaml, under `run:`: a typo is an error there too, not a setting silently dropped.
        String settings = "nnc: 0.1\nmodel:\n  name: Tiny\noptimizer:\n  kind: adam\n  lr: 0.01\nrun:\n  batch: 16\n  batchh: 64\n";
        assertEquals(file + ":9:3: unknown setting `batchh`; settings are " + String.join(", ", RunFile.KEYS) + " (did you mean `batch`?)", message(settings));
        // A run's settings: a setting beside its sections, a run that is no mapping, a learning rate that is no number.
        String run = "nnc: 0.1\nmodel:\n  name: Tiny\noptimizer:\n  kind: adam\n  lr: 0.01\nrun:\n  batch: 16\n";
        assertEquals(file + ":9:1: `batch` is not a section of a run's settings (nnc, model, loss, optimizer, run, compute);"
                + " settings go under `run:`", message(run + "batch: 32\n"));
        assertEquals(file + ":1:1: `run` must be a mapping of settings, e.g. `run:` then `  epochs: 3`", message("run: 3\n"));
        assertEquals(file + ":6:3: `lr` must be a number, found \"fast\"", message(run.replace("lr: 0.01", "lr: fast")));
        // A key of the run section is found there, not under another section of the same name.
        String both = "nnc: 0.1\nmodel:\n  name: Tiny\n  epochs: 3\noptimizer:\n  kind: adam\nrun:\n  epochs: -2\n";
        assertEquals(file + ":8:3: `epochs` must be at least 1, found -2", message(both));
    }

    /** Like the checker, a run file's mistakes are all reported in one go, in the order of the file. */
    @Test
    void everyMistakeOfAFileIsReportedAtOnce() throws IOException {
        String file = "run file " + dir.resolve("bad.yaml");
        assertEquals(List.of(file + ":1:1: `lr` must be a finite number greater than 0, found -1",
                        file + ":2:1: `batch` must be a whole number, found \"x\"",
                        file + ":4:1: unknown setting `epoch`; settings are " + String.join(", ", RunFile.KEYS) + " (did you mean `epochs`?)"),
                message("lr: -1\nbatch: x\nseed: 3\nepoch: 2\n").lines().toList());
    }

        @Test
    void aFileOfOnlyARunSectionIsARunsSettings() throws Exception {
        Path yaml = Files.writeString(dir.resolve("run.yaml"), "run:\n  batch: 16\n  epochs: 2\n");
        Settings s = RunFile.read(yaml).apply(new Settings(32, 5, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty()));
        assertEquals(16, s.batch());
        assertEquals(2, s.epochs());
    }

        /** A run folder's settings.yaml, given to --config, trains as that run did (its --lr included). */
    @Test
    void aRunsSettingsFileIsARunFile() throws Exception {
        Settings run = new Settings(16, 4, 9, false, 0.2, OptionalInt.of(2), 0.5, 0.25, OptionalInt.of(3000), java.util.OptionalDouble.of(0.07));
        Path yaml = Files.writeString(dir.resolve("settings.yaml"),
                SettingsFile.yaml(Overrides.withLr(TrainerTest.MODEL, run.lr()), run, dev.nnc.runtime.Kernels.SCALAR, 1, "test"));
        Settings other = new Settings(32, 1, 1, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        assertEquals(run, RunFile.read(yaml).apply(other));
        RunFile.Contents contents = RunFile.load(yaml);
        assertEquals(java.util.List.of("Tiny", "adam"), java.util.List.of(contents.runModel().orElseThrow(), contents.runOptimizer().orElseThrow()),
                "which run it was, for the note when another model is trained with it");

        Settings plain = new Settings(16, 4, 9, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty()); // nulls: no early stop, no limit
        Files.writeString(yaml, SettingsFile.yaml(TrainerTest.MODEL, plain, dev.nnc.runtime.Kernels.SCALAR, 1, "test"));
        Settings read = RunFile.read(yaml).apply(other);
        assertEquals(OptionalInt.empty(), read.earlyStop());
        assertEquals(OptionalInt.empty(), read.limit());
        assertEquals(TrainerTest.MODEL.optimizer().orElseThrow().lr(), read.lr().orElseThrow(), "the model's own rate, written out");
    }

    /**
     * Found by trying settings at their edges: a run's own settings.yaml must train as the run did. A 64-bit seed was
     * refused as above an int; `early_stop: null` (turned off) gave the model's early stopping back; an `lr` under
     * `run:` was dropped for the optimizer's, unsaid; a second YAML document was dropped, unsaid.
     */
    @Test
    void aRunsOwnSettingsTrainAsTheRunDidAndNothingIsDroppedUnsaid() throws Exception {
        Settings run = new Settings(16, 4, Long.MAX_VALUE, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        Path yaml = Files.writeString(dir.resolve("settings.yaml"), SettingsFile.yaml(TrainerTest.MODEL, run, dev.nnc.runtime.Kernels.SCALAR, 1, "t"));
        Settings stopsEarly = new Settings(32, 1, 1, true, 0.1, OptionalInt.of(2), 0, 1, OptionalInt.empty());
        Settings read = RunFile.read(yaml).apply(stopsEarly);
        assertEquals(Long.MAX_VALUE, read.seed());
        assertEquals(OptionalInt.empty(), read.earlyStop(), "off, as in the run, though the model stops early");
        assertEquals(Long.MAX_VALUE, RunFile.read(Files.writeString(dir.resolve("seed.yaml"), "seed: 9223372036854775807\n")).seed().orElseThrow());

        String written = Files.readString(yaml);
        Files.writeString(yaml, written.replace("run:\n", "run:\n  lr: 0.5\n"));
        String twice = assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(yaml)).getMessage();
        assertTrue(twice.contains("`lr` is given under `run:` and as the optimizer's"), twice);
        Files.writeString(yaml, written.replaceFirst("  lr: [^\n]+\n", "  lr: 1\n").replace("run:\n", "run:\n  lr: 1.0\n"));
        assertEquals(1.0, RunFile.read(yaml).lr().orElseThrow(), "the same number, written otherwise, is no conflict");

        String documents = message("batch: 16\n---\nepochs: 2\n");
        assertTrue(documents.endsWith("bad.yaml:3: a second YAML document (after `---`); a run file is one mapping of settings: merge"
                + " the two, or remove one"), documents);
        assertEquals(16, RunFile.read(Files.writeString(dir.resolve("end.yaml"), "batch: 16\n---\n")).batch().orElseThrow(),
                "a lone separator at the end holds nothing");
    }

    /** A wrong file given as a run file: refused by size (YAML's reader slowed to minutes), its mistakes listed up to a bound. */
    @Test
    void aHugeFileIsRefusedAndAFileOfManyMistakesListsSome() throws IOException {
        String big = message("# " + "x".repeat(RunFile.MAX_BYTES) + "\n");
        assertTrue(big.contains("bytes; a run file holds a few settings (at most 1,048,576 bytes): is it the right file?"), big);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 30; i++) keys.append("key").append(i).append(": 1\n");
        List<String> lines = message(keys.toString()).lines().toList();
        assertEquals(RunFile.MAX_PROBLEMS + 1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains(":1:1: unknown setting `key0`"), lines.get(0));
        assertEquals("... and 10 more mistakes in " + dir.resolve("bad.yaml"), lines.get(lines.size() - 1));
    }

    /** A run's settings.yaml describes the model too; what it says otherwise than the model trained is named, not taken. */
    @Test
    void whatARunsSettingsSayOtherwiseThanTheModelIsNamed() throws Exception {
        Settings run = new Settings(16, 4, 9, true, 0, OptionalInt.empty(), 0, 1, OptionalInt.empty());
        String written = SettingsFile.yaml(TrainerTest.MODEL, run, dev.nnc.runtime.Kernels.SCALAR, 1, "test");
        Path yaml = Files.writeString(dir.resolve("settings.yaml"), written);
        assertEquals(java.util.List.of(), RunFile.load(yaml).notTaken(TrainerTest.MODEL), "as written: nothing differs");

        String beta1 = "beta1: " + TrainerTest.MODEL.optimizer().orElseThrow().beta1();
        assertTrue(written.contains(beta1) && written.contains("eps: 1.0E-8"), written);
        Files.writeString(yaml, written.replace(beta1, "beta1: 0.5").replace("  lr: ", "  amsgrad: true\n  lr: ")
                .replace("eps: 1.0E-8", "eps: 0.00000001") // the same number, spelled otherwise
                .replace("  lr: " + TrainerTest.MODEL.optimizer().orElseThrow().lr(), "  lr: 0.5")); // a setting
        assertEquals(java.util.List.of("`optimizer.amsgrad: true`", "`optimizer.beta1: 0.5` (Tiny: 0.9)"),
                RunFile.load(yaml).notTaken(TrainerTest.MODEL));

        // A received file's escape codes (clear the screen, set the window's title) are shown, not sent to the terminal.
        Files.writeString(yaml, written.replace("loss: ", "loss: \"softmax\\e[2J\\e]0;TITLE\\a\"\n# "));
        RunFile.Contents escaped = RunFile.load(yaml);
        assertTrue(escaped.notTaken(TrainerTest.MODEL).stream().anyMatch(d -> d.startsWith("`loss: softmax\\e[2J\\e]0;TITLE\\x07`")),
                escaped.notTaken(TrainerTest.MODEL).toString());
        assertTrue(escaped.notTaken(TrainerTest.MODEL).stream().noneMatch(d -> d.chars().anyMatch(c -> c < 0x20)));
    }

    /** YAML's .nan and .inf are valid YAML that Jackson's reader calls malformed: say what is wrong with them instead. */
    @Test
    void notANumberAndInfinityAreNamedAsSuch() throws IOException {
        assertEquals("run file " + dir.resolve("bad.yaml") + ":2:5: `.nan` is not a finite number; settings take finite numbers, e.g. `lr: 0.01`",
                message("epochs: 2\nlr: .nan\n"));
        assertTrue(message("lr: -.Inf\n").contains(":1:5: `-.Inf` is not a finite number"), message("lr: -.Inf\n"));
    }

    private String message(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
        return assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(file)).getMessage();
    }

    @Test
    void mnistNeeds784InputsAndTenClasses() {
        assertTrue(MnistFit.problems(TinyData.model(TinyData.MLP)).isEmpty());
        assertTrue(MnistFit.problems(TinyData.model(TinyData.MLP.replace("[784]", "[100]").replace("784 ->", "100 ->")))
                .get(0).message().contains("MNIST images are 28×28"));
        assertTrue(MnistFit.problems(TinyData.model(TinyData.MLP.replace("dense out(10)", "dense out(5)")))
                .get(0).message().contains("10 classes"));
        var both = MnistFit.problems(TinyData.model(TinyData.MLP.replace("[784]", "[100]").replace("784 ->", "100 ->")
                .replace("dense out(10)", "dense out(5)")));
        assertEquals(java.util.List.of("not an MNIST image", "the model's output"), both.stream().map(MnistFit.Problem::label).toList(),
                "every reason at once");
    }

    /** What a person changed in a run's settings.yaml, which a resume writes again from the checkpoint. */
    @org.junit.jupiter.api.Test
    void editsOfARunsSettingsAreFoundByKey() throws IOException {
        String asRun = "nnc: 0.2.0\nmodel:\n  source: models/m.nn\noptimizer:\n  lr: 0.1\nrun:\n  batch: 32\n  epochs: 10\n"
                + "compute:\n  kernels: plain\n  threads: 1\n";
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), SettingsFile.edited(asRun, asRun));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("optimizer.lr", "run.epochs"),
                SettingsFile.edited(asRun.replace("lr: 0.1", "lr: 0.5").replace("epochs: 10", "epochs: 20"), asRun), "epochs are an edit too");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), SettingsFile.edited(asRun.replace("0.2.0", "0.1.0")
                .replace("models/m.nn", "./models/m.nn").replace("threads: 1", "threads: 2"), asRun), "not edits: nnc, the model's path, threads");
        String older = asRun.substring(0, asRun.indexOf("compute:")); // an older nnc wrote no compute section
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), SettingsFile.edited(older, asRun));
        // Keys added or removed are edits too (they were undone unsaid); a missing section, as above, is not.
        org.junit.jupiter.api.Assertions.assertEquals(List.of("run.epochs (removed)", "run.lr (added)"),
                SettingsFile.edited(asRun.replace("  epochs: 10\n", "  lr: 0.05\n"), asRun));
        // A received file's escape codes are shown in the note, not sent to the terminal (one set the window's title).
        org.junit.jupiter.api.Assertions.assertEquals(List.of("k\\e]0;PWNED\\x07 (added)"),
                SettingsFile.edited(asRun + "\"k\\e]0;PWNED\\a\": 1\n", asRun));
        assertTrue(message("\"x\\e[1my\": 1\n").contains("unknown setting `x\\e[1my`"), message("\"x\\e[1my\": 1\n"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("the whole file: it no longer reads as a run's settings"), SettingsFile.edited("", asRun));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("the whole file: it no longer reads as YAML"), SettingsFile.edited("run: [", asRun));
    }
}
