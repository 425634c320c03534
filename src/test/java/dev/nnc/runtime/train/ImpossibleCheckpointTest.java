package dev.nnc.runtime.train;

import dev.nnc.runtime.Kernels;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A checkpoint or weights file received from someone else passes its checksum whatever it holds
 * (a CRC stops accidents, not edits): values no run writes are refused as the file is read, before
 * they size buffers (a batch of 0), count epochs (epoch −2³¹ of 1 trained for 2³¹ epochs), stall
 * the plots (a norm of 1e308), blow up the history table (60,000 epochs of other names) or reach
 * the terminal (a model name with escape codes).
 */
class ImpossibleCheckpointTest {
    private static final Settings SETTINGS = new Settings(32, 3, 1, true, 0.1, OptionalInt.of(2), 0.5, 0.5,
            OptionalInt.empty(), OptionalDouble.of(0.01));

    private static EpochRecord epoch(int n, Map<String, Double> norms) {
        return new EpochRecord(n, 0.5, 0.9, 0.6, 0.88, 0.55, 0.89, 12.5, 4800, norms);
    }

    private static final Map<String, Double> NORMS = new LinkedHashMap<>(Map.of("h1.weight", 0.25));

    private static Checkpoint checkpoint(String name, Settings settings, int epochsDone, List<EpochRecord> history) {
        return new Checkpoint(name, new byte[32], false, new byte[32], 100, 7, settings, Optional.of(Kernels.SCALAR),
                new float[] {1, 2, 3}, new float[] {0, 0, 0}, new TrainingState(epochsDone, history, 0.6, 1, null));
    }

    private static Checkpoint plausible() {
        return checkpoint("MlpSmall", SETTINGS, 2, List.of(epoch(1, NORMS), epoch(2, NORMS)));
    }

    private static String refusal(Checkpoint c) {
        return assertThrows(Checkpoint.BadCheckpoint.class, () -> Checkpoint.parse(c.toBytes(), "w.nnck")).getMessage();
    }

    private static Settings with(UnaryOperator<Object[]> edit) {
        Object[] v = {32, 3, 1L, true, 0.1, OptionalInt.of(2), 0.5, 0.5, OptionalInt.empty(), OptionalDouble.of(0.01)};
        v = edit.apply(v);
        return new Settings((int) v[0], (int) v[1], (long) v[2], (boolean) v[3], (double) v[4], (OptionalInt) v[5], (double) v[6],
                (double) v[7], (OptionalInt) v[8], (OptionalDouble) v[9]);
    }

