package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live bar on a terminal, plain lines in a log. */
class ProgressTest {
    static final EpochRecord RECORD = new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.4, 0.85, 2.0, 30000);

    /** A clock the test moves: 0.25 s per batch. */
    static final class Clock implements java.util.function.LongSupplier {
        long now;

        @Override
        public long getAsLong() { return now; }
    }

    @Test
    void onATerminalABarIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        Clock clock = new Clock();
        Progress p = new Progress(new PrintWriter(text), true, clock, () -> 200);
        p.epochStarted(1, 3, 4, 1000);
        for (int b = 1; b <= 4; b++) {
            clock.now += 250_000_000L;
            p.batchDone(b, 250 * b, 1.0 / b, 0.5);
        }
        assertTrue(p.midLine(), "a frame is on screen without its newline: a message must start a line first");
        p.epochDone(RECORD, TrainingState.fresh());
        assertFalse(p.midLine(), "the epoch's line ended it");
        String out = text.toString();
        assertTrue(out.startsWith("\repoch 1/3 "), out);
        assertTrue(out.contains(" 25%  250/1,000  loss 1.0000  acc 50.00%"), "no rate yet after 0.25 s: " + out);
        assertTrue(out.contains(" 50%  500/1,000  1,000 samples/s  0:01 left  loss 0.5000  acc 50.00%"), out);
        assertTrue(out.contains("100%  1,000/1,000  1,000 samples/s  evaluating  loss"), "the test set is evaluated next: " + out);
        assertTrue(out.endsWith("epoch 1/3  train loss 0.5000 acc 80.00%  test loss 0.4000 acc 85.00%  2.0 s  30,000 samples/s\n"), out);
    }

    /** A frame wider than the terminal wraps, and every redraw leaves a line behind: it is fitted to the width. */
    @Test
    void aFrameFitsTheTerminalDroppingTheLeastImportantFieldsFirst() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), true, new Clock(), () -> 80);
        p.epochStarted(2, 3, 100, 60_000);
        String wide = p.frame(30_000, 2_000_000_000L, 0.25, 0.9);
        assertTrue(wide.length() <= 79, wide.length() + ": " + wide);
        assertTrue(wide.startsWith("epoch 2/3 ") && wide.contains(" 50%") && wide.contains("0:02 left") && wide.contains("loss 0.2500"), wide);
        for (int columns : new int[] {200, 100, 60, 40, 30, 20}) {
            Progress q = new Progress(new PrintWriter(new StringWriter()), true, new Clock(), () -> columns);
            q.epochStarted(2, 3, 100, 60_000);
            String frame = q.frame(30_000, 2_000_000_000L, 0.25, 0.9);
            assertTrue(frame.length() <= Math.max(20, columns - 1), columns + " columns: " + frame);
            assertTrue(frame.startsWith("epoch 2/3"), frame);
            assertTrue(frame.matches(".*(left|%|\\d)"), "fields are dropped whole, never cut: " + frame);
        }
    }

    /** The first batches' rate is noise (208 samples/s for an epoch of 15,000/s): no rate or time left before half a second. */
    @Test
    void noRateOrTimeLeftUntilTheEpochHasRunABit() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), true, new Clock(), () -> 200);
        p.epochStarted(1, 3, 100, 60_000);
        String early = p.frame(64, 4_000_000L, 2.3, 0.1);
        assertFalse(early.contains("samples/s") || early.contains("left"), early);
        assertTrue(p.frame(6_000, 600_000_000L, 1.0, 0.5).contains("10,000 samples/s  0:05 left"));
    }

    /** On a narrow terminal the epoch's line is broken between its figures, each line within the width, not mid-number. */
    @Test
    void aLongEpochLineIsBrokenBetweenItsFiguresOnANarrowTerminal() {
        EpochRecord r = new EpochRecord(1, 0.5, 0.8, 0.45, 0.82, 0.4, 0.85, 2.0, 30000);
        for (int columns : new int[] {80, 50, 30, 20}) {
            StringWriter text = new StringWriter();
            Progress p = new Progress(new PrintWriter(text), true, new Clock(), () -> columns);
            p.epochStarted(1, 3, 4, 1000);
            p.epochDone(r, TrainingState.fresh());
            List<String> lines = text.toString().replace("\r\u001b[K", "").lines().toList();
            assertTrue(lines.size() >= 2, text.toString());
            assertTrue(lines.stream().allMatch(l -> l.length() <= columns - 1), columns + ": " + lines);
            assertEquals(Progress.line(r, 3).replaceAll(" +", " "), String.join(" ", lines.stream().map(String::trim).toList()).replaceAll(" +", " "),
                    "the same figures, only broken");
        }
    }

    /** The final line at 60 columns: broken between words, a number never parted from its unit ("0.2 / s training" was). */
    @Test
    void aNumberStaysWithItsUnitWhenALineIsBroken() {
        String line = "test accuracy 73.89% (loss 0.8110) after 1 epoch: 0.2 s training, 1.0 s in all";
        for (int limit : new int[] {59, 50, 40, 30, 20}) {
            List<String> lines = Progress.wrap(line, limit).lines().map(String::trim).toList();
            assertTrue(lines.stream().allMatch(l -> l.length() <= limit), limit + ": " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.matches("(s|epoch:|s training,|s in all)( .*)?")), limit + ": " + lines);
            assertEquals(line, String.join(" ", lines), "the same words, only broken");
        }
    }

    /** At 80 columns the rate goes before the bar narrows. */
    @Test
    void theRateGoesBeforeTheBarNarrows() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), true, new Clock(), () -> 80);
        p.epochStarted(1, 1, 100, 20_000);
        String frame = p.frame(7_000, 1_000_000_000L, 0.7669, 0.7619);
        assertTrue(frame.contains("█".repeat(8) + "░".repeat(16)), "the full 24-cell bar: " + frame);
        assertTrue(frame.contains("0:02 left  loss 0.7669  acc 76.19%"), frame);
    }

    @Test
    void inALogEachEpochIsOnePlainLine() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), false, () -> 200);
        p.epochStarted(1, 3, 4, 1000);
        for (int b = 1; b <= 4; b++) p.batchDone(b, 250 * b, 0.3, 0.5);
        p.epochDone(RECORD, TrainingState.fresh());
        assertFalse(text.toString().contains("\r"));
        assertEquals(1, text.toString().lines().count());
    }

    @Test
    void validationFiguresAppearWhenThereIsASplit() {
        EpochRecord r = new EpochRecord(2, 0.5, 0.8, 0.45, 0.82, 0.4, 0.85, 2.0, 30000);
        assertTrue(Progress.line(r, 5).contains("val loss 0.4500 acc 82.00%"));
        assertEquals("1:15", Progress.clockTime(75));
        assertEquals("1:02:03", Progress.clockTime(3723));
    }
}
