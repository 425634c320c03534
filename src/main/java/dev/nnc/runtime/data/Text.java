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

    /** Time taken, to the second: "45 s", "1 min 30 s", "2 min". */
    static String elapsed(long seconds) {
        if (seconds < 60) return seconds + " s";
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
