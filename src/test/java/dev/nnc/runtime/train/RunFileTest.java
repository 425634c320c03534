package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(message("validation: 1.5\n").contains("validation must be in [0, 1)"));
        assertTrue(message("epochs: [\n").contains("not valid YAML"));
        assertTrue(assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(dir.resolve("missing.yaml"))).getMessage()
                .contains("does not exist"));
    }

    private String message(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
        return assertThrows(RunFile.BadRunFile.class, () -> RunFile.read(file)).getMessage();
    }

    @Test
    void mnistNeeds784InputsAndTenClasses() {
        assertTrue(MnistFit.problem(TinyData.model(TinyData.MLP)).isEmpty());
        assertTrue(MnistFit.problem(TinyData.model(TinyData.MLP.replace("[784]", "[100]").replace("784 ->", "100 ->")))
                .orElseThrow().contains("MNIST images are 28×28"));
        assertTrue(MnistFit.problem(TinyData.model(TinyData.MLP.replace("dense out(10)", "dense out(5)")))
                .orElseThrow().contains("10 classes"));
    }
}
