package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        Progress p = new Progress(new PrintWriter(text), true, clock);
        p.epochStarted(1, 3, 4, 1000);
        for (int b = 1; b <= 4; b++) {
            clock.now += 250_000_000L;
            p.batchDone(b, 250 * b, 1.0 / b, 0.5);
        }
        p.epochDone(RECORD, TrainingState.fresh());
        String out = text.toString();
        assertTrue(out.startsWith("\repoch 1/3 "), out);
        assertTrue(out.contains(" 25% 250/1,000  1,000 samples/s  0:01 left  loss 1.0000  acc 50.00%"), out);
        assertTrue(out.contains("100% 1,000/1,000"), out);
        assertTrue(out.endsWith("epoch 1/3  train loss 0.5000 acc 80.00%  test loss 0.4000 acc 85.00%  2.0 s  30,000 samples/s\n"), out);
    }

    @Test
    void inALogEachEpochIsOnePlainLine() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), false);
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