    @Test
    void whatARunWritesIsReadBack() {
        Checkpoint read = assertDoesNotThrow(() -> Checkpoint.parse(plausible().toBytes(), "w.nnck"));
        assertEquals(plausible().settings(), read.settings());
        assertEquals(plausible().state().history(), read.state().history());
        // A run without a split records no validation figures (NaN), and an epoch that took no measurable time infinite speed.
        EpochRecord noSplit = new EpochRecord(1, 0.5, 0.9, Double.NaN, Double.NaN, 0.55, 0.89, 0, Double.POSITIVE_INFINITY, Map.of());
        assertDoesNotThrow(() -> Checkpoint.parse(checkpoint("M", SETTINGS, 1, List.of(noSplit)).toBytes(), "w.nnck"));
        // A test loss whose float outputs overflowed (a run of mse at --lr 1e38 wrote it, and finished), and norms of such a step.
        EpochRecord overflowed = new EpochRecord(1, 0.5, 0.9, Double.POSITIVE_INFINITY, 0.1, Double.POSITIVE_INFINITY, 0.2039, 1, 32,
                Map.of("h1.weight", Double.POSITIVE_INFINITY));
        assertDoesNotThrow(() -> Checkpoint.parse(checkpoint("M", SETTINGS, 1, List.of(overflowed)).toBytes(), "w.nnck"));
        EpochRecord nanNorm = new EpochRecord(1, 0.5, 0.9, 0.6, 0.88, 0.55, 0.89, 12.5, 4800, Map.of("h1.weight", Double.NaN));
        assertDoesNotThrow(() -> Checkpoint.parse(checkpoint("M", SETTINGS, 1, List.of(nanNorm)).toBytes(), "w.nnck"));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertEquals("w.nnck records a batch of 0 (at least 1): it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", with(v -> { v[0] = 0; return v; }), 2, List.of())));
        assertEquals("w.nnck records a validation split of 2.0 (in [0, 1)): it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", with(v -> { v[4] = 2.0; return v; }), 2, List.of())));
        assertEquals("w.nnck records input scaling by mean 0.5 and std 0.0 (finite numbers, the std above 0): it was altered,"
                + " or not written by nnc", refusal(checkpoint("MlpSmall", with(v -> { v[7] = 0.0; return v; }), 2, List.of())));
        assertEquals("w.nnck records a learning rate of Infinity (finite, above 0): it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", with(v -> { v[9] = OptionalDouble.of(Double.POSITIVE_INFINITY); return v; }), 2, List.of())));
        assertEquals("w.nnck records a learning rate of -0.1 (finite, above 0): it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", with(v -> { v[9] = OptionalDouble.of(-0.1); return v; }), 2, List.of())));
        assertEquals("w.nnck records a limit of 0 training images: it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", with(v -> { v[8] = OptionalInt.of(0); return v; }), 2, List.of())));
        assertEquals("w.nnck records epoch -2147483648 of 3 (a run trains at least one, and no more than it plans): it was altered,"
                + " or not written by nnc", refusal(checkpoint("MlpSmall", SETTINGS, Integer.MIN_VALUE, List.of())));
        assertEquals("w.nnck records epoch 4 of 3 (a run trains at least one, and no more than it plans): it was altered,"
                + " or not written by nnc", refusal(checkpoint("MlpSmall", SETTINGS, 4, List.of())));
        assertEquals("w.nnck records a model name no model has (letters, digits and _, at most 100 of them): it was altered, or not"
                + " written by nnc", refusal(checkpoint("MlpSmall\u001b[2J\u001b[31mEVIL", SETTINGS, 2, List.of())));
        assertEquals("w.nnck records a model name no model has (letters, digits and _, at most 100 of them): it was altered, or not"
                + " written by nnc", refusal(checkpoint("M".repeat(101), SETTINGS, 2, List.of())));
        assertDoesNotThrow(() -> Checkpoint.parse(checkpoint("M".repeat(100), SETTINGS, 2, List.of()).toBytes(), "w.nnck"));
    }

    @Test
    void anImpossibleHistoryIsRefused() {
        assertEquals("w.nnck has an impossible history length",
                refusal(checkpoint("MlpSmall", SETTINGS, 1, List.of(epoch(1, NORMS), epoch(2, NORMS)))), "more epochs than trained");
        assertEquals("w.nnck records a gradient norm of 1.0E308 in epoch 2 of its history: it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", SETTINGS, 2, List.of(epoch(1, NORMS), epoch(2, Map.of("h1.weight", 1e308))))));
        assertEquals("w.nnck records gradient norms of other tensors than the epochs before in epoch 2 of its history: it was altered,"
                + " or not written by nnc", refusal(checkpoint("MlpSmall", SETTINGS, 2, List.of(epoch(1, NORMS), epoch(2, Map.of("h2.weight", 0.5))))));
        assertEquals("w.nnck records a gradient norm of something that is no tensor's name in epoch 1 of its history: it was altered,"
                + " or not written by nnc", refusal(checkpoint("MlpSmall", SETTINGS, 1, List.of(epoch(1, Map.of("x,=1+1\nEVIL,ROW", 0.5))))));
        EpochRecord hugeLoss = new EpochRecord(1, 1e308, 0.9, 0.6, 0.88, 0.55, 0.89, 12.5, 4800, NORMS);
        assertEquals("w.nnck records a value of 1.0E308 in epoch 1 of its history: it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", SETTINGS, 1, List.of(hugeLoss))));
        EpochRecord endless = new EpochRecord(1, 0.5, 0.9, 0.6, 0.88, 0.55, 0.89, Double.POSITIVE_INFINITY, 4800, NORMS);
        assertEquals("w.nnck records a value of Infinity in epoch 1 of its history: it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", SETTINGS, 1, List.of(endless))), "an epoch that took forever");
        EpochRecord overOne = new EpochRecord(1, 0.5, 1.5, 0.6, 0.88, 0.55, 0.89, 12.5, 4800, NORMS);
        assertEquals("w.nnck records a value of 1.5 in epoch 1 of its history: it was altered, or not written by nnc",
                refusal(checkpoint("MlpSmall", SETTINGS, 1, List.of(overOne))));
    }
}
