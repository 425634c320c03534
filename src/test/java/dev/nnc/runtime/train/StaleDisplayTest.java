package dev.nnc.runtime.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stale $DISPLAY (an old `ssh -X` or tmux session pointing at an X server that is gone) must not
 * keep the run folder's pictures from being drawn: nnc never opens a window. It did: a java.awt.Color
 * in a static field loaded AWT, which took the display as there, before headless mode was set, and
 * every picture then failed after the last epoch (a re-test in odd environments).
 */
class StaleDisplayTest {
    /** Draws the picture named by args[0] in a fresh JVM, as a program using nnc's runtime would; prints nothing on success. */
    public static void main(String[] args) {
        var record = new EpochRecord(1, 0.5, 0.8, 0.45, 0.82, 0.4, 0.85, 2.0, 30000, Map.of("h.weight", 0.1));
        switch (args[0]) {
            case "curves" -> HistoryPlot.png(List.of(record), "M");
            case "gradients" -> GradientPlot.png(List.of(record), "M", java.util.OptionalInt.empty());
            default -> new ConfusionReport(new long[][] {{3, 1}, {0, 4}}).png();
        }
    }

    /** Each picture on its own, first in its JVM: one drawn before it must not be what made it work. */
    @Test
    void picturesAreDrawnWhateverDisplayIsSet() throws IOException, InterruptedException {
        for (String picture : List.of("curves", "gradients", "confusion")) {
            ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StaleDisplayTest.class.getName(), picture);
            java.environment().put("DISPLAY", "localhost:99.0"); // no X server there
            Process p = java.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), picture + ": " + out);
            assertEquals("", out, picture);
        }
    }
}
