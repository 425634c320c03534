package dev.nnc.runtime.data;

import java.time.Duration;
import java.util.Locale;

/** Numbers and durations as the messages of this package write them. */
final class Text {
    private Text() {}

    /** 47,040,000 */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "10 min", "15 s", "0.5 s" */
    static String duration(Duration d) {
        if (d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() >= 1) {
            return d.toMinutes() + " min";
        }
        double seconds = d.toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
}
